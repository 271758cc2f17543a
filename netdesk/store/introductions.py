"""Introductions and hard targets: every change the intro wizard and target finder make.

Each is one user action (one save, one step of undo): the record, the message it logs and the
contact it touches move together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from netdesk.domain import queue_actions
from netdesk.domain.intro import in_flight, intro_message, status_after_opt_ins
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    Message,
    MessageKind,
    OptIn,
    OptInAnswer,
    Target,
    TargetStatus,
)
from netdesk.store.core import RepoCore


class IntroductionWrites(RepoCore):
    def _intro(self, intro_id: int) -> Intro:
        intro = self.intros.get(intro_id)
        if intro is None:
            raise KeyError(f"no intro with id {intro_id}")
        return intro

    def _target(self, target_id: int) -> Target:
        target = self.targets.get(target_id)
        if target is None:
            raise KeyError(f"no target with id {target_id}")
        return target

    def _log_sent(self, contact_id: int, kind: MessageKind, body: str, now: datetime) -> Message:
        """Record a message sent as part of an intro or a request (call inside a batch)."""
        contact = self._contact(contact_id)
        template = {
            MessageKind.INTRO_ASK: "Introduction: ask first",
            MessageKind.INTRO: "Introduction",
            MessageKind.INTRO_REQUEST: "Ask for an introduction",
        }.get(kind, "")
        message = self._messages.insert(
            Message(contact_id, kind, body=body, template=template, sent_at=now)
        )
        self._change(
            contact_id, queue_actions.after_send(contact, kind, self._settings, now.date()), now
        )
        return message

    def save_intro(
        self,
        intro: Intro,
        now: datetime,
        contact_changes: Mapping[int, dict[str, Any]] | None = None,
    ) -> Intro:
        """Insert (id 0) or replace an introduction, with the contact fields typed for it.

        `contact_changes` maps a contact id to changed fields (met_on, how_met, credential as
        edited in the wizard); they are saved to the contacts in the same save.
        """
        for side_id in (intro.a_id, intro.b_id):
            self._contact(side_id)
        if intro.a_id == intro.b_id:
            raise ValueError("an introduction needs two different people")
        if not intro.id and in_flight(self.intros, intro.a_id, intro.b_id):
            raise ValueError(
                f"{self._name(intro.a_id)} and {self._name(intro.b_id)} already have an "
                "introduction under way; open it from the introductions list (4)."
            )
        label = f"Saved the introduction of {self._name(intro.a_id)} and {self._name(intro.b_id)}"
        with self._action(label, now):
            for contact_id, changes in (contact_changes or {}).items():
                if changes:
                    self._change(contact_id, changes, now)
            return self._intros.save(
                replace(intro, created_at=intro.created_at or now, updated_at=now)
            )

    def mark_intro_asked(self, intro_id: int, side: str, body: str, now: datetime) -> Intro:
        """The opt-in ask went to one side ("a" or "b"): log it and start (or restart) the wait.

        Asking again resets that side's answer to pending.
        """
        intro = self._intro(intro_id)
        contact_id = _side_id(intro, side)
        optin = OptIn(asked_at=now)
        a, b = (optin, intro.b_optin) if side == "a" else (intro.a_optin, optin)
        with self._action(f"Asked {self._name(contact_id)} about an introduction", now):
            self._log_sent(contact_id, MessageKind.INTRO_ASK, body, now)
            return self._intros.update(
                intro_id,
                {
                    f"{side}_optin": optin,
                    "status": status_after_opt_ins(intro.status, a, b),
                    "updated_at": now,
                },
            )

    def record_optin(self, intro_id: int, side: str, answer: OptInAnswer, now: datetime) -> Intro:
        """One side answered the ask; both yes → agreed, either no → declined.

        A yes or no marks the latest unanswered ask to them as replied. Recording an answer
        for a side never marked asked (asked in person, say) counts the ask as made now.
        """
        intro = self._intro(intro_id)
        contact_id = _side_id(intro, side)
        before = intro.a_optin if side == "a" else intro.b_optin
        optin = OptIn(
            asked_at=before.asked_at or now,
            answered_at=None if answer is OptInAnswer.PENDING else now,
            answer=answer,
        )
        a, b = (optin, intro.b_optin) if side == "a" else (intro.a_optin, optin)
        label = f"Recorded {self._name(contact_id)}'s answer: {answer.value.replace('_', ' ')}"
        with self._action(label, now):
            if answer in (OptInAnswer.AGREED, OptInAnswer.DECLINED):
                asks = [
                    m
                    for m in self.messages_for(contact_id)
                    if m.kind is MessageKind.INTRO_ASK and m.replied_at is None
                ]
                if asks:
                    self._messages.update(asks[-1].id, {"replied_at": now})
                self._change(contact_id, {"last_contacted_on": now.date()}, now)
            return self._intros.update(
                intro_id,
                {
                    f"{side}_optin": optin,
                    "status": status_after_opt_ins(intro.status, a, b),
                    "updated_at": now,
                },
            )

    def mark_intro_sent(
        self, intro_id: int, a_text: str, b_text: str, closing: str, now: datetime
    ) -> Intro:
        """The two-sided introduction went out: logged for both people, status sent.

        Refused (ValueError) unless both sides agreed: the double opt-in is the point.
        """
        intro = self._intro(intro_id)
        if (intro.a_optin.answer, intro.b_optin.answer) != (
            OptInAnswer.AGREED,
            OptInAnswer.AGREED,
        ):
            raise ValueError("both sides must agree before the introduction is sent")
        body = intro_message(a_text, b_text, closing)
        label = f"Sent the introduction of {self._name(intro.a_id)} and {self._name(intro.b_id)}"
        with self._action(label, now):
            for contact_id in (intro.a_id, intro.b_id):
                self._log_sent(contact_id, MessageKind.INTRO, body, now)
            return self._intros.update(
                intro_id,
                {
                    "a_text": a_text,
                    "b_text": b_text,
                    "closing": closing,
                    "status": IntroStatus.SENT,
                    "sent_at": now,
                    "updated_at": now,
                },
            )

    def mark_intro_met(self, intro_id: int, outcome: str, now: datetime) -> Intro:
        """They met; `outcome` says what came of it (editable again later)."""
        intro = self._intro(intro_id)
        if intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            raise ValueError("only an introduction that was sent can be marked met")
        label = f"Marked {self._name(intro.a_id)} and {self._name(intro.b_id)} met"
        with self._action(label, now):
            return self._intros.update(
                intro_id,
                {"status": IntroStatus.MET, "outcome": outcome.strip(), "updated_at": now},
            )

    def delete_intro(self, intro_id: int, now: datetime | None = None) -> None:
        intro = self._intro(intro_id)
        label = f"Deleted the introduction of {self._name(intro.a_id)} and {self._name(intro.b_id)}"
        with self._action(label, now):
            self._intros.remove([intro_id])

    def save_target(self, target: Target, now: datetime | None = None) -> Target:
        """Insert (id 0) or replace a hard target."""
        with self._action(f"Saved the target {target.name}", now):
            return self._targets.save(target)

    def delete_target(self, target_id: int, now: datetime | None = None) -> None:
        target = self._target(target_id)
        with self._action(f"Deleted the target {target.name}", now):
            self._targets.remove([target_id])

    def add_introducers(
        self,
        target_id: int,
        contact_ids: Iterable[int],
        now: datetime,
        *,
        new_contacts: Iterable[Contact] = (),
        they_know: int = 2,
        note: str = "",
    ) -> Target:
        """Add people who could introduce you to the target, skipping anyone already listed.

        `new_contacts` (names from a pasted mutual list that are not contacts yet) are added
        as contacts first. `you_know` is the contact's closeness; `they_know` starts at
        `they_know` until the user says better.
        """
        target = self._target(target_id)
        ids = list(contact_ids)
        for contact_id in ids:
            self._contact(contact_id)
        with self._action(f"Added introducers for {target.name}", now):
            added = self._contacts.insert_many(
                replace(c, created_at=c.created_at or now, updated_at=now) for c in new_contacts
            )
            introducers = list(target.introducers)
            listed = {i.contact_id for i in introducers}
            for contact_id in [*ids, *(c.id for c in added)]:
                if contact_id in listed:
                    continue
                listed.add(contact_id)
                closeness = self._contact(contact_id).closeness
                introducers.append(Introducer(contact_id, closeness, they_know, note))
            return self._targets.update(target_id, {"introducers": introducers})

    def update_introducer(
        self,
        target_id: int,
        contact_id: int,
        *,
        they_know: int | None = None,
        note: str | None = None,
    ) -> Target:
        """Change how well one introducer knows the target (0–4) or the note on them."""
        target = self._target(target_id)
        introducers = []
        for introducer in target.introducers:
            if introducer.contact_id == contact_id:
                introducer = replace(
                    introducer,
                    they_know=introducer.they_know if they_know is None else they_know,
                    note=introducer.note if note is None else note,
                )
            introducers.append(introducer)
        with self._action(f"Changed an introducer for {target.name}"):
            return self._targets.update(target_id, {"introducers": introducers})

    def remove_introducer(self, target_id: int, contact_id: int) -> Target:
        target = self._target(target_id)
        kept = [i for i in target.introducers if i.contact_id != contact_id]
        label = f"Removed {self._name(contact_id)} from the introducers for {target.name}"
        with self._action(label):
            return self._targets.update(target_id, {"introducers": kept})

    def mark_target_asked(
        self, target_id: int, contact_id: int, body: str, now: datetime
    ) -> Target:
        """The request went to one introducer: logged for them, the target now asked."""
        target = self._target(target_id)
        label = f"Asked {self._name(contact_id)} for an introduction to {target.name}"
        with self._action(label, now):
            self._log_sent(contact_id, MessageKind.INTRO_REQUEST, body, now)
            return self._targets.update(
                target_id,
                {"status": TargetStatus.ASKED, "asked_via": contact_id, "asked_at": now},
            )

    def set_target_status(self, target_id: int, status: TargetStatus) -> Target:
        target = self._target(target_id)
        with self._action(f"Marked {target.name} {status.value}"):
            return self._targets.update(target_id, {"status": status})

    def link_target(self, target_id: int, contact_id: int) -> Target:
        """The target is a contact now; an open, asked or introduced target counts as reached."""
        target = self._target(target_id)
        self._contact(contact_id)
        changes: dict[str, Any] = {"contact_id": contact_id}
        if target.status in (TargetStatus.OPEN, TargetStatus.ASKED, TargetStatus.INTRODUCED):
            changes["status"] = TargetStatus.REACHED
        with self._action(f"Linked {target.name} to {self._name(contact_id)}"):
            return self._targets.update(target_id, changes)

    def link_target_to_new_contact(self, target_id: int, now: datetime) -> Contact:
        """The target became a connection: add them as a contact and link the target."""
        target = self._target(target_id)
        first, _, last = target.name.strip().rpartition(" ")
        person = Contact(
            first_name=first or last,
            last_name=last if first else "",
            company=target.company,
            url=target.url,
            source="target",
            notes=f"Hard target: {target.why}" if target.why else "",
            created_at=now,
            updated_at=now,
        )
        with self._action(f"Added {target.name} as a contact", now):
            contact = self._contacts.insert(person)
            self.link_target(target_id, contact.id)
        return contact

    def open_leads(self) -> list[tuple[Call, Lead]]:
        """Leads from held calls that are not targets yet (matched by name), newest call first."""
        taken = {" ".join(t.name.casefold().split()) for t in self.targets}
        held = sorted(
            (c for c in self.calls if c.held_at is not None),
            key=lambda c: c.held_at or datetime.min,
            reverse=True,
        )
        return [
            (call, lead)
            for call in held
            for lead in call.leads
            if lead.name.strip() and " ".join(lead.name.casefold().split()) not in taken
        ]

    def promote_lead(self, call_id: int, lead: Lead) -> Target:
        """A lead from a call becomes a target, with the person on the call as introducer."""
        call = self.calls.get(call_id)
        if call is None:
            raise KeyError(f"no call with id {call_id}")
        contact = self.contacts.get(call.contact_id)
        introducers = (
            [Introducer(call.contact_id, contact.closeness, 3, "offered on our call")]
            if contact
            else []
        )
        with self._action(f"Made {lead.name.strip()} a target"):
            return self._targets.insert(
                Target(
                    lead.name.strip(),
                    lead.company.strip(),
                    why=lead.why.strip(),
                    source_call_id=call_id,
                    introducers=introducers,
                )
            )


def _side_id(intro: Intro, side: str) -> int:
    if side not in ("a", "b"):
        raise ValueError(f"side must be 'a' or 'b', not {side!r}")
    return intro.a_id if side == "a" else intro.b_id
