"""One table as typed records, and the read-only face of it that the rest of netdesk sees.

`Collection` decodes a table once at open and keeps its records in step with every change.
Only the repo's use-case methods change records; everything outside `netdesk.store` is handed
the same object typed as `Records`, which has no way to write (mypy holds the UI to that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Generic, Protocol, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from netdesk.domain.models import (
    Call,
    Contact,
    Dismissal,
    Intro,
    Message,
    Referral,
    Target,
    Template,
    UndoStep,
    changes_to_doc,
    from_doc,
    to_doc,
)
from netdesk.store.errors import StoreError
from netdesk.store.fieldcheck import check_doc
from netdesk.store.table import InPlaceTable

R = TypeVar("R", Contact, Message, Call, Intro, Target, Template, Referral, Dismissal, UndoStep)
R_co = TypeVar("R_co", covariant=True)

Recorder = Callable[[str, int, Any], None]
"""Told (table, id, the record before the change or None when it is new) before each change."""


class Records(Protocol[R_co]):
    """What screens and commands may do with a table: read it."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[R_co]: ...
    def all(self) -> Sequence[R_co]: ...  # a list, but read-only to callers
    def get(self, record_id: int) -> R_co | None: ...
    def by_id(self) -> Mapping[int, R_co]: ...


class Collection(Generic[R]):
    """One table as typed records: decoded at open, kept in step with every change."""

    def __init__(
        self, db: TinyDB, name: str, cls: type[R], path: Path, decoded: dict[int, R] | None
    ) -> None:
        self.name = name
        self.cls: type[R] = cls
        self.table: InPlaceTable = db.table(name)  # type: ignore[assignment]
        self.on_change: Callable[[Sequence[int] | None], None] | None = None
        """Told the ids of changed records after each change (None: all of them)."""
        self.recorder: Recorder | None = None
        """Set by the repo while a user action runs, so the action can be undone."""
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

    def by_id(self) -> Mapping[int, R]:
        """The records keyed by id, as a view that cannot be changed."""
        return MappingProxyType(self._records)

    # --- writes: for the repo's use-case methods only ---------------------------------------

    def insert(self, record: R) -> R:
        record_id = self.table.insert(to_doc(record))
        stored: R = replace(record, id=record_id)
        self._record(record_id)
        self._records[record_id] = stored
        self._changed([record_id])
        return stored

    def reserve_ids(self, count: int) -> list[int]:
        """`count` ids the table will never hand out again, for records built with theirs."""
        return [self.table._get_next_id() for _ in range(count)]

    def insert_many(self, records: Iterable[R]) -> list[R]:
        """Insert in one write; a record that already has an id keeps it and is stored as it
        is (build it for the insert, e.g. with `reserve_ids`), the others are numbered."""
        records = list(records)
        ids = self.table.insert_multiple(
            Document(to_doc(r), r.id) if r.id else to_doc(r) for r in records
        )
        stored = [r if r.id else replace(r, id=i) for r, i in zip(records, ids, strict=True)]
        for record_id in ids:
            self._record(record_id)
        self._records.update((r.id, r) for r in stored)
        self._changed(ids)
        return stored

    def update(self, record_id: int, changes: dict[str, Any]) -> R:
        if record_id not in self._records:
            raise KeyError(f"no {self.cls.__name__.lower()} with id {record_id}")
        self.table.update(changes_to_doc(self.cls, changes), doc_ids=[record_id])
        self._record(record_id)
        record: R = replace(self._records[record_id], **changes)
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
            self._record(record_id)
            self._records[record_id] = replace(self._records[record_id], **changes)
        self._changed([i for i, _ in updates])
        return len(updates)

    def save(self, record: R) -> R:
        """Insert a new record (id 0) or replace the stored one."""
        record_id: int = record.id
        if not record_id:
            return self.insert(record)
        doc = to_doc(record)

        def put(table: dict[int, dict[str, Any]]) -> None:
            table[record_id] = doc

        self.table._update_table(put)
        self._record(record_id)
        self._records[record_id] = record
        self._changed([record_id])
        return record

    def remove(self, record_ids: Iterable[int]) -> None:
        ids = [i for i in record_ids if i in self._records]
        if ids:
            self.table.remove(doc_ids=ids)
            for record_id in ids:
                self._record(record_id)
                del self._records[record_id]
            self._changed(ids)

    def clear(self) -> None:
        self.table.truncate()
        for record_id in self._records:
            self._record(record_id)
        self._records.clear()
        self._changed(None)

    def _record(self, record_id: int) -> None:
        """Tell the recorder what `record_id` held before this change (after the table write
        succeeded, before the record in memory changes)."""
        if self.recorder is not None:
            self.recorder(self.name, record_id, self._records.get(record_id))

    def _changed(self, ids: Sequence[int] | None) -> None:
        if self.on_change is not None:
            self.on_change(ids)
