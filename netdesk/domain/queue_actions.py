"""The field changes each queue action makes on one contact: sending, a reply, a call,
snoozing, skipping and marking an item done.

Each function returns {field: new value} for the store to apply to one contact, so the rules
live here and the store stays a dumb writer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from netdesk.domain.models import Contact, MessageKind, Settings, Stage
from netdesk.domain.queue import ItemKind
from netdesk.domain.reimport import congratulated

_BEFORE_CONVERSATION = frozenset({Stage.NEW, Stage.CONTACTED, Stage.NO_RESPONSE})
"""Stages a reply or first outreach may move on from; later stages never move back."""


def after_send(
    contact: Contact, kind: MessageKind, settings: Settings, today: date
) -> dict[str, Any]:
    """What sending a message of `kind` changes; outreach and the follow-up start a wait.

    Any note closes their open job change: writing to them is the getting back in touch.
    """
    if kind is MessageKind.INCOMING:
        raise ValueError("incoming messages are received, not sent: use after_reply")
    changes: dict[str, Any] = {"last_contacted_on": today, **congratulated(contact)}
    wait_until = today + timedelta(days=settings.follow_up_days)
    if kind is MessageKind.OUTREACH and contact.stage in (Stage.NEW, Stage.NO_RESPONSE):
        changes.update(stage=Stage.CONTACTED, next_action_on=wait_until, followed_up_on=None)
    elif kind is MessageKind.FOLLOW_UP and contact.stage is Stage.CONTACTED:
        changes.update(followed_up_on=today, next_action_on=wait_until)
    return changes


def after_reply(contact: Contact, today: date) -> dict[str, Any]:
    """They answered: the next step is yours, so the wait is over."""
    changes: dict[str, Any] = {"last_contacted_on": today}
    if contact.stage in _BEFORE_CONVERSATION:
        changes.update(stage=Stage.REPLIED, next_action_on=None)
    return changes


def after_schedule(call_at: datetime) -> dict[str, Any]:
    return {"stage": Stage.SCHEDULED, "next_action_on": call_at.date()}


def after_call(held_on: date, follow_up_on: date | None) -> dict[str, Any]:
    """A logged call puts the person in the A network."""
    return {"stage": Stage.TALKED, "last_contacted_on": held_on, "next_action_on": follow_up_on}


def snooze(until: date) -> dict[str, Any]:
    return {"snoozed_until": until}


def skip(today: date) -> dict[str, Any]:
    """Not today: back in the queue tomorrow."""
    return snooze(today + timedelta(days=1))


_DONE_AS_SENT = {
    ItemKind.NEW_OUTREACH: MessageKind.OUTREACH,
    ItemKind.FOLLOW_UP: MessageKind.FOLLOW_UP,
    ItemKind.CONGRATULATE: MessageKind.CONGRATULATIONS,
}


DONE_OUTSIDE = "(sent outside netdesk: marked done)"
"""The body of the message `d` records for outreach or a follow-up sent elsewhere."""


def sent_by_done(kind: ItemKind) -> MessageKind | None:
    """The message `d` on an item of `kind` says went out (None: it records no message)."""
    return _DONE_AS_SENT.get(kind)


def done(contact: Contact, kind: ItemKind, settings: Settings, today: date) -> dict[str, Any]:
    """The item was handled outside netdesk today.

    Outreach, follow-ups and congratulations count as sent. Other kinds only change through
    their own forms (scheduling, logging a call, the introduction wizard), so they record the
    contact and leave the queue until tomorrow.
    """
    sent_as = _DONE_AS_SENT.get(kind)
    if sent_as is not None:
        return after_send(contact, sent_as, settings, today)
    return {"last_contacted_on": today, **skip(today)}
