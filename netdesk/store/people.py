"""Two records of one person: merging them, and remembering pairs that are not one person.

A merge is one user action (one save, one step of undo): the kept contact gets the fields of
both, every record that named the other (messages, calls, introductions, targets and their
introducers, referrals, dismissals) names the kept one, and the other is deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from netdesk.domain import duplicates
from netdesk.domain.duplicates import DuplicatePair, pair_key
from netdesk.domain.merge import Merged, merge_contacts, merge_introducers
from netdesk.domain.models import Contact, Dismissal
from netdesk.store.core import RepoCore

DUPLICATE = "duplicate"
"""The dismissal kind for "not the same person"."""

HELD = ("messages", "calls", "intros", "targets", "referrals")
"""The tables whose records can name a person, in the order a merge reports them."""


@dataclass(frozen=True, slots=True)
class MergePlan:
    """What merging `other` into `keep` would do; nothing is written to make one."""

    keep: Contact
    other: Contact
    merged: Merged
    held: tuple[dict[str, int], dict[str, int]]
    """How many records of each table in `HELD` name `keep` and `other`; `other`'s move."""
    after: dict[str, int]
    """How many will name the merged person (a target naming both is one)."""


class PeopleWrites(RepoCore):
    def plan_merge(
        self, keep_id: int, other_id: int, choices: Mapping[str, str] | None = None
    ) -> MergePlan:
        """The merge of `other_id` into `keep_id`; ValueError says why it cannot be done."""
        if keep_id == other_id:
            raise ValueError("a contact cannot be merged with itself: pick two different people")
        keep, other = self._contacts.get(keep_id), self._contacts.get(other_id)
        for contact_id, contact in ((keep_id, keep), (other_id, other)):
            if contact is None:
                raise ValueError(f"there is no contact with id {contact_id}")
        assert keep is not None and other is not None
        between = [i.id for i in self.intros if {i.a_id, i.b_id} == {keep_id, other_id}]
        if between:
            raise ValueError(
                f"{keep.name} and {other.name} have an introduction to each other"
                f" (introduction {between[0]}): delete it first, then merge"
            )
        merged = merge_contacts(keep, other, choices or {})
        held = (self._held(keep_id), self._held(other_id))
        return MergePlan(keep, other, merged, held, self._held(keep_id, other_id))

    def _held(self, *contact_ids: int) -> dict[str, int]:
        """Per table in `HELD`, how many records name any of `contact_ids`."""
        return {
            table: len({r.id for c in contact_ids for r in self._naming(table, c)})
            for table in HELD
        }

    def _naming(self, table: str, contact_id: int) -> list[Any]:
        """The records of `table` that name `contact_id` anywhere."""
        if table in ("messages", "calls"):
            return [r for r in self._undoable[table] if r.contact_id == contact_id]
        if table == "intros":
            return [i for i in self.intros if contact_id in (i.a_id, i.b_id)]
        if table == "targets":
            return [
                t
                for t in self.targets
                if contact_id in (t.contact_id, t.asked_via)
                or any(i.contact_id == contact_id for i in t.introducers)
            ]
        if table == "referrals":
            return [
                r
                for r in self.referrals
                if contact_id in (r.giver_id, r.receiver_id, r.referred_id)
            ]
        return [d for d in self.dismissals if contact_id in (d.a_id, d.b_id)]

    def merge_contacts(
        self, keep_id: int, other_id: int, choices: Mapping[str, str], now: datetime
    ) -> Contact:
        """Make `other_id` part of `keep_id` (choices: field → "keep"/"other" where both
        differ, a field not chosen keeping `keep`'s); returns the kept contact."""
        plan = self.plan_merge(keep_id, other_id, choices)
        other = plan.other

        def moved(record: Any, *fields: str) -> dict[str, Any]:
            return {f: keep_id for f in fields if getattr(record, f) == other_id}

        with self._action(f"Merged {other.name} into {plan.keep.name}", now):
            contact = self._contacts.save(replace(plan.merged.contact, updated_at=now))
            for table in ("messages", "calls"):
                self._undoable[table].update_many(
                    (r.id, {"contact_id": keep_id}) for r in self._naming(table, other_id)
                )
            self._intros.update_many(
                (i.id, moved(i, "a_id", "b_id") | {"updated_at": now})
                for i in self._naming("intros", other_id)
            )
            self._targets.update_many(
                (
                    t.id,
                    moved(t, "contact_id", "asked_via")
                    | {"introducers": merge_introducers(t.introducers, keep_id, other_id)},
                )
                for t in self._naming("targets", other_id)
            )
            self._referrals.update_many(
                (r.id, moved(r, "giver_id", "receiver_id", "referred_id") | {"updated_at": now})
                for r in self._naming("referrals", other_id)
            )
            self._fold_dismissals(keep_id, other_id)
            self._contacts.remove([other_id])
        return contact

    def _fold_dismissals(self, keep_id: int, other_id: int) -> None:
        """Dismissals naming `other` name `keep`; one between the two, or one that `keep`
        already has, goes."""
        seen = {
            (d.kind, pair_key(d.a_id, d.b_id))
            for d in self.dismissals
            if other_id not in (d.a_id, d.b_id)
        }
        gone, updates = [], []
        for dismissal in self._naming("dismissals", other_id):
            a, b = (keep_id if i == other_id else i for i in (dismissal.a_id, dismissal.b_id))
            key = (dismissal.kind, pair_key(a, b))
            if a == b or key in seen:
                gone.append(dismissal.id)
            else:
                seen.add(key)
                updates.append((dismissal.id, {"a_id": key[1][0], "b_id": key[1][1]}))
        self._dismissals.update_many(updates)
        self._dismissals.remove(gone)

    # --- possible duplicates ----------------------------------------------------------------

    def possible_duplicates(self) -> list[DuplicatePair]:
        """Likely pairs of one person, strongest first, without those dismissed."""
        # all(): one copy made without yielding to other threads, so the app can look from a
        # worker while a change is saved
        dismissed = {pair_key(d.a_id, d.b_id) for d in self.dismissals.all() if d.kind == DUPLICATE}
        return duplicates.possible_duplicates(self.contacts.all(), dismissed)

    def dismiss_duplicate(self, a_id: int, b_id: int, now: datetime) -> Dismissal:
        """Remember that two contacts are not the same person: the pair is not suggested again."""
        a, b = self._contact(a_id), self._contact(b_id)
        first, second = pair_key(a_id, b_id)
        with self._action(f"Marked {a.name} and {b.name} as two people", now):
            return self._dismissals.insert(Dismissal(DUPLICATE, first, second, now))
