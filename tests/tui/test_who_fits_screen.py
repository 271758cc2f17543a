"""Who fits?: f opens the finder, a need typed in words lists the people who fit, and each
result leads to a referral, an introduction or the person.

The frozen demo network: Zofia García (22) offers "website redesign and UX design for small
companies", Dmitri Wong (15) "websites for dental practices, Shopify", Ines Petrov (16) "UX
design and user research for apps" (all three talked with); Fatima Rossi (13) "industrial
design of consumer products" (never talked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.content import Content
from textual.widgets import Input, OptionList
from tui_helpers import (
    FROZEN,
    SIZE,
    enter_text,
    notes,
    option_texts,
    plain,
    screen_text,
    wait_for,
)

from netdesk.domain import fits as fits_domain
from netdesk.domain.models import Contact, MessageKind, ReferralDirection
from netdesk.tui import background
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.fits import WhoFitsScreen
from netdesk.tui.screens.intro_wizard import IntroWizard
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.referral_form import ReferralForm
from netdesk.tui.widgets.contact_search import ContactSearch
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.snippet import MATCH_STYLE

if TYPE_CHECKING:
    from conftest import MakeApp

ZOFIA_GARCIA, DMITRI, INES, FATIMA = 22, 15, 16, 13


def finder(app: NetdeskApp) -> WhoFitsScreen:
    screen = app.screen
    assert isinstance(screen, WhoFitsScreen)
    return screen


def results(app: NetdeskApp) -> list[str]:
    return option_texts(finder(app).query_one("#fits", OptionList))


async def ask(app: NetdeskApp, need: str) -> None:
    """Type `need` (set directly: what is tested is the result, not the typing)."""
    app.screen.query_one("#need", Input).value = need
    await app.workers.wait_for_complete()


@pytest.mark.parametrize("key", ["1", "2", "3", "7"])
async def test_f_opens_the_finder_from_the_queue_contacts_calls_and_referrals(
    make_app: MakeApp, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key, "f")
        screen = finder(app)
        assert app.focused is screen.query_one("#need", Input)
        assert results(app) == ["Type what someone needs; the people who fit show here."]
        await pilot.press("escape")
        assert not isinstance(app.screen, WhoFitsScreen)


async def test_results_best_first_with_network_closeness_field_and_snippet(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "website redesign")
        await pilot.pause()
        rows = results(app)
        assert rows[0] == (
            " Zofia García  A network · acquaintance\n"
            "   offers: website redesign and UX design for small companies"
        )
        assert rows[1] == (
            " Dmitri Wong  A network · acquaintance\n"
            "   offers: websites for dental practices, Shopify"
        )
        b_rows = [row for row in rows if "B network" in row]
        assert b_rows and all("B network · never talked" in row for row in b_rows)
        assert rows.index(b_rows[0]) > 1  # the talked-with people first
        status = plain(finder(app).query_one("#fits-status"))
        assert status.startswith(f"{len(rows)} found, best first")


async def test_the_matched_words_are_picked_out_in_the_snippet(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "website design")
        await pilot.pause()
        prompt = finder(app).query_one("#fits", OptionList).get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        picked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == MATCH_STYLE]
        assert picked == ["website", "design"]  # "redesign" is another word


async def test_typing_keeps_one_index_and_ends_honestly_empty(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each keystroke is a query of the one index built on first use (never a rebuild); a
    need nobody fits says so, and says what to try."""
    built: list[int] = []
    original = fits_domain.TextIndex.__init__

    def counting(self: fits_domain.TextIndex, *args: object, **kwargs: object) -> None:
        built.append(1)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fits_domain.TextIndex, "__init__", counting)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        for letter in "bookk":
            await pilot.press(letter)
        assert results(app)[0].startswith(" Noor Reyes  A network")  # the bookkeeper
        await enter_text(pilot, "eeping zebra")
        await enter_text(pilot, " quantum")
        assert len(built) == 1
        finder(app).query_one("#need", Input).value = "zebra quantum"
        await pilot.pause()
        assert results(app) == [
            "Nobody fits “zebra quantum”: no text netdesk holds has those words. "
            "Try other words, or ctrl+f to search everything."
        ]
        assert finder(app).results == []


async def test_enter_in_the_need_goes_to_the_results_and_enter_opens_the_person(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "website redesign")
        await pilot.press("enter")
        assert app.focused is finder(app).query_one("#fits", OptionList)
        await pilot.press("down", "enter")
        screen = app.screen
        assert isinstance(screen, PersonDetailScreen)
        assert screen.contact_id == DMITRI
        await pilot.press("escape")
        await pilot.press("slash")
        need: object = finder(app).query_one("#need", Input)  # (mypy narrowed focused above)
        assert app.focused is need


