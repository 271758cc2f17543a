import subprocess
import sys

DOMAIN_MODULES = (
    "netdesk.domain.models",
    "netdesk.domain.dates",
    "netdesk.domain.templates",
    "netdesk.domain.intro",
    "netdesk.domain.introducers",
    "netdesk.domain.queue",
    "netdesk.domain.stats",
)
FORBIDDEN = ("textual", "tinydb", "netdesk.store", "netdesk.io", "netdesk.tui")


def test_domain_imports_no_ui_storage_or_io() -> None:
    """A fresh interpreter importing all domain modules loads no Textual, TinyDB, store, io, tui."""
    code = (
        f"import sys\nimport {', '.join(DOMAIN_MODULES)}\n"
        f"print('\\n'.join(sorted(m for m in sys.modules "
        f"if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == []
