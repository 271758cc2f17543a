"""Person pickers rank their matches, and picking someone shows who was picked before moving on.

The demo network has Fatima Rossi (Product Manager at Meridian Telecom); each test adds
Fatima Dlamini, whose position contains "ro" inside a word, and a second Fatima Rossi, so a
name-sorted list would put the wrong person first.
"""

from __future__ import annotations

from conftest import MakeApp
from test_intros import NOOR, start_on, text_of, wizard
from test_targets import MARGIT, open_target
from textual.widgets import OptionList
from tui_helpers import FROZEN, SIZE, enter_text, option_texts

from netdesk.domain.models import Contact
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import PEOPLE, WHY
from netdesk.tui.screens.pickers import ContactPicker

RANKED = [
    "Fatima Rossi  Product Manager at Meridian Telecom · met once",
    "Fatima Rossi  Buyer at Harbor Foods · unknown",
    "Fatima Dlamini  Procurement Lead at Kite Labs · unknown",
]


def add_namesakes(app: NetdeskApp) -> int:
    """Add Fatima Dlamini and a second Fatima Rossi; returns the second Rossi's id."""
    repo = app.repo
    repo.save_contact(
        Contact(
            first_name="Fatima",
            last_name="Dlamini",
            company="Kite Labs",
            position="Procurement Lead",
        ),
        FROZEN,
    )
    second = Contact(
        first_name="Fatima", last_name="Rossi", company="Harbor Foods", position="Buyer"
    )
    return repo.save_contact(second, FROZEN).id


async def test_wizard_search_lists_names_that_start_with_the_words_first(
    make_app: MakeApp,
) -> None:
    """ "fatima ro" lists both Fatima Rossis, told apart by their headlines, above Fatima
    Dlamini (whose "ro" is inside "Procurement")."""
    app = make_app()
    add_namesakes(app)
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "fatima ro")
        matches = wizard(app).query_one("#pick-b OptionList", OptionList)
        assert option_texts(matches) == RANKED


async def test_introducer_picker_ranks_the_same_way(make_app: MakeApp) -> None:
    app = make_app()
    add_namesakes(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, ContactPicker)
        await enter_text(pilot, "fatima ro")
        assert option_texts(picker.query_one(OptionList)) == RANKED


async def test_enter_picks_and_the_pick_stays_on_the_step(make_app: MakeApp) -> None:
    """Enter picks the highlighted person and the step shows who it is (headline and all);
    the wizard moves on only on a second enter or ctrl+n, never by itself."""
    app = make_app()
    second_rossi = add_namesakes(app)
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        screen = wizard(app)
        await enter_text(pilot, "fatima ro")
        await pilot.press("down", "enter")  # the second Fatima Rossi
        assert (screen.step, screen.a and screen.a.id) == (PEOPLE, NOOR)
        assert screen.b is not None and screen.b.id == second_rossi
        assert text_of(app, "picked-b").startswith("✓ Fatima Rossi  Buyer at Harbor Foods\n")
        assert text_of(app, "people-next") == (
            "Noor Reyes ↔ Fatima Rossi  enter again or ctrl+n: on to why they should meet"
        )
        # The list still highlights the person picked, not the first Fatima Rossi.
        matches = screen.query_one("#pick-b OptionList", OptionList)
        assert matches.highlighted is not None
        assert option_texts(matches)[matches.highlighted] == RANKED[1]
        await pilot.press("enter")
        assert screen.step == WHY
        assert screen.b is not None and screen.b.id == second_rossi
