"""Opening with `parse_later` (the app's fast path) must read every file as the thorough way does.

fastload decodes an ordinary file straight into records and leaves the TinyDB document
unparsed; anything unusual falls back to the thorough way. Either way the records, the settings
and every refusal must be exactly what `Repo.open` without it gives.
"""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from netdesk.io import demo
from netdesk.store import fastload
from netdesk.store.errors import StoreError
from netdesk.store.repo import Repo

TABLES = tuple(fastload.TABLES)
ODD_VALUES: list[Any] = [
    None, True, 0, -1, 10**20, 1e300, 1.5, "", "x", "2019-02-30", "2026-11-23T09:30:00",
    "new", [], [1], ["a", None], {}, {"x": 1}, "\u202eevil", "=cmd",
]  # fmt: skip


def opened(path: Path, *, parse_later: bool) -> tuple[Any, ...]:
    """What a database holds, or the refusal, read one way."""
    try:
        with Repo.open(path, parse_later=parse_later, read_only=True, lock=False) as repo:
            tables = {name: {r.id: r for r in repo.records(name)} for name in TABLES}
            return ("opened", tables, repo.settings())
    except StoreError as error:
        return ("refused", str(error))


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    data = demo.generate(60, 3, date(2026, 11, 23))
    with Repo.open(path) as repo:
        repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Sam", daily_cap=7))
    return path.read_bytes()


def test_an_ordinary_file_takes_the_fast_path_with_equal_records(
    tmp_path: Path, demo_bytes: bytes
) -> None:
    path = tmp_path / "netdesk.json"
    path.write_bytes(demo_bytes)
    with Repo.open(path, parse_later=True, read_only=True, lock=False) as repo:
        assert repo.storage.unparsed is not None  # records came without the document
    fast = opened(path, parse_later=True)
    assert fast[0] == "opened" and len(fast[1]["contacts"]) == 60
    assert fast == opened(path, parse_later=False)


def test_the_document_is_parsed_on_the_first_change_and_saves_everything(
    tmp_path: Path, demo_bytes: bytes
) -> None:
    path = tmp_path / "netdesk.json"
    path.write_bytes(demo_bytes)
    before = opened(path, parse_later=False)
    with Repo.open(path, parse_later=True) as repo:
        first = next(iter(repo.contacts))
        repo.skip(first.id, datetime(2026, 11, 23, 9, 30))
        assert repo.storage.unparsed is None
    after = opened(path, parse_later=False)
    assert after[0] == "opened"
    assert after[1]["contacts"][first.id].snoozed_until == date(2026, 11, 24)
    for name in TABLES:
        if name not in ("contacts", "undo"):  # the skip and its undo step
            assert after[1][name] == before[1][name]
    assert len(after[1]["contacts"]) == len(before[1]["contacts"])


def with_change(good: bytes, change: Any) -> bytes:
    doc = orjson.loads(good)
    change(doc)
    return json.dumps(doc).encode()  # unlike orjson, writes integers past 64 bits


UNUSUAL = {
    "unknown field": lambda d: d["contacts"]["1"].update(mood="sunny"),
    "unknown table": lambda d: d.update(plugins={"1": {"x": 1}}),
    "null text": lambda d: d["contacts"]["1"].update(first_name=None),
    "null list": lambda d: d["contacts"]["1"].update(tags=None),
    "no schema version": lambda d: d["meta"]["1"].pop("schema_version"),
    "settings not an object": lambda d: d["meta"]["1"].update(settings=[1]),
    "second meta record": lambda d: d["meta"].update({"2": {}}),
    "id inside a record": lambda d: d["contacts"]["1"].update(id="seven"),
    "nested unknown field": lambda d: d["intros"]["1"]["a_optin"].update(extra=1),
    "bad date": lambda d: d["contacts"]["1"].update(connected_on="2019-02-30"),
    "bad enum": lambda d: d["contacts"]["1"].update(stage="friendly"),
    "number too big": lambda d: d["contacts"]["1"].update(closeness=10**30),
}


@pytest.mark.parametrize("name", UNUSUAL)
def test_an_unusual_file_reads_exactly_as_the_thorough_way_reads_it(
    tmp_path: Path, demo_bytes: bytes, name: str
) -> None:
    path = tmp_path / "netdesk.json"
    path.write_bytes(with_change(demo_bytes, UNUSUAL[name]))
    assert fastload.load(path.read_bytes()) is None
    assert opened(path, parse_later=True) == opened(path, parse_later=False)


def test_a_missing_or_empty_file_is_not_taken_by_the_fast_path(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    with Repo.open(path, parse_later=True) as repo:  # a new database: seeded the usual way
        assert repo.storage.unparsed is None
        assert len(repo.templates) > 0
    path.write_bytes(b"")
    assert opened(path, parse_later=True) == opened(path, parse_later=False)
    assert opened(path, parse_later=True)[0] == "refused"


def mutant(rng: random.Random, good: bytes) -> bytes:
    """A field set to a value of another type, or a few bytes flipped, cut or inserted."""
    if rng.random() < 0.5:
        doc = orjson.loads(good)
        table = rng.choice([t for t in TABLES if doc.get(t)])
        record = rng.choice(list(doc[table].values()))
        record[rng.choice(list(record))] = rng.choice(ODD_VALUES)
        return json.dumps(doc).encode()  # unlike orjson, writes integers past 64 bits
    data = bytearray(good)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[at] = rng.randrange(256)
        elif action == 1:
            del data[at : at + rng.randint(1, 8)]
        else:
            data[at:at] = rng.choice([b'"', b",", b"}", b"\x00", b"\xff", b"1e999", b"null"])
    return bytes(data)


@pytest.mark.parametrize("seed", range(4))
def test_fuzzed_files_read_the_same_both_ways(tmp_path: Path, demo_bytes: bytes, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "netdesk.json"
    outcomes = {"opened": 0, "refused": 0}
    for n in range(60):
        path.write_bytes(mutant(rng, demo_bytes))
        fast = opened(path, parse_later=True)
        assert fast == opened(path, parse_later=False), n
        outcomes[fast[0]] += 1
    assert outcomes["opened"] and outcomes["refused"], outcomes
