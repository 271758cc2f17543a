"""Booking, moving, cancelling and missing calls: each one user action and one step of undo."""

from __future__ import annotations

from datetime import datetime

from netdesk.domain import calls, queue_actions
from netdesk.domain.dates import check_call_time, format_when
from netdesk.domain.models import Call, Medium
from netdesk.store.core import RepoCore


class CallWrites(RepoCore):
    def schedule_call(
        self,
        contact_id: int,
        when: datetime,
        now: datetime,
        medium: Medium = Medium.PHONE,
        link: str = "",
    ) -> Call:
        """Book a call; a person with an upcoming call has that one moved, never a second.

        Refused (DateParseError, a ValueError) more than CALL_YEARS from now, wherever the
        time came from: the calendar export cannot hold year 1 or 9999.
        """
        check_call_time(when, now)
        contact = self._contact(contact_id)
        booked = calls.upcoming(self.calls_for(contact_id))
        if booked:
            return self.reschedule_call(booked[0].id, when, now, medium=medium, link=link)
        with self._action(f"Scheduled a call with {contact.name}", now):
            call = self._calls.insert(
                Call(contact_id, scheduled_for=when, medium=medium, link=link.strip())
            )
            self._change(contact_id, queue_actions.after_schedule(when), now)
        return call

    def reschedule_call(
        self,
        call_id: int,
        when: datetime,
        now: datetime,
        *,
        medium: Medium | None = None,
        link: str | None = None,
    ) -> Call:
        """Move a booked call (and change its medium or link, when given)."""
        check_call_time(when, now)
        call = self._booked(call_id)
        changes: dict[str, object] = {"scheduled_for": when}
        if medium is not None:
            changes["medium"] = medium
        if link is not None:
            changes["link"] = link.strip()
        label = f"Moved the call with {self._name(call.contact_id)} to {format_when(when)}"
        with self._action(label, now):
            moved = self._calls.update(call_id, changes)
            self._change(call.contact_id, queue_actions.after_schedule(when), now)
        return moved

    def cancel_call(self, call_id: int, now: datetime) -> None:
        """Call it off: the booking goes, and someone only scheduled is back to replied."""
        call = self._booked(call_id)
        contact = self._contact(call.contact_id)
        with self._action(f"Cancelled the call with {contact.name}", now):
            self._calls.remove([call_id])
            self._change(
                contact.id, calls.after_call_dropped(contact, contact.id in self.a_network()), now
            )

    def mark_no_show(self, call_id: int, now: datetime) -> None:
        """They did not turn up: the booking goes, they are back to replied (so the queue
        asks to book again), and their notes say so."""
        call = self._booked(call_id)
        contact = self._contact(call.contact_id)
        changes = {
            **calls.after_call_dropped(contact, contact.id in self.a_network()),
            "notes": calls.no_show_note(contact.notes, call, now.date()),
        }
        with self._action(f"Marked {contact.name} a no-show", now):
            self._calls.remove([call_id])
            self._change(contact.id, changes, now)

    def _booked(self, call_id: int) -> Call:
        """A call still to be held; ValueError (in words) for a held or missing one."""
        call = self._calls.get(call_id)
        if call is None:
            raise ValueError("That call is no longer there.")
        if call.held_at is not None or call.scheduled_for is None:
            raise ValueError(f"The call with {self._name(call.contact_id)} was already held.")
        return call
