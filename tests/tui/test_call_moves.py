"""Calls can move (issue 13): `t` moves a booked call, the calls screen reschedules, cancels and
records a no-show with one key each, scheduling asks for the medium and a link, and two calls
that overlap are named."""

from __future__ import annotations

from datetime import datetime

from conftest import MakeApp
from textual.widgets import Input, Label, OptionList, Select, Static
from tui_helpers import SIZE, notes, option_texts, plain

from netdesk.domain.models import Medium, Stage
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.calls import CallsScreen
from netdesk.tui.screens.schedule import CallPrompt

JAMAL = 3
"""The first person in the frozen demo queue: a follow-up, no call booked."""


def paula(app: NetdeskApp) -> int:
    return next(c.id for c in app.repo.contacts if c.name == "Paula López")


def prompt(app: NetdeskApp) -> CallPrompt:
    screen = app.screen
    assert isinstance(screen, CallPrompt)
    return screen


async def test_t_on_a_person_with_a_booked_call_moves_it(make_app: MakeApp) -> None:
    """The prompt says it moves the call and shows its time; enter moves it, adds none."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "t")  # Paula López, booked Thu 09:00 over Skype
        dialog = prompt(app)
        assert plain(dialog.query_one(Static)) == (
            "Move the call with Paula López, now on Thu 26 Nov 2026 09:00, to when?"
        )
        when = dialog.query_one("#when", Input)
        assert when.value == "Thu 26 Nov 2026 09:00"
        assert dialog.query_one("#medium", Select).value is Medium.SKYPE
        count = len(app.repo.calls)
        (booked,) = app.repo.calls_for(paula(app))

        when.value = "fri 2pm"
        await pilot.press("enter")

        assert isinstance(app.screen, CallsScreen)
        assert len(app.repo.calls) == count
        (moved,) = app.repo.calls_for(paula(app))
        assert moved.id == booked.id
        assert (moved.scheduled_for, moved.medium) == (datetime(2026, 11, 27, 14, 0), Medium.SKYPE)
        assert notes(app)[-1] == (
            "Moved the call with Paula López to Fri 27 Nov 2026 14:00. · u undo"
        )
        assert option_texts(app.screen.query_one("#calls", OptionList))[2] == (
            "  Fri 27 Nov 2026 14:00  Paula López  skype  "
        )


async def test_m_moves_x_cancels_and_each_is_one_undo_step(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "m")
        prompt(app).query_one("#when", Input).value = "thu 11:00"
        await pilot.press("enter")
        (call,) = app.repo.calls_for(paula(app))
        assert call.scheduled_for == datetime(2026, 11, 26, 11, 0)
        assert app.repo.undo_history()[0].label == (
            "Moved the call with Paula López to Thu 26 Nov 2026 11:00"
        )

        await pilot.press("x")
        assert app.repo.calls_for(paula(app)) == []
        contact = app.repo.contacts.get(paula(app))
        assert contact is not None and contact.stage is Stage.REPLIED
        assert notes(app)[-1] == (
            "Cancelled the call with Paula López on Thu 26 Nov 2026 11:00. · u undo"
        )
        assert app.repo.undo_history()[0].label == "Cancelled the call with Paula López"
        assert option_texts(app.screen.query_one("#calls", OptionList))[0] == "Upcoming (1)"


async def test_no_show_goes_back_to_replied_with_a_note(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "N")
        contact = app.repo.contacts.get(paula(app))
        assert contact is not None
        assert contact.stage is Stage.REPLIED
        assert contact.notes.endswith(
            "2026-11-23: did not show up for the call booked Thu 26 Nov 2026 09:00."
        )
        assert app.repo.calls_for(paula(app)) == []
        assert notes(app)[-1] == (
            "Paula López did not show up: back to replied, noted on their card. · u undo"
        )
        assert app.repo.undo_history()[0].label == "Marked Paula López a no-show"


async def test_held_calls_are_not_moved_or_cancelled(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "down", "down")  # the newest held call
        count = len(app.repo.calls)
        await pilot.press("x", "N", "m")
        assert len(app.repo.calls) == count
        assert isinstance(app.screen, CallsScreen)
        assert notes(app) == ["Select an upcoming call first."] * 3


async def test_booking_asks_medium_and_link_and_names_an_overlap(make_app: MakeApp) -> None:
    """A new call remembers the person's medium, takes a link, and warns about Fatima's call."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # Jamal Castillo: no call booked
        dialog = prompt(app)
        assert plain(dialog.query_one(Static)) == (
            "When is the 15-minute call with Jamal Castillo?"
        )
        assert dialog.query_one("#medium", Select).value is Medium.PHONE
        dialog.query_one("#when", Input).value = "3:10pm"
        await pilot.pause()
        assert plain(dialog.query_one("#preview", Label)) == "→ Mon 23 Nov 2026 15:10"
        assert plain(dialog.query_one("#overlap", Static)) == (
            "⚠ Overlaps your call with Fatima Rossi, Mon 23 Nov 2026 15:00–15:15."
        )
        dialog.query_one("#medium", Select).value = Medium.VIDEO
        dialog.query_one("#link", Input).value = " https://meet.example/jamal "
        dialog.query_one("#link", Input).focus()
        await pilot.press("enter")

        (call,) = app.repo.calls_for(JAMAL)
        assert (call.scheduled_for, call.medium, call.link) == (
            datetime(2026, 11, 23, 15, 10),
            Medium.VIDEO,
            "https://meet.example/jamal",
        )
        assert notes(app)[-1] == (
            "Call with Jamal Castillo on Mon 23 Nov 2026 15:10. Overlaps your call with Fatima "
            "Rossi, Mon 23 Nov 2026 15:00–15:15. · u undo"
        )

        await pilot.press("t")  # moving it keeps the medium and the link
        dialog = prompt(app)
        assert dialog.query_one("#medium", Select).value is Medium.VIDEO
        assert dialog.query_one("#link", Input).value == "https://meet.example/jamal"


async def test_a_call_in_the_past_is_refused_with_the_way_to_log_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        dialog = prompt(app)
        dialog.query_one("#when", Input).value = "today 8am"
        await pilot.press("enter")
        assert app.screen is dialog
        assert plain(dialog.query_one("#preview", Label)) == (
            "Call time: Mon 23 Nov 2026 08:00 has passed; to record a call you held, press l."
        )
        assert app.repo.calls_for(JAMAL) == []


async def test_a_moved_call_keeps_the_cursor_so_the_next_key_acts_on_it(make_app: MakeApp) -> None:
    """Moving Fatima's call (first) to after Paula's reorders the list: the cursor follows it,
    so `l` logs Fatima's call, not Paula's, which now stands on Fatima's old row."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")  # the cursor is on the first upcoming call: Fatima Rossi's
        screen = app.screen
        assert isinstance(screen, CallsScreen)
        fatima = screen.current_id
        assert fatima is not None and fatima != paula(app)
        await pilot.press("m")
        prompt(app).query_one("#when", Input).value = "fri 27 nov 10am"
        await pilot.press("enter")
        texts = option_texts(screen.query_one("#calls", OptionList))
        assert "Paula López" in texts[1]  # the order changed under the cursor
        assert screen.current_id == fatima
