"""The key bar never hides the routine's keys: a second line at 80 columns, the finder whole
at 120, and every dialog and settings with their own keys (escape too) over the screen's."""

from __future__ import annotations

import pytest
from conftest import MakeApp
from textual.pilot import Pilot
from textual.widgets import OptionList
from tui_helpers import SIZE, screen_text, wait_for

from netdesk.tui.app import NetdeskApp
from netdesk.tui.commands import FINDER, commands_for
from netdesk.tui.screens.help import HelpScreen
from netdesk.tui.screens.targets import FinderScreen
from netdesk.tui.widgets.key_bar import KeyBar

ROUTINE = ["c Compose", "l Log call", "r Replied", "t Schedule", "s Snooze", "x Skip"]
ROUTINE += ["d Done", "i Introduce", "? Help"]
"""The morning routine's keys, as the queue's bar draws them."""


def bar_lines(app: NetdeskApp) -> list[str]:
    """The key bar's rows as drawn: the last rows of the terminal."""
    bar = app.screen.query_one(KeyBar)
    return screen_text(app).splitlines()[-bar.size.height :]


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_queue_bar_shows_every_routine_key(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    """At 80 columns the keys take a second line instead of an ellipsis; the palette key
    stays at the right of the last line."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = bar_lines(app)
        drawn = "\n".join(lines)
        for key in ROUTINE:
            assert f" {key} " in drawn, (key, lines)
        assert "…" not in drawn
        assert lines[-1].rstrip().endswith("^p palette")
        assert len(lines) == (2 if size[0] == 80 else 1)
        assert all(len(line) <= size[0] for line in lines)


async def test_a_key_on_the_second_line_is_clicked(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first, second = bar_lines(app)
        assert "? Help" not in first
        column = second.index("? Help")
        await pilot.click(KeyBar, offset=(column + 2, 1))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def open_finder(pilot: Pilot[int], app: NetdeskApp) -> None:
    await pilot.press("5")
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, FinderScreen))
    await pilot.pause()


async def test_the_finder_bar_is_whole_at_120_columns(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_finder(pilot, app)
        assert isinstance(app.focused, OptionList)  # the introducers, not a text field
        drawn = "\n".join(bar_lines(app))
        assert "…" not in drawn
        for command in commands_for(FINDER):
            if command.show:
                binding = command.binding()
                assert f" {app.get_key_display(binding)} {command.label} " in drawn, command.id


async def dialog_bar(pilot: Pilot[int], app: NetdeskApp, *keys: str) -> str:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()  # the dialog's own bar mounts once it is shown
    return "\n".join(bar_lines(app))


@pytest.mark.parametrize("size", [(80, 24), SIZE])
@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("s",), ["esc Cancel"]),  # snooze: when?
        (("t",), ["esc Cancel"]),  # schedule a call
        (("e",), ["^s Save", "esc Cancel"]),  # the contact form
        (("l",), ["^s Save", "esc Cancel"]),  # log a call
        (("question_mark",), ["esc Close"]),
        (("2", "D"), ["y Yes", "n No", "esc Cancel"]),  # do not contact?
        (("comma",), ["^s Save", "esc Queue"]),  # settings, a screen of its own
    ],
    ids=["snooze", "schedule", "edit", "log-call", "help", "confirm", "settings"],
)
async def test_dialogs_and_settings_show_their_own_keys(
    make_app: MakeApp, size: tuple[int, int], keys: tuple[str, ...], expected: list[str]
) -> None:
    """Not the queue's keys behind them: those do nothing while a dialog is open."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        drawn = await dialog_bar(pilot, app, *keys)
        for key in expected:
            assert f" {key} " in drawn, (key, drawn)
        for behind in ("c Compose", "x Skip", "? Help"):
            assert behind not in drawn, (behind, drawn)
