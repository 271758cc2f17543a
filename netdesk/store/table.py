"""A TinyDB table that changes the stored table in place.

TinyDB's `Table._update_table` copies the whole table twice per write to convert ids between
int and str (about 25 ms at 30k contacts). With the document kept in memory by
`AtomicJSONStorage`, a view that converts each key on access does the same job for free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, cast

from tinydb.table import Table

if TYPE_CHECKING:
    from netdesk.store.storage import AtomicJSONStorage

RawTable = dict[str, dict[str, Any]]


_ABSENT: Any = object()


class _IntKeyView(MutableMapping[int, dict[str, Any]]):
    """The raw str-keyed table seen through TinyDB's int document ids.

    It remembers what each change replaced, so a change that fails half-way can be undone
    (stock TinyDB gets that for free by working on a copy), and it keeps the table's cached
    next id above any id stored explicitly, so a later insert cannot pick a taken id.
    """

    __slots__ = ("_undo", "raw", "table")

    def __init__(self, raw: RawTable, table: Table) -> None:
        self.raw = raw
        self.table = table
        self._undo: list[tuple[str, dict[str, Any]]] = []

    def __getitem__(self, key: int) -> dict[str, Any]:
        return self.raw[str(key)]

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

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def clear(self) -> None:
        self._undo.extend(self.raw.items())
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
            storage.write(tables)
        self.clear_cache()

    def raw(self) -> RawTable:
        """The stored documents by id, without TinyDB's per-document copies."""
        return cast(RawTable, self._read_table())  # the stored dicts themselves
