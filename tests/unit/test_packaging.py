"""The wheel ships every netdesk package and the top-level themes/ folder."""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_every_package_is_listed_for_the_wheel() -> None:
    """pyproject lists packages by hand (themes/ is mapped to netdesk.themes); a new package
    under netdesk/ missing from that list would be left out of the wheel."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in ROOT.glob("netdesk/**/__init__.py")
    }
    assert sorted(setuptools["packages"]) == sorted(on_disk | {"netdesk.themes"})
    assert setuptools["package-dir"] == {"netdesk.themes": "themes"}
    assert (ROOT / "themes" / "__init__.py").is_file()
    assert setuptools["package-data"]["netdesk.themes"] == ["*.toml"]


def test_the_wheel_builds_and_holds_the_themes_and_the_stylesheet(tmp_path: Path) -> None:
    """Build the wheel from a copy of the sources, offline, with the setuptools installed for
    the tests (pyproject's `requires`, checked), and look inside: the app cannot start without
    its stylesheet, and the shipped themes are files setuptools leaves out unless told."""
    source = tmp_path / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("netdesk", "themes"):
        shutil.copytree(ROOT / folder, source / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    build = "wheel --no-deps --no-build-isolation --check-build-dependencies --no-cache-dir -q"
    subprocess.run(
        [sys.executable, "-m", "pip", *build.split(), "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("netdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        license_line = "License-Expression: MIT" in archive.read(metadata).decode()
    themes = {f"netdesk/themes/{p.name}" for p in (ROOT / "themes").glob("*.toml")}
    assert len(themes) >= 3
    assert themes <= names
    assert "netdesk/tui/netdesk.tcss" in names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "netdesk").rglob("*.py")}
    assert modules <= names
    assert license_line
