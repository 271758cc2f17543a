"""Referrals both ways: what waits on you, how the screen groups them, and thanks owed.

Two things wait on you. Someone who sent business your way deserves a thank-you whatever
came of it; and a referral sitting in passed, contacted or met for a couple of weeks is one
to check on (did they talk? did it close?). The queue also shows "thank NAME" when a thank-
you is clearly due: a referral you received is closed, or someone you reached through an
introducer became reached or talked (see `thanks_due`).
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from netdesk.domain.introducers import target_label
from netdesk.domain.models import (
    Contact,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.domain.templates import as_clause

CHECK_AFTER_DAYS = 14
"""Days a referral may sit in passed, contacted or met before netdesk asks how it went."""

OPEN_STATUSES = frozenset({ReferralStatus.PASSED, ReferralStatus.CONTACTED, ReferralStatus.MET})
CLOSED_STATUSES = frozenset(
    {ReferralStatus.CLOSED_WON, ReferralStatus.CLOSED_LOST, ReferralStatus.DROPPED}
)
STATUS_LABELS = {
    ReferralStatus.PASSED: "passed",
    ReferralStatus.CONTACTED: "contacted",
    ReferralStatus.MET: "met",
    ReferralStatus.CLOSED_WON: "closed won",
    ReferralStatus.CLOSED_LOST: "closed lost",
    ReferralStatus.DROPPED: "dropped",
}
"""How each status reads on screen, in the order a referral moves through them."""


class WaitKind(enum.StrEnum):
    THANK = "thank"
    """Thank the person who sent this referral your way."""
    CHECK = "check"
    """Ask how it went: it has not moved in CHECK_AFTER_DAYS."""


@dataclass(frozen=True, slots=True)
class Waiting:
    """One referral waiting on you, and why."""

    kind: WaitKind
    referral: Referral
    contact_id: int | None
    """Whom to write to: the giver to thank, or the contact on the other side to ask."""
    reason: str


def other_side(referral: Referral) -> int | None:
    """The contact on the other side: who gave it to you, or whom you gave it to."""
    if referral.direction is ReferralDirection.RECEIVED:
        return referral.giver_id
    return referral.receiver_id


def referred_label(referral: Referral, contacts: Mapping[int, Contact]) -> str:
    """Who was referred, in words: the contact's name or the name as typed."""
    person = contacts.get(referral.referred_id or 0)
    if person is not None:
        return person.name
    return referral.referred_name.strip() or "someone"


def summary(referral: Referral, contacts: Mapping[int, Contact]) -> str:
    """ "Bob Lee: a bookkeeper who knows Xero (contacted)", for lists and the card."""
    status = STATUS_LABELS[referral.status]
    return f"{referred_label(referral, contacts)}: {referral.need} ({status})"


def _name(contacts: Mapping[int, Contact], contact_id: int | None) -> str:
    person = contacts.get(contact_id or 0)
    return person.name if person else "someone"


def _last_moved(referral: Referral) -> datetime | None:
    return referral.updated_at or referral.created_at


def waiting(
    referrals: Iterable[Referral], contacts: Mapping[int, Contact], today: date
) -> list[Waiting]:
    """What waits on you: thank-yous first (oldest first), then the ones to check on."""
    thanks: list[tuple[datetime, int, Waiting]] = []
    checks: list[tuple[datetime, int, Waiting]] = []
    for referral in referrals:
        moved = _last_moved(referral) or datetime.min
        what = referred_label(referral, contacts)
        if (
            referral.direction is ReferralDirection.RECEIVED
            and referral.thanked_at is None
            and referral.giver_id in contacts
        ):
            giver = _name(contacts, referral.giver_id)
            reason = f"Thank {giver} for sending {what} your way"
            item = Waiting(WaitKind.THANK, referral, referral.giver_id, reason)
            thanks.append((referral.created_at or moved, referral.id, item))
        if referral.status in OPEN_STATUSES and moved != datetime.min:
            days = (today - moved.date()).days
            if days >= CHECK_AFTER_DAYS:
                other = _name(contacts, other_side(referral))
                status = STATUS_LABELS[referral.status]
                reason = f"{status.capitalize()} {days} days ago: ask {other} how {what} went"
                item = Waiting(WaitKind.CHECK, referral, other_side(referral), reason)
                checks.append((moved, referral.id, item))
    return [w for _, _, w in sorted(thanks, key=_by_time)] + [
        w for _, _, w in sorted(checks, key=_by_time)
    ]


def _by_time(entry: tuple[datetime, int, Waiting]) -> tuple[datetime, int]:
    return entry[0], entry[1]


@dataclass(frozen=True, slots=True)
class ReferralGroup:
    title: str
    referrals: list[Referral] = field(default_factory=list)


