"""The wheel ships every netdesk package and the top-level themes/ folder."""

import tomllib
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
