"""The queue in every shipped theme: catches a theme that stops loading or loses contrast."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from apps.themed_queue_app import build

SHIPPED = sorted(
    entry.name.removesuffix(".toml")
    for entry in resources.files("netdesk.themes").iterdir()
    if entry.name.endswith(".toml")
)


def test_the_three_designed_themes_ship() -> None:
    """A dark, a light and a high-contrast theme (DESIGN §8), each snapshotted below."""
    assert SHIPPED == ["netdesk-dark", "netdesk-high-contrast", "netdesk-light"]


@pytest.mark.parametrize("theme", SHIPPED)
def test_queue_in_theme(theme: str, snap_compare, tmp_path: Path) -> None:
    """The frozen demo queue, started with `theme` saved in settings."""
    app = build(theme, tmp_path)
    try:
        assert snap_compare(app, terminal_size=(120, 40))
        assert app.theme == theme
    finally:
        app.repo.close()
