"""How the main screens look on the frozen demo data (SVG baselines in __snapshots__/).

Regenerate after an intended visual change with
`pytest tests/tui/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

APP = Path(__file__).parent / "apps" / "demo_app.py"


def test_queue(snap_compare: Any) -> None:
    """The workspace at 120x40: queue, card, empty composer and history side by side."""
    assert snap_compare(APP, terminal_size=(120, 40))


def test_queue_narrow(snap_compare: Any) -> None:
    """The workspace at 80x24: queue above the card, composer and history hidden until asked
    for, the keys on two lines."""
    assert snap_compare(APP, terminal_size=(80, 24))


def test_queue_narrow_composing(snap_compare: Any) -> None:
    """The workspace at 80x24 after `c`: the composer opens under the queue and the card."""
    assert snap_compare(APP, terminal_size=(80, 24), press=["c"], run_before=no_cursor_blink)


def test_contacts(snap_compare: Any) -> None:
    """The contacts list, sorted by name."""
    assert snap_compare(APP, terminal_size=(120, 40), press=["2"])


async def no_cursor_blink(pilot: Pilot[Any]) -> None:
    """A blinking cursor would make the picture depend on timing."""
    for area in pilot.app.query(TextArea):
        area.cursor_blink = False


def test_composer_with_draft(snap_compare: Any) -> None:
    """`c` on a new-outreach person: First outreach template, {personal} selected."""
    assert snap_compare(
        APP,
        terminal_size=(120, 40),
        press=["end", "up", "up", "up", "c"],
        run_before=no_cursor_blink,
    )


def test_calls(snap_compare: Any) -> None:
    """Upcoming calls, then held calls."""
    assert snap_compare(APP, terminal_size=(120, 40), press=["3"])


def test_help(snap_compare: Any) -> None:
    """The help screen over the workspace."""
    assert snap_compare(APP, terminal_size=(120, 40), press=["question_mark"])
