"""Merging two people from the contacts list, and the list of possible duplicates."""

from __future__ import annotations

from conftest import MakeApp
from textual.widgets import Input, OptionList, RadioSet, Static
from tui_helpers import (
    FROZEN,
    SIZE,
    contacts_screen,
    enter_text,
    notes,
    option_texts,
    plain,
    wait_for,
)

from netdesk.domain.models import Contact, MessageKind
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.duplicates import DuplicatesScreen
from netdesk.tui.screens.merge import MergeScreen
from netdesk.tui.screens.pickers import ContactPicker

NOOR, WEN, DMITRI = 21, 18, 15
"""Demo people: Noor Reyes (talked, introduced to Wen Takahashi), Dmitri Wong."""
NOOR_AGAIN = Contact(
    "Noor",
    "Reyes",
    email="noor@heron.media",
    company="Blue Heron Media",
    position="Head of Research",
    tags=["climbing"],
    notes="Met at the Lisbon meetup.",
)


def add_second_noor(app: NetdeskApp) -> int:
    """Noor Reyes typed in by hand (id 61), with a note sent to her."""
    noor = app.repo.save_contact(NOOR_AGAIN, FROZEN)
    app.repo.mark_sent(noor.id, MessageKind.OUTREACH, "Hi Noor", "", FROZEN)
    return noor.id


async def select(app: NetdeskApp, pilot: object, query: str) -> None:
    """Narrow the contacts list to `query` and put the list in focus (first row selected)."""
    screen = contacts_screen(app)
    screen.query_one("#filter", Input).value = query
    screen.action_focus_list()
    await pilot.pause()  # type: ignore[attr-defined]


def column(screen: MergeScreen, side: str) -> list[str]:
    return plain(screen.query_one(f"#{side}", Static)).splitlines()


