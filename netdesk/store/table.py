"""A TinyDB table that changes the stored table in place.

TinyDB's `Table._update_table` copies the whole table twice per write to convert ids between
int and str (about 25 ms at 30k contacts). With the document kept in memory by
`AtomicJSONStorage`, a view that converts each key on access does the same job for free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb.table import Table

RawTable = dict[str, dict[str, Any]]


class _IntKeyView(MutableMapping[int, dict[str, Any]]):
    """The raw str-keyed table seen through TinyDB's int document ids."""

    __slots__ = ("raw",)

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> dict[str, Any]:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: dict[str, Any]) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def clear(self) -> None:
        self.raw.clear()


class InPlaceTable(Table):
    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        storage = self._storage
        with storage.mutex:  # the writer thread must not serialise a half-made change
            tables = storage.read()
            raw = tables.setdefault(self.name, {})
            updater(_IntKeyView(raw))  # type: ignore[arg-type]
            storage.write(tables)
        self.clear_cache()

    def raw(self) -> RawTable:
        """The stored documents by id, without TinyDB's per-document copies."""
        return self._read_table()
