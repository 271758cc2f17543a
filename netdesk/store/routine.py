"""The daily routine's writes: notes sent, replies, calls, queue moves, people and templates.

Each method is one user action (one save, one step of undo) that records what happened and
applies the domain's field changes together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from netdesk.domain import queue, queue_actions
from netdesk.domain.dates import CALL_MINUTES, check_call_time
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    JobChange,
    Message,
    MessageKind,
    Referral,
    Stage,
    Target,
    Template,
)
from netdesk.domain.queue import QueueItem
from netdesk.store.core import RepoCore


class RoutineWrites(RepoCore):
    # --- whole-network changes ------------------------------------------------------------

    def replace_all(
        self,
        contacts: Iterable[Contact],
        messages: Iterable[Message] = (),
        calls: Iterable[Call] = (),
        intros: Iterable[Intro] = (),
        targets: Iterable[Target] = (),
        referrals: Iterable[Referral] = (),
    ) -> None:
        """Swap the whole network for another (demo data), in one save; not undoable, and
        the undo history goes too (its steps name records that are gone)."""
        with self.batch():
            self._undo.clear()
            self._referrals.clear()
            self._referrals.insert_many(referrals)
            self._dismissals.clear()
            self._contacts.clear()
            self._contacts.insert_many(contacts)
            self._messages.clear()
            self._messages.insert_many(messages)
            self._calls.clear()
            self._calls.insert_many(calls)
            self._intros.clear()
            self._intros.insert_many(intros)
            self._targets.clear()
            self._targets.insert_many(targets)

    def import_contacts(
        self,
        new: Iterable[Contact],
        updates: Iterable[tuple[int, dict[str, Any]]],
        now: datetime,
        *,
        job_changes: Iterable[tuple[int, JobChange]] = (),
        gone: Iterable[int] = (),
    ) -> None:
        """Apply a planned contacts import in one save and one step of undo: new people,
        changed fields, each job change added to its person's history (dated `now`), and
        the `gone` marked no longer connected. People deleted since the plan are passed over.

        Each new contact is built once, with its id from the table and its timestamps:
        copying 30k records twice was the largest single cost of an import.
        """
        new = list(new)
        changes = {i: {**c, "updated_at": now} for i, c in updates}
        for contact_id, change in job_changes:
            contact = self._contacts.get(contact_id)
            if contact is not None:
                history = [*contact.job_changes, replace(change, at=now)]
                changes.setdefault(contact_id, {"updated_at": now})["job_changes"] = history
        gone = list(gone)
        for contact_id in gone:
            changes.setdefault(contact_id, {"updated_at": now})["disconnected_on"] = now.date()
        label = f"Imported {len(new):,} new and {len(changes) - len(gone):,} updated people"
        if gone:
            label += f", {len(gone):,} no longer connected"
        ids = self._contacts.reserve_ids(len(new))
        with self._action(label, now):
            self._contacts.insert_many(
                replace(c, id=i, created_at=now, updated_at=now)
                for c, i in zip(new, ids, strict=True)
            )
            self._contacts.update_many(changes.items())

    def import_history(
        self,
        new: Iterable[Message],
        replied: Iterable[tuple[int, datetime]],
        changes: Iterable[tuple[int, dict[str, Any]]],
        now: datetime,
    ) -> None:
        """Apply a planned messages or invitations import in one save."""
        new = list(new)
        with self._action(f"Imported {len(new):,} messages", now):
            self._messages.insert_many(new)
            self._messages.update_many((i, {"replied_at": at}) for i, at in replied)
            self._contacts.update_many((i, {**c, "updated_at": now}) for i, c in changes)

    def settle(self, today: date) -> int:
        """Move people silent since their one follow-up to no_response; returns how many.

        Run once when the day's work starts, so reading the queue never writes.
        """
        silent = queue.silent_after_follow_up(self.contacts, self._settings, today)
        if silent:
            self._contacts.update_many((i, {"stage": Stage.NO_RESPONSE}) for i in silent)
        return len(silent)

    # --- notes, replies and held calls (booking them is in calls.py) -----------------------

    def mark_sent(
        self,
        contact_id: int,
        kind: MessageKind,
        body: str,
        template: str,
        now: datetime,
        *,
        channel: str = "linkedin",
    ) -> Message:
        """Record a note sent (on LinkedIn unless `channel` says otherwise, e.g. "email")."""
        contact = self._contact(contact_id)
        with self._action(f"Sent a note to {contact.name}", now):
            message = self._messages.insert(
                Message(contact_id, kind, channel, body=body, template=template, sent_at=now)
            )
            self._change(
                contact_id, queue_actions.after_send(contact, kind, self._settings, now.date()), now
            )
        return message

    def mark_replied(self, contact_id: int, now: datetime) -> None:
        contact = self._contact(contact_id)
        with self._action(f"Marked {contact.name} replied", now):
            last = [m for m in self.messages_for(contact_id) if m.replied_at is None]
            if last:
                self._messages.update(last[-1].id, {"replied_at": now})
            self._change(contact_id, queue_actions.after_reply(contact, now.date()), now)

    def log_call(
        self,
        call: Call,
        now: datetime,
        closeness: int | None = None,
        *,
        offers: str | None = None,
        seeks: str | None = None,
    ) -> Call:
        """Record a held call (completing a scheduled one); its leads become targets.

        `offers` / `seeks` (what they do, what they look for now, as learned on the call)
        replace the contact's when given. A held time more than CALL_YEARS from now or a
        length outside CALL_MINUTES is refused (ValueError), as the form refuses them.
        """
        low, high = CALL_MINUTES
        if not low <= call.minutes <= high:
            raise ValueError(f"a call lasts {low}–{high} minutes, not {call.minutes}")
        if call.held_at is not None:
            check_call_time(call.held_at, now)
        contact = self._contact(call.contact_id)
        if not call.id:
            pending = [c for c in self.calls_for(call.contact_id) if c.held_at is None]
            if pending:
                call = replace(call, id=pending[0].id, scheduled_for=pending[0].scheduled_for)
        call = replace(call, held_at=call.held_at or now)
        assert call.held_at is not None
        changes = queue_actions.after_call(call.held_at.date(), call.follow_up_on)
        if closeness is not None:
            changes["closeness"] = closeness
        for name, value in (("offers", offers), ("seeks", seeks)):
            if value is not None:
                changes[name] = value.strip()
        if call.highlights and not contact.credential:
            changes["credential"] = call.highlights
        with self._action(f"Logged the call with {contact.name}", now):
            call = self._calls.save(call)
            self._change(call.contact_id, changes, now)
            self._targets.insert_many(
                Target(
                    lead.name,
                    lead.company,
                    why=lead.why,
                    source_call_id=call.id,
                    introducers=[
                        Introducer(
                            call.contact_id,
                            changes.get("closeness", contact.closeness),
                            3,
                            "offered on our call",
                        )
                    ],
                )
                for lead in call.leads
                if lead.name.strip()
            )
        return call

    # --- moving people in the queue -------------------------------------------------------

    def snooze(self, contact_id: int, until: date, now: datetime) -> None:
        if until < now.date():
            raise ValueError(
                f"Cannot snooze {self._name(contact_id)} until a day in the past; "
                "pick today or a later day."
            )
        with self._action(f"Snoozed {self._name(contact_id)}", now):
            self._change(contact_id, queue_actions.snooze(until), now)

    def skip(self, contact_id: int, now: datetime) -> None:
        with self._action(f"Skipped {self._name(contact_id)}", now):
            self._change(contact_id, queue_actions.skip(now.date()), now)

    def mark_done(self, item: QueueItem, now: datetime) -> None:
        """The item was handled outside netdesk: outreach and follow-ups are logged as sent
        (so they count towards the day's outreach and in stats, like a note marked sent)."""
        contact = self._contact(item.contact_id)
        sent = queue_actions.sent_by_done(item.kind)
        with self._action(f"Done with {contact.name}", now):
            if sent is not None:
                self._messages.insert(
                    Message(item.contact_id, sent, body=queue_actions.DONE_OUTSIDE, sent_at=now)
                )
            self._change(
                item.contact_id,
                queue_actions.done(contact, item.kind, self._settings, now.date()),
                now,
            )

    def set_do_not_contact(self, contact_id: int, now: datetime) -> Contact:
        """They asked not to be contacted (or you decided): out of the queue for good."""
        with self._action(f"Marked {self._name(contact_id)} do-not-contact", now):
            return self._change(contact_id, {"stage": Stage.DO_NOT_CONTACT}, now)

    # --- people ---------------------------------------------------------------------------

    def save_contact(self, contact: Contact, now: datetime) -> Contact:
        """Add a person (id 0) or store the edited fields of one."""
        if not contact.id:
            with self._action(f"Added {contact.name}", now):
                return self._contacts.insert(replace(contact, created_at=now, updated_at=now))
        stored = self._contact(contact.id)
        with self._action(f"Edited {stored.name}", now):
            return self._contacts.save(
                replace(contact, created_at=stored.created_at, updated_at=now)
            )

    def set_closeness(self, contact_id: int, level: int, now: datetime) -> Contact:
        """How well you know them, 0–4."""
        if not 0 <= level <= 4:
            raise ValueError(f"closeness is 0–4, not {level}")
        with self._action(f"Set how well you know {self._name(contact_id)}", now):
            return self._change(contact_id, {"closeness": level}, now)

    def delete_contact(self, contact_id: int, now: datetime | None = None) -> None:
        """Remove a person and everything that only makes sense with them (their messages,
        calls, introductions, referrals they gave or received); what else names them is
        kept without the name: a target they were or could introduce, a referral of them."""
        name = self._name(contact_id)
        calls = {c.id for c in self.calls if c.contact_id == contact_id}
        with self._action(f"Deleted {name}", now):
            self._messages.remove(m.id for m in self.messages if m.contact_id == contact_id)
            self._calls.remove(calls)
            self._intros.remove(i.id for i in self.intros if contact_id in (i.a_id, i.b_id))
            self._targets.update_many(
                (t.id, changes)
                for t in self.targets
                if (changes := _target_without(t, contact_id, calls))
            )
            self._referrals.remove(
                r.id for r in self.referrals if contact_id in (r.giver_id, r.receiver_id)
            )
            self._referrals.update_many(
                (r.id, {"referred_id": None, "referred_name": r.referred_name or name})
                for r in self.referrals
                if r.referred_id == contact_id
            )
            self._dismissals.remove(d.id for d in self.dismissals if contact_id in (d.a_id, d.b_id))
            self._contacts.remove([contact_id])

    # --- templates ------------------------------------------------------------------------

    def save_template(self, template: Template, now: datetime | None = None) -> Template:
        """Add a template (id 0) or store the edited one."""
        with self._action(f"Saved the template {template.name}", now):
            return self._templates.save(template)

    def delete_template(self, template_id: int, now: datetime | None = None) -> None:
        template = self._templates.get(template_id)
        if template is None:
            return
        with self._action(f"Deleted the template {template.name}", now):
            self._templates.remove([template_id])

    def restore_builtin_templates(self, now: datetime | None = None) -> None:
        """Put back the shipped templates, replacing edited built-ins, keeping the user's own."""
        with self._action("Restored the built-in templates", now):
            self._templates.remove(t.id for t in self.templates if t.builtin)
            self._seed_templates()


def _target_without(target: Target, contact_id: int, calls: set[int]) -> dict[str, Any]:
    """A target's fields once `contact_id` (and `calls`, theirs) are deleted: no link to them,
    not asked via them, not among the introducers, not from one of their calls."""
    changes: dict[str, Any] = {}
    if target.contact_id == contact_id:
        changes["contact_id"] = None
    if target.asked_via == contact_id:
        changes["asked_via"] = None
    if any(i.contact_id == contact_id for i in target.introducers):
        changes["introducers"] = [i for i in target.introducers if i.contact_id != contact_id]
    if target.source_call_id in calls:
        changes["source_call_id"] = None
    return changes
