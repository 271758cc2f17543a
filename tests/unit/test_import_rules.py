"""The layering rules of DESIGN §2, checked rather than trusted.

The domain imports nothing from store, io or tui; Textual loads only under tui (so the CLI's
non-UI commands stay light); tui reaches stored data only through `netdesk.store.repo`.
"""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import netdesk
import netdesk.domain

PACKAGE = Path(netdesk.__file__).parent
DOMAIN_MODULES = sorted(
    f"netdesk.domain.{m.name}" for m in pkgutil.iter_modules(netdesk.domain.__path__)
)
NON_UI_MODULES = (
    "netdesk.cli",
    "netdesk.locations",
    "netdesk.store.repo",
    "netdesk.io.linkedin",
    "netdesk.io.export",
    "netdesk.io.demo",
)


def loaded_after_import(
    modules: list[str] | tuple[str, ...], prefixes: tuple[str, ...]
) -> list[str]:
    """Modules under `prefixes` that a fresh interpreter holds after importing `modules`."""
    code = (
        f"import sys\nimport {', '.join(modules)}\n"
        f"print('\\n'.join(sorted(m for m in sys.modules "
        f"if any(m == f or m.startswith(f + '.') for f in {prefixes!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_domain_modules_are_discovered() -> None:
    """The list below is the package's real content, so a new domain module is checked too."""
    assert "netdesk.domain.queue" in DOMAIN_MODULES
    assert "netdesk.domain.contact_index" in DOMAIN_MODULES


def test_domain_imports_no_ui_storage_or_io() -> None:
    """Importing every domain module loads no Textual, TinyDB, store, io or tui."""
    forbidden = ("textual", "tinydb", "netdesk.store", "netdesk.io", "netdesk.tui")
    assert loaded_after_import(DOMAIN_MODULES, forbidden) == []


def test_textual_loads_only_under_tui() -> None:
    """The CLI, store and importers run without importing Textual at all."""
    assert loaded_after_import(NON_UI_MODULES, ("textual", "netdesk.tui")) == []


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_tui_reaches_data_only_through_the_repo() -> None:
    """No tui module imports TinyDB or the store's internals; repo (and its errors) only."""
    allowed = {"netdesk.store.repo", "netdesk.store.errors"}
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name
            for name in _imported_names(path)
            if name.startswith("tinydb")
            or (name.startswith("netdesk.store") and name not in allowed)
        )
        for path in (PACKAGE / "tui").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}
