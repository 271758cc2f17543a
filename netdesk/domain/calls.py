"""Booked calls: which one a person has, when two collide, and what undoing a booking changes.

A person has at most one upcoming call: booking again moves it (a second booking would leave
two events in the calendar and the old one never logged).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from netdesk.domain.dates import format_when
from netdesk.domain.models import Call, Contact, Medium, Stage


def upcoming(calls: Iterable[Call]) -> list[Call]:
    """Booked calls not yet held, soonest first (overdue ones included: they still need a slot
    or a log)."""
    return sorted(
        (c for c in calls if c.held_at is None and c.scheduled_for is not None),
        key=lambda c: (c.scheduled_for or datetime.min, c.id),
    )


def usual_medium(calls: Iterable[Call]) -> Medium:
    """The medium of the person's latest call (booked or held), phone when there is none."""
    latest = max(
        (c for c in calls if c.held_at or c.scheduled_for),
        key=lambda c: (c.held_at or c.scheduled_for or datetime.min, c.id),
        default=None,
    )
    return latest.medium if latest else Medium.PHONE


def span(call: Call) -> tuple[datetime, datetime]:
    """When a booked call starts and ends."""
    assert call.scheduled_for is not None, "only booked calls have a span"
    return call.scheduled_for, call.scheduled_for + timedelta(minutes=call.minutes)


def overlapping(calls: Iterable[Call], start: datetime, minutes: int, skip: int = 0) -> list[Call]:
    """Upcoming calls (other than the one with id `skip`) that share time with a new slot."""
    end = start + timedelta(minutes=minutes)
    clashes = []
    for call in upcoming(calls):
        if call.id == skip:
            continue
        other_start, other_end = span(call)
        if other_start < end and start < other_end:
            clashes.append(call)
    return clashes


def overlap_warning(clashes: Iterable[Call], names: dict[int, str]) -> str:
    """'Overlaps your call with Ann Lee, Mon 23 Nov 2026 15:00–15:15.' ('' when none)."""
    parts = []
    for call in clashes:
        start, end = span(call)
        who = names.get(call.contact_id, f"contact #{call.contact_id}")
        parts.append(f"{who}, {format_when(start)}–{end:%H:%M}")
    return f"Overlaps your call with {'; and with '.join(parts)}." if parts else ""


def after_call_dropped(contact: Contact, talked: bool) -> dict[str, Any]:
    """A booked call is cancelled or missed. Someone waiting on a first call goes back to
    replied, so the queue asks to book again; someone you have `talked` with before stays
    talked (booking set them to scheduled); any other stage is left as it is."""
    if contact.stage is not Stage.SCHEDULED:
        return {}
    return {"stage": Stage.TALKED if talked else Stage.REPLIED, "next_action_on": None}


def no_show_note(notes: str, call: Call, today: date) -> str:
    """The contact's notes with one dated line saying they missed the call."""
    assert call.scheduled_for is not None
    booked = format_when(call.scheduled_for)
    line = f"{today.isoformat()}: did not show up for the call booked {booked}."
    return f"{notes.rstrip()}\n{line}" if notes.strip() else line
