"""The stored document with every record kept as its JSON text until something changes it.

TinyDB's document is what a save writes. Parsed into dicts it took 62 MB at 30k contacts,
beside the records themselves, and 0.1-0.15 s to parse. A file the fast loader accepted is
known to be well-formed record by record, so each record can stay the exact bytes it was
read as (17 MB in all, built in about 25 ms): the table view turns one into a dict when a
change first touches it (`table._IntKeyView`), and a save writes the untouched bytes back as
they were, so a save of an unchanged file is that file byte for byte.
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson

_TABLES = dict[str, dict[str, msgspec.Raw]]


def compact_document(raw: bytes) -> dict[str, dict[str, Any]]:
    """The document of `raw` (a file the fast loader accepted): meta parsed, records as bytes."""
    tables = msgspec.json.decode(raw, type=_TABLES)
    return {
        name: (
            {key: msgspec.json.decode(value) for key, value in records.items()}
            if name == "meta"
            else {key: bytes(value) for key, value in records.items()}
        )
        for name, records in tables.items()
    }


def stored_bytes(value: object) -> orjson.Fragment:
    """orjson's `default` for a save: a record still held as its JSON text goes out as is."""
    if type(value) is bytes:
        return orjson.Fragment(value)
    raise TypeError(f"cannot save a {type(value).__name__}")
