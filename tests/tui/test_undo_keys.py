"""`u` (and ctrl+z outside text boxes) undoes the last change, several steps deep."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import orjson
from conftest import MakeApp
from textual.widgets import Input, TextArea
from tui_helpers import SIZE, contacts_screen, notes

from netdesk.domain.models import Stage
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.workspace import WorkspaceScreen

JAMAL, DIVYA = 3, 2
"""The first two people in the frozen demo queue (see test_workspace)."""


def queued_ids(app: NetdeskApp) -> list[int]:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    return [item.contact_id for item in screen.items]


async def test_u_undoes_a_skip_and_the_queue_shows_the_person_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = app.repo.contacts.get(JAMAL)
        await pilot.press("x")
        assert JAMAL not in queued_ids(app)
        assert notes(app)[-1] == "Skipped Jamal Castillo until tomorrow. · u undo"
        await pilot.press("u")
        assert app.repo.contacts.get(JAMAL) == before
        assert JAMAL in queued_ids(app)
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert screen.current_id == JAMAL  # the cursor is on the person the undo put back
        assert notes(app)[-1] == "Undid: Skipped Jamal Castillo"


async def test_several_steps_deep_then_nothing_left(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first, second = app.repo.contacts.get(JAMAL), app.repo.contacts.get(DIVYA)
        await pilot.press("x", "x")  # Jamal, then Divya
        assert JAMAL not in queued_ids(app) and DIVYA not in queued_ids(app)
        await pilot.press("ctrl+z")
        assert app.repo.contacts.get(DIVYA) == second
        assert app.repo.contacts.get(JAMAL) != first
        await pilot.press("u")
        assert app.repo.contacts.get(JAMAL) == first
        assert queued_ids(app)[:2] == [JAMAL, DIVYA]


async def test_undo_of_do_not_contact_after_a_restart(db_path: Path, make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # contacts; the first person is selected
        person = contacts_screen(app).current_id
        assert person is not None
        stage = app.repo.contacts.get(person).stage
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert app.repo.contacts.get(person).stage is Stage.DO_NOT_CONTACT
        name = app.repo.contacts.get(person).name
    app.repo.close()
    stored = orjson.loads(db_path.read_bytes())
    assert stored["contacts"][str(person)]["stage"] == "do_not_contact"
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert again.repo.contacts.get(person).stage is stage
        assert notes(again)[-1] == f"Undid: Marked {name} do-not-contact"
    again.repo.close()
    with Repo.open(db_path) as repo:  # the reversal was written, not only shown
        assert repo.contacts.get(person).stage is stage


async def test_u_typed_in_a_text_box_is_text_and_undoes_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.press("s")  # the snooze prompt, its Input focused
        assert isinstance(app.focused, Input)
        await pilot.press("u", "ctrl+z")
        assert app.repo.contacts.get(JAMAL).snoozed_until == date(2026, 11, 24)  # still skipped
        assert len(app.repo.undo_history()) == 1


async def test_nothing_to_undo_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert notes(app)[-1] == "Nothing to undo."


async def test_undoing_a_sent_note_keeps_its_text_for_the_next_c(make_app: MakeApp) -> None:
    """Nothing typed is lost: the note whose sending was undone comes back in the composer."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # Jamal's follow-up
        screen = app.screen
        area = screen.query_one("#body", TextArea)
        area.text = "Hi Jamal, one more try: a 15-minute call next week?\n\nSam Rivera"
        written = area.text
        await pilot.press("ctrl+s")
        assert app.repo.messages_for(JAMAL)[-1].body == written
        assert JAMAL not in queued_ids(app)
        await pilot.press("u")
        assert all(m.body != written for m in app.repo.messages_for(JAMAL))
        assert notes(app)[-1] == (
            "Undid: Sent a note to Jamal Castillo · its note is kept: c to edit or send it"
        )
        assert isinstance(screen, WorkspaceScreen) and screen.current_id == JAMAL
        await pilot.press("c")
        assert screen.query_one("#body", TextArea).text == written
