"""The Referrals screen (7): what waits on you first, then given and received; each key one
repo action and one undo step; the card shows the referrals with the person on the other side.

The frozen demo's twelve referrals (demo.generate with referrals): the first waiting is the
dropped referral Olu Eriksen (60) sent you (Bruno Castillo, "a grant application").
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input, OptionList, Select
from tui_helpers import FROZEN, build_demo_db, notes, option_texts, plain, screen_text

from netdesk.domain.models import ReferralDirection, ReferralStatus
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.screens.referral_form import ReferralForm
from netdesk.tui.screens.referrals import ReferralsScreen
from netdesk.tui.widgets.card import ContactCard
from netdesk.tui.widgets.contact_search import ContactSearch
from netdesk.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from conftest import MakeApp

SIZE = (120, 40)
OLU_ERIKSEN, INES, NOOR = 60, 16, 21


@pytest.fixture(scope="session")
def referrals_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_db(tmp_path_factory.mktemp("referrals") / "netdesk.json", referrals=True)


@pytest.fixture
def db_path(tmp_path: Path, referrals_demo_db: Path) -> Path:
    """This module's apps open the demo with its referrals (overrides conftest's)."""
    shutil.copytree(referrals_demo_db.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / referrals_demo_db.name


def referrals_screen(app: NetdeskApp) -> ReferralsScreen:
    screen = app.screen
    assert isinstance(screen, ReferralsScreen)
    return screen


def rows(app: NetdeskApp) -> list[str]:
    return option_texts(referrals_screen(app).query_one("#referrals", OptionList))


async def test_seven_groups_what_waits_on_you_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        listed = rows(app)
        assert listed[:4] == [
            "Waiting on you (7)",
            " from Olu Eriksen  dropped\n"
            "   Bruno Castillo: a grant application\n"
            "   → Thank Olu Eriksen for sending Bruno Castillo your way",
            " from Ines Petrov  closed lost\n"
            "   Uma Quinn: solar panels for two depots\n"
            "   → Thank Ines Petrov for sending Uma Quinn your way",
            " from Dmitri Wong  closed won\n"
            "   Nikolai Fischer: warehouse robotics pilot · a six-month contract\n"
            "   → Thank Dmitri Wong for sending Nikolai Fischer your way",
        ]
        headings = [row for row in listed if not row.startswith(" ")]
        assert headings == [
            "Waiting on you (7)",
            "Given, open (1)",
            "Received, open (1)",
            "Closed (3)",
        ]
        assert (
            " to Ines Petrov  contacted\n   Hana Lindqvist: freight from Rotterdam to Hamburg\n"
            "   → Contacted 19 days ago: ask Ines Petrov how Hana Lindqvist went"
        ) in listed
        summary = plain(referrals_screen(app).query_one("#referrals-summary"))
        assert summary == "6 given · 6 received · 7 waiting on you"
        card = plain(referrals_screen(app).query_one(ContactCard))
        assert card.startswith("Olu Eriksen  B network")
        assert "They sent you Bruno Castillo: a grant application (dropped)" in card
        assert "You sent them Jamal Ito: brand strategy for a bakery (dropped)" in card


async def test_record_a_referral_received_then_thank_and_undo(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "r")
        form = app.screen
        assert isinstance(form, ReferralForm)
        assert form.title_text == "A referral you received"
        other = form.query_one("#other", ContactSearch)
        other.input.value = "Noor Re"
        await pilot.pause()
        await pilot.press("enter")  # picks Noor Reyes from the list
        assert other.input.value == "Noor Reyes"
        assert app.focused is form.query_one("#need", Input)
        form.query_one("#need", Input).value = "a cold-chain audit"
        form.query_one("#referred", ContactSearch).input.value = "Pia Holm"
        form.query_one("#consent", Select).value = True
        await pilot.press("ctrl+s")
        screen = referrals_screen(app)
        stored = app.repo.referrals.get(screen.current_id or 0)
        assert stored is not None
        assert (stored.direction, stored.giver_id, stored.need, stored.referred_name) == (
            ReferralDirection.RECEIVED,
            NOOR,
            "a cold-chain audit",
            "Pia Holm",
        )
        assert stored.consent is True
        assert notes(app)[-1] == (
            "Recorded a referral from Noor Reyes. Thank them: t once you have. · u undo"
        )
        assert any("→ Thank Noor Reyes for sending Pia Holm your way" in r for r in rows(app))
        await pilot.press("t")
        thanked = app.repo.referrals.get(stored.id)
        assert thanked is not None and thanked.thanked_at == FROZEN
        assert notes(app)[-1] == "Thanked Noor Reyes. · u undo"
        assert not any("Pia Holm your way" in row for row in rows(app))
        await pilot.press("t")
        assert notes(app)[-1] == "You thanked Noor Reyes on Mon 23 Nov 2026 already."
        await pilot.press("u")  # the thanks, then the referral
        assert app.repo.referrals.get(stored.id).thanked_at is None  # type: ignore[union-attr]
        await pilot.press("u")
        assert app.repo.referrals.get(stored.id) is None


async def test_record_a_referral_given_to_a_contact_with_a_contact_referred(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "g")
        form = app.screen
        assert isinstance(form, ReferralForm)
        form.query_one("#other", ContactSearch).input.value = "Ines Petrov"
        await pilot.pause()
        await pilot.press("enter")
        form.query_one("#need", Input).value = "a designer for an app"
        referred = form.query_one("#referred", ContactSearch)
        referred.input.value = "Zofia García"
        await pilot.pause()
        referred.focus_input()
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        stored = app.repo.referrals.get(referrals_screen(app).current_id or 0)
        assert stored is not None
        assert (stored.direction, stored.receiver_id, stored.referred_id) == (
            ReferralDirection.GIVEN,
            INES,
            22,
        )
        assert notes(app)[-1] == "Recorded a referral to Ines Petrov. · u undo"


async def test_the_other_side_must_be_picked_from_the_contacts(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "g")
        form = app.screen
        assert isinstance(form, ReferralForm)
        form.query_one("#other", ContactSearch).input.value = "Somebody Unknown"
        form.query_one("#need", Input).value = "payroll"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReferralForm)
        assert plain(form.query_one("#form-error")) == (
            "Given to: pick one of your contacts from the list (type, then enter)."
        )
        assert len(app.repo.referrals) == 12


async def test_status_moves_on_and_a_closed_received_one_owes_thanks(
    make_app: MakeApp,
) -> None:
    """Noor's open received referral (route planning) closed won: the queue asks to thank."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        screen = referrals_screen(app)
        target = next(
            r
            for r in app.repo.referrals
            if r.giver_id == NOOR and r.direction is ReferralDirection.RECEIVED
        )
        listing = screen.query_one("#referrals", OptionList)
        listing.highlighted = listing.get_option_index(str(target.id))
        await pilot.press("s")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert option_texts(prompt.query_one(OptionList)) == [
            "passed",
            "contacted",
            "met",
            "closed won",
            "closed lost",
            "dropped",
        ]
        await pilot.press("down", "down", "enter")  # from contacted to closed won
        assert app.repo.referrals.get(target.id).status is ReferralStatus.CLOSED_WON  # type: ignore[union-attr]
        assert notes(app)[-1] == (
            "The referral of Zainab Fernández with Noor Reyes: closed won. · u undo"
        )
        assert any(t.referral_id == target.id for t in app.repo.thanks_due())


