"""Tab between fields shows what changed and nothing stale: the key bar follows the field
(it repaints only when its keys change) and a person search lists its matches only while
focus is in it (shown and hidden as focus moves, without a :focus-within rule).

What is checked is the screen as composited from each widget's drawn lines, so a widget
that was not repainted shows its old look here as it would on the terminal.
"""

from __future__ import annotations

from conftest import MakeApp
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from tui_helpers import SIZE, plain, screen_text

from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import IntroWizard
from netdesk.tui.screens.intro_wizard.people import PeopleStep
from netdesk.tui.widgets.contact_search import ContactSearch
from netdesk.tui.widgets.key_bar import KeyBar


def bottom_line(app: NetdeskApp) -> str:
    return screen_text(app).splitlines()[-1]


def lists_shown(app: NetdeskApp) -> dict[str, bool]:
    """Each person search of the screen: whether its matches are on the screen."""
    return {
        str(search.id): search.query_one(OptionList).region.height > 0
        for search in app.screen.query(ContactSearch)
    }


async def open_wizard(pilot: Pilot[int]) -> IntroWizard:
    await pilot.press("4", "n")
    await pilot.pause()
    wizard = pilot.app.screen
    assert isinstance(wizard, IntroWizard)
    return wizard


async def test_the_key_bar_follows_tab_into_a_field_with_other_keys(make_app: MakeApp) -> None:
    """In a person search `?` types a character, so help is not offered; tab on to the
    steps pane offers it, and tab back into the search takes it away, each on the screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_wizard(pilot)
        searches = [search.input for search in wizard.query(ContactSearch)]
        assert app.focused is searches[0]
        assert "? Help" not in bottom_line(app)
        seen: list[bool] = []
        for expected in (searches[1], wizard.query_one(PeopleStep), searches[0]):
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is expected
            drawn = bottom_line(app)
            assert drawn.rstrip() == plain(wizard.query_one(KeyBar)).rstrip()
            seen.append("? Help" in drawn)
        assert seen == [False, True, False]


async def test_the_matches_show_only_while_focus_is_in_the_search(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        assert lists_shown(app) == {"pick-a": True, "pick-b": False}
        await pilot.press("tab")
        await pilot.pause()
        assert lists_shown(app) == {"pick-a": False, "pick-b": True}
        await pilot.press("tab")  # the steps pane
        await pilot.pause()
        assert not isinstance(app.focused, Input)
        assert lists_shown(app) == {"pick-a": False, "pick-b": False}
        await pilot.press("tab", "n", "o", "o", "r")
        await pilot.pause()
        assert lists_shown(app) == {"pick-a": True, "pick-b": False}
        assert "Noor Reyes" in screen_text(app)
