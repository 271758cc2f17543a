"""Themes: shipped and user TOML files, one warning for bad files, the choice remembered."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.color import Color
from textual.command import CommandList
from textual.css.stylesheet import Stylesheet
from tui_helpers import FROZEN, SIZE, enter_text, notes, wait_for

from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.themes import (
    COLOURS,
    DEFAULT_THEME,
    VARIABLE_DEFAULTS,
    load_themes,
    theme_from_toml,
    user_themes_dir,
)

MakeApp = Callable[..., NetdeskApp]
"""The `make_app` fixture from conftest.py."""

SHIPPED = ("netdesk-dark", "netdesk-light", "netdesk-high-contrast")
MINIMAL = {
    "name": "mine",
    "dark": True,
    "primary": "#336699",
    "background": "#000000",
    "foreground": "#eeeeee",
}


def write_user_theme(name: str, text: str) -> Path:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- loading ---------------------------------------------------------------------------------


def test_shipped_themes_are_complete(tmp_path: Path) -> None:
    """Each shipped theme sets every colour and every netdesk variable, and nothing is wrong."""
    themes = load_themes(user_dir=tmp_path)
    assert themes.problems == []
    for name in SHIPPED:
        theme = themes.by_name[name]
        for colour in COLOURS:
            if colour != "boost":
                Color.parse(getattr(theme, colour))
        assert set(VARIABLE_DEFAULTS) <= set(theme.variables)
    assert themes.by_name["netdesk-light"].dark is False


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"primary": "blurple"}, "primary: failed to parse 'blurple' as a color"),
        ({"primary": "Red"}, "did you mean 'red'?"),
        ({"background": 12}, "background: 12 must be a colour in quotes"),
        ({"name": "my theme"}, "name: 'my theme' must start with a letter"),
        ({"dark": "yes"}, "dark: 'yes' must be true or false"),
        ({"primay": "#fff"}, "primay: not a theme field"),
        ({"text_alpha": 2}, "text_alpha: 2 must be a number from 0 to 1"),
        ({"variables": {"stage-new": "greenish"}}, "variables.stage-new: failed to parse"),
        ({"variables": {"link-style": 3}}, "variables.link-style: 3 must be text in quotes"),
        ({"variables": {"block-cursor-text-style": "loud"}}, "must be style words"),
        ({"variables": "red"}, "variables: must be a table"),
    ],
)
def test_bad_fields_are_named(changes: dict[str, Any], expected: str) -> None:
    """Every kind of mistake names the field and says what is wrong with it."""
    theme, problems = theme_from_toml({**MINIMAL, **changes})
    assert theme is None
    assert any(expected in problem for problem in problems), problems


def test_missing_required_fields_are_each_named() -> None:
    theme, problems = theme_from_toml({"name": "half"})
    assert theme is None
    assert problems == [
        "dark: required",
        "primary: required",
        "background: required",
        "foreground: required",
    ]


def test_css_values_textual_accepts_are_accepted() -> None:
    """Opacity suffixes, `auto`, style words and colour functions all pass."""
    theme, problems = theme_from_toml(
        {
            **MINIMAL,
            "secondary": "rgb(10, 20, 30)",
            "luminosity_spread": 0.2,
            "variables": {
                "stage-new": "#336699 40%",
                "text-muted": "auto 60%",
                "link-background": "initial",
                "link-style-hover": "bold not underline",
                "block-cursor-text-style": "b reverse",
            },
        }
    )
    assert problems == []
    assert theme is not None and theme.variables["stage-new"] == "#336699 40%"


def test_user_theme_is_picked_up_and_can_replace_a_shipped_one() -> None:
    write_user_theme(
        "mine.toml",
        'name = "mine"\ndark = true\nprimary = "#336699"\n'
        'background = "#000000"\nforeground = "#eeeeee"\n',
    )
    write_user_theme(
        "dark.toml",
        'name = "netdesk-dark"\ndark = true\nprimary = "#ff0000"\n'
        'background = "#000000"\nforeground = "#ffffff"\n',
    )
    themes = load_themes()
    assert themes.problems == []
    assert themes.by_name["mine"].primary == "#336699"
    assert themes.by_name["netdesk-dark"].primary == "#ff0000"


# --- in the app ------------------------------------------------------------------------------


async def test_default_theme_is_netdesk_dark(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME == "netdesk-dark"
        assert app.theme_variables["stage-talked"] == "#6cc28a"
        assert notes(app) == []


async def test_bad_theme_files_make_one_warning_and_the_app_starts(make_app: MakeApp) -> None:
    """Two broken files, one warning naming both and their fields; good files still load."""
    bad_colour = write_user_theme(
        "bad-colour.toml",
        'name = "bad"\ndark = true\nprimary = "#12345"\nbackground = "#000"\n'
        'foreground = "#fff"\n[variables]\nstage-talked = "greenish"\n',
    )
    broken = write_user_theme("broken.toml", 'name = "broken"\nprimary = \n')
    write_user_theme(
        "good.toml",
        'name = "good"\ndark = false\nprimary = "#336699"\n'
        'background = "#ffffff"\nforeground = "#111111"\n',
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "netdesk-dark"
        assert "good" in app.available_themes
        assert "bad" not in app.available_themes
        warnings = [n for n in notes(app) if "theme files were skipped" in n]
        assert len(warnings) == 1
        warning = warnings[0]
        assert f"{bad_colour}: primary: failed to parse '#12345'" in warning
        assert f"{bad_colour}: variables.stage-talked:" in warning
        assert f"{broken}: not valid TOML" in warning
        assert app.screen.query_one("#queue").option_count > 0  # the queue is there


async def test_unknown_saved_theme_falls_back_without_forgetting_it(db_path: Path) -> None:
    """A theme file removed since last time: netdesk-dark now, the saved name kept for later."""
    with Repo.open(db_path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), theme="gone"))
    repo = Repo.open(db_path)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "netdesk-dark"
            (warning,) = [n for n in notes(app) if "'gone'" in n]
            assert "netdesk-light" in warning and "netdesk-high-contrast" in warning
            assert repo.settings().theme == "gone"
    finally:
        repo.close()


async def test_theme_picked_with_ctrl_t_persists_across_restart(db_path: Path) -> None:
    repo = Repo.open(db_path)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+t")
            await enter_text(pilot, "high-contrast")
            await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count == 1)
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: app.theme == "netdesk-high-contrast")
            assert repo.settings().theme == "netdesk-high-contrast"
    finally:
        repo.close()

    repo = Repo.open(db_path)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "netdesk-high-contrast"
            assert app.theme_variables["stage-talked"] == "#00ff66"
    finally:
        repo.close()


async def test_textual_themes_get_netdesk_variable_defaults(make_app: MakeApp) -> None:
    """A theme without netdesk's variables (here Textual's nord) still styles every screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        for key in ("6", "comma", "1"):
            await pilot.press(key)
            await pilot.pause()
        assert app.theme_variables["stage-talked"] == VARIABLE_DEFAULTS["stage-talked"]
        assert app.repo.settings().theme == "nord"


def test_the_readme_example_is_a_valid_theme() -> None:
    """The TOML example in README's Themes section loads as it is written."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Themes", 1)[1]
    example = section.split("```toml", 1)[1].split("```", 1)[0]
    theme, problems = theme_from_toml(tomllib.loads(example))
    assert problems == []
    assert theme is not None and theme.name == "dusk"
    assert set(VARIABLE_DEFAULTS) <= set(theme.variables)


async def test_first_visits_parse_no_css_again_and_show_the_theme_in_force(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A screen shown for the first time is styled as it mounts: no re-parse of every rule
    (Textual would do two), and a theme picked since start-up is still the one it shows."""
    reparses: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def counted(stylesheet: Stylesheet) -> None:
        reparses.append(stylesheet)
        reparse(stylesheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert type(app.screen).__name__ == "ContactsScreen"
        assert reparses == []
        await pilot.press("1")
        await pilot.pause()
        assert reparses == []  # and none on the way back to the queue
        app.theme = "netdesk-light"
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert type(app.screen).__name__ == "CallsScreen"
        light = Color.parse(app.theme_variables["background"])
        assert light != Color.parse(app.get_theme("netdesk-dark").background or "")
        assert app.screen.styles.background == light
