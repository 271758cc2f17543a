"""A digit picks the closeness level in the call-log and contact forms, as it does in pickers."""

from __future__ import annotations

from datetime import date
from typing import Any

from conftest import MakeApp
from textual.widgets import Input, Select
from tui_helpers import FROZEN, SIZE

from netdesk.domain.models import Contact
from netdesk.tui.screens.call_form import CallForm, CallLog
from netdesk.tui.screens.contact_form import ContactForm

JAMAL = 3
"""A contact in the frozen demo data."""


def jamal(closeness: int) -> Contact:
    return Contact(id=JAMAL, first_name="Jamal", last_name="Castillo", closeness=closeness)


async def test_a_digit_picks_the_closeness_of_a_call(make_app: MakeApp) -> None:
    """In the call form, `4` on the closed "Know them now" field picks 4, and the log says 4."""
    app = make_app()
    results: list[Any] = []
    async with app.run_test(size=SIZE) as pilot:
        form = CallForm(jamal(1), now=FROZEN, follow_up=date(2026, 12, 23))
        app.push_screen(form, results.append)
        await pilot.pause()
        closeness = form.query_one("#closeness", Select)
        closeness.focus()
        await pilot.press("4")
        assert closeness.value == 4
        assert not closeness.expanded
        await pilot.press("ctrl+s")
    (log,) = results
    assert isinstance(log, CallLog)
    assert log.closeness == 4


async def test_a_digit_picks_the_closeness_of_a_contact(make_app: MakeApp) -> None:
    """In the contact form `0` picks "0", a digit with no level (7) leaves the choice alone."""
    app = make_app()
    results: list[Any] = []
    async with app.run_test(size=SIZE) as pilot:
        form = ContactForm(jamal(3), today=FROZEN.date())
        app.push_screen(form, results.append)
        await pilot.pause()
        closeness = form.query_one("#closeness", Select)
        closeness.focus()
        await pilot.press("7")
        assert closeness.value == 3
        await pilot.press("0")
        assert closeness.value == 0
        await pilot.press("ctrl+s")
    (contact,) = results
    assert isinstance(contact, Contact)
    assert contact.closeness == 0


async def test_a_digit_elsewhere_in_the_form_is_typed(make_app: MakeApp) -> None:
    """Only the focused closeness field takes digits: in another field `2` is typed there."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = ContactForm(jamal(3), today=FROZEN.date())
        app.push_screen(form)
        await pilot.pause()
        keep = form.query_one("#keep", Input)
        keep.focus()
        await pilot.press("2")
        assert keep.value == "2"
        assert form.query_one("#closeness", Select).value == 3