async def test_merge_asks_only_where_both_differ_and_keeps_everything(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        second = add_second_noor(app)
        await pilot.press("2")
        await select(app, pilot, "noor reyes")
        assert contacts_screen(app).current_id == NOOR
        await pilot.press("M")
        assert isinstance(app.screen, ContactPicker)
        await enter_text(pilot, "noor")
        assert option_texts(app.screen.query_one(OptionList)) == [
            "Noor Reyes  Head of Research at Blue Heron Media · unknown"  # not herself
        ]
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        labels = plain(screen.query_one("#labels", Static)).splitlines()
        sides = zip(column(screen, "keep"), column(screen, "other"), strict=True)
        rows = dict(zip(labels, sides, strict=True))
        assert rows["Email"] == ("—", "noor@heron.media")
        assert rows["Position"] == ("Research Scientist", "Head of Research")
        assert rows["Tags"] == ("—", "climbing")
        assert (rows["Messages"], rows["Calls"]) == (("2", "1"), ("1", "0"))  # (Noor, the other)
        # one question: the position; email, tags and notes exist on one side only
        assert [r.id for r in screen.query(RadioSet)] == ["choice-position"]
        result = dict(zip(labels, column(screen, "result"), strict=True))
        assert (result["Position"], result["Email"], result["Messages"]) == (
            "Research Scientist",
            "noor@heron.media",
            "3",
        )
        await pilot.press("right", "enter")  # the other's position
        result = dict(zip(labels, column(screen, "result"), strict=True))
        assert result["Position"] == "Head of Research"
        await pilot.press("ctrl+s")
        assert contacts_screen(app)
        repo = app.repo
        assert repo.contacts.get(second) is None
        noor = repo.contacts.get(NOOR)
        assert noor is not None
        assert (noor.position, noor.email, noor.tags, noor.notes) == (
            "Head of Research",
            "noor@heron.media",
            ["climbing"],
            "Met at the Lisbon meetup.",
        )
        assert [m.body for m in repo.messages_for(NOOR)][-1] == "Hi Noor"
        assert "Merged Noor Reyes into Noor Reyes. · u undo" in notes(app)
        status = plain(contacts_screen(app).query_one("#contacts-status", Static))
        assert status.startswith("1 of 60")
        await pilot.press("u")
        restored = repo.contacts.get(second)
        assert restored is not None
        assert (restored.position, restored.notes) == (NOOR_AGAIN.position, NOOR_AGAIN.notes)
        assert [m.contact_id for m in repo.messages if m.body == "Hi Noor"] == [second]
        assert repo.contacts.get(NOOR).position == "Research Scientist"  # type: ignore[union-attr]


async def test_escape_leaves_both_as_they_were(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        second = add_second_noor(app)
        revision = app.repo.revision
        await pilot.press("2")
        await select(app, pilot, "noor reyes")
        await pilot.press("M")
        await enter_text(pilot, "noor")
        await pilot.press("enter")
        assert isinstance(app.screen, MergeScreen)
        await pilot.press("escape")
        assert contacts_screen(app)
        assert app.repo.revision == revision
        assert app.repo.contacts.get(second) is not None


async def test_two_people_introduced_to_each_other_are_refused_before_any_question(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await select(app, pilot, "wen takahashi")
        assert contacts_screen(app).current_id == WEN
        await pilot.press("M")
        await enter_text(pilot, "noor reyes")
        await pilot.press("enter")
        assert contacts_screen(app)  # no merge screen
        assert notes(app)[-1] == (
            "Cannot merge: Wen Takahashi and Noor Reyes have an introduction to each other"
            " (introduction 4): delete it first, then merge."
        )
        assert app.repo.contacts.get(NOOR) is not None


# --- possible duplicates --------------------------------------------------------------------


def add_duplicates(app: NetdeskApp) -> tuple[int, int]:
    """A second Noor Reyes (same name and company) and Dima Wong, with Dmitri Wong's email."""
    noor = app.repo.save_contact(NOOR_AGAIN, FROZEN)
    dima = app.repo.save_contact(
        Contact("Dima", "Wong", email="Dmitri-Wong-14@example.com"), FROZEN
    )
    return noor.id, dima.id


async def open_duplicates(app: NetdeskApp, pilot: object) -> DuplicatesScreen:
    await pilot.press("2", "equals_sign")  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, DuplicatesScreen)
    await wait_for(pilot, lambda: screen.looked)  # type: ignore[arg-type]
    return screen


DIMA_PAIR = (
    "#15 Dmitri Wong · Product Manager at Fernway Foods · dmitri-wong-14@example.com\n"
    "#62 Dima Wong · Dmitri-Wong-14@example.com\n"
    "  same email dmitri-wong-14@example.com; one has no profile URL"
)
NOOR_PAIR = (
    "#21 Noor Reyes · Research Scientist at Blue Heron Media\n"
    "#61 Noor Reyes · Head of Research at Blue Heron Media · noor@heron.media\n"
    "  same name and company; one has no profile URL"
)


async def test_the_list_shows_each_pair_with_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert add_duplicates(app) == (61, 62)
        screen = await open_duplicates(app, pilot)
        assert option_texts(screen.query_one(OptionList)) == [DIMA_PAIR, NOOR_PAIR]
        assert plain(screen.query_one("#duplicates-status", Static)).startswith(
            "2 possible duplicates among 62 contacts"
        )


async def test_not_the_same_person_is_remembered(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        add_duplicates(app)
        screen = await open_duplicates(app, pilot)
        await pilot.press("x")  # on the first pair: Dmitri and Dima
        assert option_texts(screen.query_one(OptionList)) == [NOOR_PAIR]
        assert "Dmitri Wong and Dima Wong are two people: not suggested again. · u undo" in (
            notes(app)
        )
        await pilot.press("escape")
        screen = await open_duplicates(app, pilot)
        assert option_texts(screen.query_one(OptionList)) == [NOOR_PAIR]
        assert [(d.kind, d.a_id, d.b_id) for d in app.repo.dismissals] == [
            ("duplicate", DMITRI, 62)
        ]


async def test_enter_on_a_pair_merges_it_and_the_list_catches_up(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        noor, _ = add_duplicates(app)
        screen = await open_duplicates(app, pilot)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, MergeScreen)
        await pilot.press("ctrl+s")
        assert app.screen is screen
        await wait_for(pilot, lambda: screen.looked)
        assert option_texts(screen.query_one(OptionList)) == [DIMA_PAIR]
        assert app.repo.contacts.get(noor) is None
        assert app.repo.contacts.get(NOOR).email == "noor@heron.media"  # type: ignore[union-attr]
