"""The contacts screen: filter, sort, stage and A/B filters, new contact, do-not-contact."""

from __future__ import annotations

import re

from conftest import MakeApp
from textual.widgets import Input, Static, TextArea
from tui_helpers import FROZEN, SIZE, contacts_screen, enter_text, notes, plain

from netdesk.domain.models import MessageKind, Stage
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.contacts import ContactsScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.widgets.composer import Composer
from netdesk.tui.widgets.contact_table import ContactTable

TOTAL = 60


def status(app: NetdeskApp) -> str:
    return plain(contacts_screen(app).query_one("#contacts-status", Static))


def cells(line: str) -> list[str]:
    """The columns of one drawn row (columns are separated by at least two spaces)."""
    return re.split(r"\s{2,}", line.strip())


def listed(app: NetdeskApp) -> list[str]:
    """Names in the list as drawn, top to bottom (every row fits on screen in these tests)."""
    table = contacts_screen(app).query_one(ContactTable)
    assert table.row_count < table.size.height, "more rows than fit: narrow the list first"
    lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
    return [cells(line)[0] for line in lines]


async def test_2_switches_to_contacts(make_app: MakeApp) -> None:
    """`2` shows every contact, sorted by name, with the list focused."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        assert status(app) == f"{TOTAL} of {TOTAL}   sort name   stage all   network all"
        table = screen.query_one(ContactTable)
        assert table.has_focus
        assert table.row_count == TOTAL
        assert cells(table.render_line(0).text) == [
            "Name",
            "Company",
            "Position",
            "Tags",
            "Stage",
            "Last contact",
            "A/B",
        ]
        assert table.render_line(1).text[1:].startswith("Bruno Park")
        assert table.current_id == next(c.id for c in app.repo.contacts if c.name == "Bruno Park")


async def test_filter_narrows_and_escape_clears(make_app: MakeApp) -> None:
    """`/` focuses the filter, typing narrows (down to "No contacts match"), escape clears it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        search = contacts_screen(app).query_one("#filter", Input)
        assert search.has_focus
        await enter_text(pilot, "varga")
        assert status(app) == f"2 of {TOTAL}   sort name   stage all   network all"
        assert listed(app) == ["Keiko Varga", "Uma Varga"]
        await enter_text(pilot, " u")
        assert listed(app) == ["Uma Varga"]
        await enter_text(pilot, "q")
        assert status(app).startswith(f"0 of {TOTAL}")
        table = contacts_screen(app).query_one(ContactTable)
        assert table.row_count == 0
        assert table.render_line(1).text.strip() == "No contacts match"
        assert table.current_id is None
        await pilot.press("escape")
        assert search.value == ""
        assert status(app).startswith(f"{TOTAL} of {TOTAL}")
        assert contacts_screen(app).query_one(ContactTable).has_focus


