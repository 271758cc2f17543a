"""The one interface the rest of netdesk uses to read and change stored data.

Callers get and give domain dataclasses, never TinyDB documents. Every table is decoded once
when the database opens (which also validates every record) and kept as objects in memory;
each change updates the stored document and the object together.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from netdesk.domain import queue
from netdesk.domain.intro import intro_message, status_after_opt_ins
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    Medium,
    Message,
    MessageKind,
    OptIn,
    OptInAnswer,
    Settings,
    Stage,
    Target,
    TargetStatus,
    Template,
    changes_to_doc,
    from_doc,
    to_doc,
)
from netdesk.domain.queue import QueueItem
from netdesk.store import fastload, migrate
from netdesk.store.errors import StoreError
from netdesk.store.fieldcheck import check_doc
from netdesk.store.storage import AtomicJSONStorage
from netdesk.store.table import InPlaceTable

R = TypeVar("R", Contact, Message, Call, Intro, Target, Template)

BULK_CHANGE = 100
"""More contacts than this changed at once and an index is rebuilt, not patched."""
CONTACT_LOG = 1000
"""Contact changes remembered for `contacts_changed_since`."""


class Collection(Generic[R]):
    """One table as typed records: decoded at open, kept in step with every change."""

    def __init__(
        self, db: TinyDB, name: str, cls: type[R], path: Path, decoded: dict[int, R] | None
    ) -> None:
        self.cls = cls
        self.table: InPlaceTable = db.table(name)  # type: ignore[assignment]
        self.on_change: Callable[[Sequence[int] | None], None] | None = None
        """Told the ids of changed records after each change (None: all of them)."""
        if decoded is not None:  # already decoded and checked by fastload
            self._records: dict[int, R] = decoded
            return
        self._records = {}
        for key, doc in self.table.raw().items():
            try:
                self._records[int(key)] = from_doc(cls, doc, int(key))
                check_doc(cls, doc)  # text, numbers and lists pass from_doc unchecked
            except (TypeError, ValueError, AttributeError) as exc:
                reason = f"record {key} in table {name!r} is damaged: {exc}"
                raise StoreError(path, reason) from None

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records.values())

    def all(self) -> list[R]:
        return list(self._records.values())

    def get(self, record_id: int) -> R | None:
        return self._records.get(record_id)

    def by_id(self) -> dict[int, R]:
        """A read-only view keyed by id (do not mutate the records)."""
        return self._records

    def insert(self, record: R) -> R:
        record_id = self.table.insert(to_doc(record))
        stored = replace(record, id=record_id)
        self._records[record_id] = stored
        self._changed([record_id])
        return stored

    def insert_many(self, records: Iterable[R]) -> list[R]:
        """Insert in one write; a record that already has an id keeps it."""
        records = list(records)
        ids = self.table.insert_multiple(
            Document(to_doc(r), r.id) if r.id else to_doc(r) for r in records
        )
        stored = [replace(r, id=i) for r, i in zip(records, ids, strict=True)]
        self._records.update((r.id, r) for r in stored)
        self._changed(ids)
        return stored

    def update(self, record_id: int, changes: dict[str, Any]) -> R:
        if record_id not in self._records:
            raise KeyError(f"no {self.cls.__name__.lower()} with id {record_id}")
        self.table.update(changes_to_doc(self.cls, changes), doc_ids=[record_id])
        record = replace(self._records[record_id], **changes)
        self._records[record_id] = record
        self._changed([record_id])
        return record

    def update_many(self, updates: Iterable[tuple[int, dict[str, Any]]]) -> int:
        """Several different changes in one table write."""
        updates = [(i, c) for i, c in updates if i in self._records]
        encoded = [(i, changes_to_doc(self.cls, c)) for i, c in updates]

        def apply(table: dict[int, dict[str, Any]]) -> None:
            for record_id, doc in encoded:
                table[record_id].update(doc)

        self.table._update_table(apply)
        for record_id, changes in updates:
            self._records[record_id] = replace(self._records[record_id], **changes)
        self._changed([i for i, _ in updates])
        return len(updates)

    def save(self, record: R) -> R:
        """Insert a new record (id 0) or replace the stored one."""
        if not record.id:
            return self.insert(record)
        doc = to_doc(record)

        def put(table: dict[int, dict[str, Any]]) -> None:
            table[record.id] = doc

        self.table._update_table(put)
        self._records[record.id] = record
        self._changed([record.id])
        return record

    def remove(self, record_ids: Iterable[int]) -> None:
        ids = [i for i in record_ids if i in self._records]
        if ids:
            self.table.remove(doc_ids=ids)
            for record_id in ids:
                del self._records[record_id]
            self._changed(ids)

    def clear(self) -> None:
        self.table.truncate()
        self._records.clear()
        self._changed(None)

    def _changed(self, ids: Sequence[int] | None) -> None:
        if self.on_change is not None:
            self.on_change(ids)


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Repo:
    """Typed access to one netdesk database file."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage
        self.path = storage.path
        self.db = TinyDB(storage=_Given(storage))
        self.db.table_class = InPlaceTable
        # An ordinary file opens straight into records; its TinyDB document is parsed when
        # first needed (the app asks once the first screen is up).
        loaded = fastload.load(storage.unparsed) if storage.unparsed else None
        doc = {} if loaded else storage.read()
        fresh = not loaded and not doc and not storage.read_only
        try:
            migrated = migrate.migrate(doc)
            records = loaded.records if loaded else {}

            def collection(name: str, cls: type[R]) -> Collection[R]:
                return Collection(self.db, name, cls, self.path, records.get(name))

            self.contacts = collection("contacts", Contact)
            self.messages = collection("messages", Message)
            self.calls = collection("calls", Call)
            self.intros = collection("intros", Intro)
            self.targets = collection("targets", Target)
            self.templates = collection("templates", Template)
            self._meta = self.db.table("meta")
            self._settings = self._check_settings(
                loaded.settings if loaded else self._stored_settings()
            )
            self._queue_index: queue.QueueIndex | None = None
            self._contact_log: list[tuple[int, tuple[int, ...] | None]] = []
            """(revision after the change, contact ids or None for all), oldest first."""
            self._contact_log_start = storage.version
            """Changes after this revision are all in the log."""
            self.contacts.on_change = self._contacts_changed
            # Save only once every record has decoded: a damaged file is never overwritten.
            if migrated and not storage.read_only:
                storage.write(doc)
            if fresh:
                with self.batch():
                    self._meta.insert(
                        Document({"schema_version": migrate.SCHEMA_VERSION, "settings": {}}, 1)
                    )
                    self._seed_templates()
        except BaseException:
            storage.abandon()  # stop the writer thread and release the lock
            raise

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        deferred: bool = False,
        on_status: Callable[[bool, str | None], None] | None = None,
        lock: bool = True,
        read_only: bool = False,
        parse_later: bool = False,
    ) -> Repo:
        """Open (creating if absent) the database; raises StoreError with a reason.

        With `parse_later`, an ordinary file's TinyDB document is parsed on first use
        (`storage.read()`), not before the records are ready.
        """
        storage = AtomicJSONStorage(
            path,
            deferred=deferred,
            on_status=on_status,
            lock=lock,
            read_only=read_only,
            validate=migrate.check_version,
            parse_later=parse_later,
        )
        return cls(storage)

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> Repo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def revision(self) -> int:
        """Grows with every change; screens compare it to know when to re-read."""
        return self.storage.version

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside one save."""
        with self.storage.batch():
            yield

    # --- settings and templates -----------------------------------------------------------

    def _stored_settings(self) -> dict[str, Any]:
        meta = self._meta.get(doc_id=1)
        stored = meta.get("settings", {}) if meta else {}
        return stored if isinstance(stored, dict) else {}

    def _check_settings(self, stored: dict[str, Any]) -> Settings:
        try:
            settings = from_doc(Settings, stored)
            check_doc(Settings, stored)
            problems = settings.out_of_range()
            if problems:
                raise ValueError("; ".join(problems))
            return settings
        except (TypeError, ValueError) as exc:
            raise StoreError(self.path, f"the settings are damaged: {exc}") from None

    def settings(self) -> Settings:
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        self._meta.update({"settings": to_doc(settings)}, doc_ids=[1])
        self._settings = settings

    def _seed_templates(self) -> None:
        from netdesk.domain.templates import BUILTIN_TEMPLATES

        self.templates.insert_many(BUILTIN_TEMPLATES)

    def restore_builtin_templates(self) -> None:
        """Put back the shipped templates, replacing edited built-ins, keeping the user's own."""
        with self.batch():
            self.templates.remove(t.id for t in self.templates if t.builtin)
            self._seed_templates()

    # --- derived views --------------------------------------------------------------------

    def a_network(self) -> set[int]:
        """People you have talked to: anyone with a held call."""
        return {c.contact_id for c in self.calls if c.held_at is not None}

    def messages_for(self, contact_id: int) -> list[Message]:
        return sorted(
            (m for m in self.messages if m.contact_id == contact_id),
            key=lambda m: m.sent_at or datetime.min,
        )

    def calls_for(self, contact_id: int) -> list[Call]:
        return sorted(
            (c for c in self.calls if c.contact_id == contact_id),
            key=lambda c: c.held_at or c.scheduled_for or datetime.min,
        )

    def replace_all(
        self,
        contacts: Iterable[Contact],
        messages: Iterable[Message] = (),
        calls: Iterable[Call] = (),
        intros: Iterable[Intro] = (),
        targets: Iterable[Target] = (),
    ) -> None:
        """Swap the whole network for another (demo data), in one save."""
        with self.batch():
            for collection, records in (
                (self.contacts, contacts),
                (self.messages, messages),
                (self.calls, calls),
                (self.intros, intros),
                (self.targets, targets),
            ):
                collection.clear()
                collection.insert_many(records)  # type: ignore[arg-type]

    def import_contacts(
        self,
        new: Iterable[Contact],
        updates: Iterable[tuple[int, dict[str, Any]]],
        now: datetime,
    ) -> None:
        """Apply a planned contacts import (new people, changed fields) in one save."""
        with self.batch():
            self.contacts.insert_many(replace(c, created_at=now, updated_at=now) for c in new)
            self.contacts.update_many((i, {**c, "updated_at": now}) for i, c in updates)

    # --- the routine ----------------------------------------------------------------------
    # Each step records what happened and applies the domain's field changes in one save.

    def settle(self, today: date) -> int:
        """Move people silent since their one follow-up to no_response; returns how many.

        Run once when the day's work starts, so reading the queue never writes.
        """
        silent = queue.silent_after_follow_up(self.contacts, self._settings, today)
        if silent:
            self.contacts.update_many((i, {"stage": Stage.NO_RESPONSE}) for i in silent)
        return len(silent)

    def queue(self, today: date) -> list[QueueItem]:
        """Today's work, most urgent first."""
        index = self._queue_index
        if index is None or index.today != today or index.settings != self._settings:
            index = self._queue_index = queue.QueueIndex(self.contacts, self._settings, today)
        return index.queue(self.calls, self.intros, self.outreach_done(today))

    def contacts_changed_since(self, revision: int) -> set[int] | None:
        """Ids of contacts changed after `revision` (an earlier `self.revision`, deleted ones
        included), or None when that is not known: too long ago, or many changed at once."""
        if not self._contact_log_start <= revision <= self.revision:  # not this repo's
            return None
        changed: set[int] = set()
        for version, ids in reversed(self._contact_log):
            if version <= revision:
                break
            if ids is None or len(changed) + len(ids) > BULK_CHANGE:
                return None
            changed.update(ids)
        return changed

    def _contacts_changed(self, ids: Sequence[int] | None) -> None:
        """Log the change for screens that catch up later, and keep the queue index in step
        (after a bulk change, rebuilding it once is cheaper)."""
        bulk = ids is None or len(ids) > BULK_CHANGE
        self._contact_log.append((self.storage.version, None if bulk else tuple(ids or ())))
        if len(self._contact_log) > CONTACT_LOG:
            self._contact_log_start = self._contact_log.pop(0)[0]
        index = self._queue_index
        if index is None:
            return
        if bulk or ids is None:
            self._queue_index = None
            return
        for contact_id in ids:
            contact = self.contacts.get(contact_id)
            if contact is None:
                index.remove(contact_id)
            else:
                index.update(contact)

    def outreach_done(self, today: date) -> int:
        """People sent a first outreach today (each counted once)."""
        return len(
            {
                m.contact_id
                for m in self.messages
                if m.kind is MessageKind.OUTREACH and m.sent_at and m.sent_at.date() == today
            }
        )

    def recent_messages(self, now: datetime, days: int = 30) -> list[Message]:
        since = now - timedelta(days=days)
        return [m for m in self.messages if m.sent_at and m.sent_at >= since]

    def _change(self, contact_id: int, changes: dict[str, Any], now: datetime) -> Contact:
        return self.contacts.update(contact_id, {**changes, "updated_at": now})

    def mark_sent(
        self, contact_id: int, kind: MessageKind, body: str, template: str, now: datetime
    ) -> Message:
        contact = self._contact(contact_id)
        with self.batch():
            message = self.messages.insert(
                Message(contact_id, kind, body=body, template=template, sent_at=now)
            )
            self._change(
                contact_id, queue.after_send(contact, kind, self._settings, now.date()), now
            )
        return message

    def mark_replied(self, contact_id: int, now: datetime) -> None:
        contact = self._contact(contact_id)
        with self.batch():
            last = [m for m in self.messages_for(contact_id) if m.replied_at is None]
            if last:
                self.messages.update(last[-1].id, {"replied_at": now})
            self._change(contact_id, queue.after_reply(contact, now.date()), now)

    def schedule_call(
        self, contact_id: int, when: datetime, now: datetime, medium: Medium = Medium.PHONE
    ) -> Call:
        self._contact(contact_id)
        with self.batch():
            call = self.calls.insert(Call(contact_id, scheduled_for=when, medium=medium))
            self._change(contact_id, queue.after_schedule(when), now)
        return call

    def log_call(self, call: Call, now: datetime, closeness: int | None = None) -> Call:
        """Record a held call (completing a scheduled one); its leads become targets."""
        contact = self._contact(call.contact_id)
        if not call.id:
            pending = [c for c in self.calls_for(call.contact_id) if c.held_at is None]
            if pending:
                call = replace(call, id=pending[0].id, scheduled_for=pending[0].scheduled_for)
        call = replace(call, held_at=call.held_at or now)
        changes = queue.after_call(call.held_at.date(), call.follow_up_on)
        if closeness is not None:
            changes["closeness"] = closeness
        if call.highlights and not contact.credential:
            changes["credential"] = call.highlights
        with self.batch():
            call = self.calls.save(call)
            self._change(call.contact_id, changes, now)
            self.targets.insert_many(
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

    def snooze(self, contact_id: int, until: date, now: datetime) -> None:
        self._change(contact_id, queue.snooze(until), now)

    def skip(self, contact_id: int, now: datetime) -> None:
        self._change(contact_id, queue.skip(now.date()), now)

    def mark_done(self, item: QueueItem, now: datetime) -> None:
        contact = self._contact(item.contact_id)
        self._change(
            item.contact_id, queue.done(contact, item.kind, self._settings, now.date()), now
        )

    def _contact(self, contact_id: int) -> Contact:
        contact = self.contacts.get(contact_id)
        if contact is None:
            raise KeyError(f"no contact with id {contact_id}")
        return contact

    def delete_contact(self, contact_id: int) -> None:
        """Remove a person and everything that only makes sense with them."""
        with self.batch():
            self.messages.remove(m.id for m in self.messages if m.contact_id == contact_id)
            self.calls.remove(c.id for c in self.calls if c.contact_id == contact_id)
            self.intros.remove(i.id for i in self.intros if contact_id in (i.a_id, i.b_id))
            self.contacts.remove([contact_id])

    # --- introductions and targets ---------------------------------------------------------
    # Each change the intro wizard and the hard-target finder make is one method, applied in
    # one save: the record, the message it logs, and the contact it touches move together.

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
        message = self.messages.insert(
            Message(contact_id, kind, body=body, template=template, sent_at=now)
        )
        self._change(contact_id, queue.after_send(contact, kind, self._settings, now.date()), now)
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
        with self.batch():
            for contact_id, changes in (contact_changes or {}).items():
                if changes:
                    self._change(contact_id, changes, now)
            return self.intros.save(
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
        with self.batch():
            self._log_sent(contact_id, MessageKind.INTRO_ASK, body, now)
            return self.intros.update(
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
        with self.batch():
            if answer in (OptInAnswer.AGREED, OptInAnswer.DECLINED):
                asks = [
                    m
                    for m in self.messages_for(contact_id)
                    if m.kind is MessageKind.INTRO_ASK and m.replied_at is None
                ]
                if asks:
                    self.messages.update(asks[-1].id, {"replied_at": now})
                self._change(contact_id, {"last_contacted_on": now.date()}, now)
            return self.intros.update(
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
        with self.batch():
            for contact_id in (intro.a_id, intro.b_id):
                self._log_sent(contact_id, MessageKind.INTRO, body, now)
            return self.intros.update(
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
        return self.intros.update(
            intro_id, {"status": IntroStatus.MET, "outcome": outcome.strip(), "updated_at": now}
        )

    def save_target(self, target: Target) -> Target:
        """Insert (id 0) or replace a hard target."""
        return self.targets.save(target)

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
        with self.batch():
            added = self.contacts.insert_many(
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
            return self.targets.update(target_id, {"introducers": introducers})

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
        return self.targets.update(target_id, {"introducers": introducers})

    def remove_introducer(self, target_id: int, contact_id: int) -> Target:
        target = self._target(target_id)
        kept = [i for i in target.introducers if i.contact_id != contact_id]
        return self.targets.update(target_id, {"introducers": kept})

    def mark_target_asked(
        self, target_id: int, contact_id: int, body: str, now: datetime
    ) -> Target:
        """The request went to one introducer: logged for them, the target now asked."""
        self._target(target_id)
        with self.batch():
            self._log_sent(contact_id, MessageKind.INTRO_REQUEST, body, now)
            return self.targets.update(
                target_id,
                {"status": TargetStatus.ASKED, "asked_via": contact_id, "asked_at": now},
            )

    def set_target_status(self, target_id: int, status: TargetStatus) -> Target:
        self._target(target_id)
        return self.targets.update(target_id, {"status": status})

    def link_target(self, target_id: int, contact_id: int) -> Target:
        """The target is a contact now; an open, asked or introduced target counts as reached."""
        target = self._target(target_id)
        self._contact(contact_id)
        changes: dict[str, Any] = {"contact_id": contact_id}
        if target.status in (TargetStatus.OPEN, TargetStatus.ASKED, TargetStatus.INTRODUCED):
            changes["status"] = TargetStatus.REACHED
        return self.targets.update(target_id, changes)

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
        return self.targets.insert(
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


class _Given:
    """Hands TinyDB an already-open storage instead of letting it construct one."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self.storage
