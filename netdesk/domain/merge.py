"""Two records of one person made one: whose value each field keeps, and what must be asked.

Where only one of the two has a value it is taken; where both have different values the user
chooses (`choices`: field → "keep" or "other"), and a field not chosen keeps `keep`'s value,
as `netdesk merge` does. Tags are unioned, notes joined and job changes kept from both, so
nothing typed or noticed is lost. The routine's state (stage and its dates) comes whole from
whichever is further along, because a stage taken from one and a follow-up date from the
other would not make sense together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from netdesk.domain.models import Contact, Introducer, Stage

KEEP, OTHER = "keep", "other"

ASKED_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "company",
    "position",
    "url",
    "connected_on",
    "source",
    "closeness",
    "met_on",
    "how_met",
    "credential",
    "keep_in_touch_days",
    "offers",
    "seeks",
)
"""The user's fields: where both have a different value, the user decides."""
ROUTINE_FIELDS = ("stage", "next_action_on", "snoozed_until", "followed_up_on")
"""Taken together from the person further along (`_further_along`)."""

_PROGRESS = {
    Stage.NEW: 0,
    Stage.CONTACTED: 1,
    Stage.NO_RESPONSE: 1,
    Stage.REPLIED: 2,
    Stage.DECLINED: 2,
    Stage.SCHEDULED: 3,
    Stage.TALKED: 4,
    Stage.DO_NOT_CONTACT: 5,  # they asked: it wins whatever the other record says
}

FIELD_LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "url": "Profile URL",
    "connected_on": "Connected on",
    "met_on": "Met on",
    "how_met": "How you met",
    "keep_in_touch_days": "Keep in touch (days)",
}
"""How a field is named to the user, where its name alone does not read well."""


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class Merged:
    contact: Contact
    """The one person, with `keep`'s id; `updated_at` is for the store to stamp."""
    conflicts: tuple[str, ...]
    """Fields where both had a different value (in `ASKED_FIELDS` order)."""
    from_other: tuple[str, ...]
    """Fields whose value came from `other`: filled where `keep` had none, or chosen."""


def has_value(value: Any) -> bool:
    """Empty text, no date and closeness 0 ("unknown") are no value."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != 0


def conflicts(keep: Contact, other: Contact) -> list[str]:
    """The fields the user is asked about: both have a value and the values differ."""
    return [name for name in ASKED_FIELDS if _differ(getattr(keep, name), getattr(other, name))]


def _differ(a: Any, b: Any) -> bool:
    if not (has_value(a) and has_value(b)):
        return False
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() != b.strip()
    return bool(a != b)


def merge_contacts(keep: Contact, other: Contact, choices: Mapping[str, str]) -> Merged:
    """`keep` and `other` as one contact; raises ValueError for a choice that is not one."""
    asked = conflicts(keep, other)
    for name, choice in choices.items():
        if name not in asked:
            raise ValueError(f"{field_label(name)} is not a field where the two differ")
        if choice not in (KEEP, OTHER):
            raise ValueError(
                f"choose {KEEP!r} or {OTHER!r} for {field_label(name)}, not {choice!r}"
            )
    changes: dict[str, Any] = {}
    for name in ASKED_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        chosen = name in asked and choices.get(name) == OTHER
        if chosen or (not has_value(mine) and has_value(theirs)):
            changes[name] = theirs
    ahead = _further_along(keep, other)
    if ahead is other:
        changes.update((name, getattr(other, name)) for name in ROUTINE_FIELDS)
    changes["tags"] = list(dict.fromkeys([*keep.tags, *other.tags]))
    changes["notes"] = join_text(keep.notes, other.notes)
    changes["last_contacted_on"] = _latest(keep.last_contacted_on, other.last_contacted_on)
    changes["created_at"] = _earliest(keep.created_at, other.created_at)
    changes["job_changes"] = sorted(
        [*keep.job_changes, *other.job_changes], key=lambda j: (j.at is not None, j.at)
    )
    # Still connected if either record says so (the other may come from an older file).
    if keep.disconnected_on is None or other.disconnected_on is None:
        changes["disconnected_on"] = None
    else:
        changes["disconnected_on"] = max(keep.disconnected_on, other.disconnected_on)
    from_other = tuple(n for n in ASKED_FIELDS if n in changes)
    return Merged(replace(keep, **changes), tuple(asked), from_other)


def _further_along(keep: Contact, other: Contact) -> Contact:
    """Whose routine state the merged person continues: the later stage, `keep` on a tie."""
    return other if _PROGRESS[other.stage] > _PROGRESS[keep.stage] else keep


def join_text(first: str, second: str) -> str:
    """Both texts, the second after a blank line; one alone when the other is empty or the
    same (the same note imported twice is kept once)."""
    a, b = first.strip(), second.strip()
    if not b or b == a or b in a:
        return first
    if not a or a in b:
        return second
    return f"{first.rstrip()}\n\n{second.lstrip()}"


def _latest(a: Any, b: Any) -> Any:
    return a if b is None else b if a is None else max(a, b)


def _earliest(a: Any, b: Any) -> Any:
    return a if b is None else b if a is None else min(a, b)


def merge_introducers(
    introducers: Sequence[Introducer], keep_id: int, other_id: int
) -> list[Introducer]:
    """A target's introducers with `other` turned into `keep`, and one entry per person.

    When both were listed, the entry that records an ask wins (its history feeds the learned
    odds), else `keep`'s; how well they know the target is the higher of the two.
    """
    entries: list[Introducer] = []
    at: dict[int, int] = {}
    for introducer in introducers:
        if introducer.contact_id == other_id:
            introducer = replace(introducer, contact_id=keep_id)
        seen = at.get(introducer.contact_id)
        if seen is None:
            at[introducer.contact_id] = len(entries)
            entries.append(introducer)
            continue
        first = entries[seen]
        winner = introducer if first.asked_at is None and introducer.asked_at else first
        entries[seen] = replace(
            winner,
            they_know=max(first.they_know, introducer.they_know),
            note=join_text(first.note, introducer.note),
        )
    return entries