async def test_sort_stage_and_network_filters(make_app: MakeApp) -> None:
    """`O` cycles the sort, `g` the stage filter and `a` all / A / B / no longer connected,
    each changing the list."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = contacts_screen(app).query_one(ContactTable)
        contacts = app.repo.contacts.all()
        bruno = contacts_screen(app).current_id

        await pilot.press("O")
        assert status(app) == f"{TOTAL} of {TOTAL}   sort company   stage all   network all"
        assert contacts_screen(app).current_id == bruno  # the cursor stays on its person
        await pilot.press("home")
        assert cells(table.render_line(1).text)[:2] == ["Lars Castillo", "Acme Robotics"]

        def company_order(stage: Stage) -> list[str]:
            chosen = [c for c in contacts if c.stage is stage]
            chosen.sort(key=lambda c: (not c.company, c.company.casefold(), c.name.casefold()))
            return [c.name for c in chosen]

        await pilot.press("g")  # all → new
        assert status(app) == f"34 of {TOTAL}   sort company   stage new   network all"
        assert table.row_count == 34

        await pilot.press("g")  # new → contacted
        assert status(app) == f"8 of {TOTAL}   sort company   stage contacted   network all"
        assert listed(app) == company_order(Stage.CONTACTED)

        await pilot.press(*["g"] * 7)  # round the cycle back to all stages
        assert status(app) == f"{TOTAL} of {TOTAL}   sort company   stage all   network all"

        await pilot.press("a")  # A network: people with a held call
        talked = sorted(c.name for c in contacts if c.id in app.repo.a_network())
        assert status(app) == f"{len(talked)} of {TOTAL}   sort company   stage all   network A"
        assert sorted(listed(app)) == talked
        assert len(talked) == 8

        await pilot.press("a")  # B network: everyone else
        assert status(app) == f"{TOTAL - 8} of {TOTAL}   sort company   stage all   network B"
        await pilot.press("a")  # no longer in your connections: nobody in the demo
        assert status(app) == (
            f"0 of {TOTAL}   sort company   stage all   network no longer connected"
        )
        await pilot.press("a")
        assert status(app).endswith("network all")


async def test_new_contact_form_creates_a_contact(make_app: MakeApp) -> None:
    """`n` opens an empty form; without a name ctrl+s says why, with one it adds the contact."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "n", "ctrl+s")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert plain(form.query_one("#form-error", Static)) == (
            "A contact needs a first or last name."
        )
        assert len(app.repo.contacts) == TOTAL
        await enter_text(pilot, "Grace")
        await pilot.press("tab")
        await enter_text(pilot, "Hopper")
        await pilot.press("tab")
        await enter_text(pilot, "Navy")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ContactsScreen)
        (grace,) = [c for c in app.repo.contacts if c.name == "Grace Hopper"]
        assert (grace.company, grace.stage, grace.created_at) == ("Navy", Stage.NEW, FROZEN)
        assert len(app.repo.contacts) == TOTAL + 1
        assert status(app).startswith(f"{TOTAL + 1} of {TOTAL + 1}")
        assert notes(app) == [
            "A contact needs a first or last name.",
            "Added Grace Hopper. · u undo",
        ]


async def test_do_not_contact_asks_first(make_app: MakeApp) -> None:
    """`D` asks; `n` changes nothing, `y` marks the person do-not-contact."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        person = contacts_screen(app).current_id
        assert person is not None
        contact = app.repo.contacts.get(person)
        assert contact is not None
        assert contact.name == "Bruno Park"
        before = contact.stage

        await pilot.press("D")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert plain(dialog.query_one(Static)) == (
            "Mark Bruno Park do-not-contact? They leave the queue for good."
        )
        await pilot.press("n")
        stored = app.repo.contacts.get(person)
        assert stored is not None
        assert stored.stage is before

        await pilot.press("D", "y")
        stored = app.repo.contacts.get(person)
        assert stored is not None
        assert stored.stage is Stage.DO_NOT_CONTACT
        assert notes(app) == ["Bruno Park will not be suggested again. · u undo"]
        assert "do not contact" in contacts_screen(app).query_one(ContactTable).render_line(1).text

        await pilot.press("c")  # and nobody writes to them by accident
        assert isinstance(app.screen, ContactsScreen)
        assert notes(app)[-1] == "Bruno Park is marked do-not-contact."


async def test_compose_from_contacts_opens_the_person_with_a_draft(make_app: MakeApp) -> None:
    """`c` on the contacts list opens the person's screen with the composer loaded."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await enter_text(pilot, "uma varga")
        await pilot.press("enter", "c")
        detail = app.screen
        assert isinstance(detail, PersonDetailScreen)
        uma = app.repo.contacts.get(detail.contact_id)
        assert uma is not None
        assert uma.name == "Uma Varga"
        composer = detail.query_one(Composer)
        assert composer.draft is not None
        assert composer.draft.kind is MessageKind.SCHEDULING  # she replied
        area = detail.query_one("#body", TextArea)
        assert area.has_focus
        assert area.text.startswith("Thanks for getting back to me, Uma! When suits you?")
        await pilot.press("escape")
        assert isinstance(app.screen, ContactsScreen)