async def test_edit_keeps_the_direction_and_delete_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        first = referrals_screen(app).current
        assert first is not None and first.giver_id == OLU_ERIKSEN
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ReferralForm)
        assert form.title_text == "Edit the referral you received"
        assert form.query_one("#referred", ContactSearch).input.value == "Bruno Castillo"
        form.query_one("#value", Input).value = "a small grant"
        await pilot.press("ctrl+s")
        edited = app.repo.referrals.get(first.id)
        assert edited is not None
        assert (edited.value, edited.need, edited.referred_name) == (
            "a small grant",
            first.need,
            "Bruno Castillo",
        )
        assert edited.created_at == first.created_at
        assert notes(app)[-1] == "Edited the referral with Olu Eriksen. · u undo"
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.repo.referrals.get(first.id) is not None
        await pilot.press("D", "y")
        assert app.repo.referrals.get(first.id) is None
        assert notes(app)[-1] == (
            "Deleted the referral of Bruno Castillo with Olu Eriksen. · u undo"
        )


async def test_enter_opens_the_other_side_whose_card_lists_the_referrals(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter")
        person = app.screen
        assert isinstance(person, PersonDetailScreen)
        assert person.contact_id == OLU_ERIKSEN
        card = plain(person.query_one(ContactCard))
        assert "They sent you Bruno Castillo: a grant application (dropped)" in card


async def test_an_empty_list_says_how_to_start(make_app: MakeApp) -> None:
    app = make_app()
    for referral in list(app.repo.referrals):
        app.repo.delete_referral(referral.id, FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        assert rows(app) == [
            "No referrals yet. g records one you gave, r one you received; f finds who fits a need."
        ]
        await pilot.press("t")
        assert notes(app)[-1] == "Select a referral first (or g / r to record one)."


async def test_the_key_bar_at_80_columns_shows_the_screen_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        bar = plain(app.screen.query_one(KeyBar))
        for key in ("g Gave", "r Received", "s Status", "t Thanked", "e Edit", "f Who fits?"):
            assert key in bar
        assert "Waiting on you (7)" in screen_text(app)