def groups(
    referrals: Iterable[Referral], contacts: Mapping[int, Contact], today: date
) -> list[ReferralGroup]:
    """The Referrals screen's groups, each referral once: waiting on you (in `waiting`'s
    order), given and open, received and open, then closed; newest first within the last
    three. Empty groups are left out."""
    referrals = list(referrals)
    first: dict[int, Referral] = {}
    for item in waiting(referrals, contacts, today):
        first.setdefault(item.referral.id, item.referral)
    rest = sorted(
        (r for r in referrals if r.id not in first),
        key=lambda r: (r.created_at or datetime.min, r.id),
        reverse=True,
    )
    given = ReferralDirection.GIVEN
    found = [
        ReferralGroup("Waiting on you", list(first.values())),
        ReferralGroup(
            "Given, open", [r for r in rest if r.direction is given and r.status in OPEN_STATUSES]
        ),
        ReferralGroup(
            "Received, open",
            [r for r in rest if r.direction is not given and r.status in OPEN_STATUSES],
        ),
        ReferralGroup("Closed", [r for r in rest if r.status in CLOSED_STATUSES]),
    ]
    return [group for group in found if group.referrals]


@dataclass(frozen=True, slots=True)
class PersonReferrals:
    """For one person's card: referrals you gave them and referrals they gave you."""

    given_to: list[Referral]
    received_from: list[Referral]


def for_person(referrals: Iterable[Referral], contact_id: int) -> PersonReferrals:
    """Newest first."""
    ordered = sorted(referrals, key=lambda r: (r.created_at or datetime.min, r.id), reverse=True)
    return PersonReferrals(
        given_to=[
            r
            for r in ordered
            if r.direction is ReferralDirection.GIVEN and r.receiver_id == contact_id
        ],
        received_from=[
            r
            for r in ordered
            if r.direction is ReferralDirection.RECEIVED and r.giver_id == contact_id
        ],
    )


# --- thanks owed (the queue's "thank NAME") ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThankItem:
    """A thank-you that is due: to `contact_id`, for `happened`."""

    contact_id: int
    name: str
    happened: str
    """What they did and how it went, to complete "thank you for …" in the template."""
    since: date | None
    referral_id: int | None = None
    target_id: int | None = None
    reason: str = ""
    """The queue line: "Thank Ann Lee: Jo Roe at Acme through them, now talked"."""


def thanks_due(
    referrals: Iterable[Referral],
    targets: Iterable[Target],
    contacts: Mapping[int, Contact],
    a_network: Collection[int],
) -> list[ThankItem]:
    """Thank-yous the queue should show, oldest first.

    - a referral you received is closed (won or lost) and its giver is not thanked yet;
    - a target you asked an introducer about is reached, or the target (as a contact) is
      now someone you talked with, and that introducer is not thanked yet.
    """
    due: list[tuple[date, int, ThankItem]] = []
    for referral in referrals:
        giver = contacts.get(referral.giver_id or 0)
        if (
            giver is None
            or referral.direction is not ReferralDirection.RECEIVED
            or referral.thanked_at is not None
            or referral.status not in (ReferralStatus.CLOSED_WON, ReferralStatus.CLOSED_LOST)
        ):
            continue
        moved = _last_moved(referral)
        since = moved.date() if moved else None
        status = STATUS_LABELS[referral.status]
        item = ThankItem(
            giver.id,
            giver.name,
            referral_happened(referral, contacts),
            since,
            referral_id=referral.id,
            reason=f"Thank {giver.name}: their referral of {referred_label(referral, contacts)}"
            f" is {status}",
        )
        due.append((since or date.min, referral.id, item))
    for target in targets:
        introducer = contacts.get(target.asked_via or 0)
        if introducer is None or target.thanked_at is not None:
            continue
        reached = target.status is TargetStatus.REACHED
        person = contacts.get(target.contact_id or 0)
        talked = person is not None and (person.id in a_network or person.stage is Stage.TALKED)
        if not (reached or talked):
            continue
        since = target.asked_at.date() if target.asked_at else None
        state = "talked" if talked else "reached"
        item = ThankItem(
            introducer.id,
            introducer.name,
            target_happened(target, talked=talked),
            since,
            target_id=target.id,
            reason=f"Thank {introducer.name}: {target_label(target)} through them, now {state}",
        )
        due.append((since or date.min, 1_000_000_000 + target.id, item))
    return [item for _, _, item in sorted(due, key=lambda d: (d[0], d[1]))]


def referral_happened(referral: Referral, contacts: Mapping[int, Contact]) -> str:
    """ "sending Bob Lee my way (a bookkeeper who knows Xero); we ended up working together"."""
    what = referred_label(referral, contacts)
    need = as_clause(referral.need)
    sent = f"sending {what} my way" + (f" ({need})" if need else "")
    if referral.status is ReferralStatus.CLOSED_WON:
        value = as_clause(referral.value)
        outcome = "we ended up working together" + (f": {value}" if value else "")
        return f"{sent}; {outcome}"
    if referral.status is ReferralStatus.CLOSED_LOST:
        return f"{sent}; it did not work out this time, but I'm grateful you thought of me"
    return sent


def target_happened(target: Target, *, talked: bool) -> str:
    """ "introducing me to Jo Roe at Acme; we have talked since"."""
    outcome = "we have talked since" if talked else "we are in touch now"
    return f"introducing me to {target_label(target) or 'them'}; {outcome}"


def thank_values(item: ThankItem) -> dict[str, str]:
    """The thank-you template's own placeholder, for the composer to add to its values."""
    return {"happened": item.happened}
