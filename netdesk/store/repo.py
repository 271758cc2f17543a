"""The one interface the rest of netdesk uses to read and change stored data.

Callers get and give domain dataclasses, never TinyDB documents. Every table is decoded once
when the database opens (which also validates every record) and kept as objects in memory;
each change updates the stored document and the object together.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from netdesk.domain import queue
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    Medium,
    Message,
    MessageKind,
    Settings,
    Stage,
    Target,
    Template,
    changes_to_doc,
    from_doc,
    to_doc,
)
from netdesk.domain.queue import QueueItem
from netdesk.store import migrate
from netdesk.store.errors import StoreError
from netdesk.store.storage import AtomicJSONStorage
from netdesk.store.table import InPlaceTable

R = TypeVar("R", Contact, Message, Call, Intro, Target, Template)


class Collection(Generic[R]):
    """One table as typed records: decoded at open, kept in step with every change."""

    def __init__(self, db: TinyDB, name: str, cls: type[R], path: Path) -> None:
        self.cls = cls
        self.table: InPlaceTable = db.table(name)  # type: ignore[assignment]
        self._records: dict[int, R] = {}
        for key, doc in self.table.raw().items():
            try:
                self._records[int(key)] = from_doc(cls, doc, int(key))
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
        return stored

    def insert_many(self, records: Iterable[R]) -> list[R]:
        """Insert in one write; a record that already has an id keeps it."""
        records = list(records)
        ids = self.table.insert_multiple(
            Document(to_doc(r), r.id) if r.id else to_doc(r) for r in records
        )
        stored = [replace(r, id=i) for r, i in zip(records, ids, strict=True)]
        self._records.update((r.id, r) for r in stored)
        return stored

    def update(self, record_id: int, changes: dict[str, Any]) -> R:
        if record_id not in self._records:
            raise KeyError(f"no {self.cls.__name__.lower()} with id {record_id}")
        self.table.update(changes_to_doc(self.cls, changes), doc_ids=[record_id])
        record = replace(self._records[record_id], **changes)
        self._records[record_id] = record
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
        return record

    def remove(self, record_ids: Iterable[int]) -> None:
        ids = [i for i in record_ids if i in self._records]
        if ids:
            self.table.remove(doc_ids=ids)
            for record_id in ids:
                del self._records[record_id]

    def clear(self) -> None:
        self.table.truncate()
        self._records.clear()


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Repo:
    """Typed access to one netdesk database file."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage
        self.path = storage.path
        self.db = TinyDB(storage=_Given(storage))
        self.db.table_class = InPlaceTable
        doc = storage.read()
        fresh = not doc and not storage.read_only
        try:
            migrated = migrate.migrate(doc)
            self.contacts = Collection(self.db, "contacts", Contact, self.path)
            self.messages = Collection(self.db, "messages", Message, self.path)
            self.calls = Collection(self.db, "calls", Call, self.path)
            self.intros = Collection(self.db, "intros", Intro, self.path)
            self.targets = Collection(self.db, "targets", Target, self.path)
            self.templates = Collection(self.db, "templates", Template, self.path)
            self._meta = self.db.table("meta")
            self._settings = self._load_settings()
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
    ) -> Repo:
        """Open (creating if absent) the database; raises StoreError with a reason."""
        storage = AtomicJSONStorage(
            path,
            deferred=deferred,
            on_status=on_status,
            lock=lock,
            read_only=read_only,
            validate=migrate.check_version,
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

    def _load_settings(self) -> Settings:
        meta = self._meta.get(doc_id=1)
        stored = meta.get("settings", {}) if meta else {}
        try:
            return from_doc(Settings, stored if isinstance(stored, dict) else {})
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
        return queue.build_queue(
            self.contacts, self.calls, self.intros, self._settings, today,
            self.outreach_done(today),
        )

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


class _Given:
    """Hands TinyDB an already-open storage instead of letting it construct one."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self.storage
