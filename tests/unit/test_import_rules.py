"""The layering rules of DESIGN §2, checked rather than trusted.

The domain imports nothing from store, io or tui; Textual loads only under tui (so the CLI's
non-UI commands stay light); tui reaches stored data only through `netdesk.store.repo`.
"""

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Callable
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


def test_clipboard_and_browser_load_on_first_use() -> None:
    """The app and its screens start without pyperclip (which may import Qt) or webbrowser."""
    screens = ("netdesk.tui.app", "netdesk.tui.screens.workspace", "netdesk.tui.screens.contacts")
    assert loaded_after_import(screens, ("pyperclip", "webbrowser")) == []


def imported_names(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports, anywhere in it, by full name.

    Relative imports are resolved against `module`'s package; `from a import b` names both
    `a` and `a.b` (b may be a module); imports inside functions count like any other.
    """
    package = module.rsplit(".", 1)[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _offenders(folder: str, bad: Callable[[str], bool]) -> dict[str, list[str]]:
    """Each module under netdesk/`folder` with the names it imports that `bad` rejects."""
    found = {
        str(path.relative_to(PACKAGE)): sorted(
            name
            for name in imported_names(path.read_text(encoding="utf-8"), _module_name(path))
            if bad(name)
        )
        for path in (PACKAGE / folder).rglob("*.py")
    }
    return {k: v for k, v in found.items() if v}


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_imported_names_sees_relative_aliased_and_function_level_imports() -> None:
    """The scan below would pass a sneaked-in import if it missed any of these forms."""
    source = (
        "from ..store import storage\n"
        "from . import literal\n"
        "from netdesk import store\n"
        "def later():\n"
        "    import tinydb.table\n"
    )
    assert imported_names(source, "netdesk.tui.app") == {
        "netdesk.store",
        "netdesk.store.storage",
        "netdesk.tui",
        "netdesk.tui.literal",
        "netdesk",
        "tinydb.table",
    }


def test_tui_reaches_data_only_through_the_repo() -> None:
    """No tui module imports TinyDB or the store's internals; repo (and its errors) only."""
    allowed = ("netdesk.store.repo", "netdesk.store.errors")

    def bad(name: str) -> bool:
        if _under(name, ("tinydb",)):
            return True
        return (
            _under(name, ("netdesk.store",))
            and name != "netdesk.store"
            and not _under(name, allowed)
        )

    assert _offenders("tui", bad) == {}


def test_domain_imports_nothing_impure_even_inside_functions() -> None:
    """The subprocess test above sees only what loads at import; this sees every import."""
    forbidden = ("textual", "rich", "tinydb", "platformdirs", "netdesk.store", "netdesk.io")
    forbidden += ("netdesk.tui", "netdesk.locations", "os", "io", "pathlib", "shutil")
    assert _offenders("domain", lambda name: _under(name, forbidden)) == {}