async def test_i_starts_an_introduction_with_the_selected_person(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "bookkeeper xero")
        await pilot.press("down", "i")
        wizard = app.screen
        assert isinstance(wizard, IntroWizard)
        assert wizard.a is not None and wizard.a.name == "Noor Reyes"
        assert wizard.b is None


async def test_r_records_a_referral_given_for_the_need_typed(make_app: MakeApp) -> None:
    """The form starts with the person and the need, at who was referred (typed in)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "website   redesign")
        await pilot.press("down", "r")
        form = app.screen
        assert isinstance(form, ReferralForm)
        assert form.query_one("#other", ContactSearch).input.value == "Zofia García"
        assert form.query_one("#need", Input).value == "website redesign"
        referred = form.query_one("#referred", ContactSearch)
        assert app.focused is referred.input  # the first field left to fill
        assert not form.query_one("#other OptionList").display  # only the focused search lists
        referred.input.value = "Bob Lee (the clinic)"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, WhoFitsScreen)
        (referral,) = app.repo.referrals
        assert (referral.direction, referral.giver_id, referral.receiver_id) == (
            ReferralDirection.GIVEN,
            None,
            ZOFIA_GARCIA,
        )
        assert (referral.need, referral.referred_id, referral.referred_name) == (
            "website redesign",
            None,
            "Bob Lee (the clinic)",
        )
        assert notes(app)[-1] == "Recorded a referral to Zofia García. · u undo"


async def test_a_refused_referral_keeps_the_form_and_says_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "website redesign")
        await pilot.press("down", "r", "ctrl+s")  # nobody referred yet
        assert isinstance(app.screen, ReferralForm)
        assert "Say who was referred: pick a contact or type a name." in notes(app)
        assert len(app.repo.referrals) == 0


async def test_ctrl_f_searches_everything_and_jumps_to_the_person(make_app: MakeApp) -> None:
    """A word only in a message body: who-fits does not find it, search-everything does."""
    app = make_app()
    app.repo.mark_sent(FATIMA, MessageKind.OUTREACH, "about the zeppelin hangar", "", FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "zeppelin")
        await pilot.pause()
        assert finder(app).results == []
        await pilot.press("ctrl+f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = finder(app)
        assert screen.query_one("#fits-pane").border_title == "Search everything"
        assert results(app) == [
            " Fatima Rossi  B network · never talked · met once\n"
            "   message: about the zeppelin hangar"
        ]
        await pilot.press("enter", "enter")
        person = app.screen
        assert isinstance(person, PersonDetailScreen) and person.contact_id == FATIMA
        await pilot.press("escape", "ctrl+f")
        assert finder(app).query_one("#fits-pane").border_title == "Who fits?"


async def test_names_and_snippets_are_drawn_literally(make_app: MakeApp) -> None:
    app = make_app()
    app.repo.save_contact(
        Contact(
            first_name="[bold]Eve",
            offers="[@click=app.quit]gliders \x1b]52;c;aGk=\x07 and\u202e zeppelin tours",
        ),
        FROZEN,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await ask(app, "zeppelin gliders")
        await pilot.pause()
        (row,) = results(app)
        assert row.startswith(" [bold]Eve  B network")
        assert "[@click=app.quit]gliders" in row and "zeppelin tours" in row
        assert "\x1b" not in screen_text(app) and "\u202e" not in row
        await pilot.press("enter")  # a click-action in the text would have quit
        assert app.is_running


async def test_the_first_build_runs_in_a_worker_at_scale(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the in-place limit the screen says it is preparing, then shows the results."""
    monkeypatch.setattr(background, "IN_PLACE_BELOW", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        app.screen.query_one("#need", Input).value = "website redesign"
        await wait_for(pilot, lambda: bool(finder(app).results))
        assert results(app)[0].startswith(" Zofia García  A network")


async def test_the_key_bar_at_80_columns_shows_the_finder_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await ask(app, "website")
        await pilot.press("enter")  # the list: the letter keys act there
        bar = plain(app.screen.query_one(KeyBar))
        for key in ("^f Everything", "r Referral", "i Introduce", "/ Need", "esc Back"):
            assert key in bar


async def test_a_failed_first_build_says_what_to_do(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "IN_PLACE_BELOW", 0)
    app = make_app()

    def broken() -> object:
        raise RuntimeError("out of memory")

    monkeypatch.setattr(app.repo, "fits_index", broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = "The search could not be prepared (out of memory): escape, then f to try again."
        assert plain(finder(app).query_one("#fits-status")) == message
        assert notes(app)[-1] == message
