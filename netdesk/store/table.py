"""A TinyDB table that changes the stored table in place.

TinyDB's `Table._update_table` copies the whole table twice per write to convert ids between
int and str (about 25 ms at 30k contacts). With the document kept in memory by
`AtomicJSONStorage`, a view that converts each key on access does the same job for free.

It also never hands out an id twice. TinyDB takes max + 1 when a table opens, so deleting the
newest contact and reopening gave its id to the next one, and an old undo step, export or
dismissal naming that id then meant someone else. Removing a record writes the table's next
id into the meta document (`next_ids`), and the first insert after opening starts there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, cast

import orjson
from tinydb.table import Table

from netdesk.store.migrate import META_KEY

if TYPE_CHECKING:
    from netdesk.store.storage import AtomicJSONStorage

RawTable = dict[str, dict[str, Any]]
StoredTable = dict[str, dict[str, Any] | bytes]
"""A stored table by key: each record a dict, or its JSON text while unchanged."""
NEXT_IDS = "next_ids"
"""The meta document's field holding, per table, the lowest id never handed out."""


_ABSENT: Any = object()


class _IntKeyView(MutableMapping[int, dict[str, Any]]):
    """The raw str-keyed table seen through TinyDB's int document ids.

    It remembers what each change replaced, so a change that fails half-way can be undone
    (stock TinyDB gets that for free by working on a copy), and it keeps the table's cached
    next id above any id stored explicitly, so a later insert cannot pick a taken id.
    """

    __slots__ = ("_undo", "raw", "removed", "table")

    def __init__(self, raw: StoredTable, table: Table) -> None:
        self.raw = raw
        self.table = table
        self._undo: list[tuple[str, Any]] = []
        self.removed = 0
        """The highest id this change removed (0: none)."""

    def __getitem__(self, key: int) -> dict[str, Any]:
        skey = str(key)
        value = self.raw[skey]
        if isinstance(value, bytes):  # unchanged since read (store.compact): a dict to change
            self._undo.append((skey, value))
            value = self.raw[skey] = orjson.loads(value)
        return value

    def __setitem__(self, key: int, value: dict[str, Any]) -> None:
        skey = str(key)
        self._undo.append((skey, self.raw.get(skey, _ABSENT)))
        self.raw[skey] = value
        next_id = self.table._next_id
        if next_id is not None and key >= next_id:
            self.table._next_id = key + 1

    def __delitem__(self, key: int) -> None:
        skey = str(key)
        self._undo.append((skey, self.raw[skey]))
        del self.raw[skey]
        self.removed = max(self.removed, key)

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def clear(self) -> None:
        self._undo.extend(self.raw.items())
        self.removed = max((self.removed, *self), default=0)
        self.raw.clear()

    def undo(self) -> None:
        """Put back every key this view set, deleted or cleared, newest first."""
        for skey, old in reversed(self._undo):
            if old is _ABSENT:
                self.raw.pop(skey, None)
            else:
                self.raw[skey] = old


class InPlaceTable(Table):
    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = cast("AtomicJSONStorage", self._storage)  # the one Repo hands TinyDB
        with storage.mutex:  # the writer thread must not serialise a half-made change
            tables = storage.read()
            storage.check_writable()  # refuse before anything changes in memory
            raw = tables.setdefault(self.name, {})
            view = _IntKeyView(raw, self)
            try:
                updater(view)  # type: ignore[arg-type]
            except BaseException:
                view.undo()
                raise
            if view.removed:
                self._remember_next_id(tables, view.removed + 1)
            storage.write(tables)
        self.clear_cache()

    def _get_next_id(self) -> int:
        next_id: int | None = self._next_id
        if next_id is None:  # first insert since opening (or since an explicit id)
            stored = self._read_table()
            floor = self._stored_next_id(cast("AtomicJSONStorage", self._storage).read())
            next_id = max(floor, max(map(int, stored), default=0) + 1)
        self._next_id = next_id + 1  # type: ignore[assignment]  # TinyDB declares it None
        return next_id

    def _meta(self, tables: dict[str, Any]) -> dict[str, Any] | None:
        meta = tables.get("meta", {}).get(META_KEY) if self.name != "meta" else None
        return meta if isinstance(meta, dict) else None

    def _stored_next_id(self, tables: dict[str, Any]) -> int:
        """The table's remembered next id; a damaged value only guards less, so it is ignored
        (record keys themselves are checked at open)."""
        next_ids = (self._meta(tables) or {}).get(NEXT_IDS)
        value = next_ids.get(self.name) if isinstance(next_ids, dict) else None
        return value if type(value) is int and 0 < value < 2**53 else 1

    def _remember_next_id(self, tables: dict[str, Any], next_id: int) -> None:
        meta = self._meta(tables)
        if meta is not None and next_id > self._stored_next_id(tables):
            next_ids = meta.get(NEXT_IDS)
            if not isinstance(next_ids, dict):
                next_ids = meta[NEXT_IDS] = {}
            next_ids[self.name] = next_id

    def raw(self) -> RawTable:
        """The stored documents by id, without TinyDB's per-document copies (read only when
        the document was parsed in full: a compact one holds records as bytes)."""
        return cast(RawTable, self._read_table())  # the stored dicts themselves
