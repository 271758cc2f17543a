"""The calls screen: upcoming calls first, then held ones, and logging a booked call."""

from __future__ import annotations

from datetime import datetime

from conftest import MakeApp
from textual.widgets import OptionList, TextArea
from tui_helpers import FROZEN, SIZE, notes, option_texts, paste

from netdesk.domain.models import Medium, Stage
from netdesk.tui.screens.call_form import CallForm
from netdesk.tui.screens.calls import CallsScreen

UPCOMING = [
    "Upcoming (2)",
    "  Mon 23 Nov 2026 15:00  Fatima Rossi  video  ",
    "  Thu 26 Nov 2026 09:00  Paula López  skype  ",
]
HELD_WHEN_AND_WHO = [
    "Sat 21 Nov 2026 14:00  Dmitri Wong",
    "Thu 12 Nov 2026 14:00  Ines Petrov",
    "Tue 3 Nov 2026 14:00  Zofia Kim",
    "Sun 25 Oct 2026 14:00  Wen Takahashi",
    "Fri 16 Oct 2026 14:00  Olu Ahmed",
    "Wed 7 Oct 2026 14:00  Ivan Yilmaz",
    "Mon 28 Sep 2026 14:00  Noor Reyes",
    "Sat 19 Sep 2026 14:00  Zofia García",
]


async def test_3_lists_upcoming_then_held_calls(make_app: MakeApp) -> None:
    """`3` lists booked calls soonest first, then held calls newest first."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, CallsScreen)
        calls = screen.query_one("#calls", OptionList)
        texts = option_texts(calls)
        assert texts[:3] == UPCOMING
        assert texts[3] == "Held (8)"
        assert [t.strip()[: len(w)] for t, w in zip(texts[4:], HELD_WHEN_AND_WHO, strict=True)] == (
            HELD_WHEN_AND_WHO
        )
        assert texts[4].endswith(
            "phone  Moving into renewables procurement next year; keen on suppliers with good "
            "audit trails."
        )
        assert calls.has_focus
        assert calls.highlighted == 1
        fatima = next(c.id for c in app.repo.contacts if c.name == "Fatima Rossi")
        assert screen.current_id == fatima


async def test_log_the_highlighted_upcoming_call(make_app: MakeApp) -> None:
    """`l` on a booked call completes that call (no duplicate) and moves it to Held."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down")
        screen = app.screen
        assert isinstance(screen, CallsScreen)
        paula = next(c.id for c in app.repo.contacts if c.name == "Paula López")
        assert screen.current_id == paula
        (booked,) = app.repo.calls_for(paula)
        assert booked.held_at is None
        count = len(app.repo.calls)

        await pilot.press("l")
        form = app.screen
        assert isinstance(form, CallForm)
        form.query_one("#notes", TextArea).focus()
        await paste(pilot, "Wants an intro to a cold-chain buyer.")
        await pilot.press("ctrl+s")

        assert app.screen is screen
        assert len(app.repo.calls) == count
        (call,) = app.repo.calls_for(paula)
        assert call.id == booked.id
        assert call.held_at == FROZEN
        assert call.scheduled_for == datetime(2026, 11, 26, 9, 0)
        assert call.notes == "Wants an intro to a cold-chain buyer."
        assert call.medium is Medium.SKYPE  # as booked, not reset to phone
        assert paula in app.repo.a_network()
        contact = app.repo.contacts.get(paula)
        assert contact is not None
        assert contact.stage is Stage.TALKED

        texts = option_texts(screen.query_one("#calls", OptionList))
        assert texts[:2] == ["Upcoming (1)", UPCOMING[1]]
        assert texts[2] == "Held (9)"
        assert texts[3] == (
            "  Mon 23 Nov 2026 09:30  Paula López  skype  Wants an intro to a cold-chain buyer."
        )
        assert notes(app) == ["Call logged: Paula López is now in your A network. · u undo"]
