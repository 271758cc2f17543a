"""Help lists every command in the registry; the command palette finds netdesk's actions."""

from __future__ import annotations

from conftest import MakeApp
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea
from tui_helpers import SIZE, enter_text, option_texts, plain, wait_for

from netdesk.tui.app import NetdeskApp
from netdesk.tui.commands import COMMANDS
from netdesk.tui.screens.contacts import ContactsScreen
from netdesk.tui.screens.help import HelpScreen
from netdesk.tui.screens.workspace import WorkspaceScreen

COMPOSE_TITLE = "workspace: Write a personal note to the selected person"


async def test_help_shows_every_command(make_app: MakeApp) -> None:
    """`?` lists each registered command's description and id; escape or `?` closes it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = plain(screen.query_one(Static))
        lines = text.splitlines()
        missing = [c.id for c in COMMANDS if not any(c.description in line for line in lines)]
        assert missing == []
        assert "  ?        Show every key. app.help" in lines
        assert "  c        Write a personal note to the selected person. person.compose" in lines
        assert "  ctrl+s   Mark the message sent and set the follow-up date. composer.send" in lines
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("2", "question_mark")  # from another screen, and ? closes it too
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, ContactsScreen)


async def palette_options(pilot: Pilot[int], app: NetdeskApp) -> list[str]:
    """The palette's result list once it has settled."""
    results = app.screen.query_one(OptionList)
    await wait_for(pilot, lambda: results.option_count > 0)
    await pilot.pause()
    return option_texts(results)


async def test_palette_lists_netdesk_actions(make_app: MakeApp) -> None:
    """ctrl+p lists the global and workspace actions, each with its key; typing "compose"
    finds the composer."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        titles = [t.split("\n")[0] for t in await palette_options(pilot, app)]
        assert "everywhere: Go to all contacts  2" in titles
        assert COMPOSE_TITLE + "  c" in titles
        assert "workspace: Skip the selected item until tomorrow  x" in titles

        await enter_text(pilot, "compose")
        results = app.screen.query_one(OptionList)
        await wait_for(
            pilot,
            lambda: COMPOSE_TITLE + "  c" in [t.split("\n")[0] for t in option_texts(results)],
        )
        first = option_texts(results)[0].split("\n")[0]
        assert first == COMPOSE_TITLE + "  c"

        await pilot.press("enter")  # runs it: the composer opens on the selected person
        assert isinstance(app.screen, WorkspaceScreen)
        body = app.screen.query_one("#body", TextArea)
        assert body.has_focus
        assert body.text.startswith("Hi Jamal, messages here get buried")
