"""The open database behind `Repo`: its tables, saves, settings, the queue and user actions.

The use-case methods live in mixins beside this module (`routine`, `introductions`, `undo` …),
one concept each; they all build on what is here. Every change a user makes runs inside
`_action`, which makes it one save and remembers how to reverse it.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from netdesk.domain import queue
from netdesk.domain import referrals as referral_rules
from netdesk.domain.models import (
    Call,
    Contact,
    Dismissal,
    Intro,
    Message,
    MessageKind,
    Referral,
    Settings,
    Stage,
    Target,
    Template,
    UndoChange,
    UndoStep,
    from_doc,
    to_doc,
)
from netdesk.domain.queue import QueueItem
from netdesk.store import fastload, migrate
from netdesk.store.collection import Collection, R, Records
from netdesk.store.errors import StoreError
from netdesk.store.fieldcheck import check_doc
from netdesk.store.storage import AtomicJSONStorage
from netdesk.store.table import InPlaceTable

BULK_CHANGE = 100
"""More contacts than this changed at once and an index is rebuilt, not patched."""
CONTACT_LOG = 1000
"""Contact changes remembered for `contacts_changed_since`."""
UNDO_KEPT = 30
"""User actions kept for undo, across restarts (the oldest are dropped)."""


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


class RepoCore:
    """One open netdesk database: typed tables, saves, settings and the action recorder.

    `contacts`, `messages` … are the tables as read-only `Records`; the use-case methods
    change them through the private `Collection`s behind them.
    """

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage
        self.path = storage.path
        self.db = TinyDB(storage=_Given(storage))
        self.db.table_class = InPlaceTable
        # An ordinary file opens straight into records; its TinyDB document is parsed when
        # first needed (the app asks once the first screen is up).
        try:
            loaded = fastload.load(storage.unparsed) if storage.unparsed else None
            storage.records_checked = loaded is not None
            doc = {} if loaded else storage.read()
            fresh = not loaded and not doc and not storage.read_only
            migrated = migrate.migrate(doc)
            records = loaded.records if loaded else {}

            def collection(name: str, cls: type[R]) -> Collection[R]:
                return Collection(self.db, name, cls, self.path, records.get(name))

            self._contacts = collection("contacts", Contact)
            self._messages = collection("messages", Message)
            self._calls = collection("calls", Call)
            self._intros = collection("intros", Intro)
            self._targets = collection("targets", Target)
            self._templates = collection("templates", Template)
            self._referrals = collection("referrals", Referral)
            self._dismissals = collection("dismissals", Dismissal)
            self._undo = collection("undo", UndoStep)
            self.contacts: Records[Contact] = self._contacts
            self.messages: Records[Message] = self._messages
            self.calls: Records[Call] = self._calls
            self.intros: Records[Intro] = self._intros
            self.targets: Records[Target] = self._targets
            self.templates: Records[Template] = self._templates
            self.referrals: Records[Referral] = self._referrals
            self.dismissals: Records[Dismissal] = self._dismissals
            self._undoable: dict[str, Collection[Any]] = {
                c.name: c
                for c in (
                    self._contacts,
                    self._messages,
                    self._calls,
                    self._intros,
                    self._targets,
                    self._templates,
                    self._referrals,
                    self._dismissals,
                )
            }
            """The tables a user action changes, by name (undo steps name them)."""
            self._recording: dict[tuple[str, int], Any] | None = None
            self._meta = self.db.table("meta")
            self._settings = self._check_settings(
                loaded.settings if loaded else self._stored_settings()
            )
            self._check_undo()
            self._queue_index: queue.QueueIndex | None = None
            self._contact_log: list[tuple[int, tuple[int, ...] | None]] = []
            """(revision after the change, contact ids or None for all), oldest first."""
            self._contact_log_start = storage.version
            """Changes after this revision are all in the log."""
            self._contacts.on_change = self._contacts_changed
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

    def close(self) -> None:
        self.storage.close()

    def __enter__(self) -> RepoCore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def records(self, table: str) -> Records[Any]:
        """A table by its stored name (for code that walks every table, like `check`)."""
        return self._undo if table == "undo" else self._undoable[table]

    @property
    def revision(self) -> int:
        """Grows with every change; screens compare it to know when to re-read."""
        return self.storage.version

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside one save."""
        with self.storage.batch():
            yield

    @contextlib.contextmanager
    def _action(self, label: str, at: datetime | None = None) -> Iterator[None]:
        """One user action: every change inside is one save, and one step of undo.

        Each record's state before its first change is kept; undo writes those back. An
        action inside another is part of the outer one.
        """
        if self._recording is not None:
            yield
            return
        before: dict[tuple[str, int], Any] = {}

        def record(table: str, record_id: int, old: Any) -> None:
            before.setdefault((table, record_id), old)

        self._recording = before
        for collection in self._undoable.values():
            collection.recorder = record
        try:
            with self.batch():
                yield
                if before:
                    self._push_undo(label, at or now(), before)
        finally:
            self._recording = None
            for collection in self._undoable.values():
                collection.recorder = None

    def _push_undo(self, label: str, at: datetime, before: dict[tuple[str, int], Any]) -> None:
        changes = [
            UndoChange(table, record_id, None if old is None else to_doc(old))
            for (table, record_id), old in before.items()
        ]
        self._undo.insert(UndoStep(label, at, changes))
        steps = sorted(s.id for s in self._undo)
        if len(steps) > UNDO_KEPT:
            self._undo.remove(steps[: len(steps) - UNDO_KEPT])

    def _check_undo(self) -> None:
        """Refuse a file whose undo history names a table or record netdesk does not have a
        place for. (The records it holds are checked when undone: opening stays quick.)"""
        for step in self._undo:
            for change in step.changes:
                if change.table not in self._undoable or change.record_id < 1:
                    where = f"table {change.table!r}, record {change.record_id}"
                    reason = f"undo step {step.id} ({step.label!r}) names {where}"
                    raise StoreError(self.path, reason)

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
        problems = settings.out_of_range()
        if problems:
            raise ValueError("; ".join(problems))
        self._meta.update({"settings": to_doc(settings)}, doc_ids=[1])
        self._settings = settings

    def _seed_templates(self) -> None:
        from netdesk.domain.templates import BUILTIN_TEMPLATES

        self._templates.insert_many(BUILTIN_TEMPLATES)

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

    def queue(self, today: date) -> list[QueueItem]:
        """Today's work, most urgent first."""
        index = self._queue_index
        if index is None or index.today != today or index.settings != self._settings:
            index = self._queue_index = queue.QueueIndex(self.contacts, self._settings, today)
        thanks = referral_rules.thanks_due(
            self.referrals, self.targets, self.contacts.by_id(), self.a_network()
        )
        return index.queue(self.calls, self.intros, self.outreach_done(today), thanks)

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
            contact = self._contacts.get(contact_id)
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

    def settled_queue(self, today: date) -> list[QueueItem]:
        """Today's queue as the app shows it once `settle` has run, without writing: for a
        look from outside the app (`netdesk today`) at a database it may not change.

        The people `settle` would move to no_response are re-placed in a queue index of its
        own, as a real change would re-place them, and `queue` reads that index once.
        """
        silent = queue.silent_after_follow_up(self.contacts, self._settings, today)
        if not silent:
            return self.queue(today)
        index = queue.QueueIndex(self.contacts, self._settings, today)
        people = self.contacts.by_id()
        for contact_id in silent:
            index.update(dataclasses.replace(people[contact_id], stage=Stage.NO_RESPONSE))
        kept, self._queue_index = self._queue_index, index
        try:
            return self.queue(today)
        finally:
            self._queue_index = kept

    def recent_messages(self, now: datetime, days: int = 30) -> list[Message]:
        since = now - timedelta(days=days)
        return [m for m in self.messages if m.sent_at and m.sent_at >= since]

    # --- helpers for the use-case methods -------------------------------------------------

    def _change(self, contact_id: int, changes: dict[str, Any], now: datetime) -> Contact:
        return self._contacts.update(contact_id, {**changes, "updated_at": now})

    def _contact(self, contact_id: int) -> Contact:
        contact = self._contacts.get(contact_id)
        if contact is None:
            raise KeyError(f"no contact with id {contact_id}")
        return contact

    def _name(self, contact_id: int | None) -> str:
        """A contact's name for an undo label; never fails on a missing one."""
        contact = self._contacts.get(contact_id or 0)
        return contact.name if contact else "someone"


class _Given:
    """Hands TinyDB an already-open storage instead of letting it construct one."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self, *args: Any, **kwargs: Any) -> AtomicJSONStorage:
        return self.storage
