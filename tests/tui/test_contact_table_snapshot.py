"""How the contacts list looks: columns, truncation, cursor, and hostile names shown literally."""

from pathlib import Path

APP = Path(__file__).parent / "apps" / "contact_table_app.py"


def test_contact_table_snapshot(snap_compare) -> None:
    assert snap_compare(str(APP), terminal_size=(100, 24), press=["down", "down"])
