"""Seeded mutation fuzzing of database files and Connections.csv files.

The other files name each kind of damage; here a seeded generator makes thousands of small
ones (byte flips, cuts, inserted quotes and control bytes, a field set to a value of another
JSON type) and checks the promises that must hold for all of them. A database either opens,
holding records of the declared types that the queue, stats, search and exports can use and
that save and reopen, or it is refused with a short printable StoreError and left unchanged.
A CSV file either reads, with every row a clean single-line person and every report on a real
line, or is one ImportFileError. Normal runs try a few hundred mutants; `-m slow` thousands.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import random
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from netdesk.domain import stats
from netdesk.domain.contact_index import ContactIndex
from netdesk.domain.models import Settings, to_doc
from netdesk.io import demo
from netdesk.io.export import contacts_json, write_contacts_csv
from netdesk.io.linkedin import ImportFileError, plan_import, read_connections
from netdesk.store.errors import StoreError
from netdesk.store.fastload import TABLES
from netdesk.store.repo import Repo
from netdesk.store.storage import lock_path

TODAY = date(2026, 11, 27)
JSON_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    7,
    10**6,
    -(10**6),
    1e300,
    1.5,
    "",
    "x",
    "2019-02-30",
    "new",
    [],
    ["x"],
    [1],
    [None],
    [{}],
    [{"name": 5}],
    {},
    {"answer": "agreed"},
]
"""Values a mutated field may take: every JSON type, and near-misses of the real ones."""


# --- databases ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A database with every table and nested record populated (the 40-person demo)."""
    path = tmp_path_factory.mktemp("demo") / "netdesk.json"
    data = demo.generate(40, 11, TODAY)
    with Repo.open(path) as repo:
        repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
    return path.read_bytes()


def mutate_bytes(rng: random.Random, good: bytes) -> bytes:
    """A byte-level accident: a cut, a flipped byte, inserted junk, or a deleted span."""
    at = rng.randrange(len(good))
    kind = rng.randrange(4)
    if kind == 0:
        return good[:at]
    if kind == 1:
        return good[:at] + bytes([rng.randrange(256)]) + good[at + 1 :]
    if kind == 2:
        junk = rng.choice([b'"', b"\x00", b"}", b"]", b",", b"\\", b"\xff", b"\n", b"{}"])
        return good[:at] + junk + good[at:]
    return good[:at] + good[at + rng.randrange(1, 200) :]


def mutate_field(rng: random.Random, good: bytes) -> bytes:
    """A hand edit gone wrong: one field somewhere set to a value of any JSON type."""
    doc = orjson.loads(good)
    table = rng.choice(["meta", *(t for t in TABLES if doc.get(t))])
    records = doc[table]
    key = rng.choice(list(records))
    record = records[key]
    if table == "meta":
        record = record["settings"] if rng.random() < 0.8 else record
    name = rng.choice(list(record) or ["x"])
    value = rng.choice(JSON_VALUES)
    target = record
    if isinstance(record.get(name), dict) and rng.random() < 0.5:
        target = record[name]
        name = rng.choice(list(target) or ["x"])
    elif isinstance(record.get(name), list) and record[name] and rng.random() < 0.5:
        items = record[name]
        index = rng.randrange(len(items))
        if isinstance(items[index], dict):
            target = items[index]
            name = rng.choice(list(target) or ["x"])
        else:
            items[index] = value
            return orjson.dumps(doc)
    target[name] = value
    return orjson.dumps(doc)


def fits(tp: Any, value: Any) -> bool:
    """Whether a decoded value has the declared type, all the way down."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return any(fits(arg, value) for arg in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        return type(value) is list and all(fits(item, element) for element in value)
    if tp is int:
        return type(value) is int
    if dataclasses.is_dataclass(tp):
        return type(value) is tp and all_fields_fit(value)
    return isinstance(value, tp)


@functools.cache
def field_types(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


def all_fields_fit(record: Any) -> bool:
    return all(fits(tp, getattr(record, name)) for name, tp in field_types(type(record)))


def use_everything(path: Path, save: bool) -> None:
    """Open, check every record's types, run what the screens run, and maybe save and reopen."""
    with Repo.open(path) as repo:
        for name in TABLES:
            for record in repo.records(name):
                assert all_fields_fit(record), (name, record)
        assert all_fields_fit(repo.settings())
        repo.queue(TODAY)
        stats.compute(repo.contacts, repo.messages, repo.calls, repo.intros, repo.targets, TODAY)
        ContactIndex(repo.contacts.all(), repo.a_network()).filter("a")
        write_contacts_csv(repo.contacts, io.StringIO(newline=""))
        tables = (repo.contacts, repo.messages, repo.calls, repo.intros, repo.targets)
        contacts_json(*tables, exported_at=datetime(2026, 1, 1))
        if not save:
            return
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Fuzz"))
    with Repo.open(path, read_only=True, lock=False) as repo:
        assert repo.settings().my_name == "Fuzz"


def fuzz_databases(tmp_path: Path, good: bytes, mutants: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    path = tmp_path / "netdesk.json"
    outcome = {"opened": 0, "refused": 0}
    for n in range(mutants):
        mutant = mutate_field(rng, good) if n % 2 else mutate_bytes(rng, good)
        path.write_bytes(mutant)
        try:
            use_everything(path, save=n % 8 == 0)  # a durable save costs two fsyncs
        except StoreError as error:
            assert path.read_bytes() == mutant, n
            assert str(error).isprintable() and len(error.reason) <= 200, (n, str(error))
            outcome["refused"] += 1
        else:
            outcome["opened"] += 1
        lock_path(path).unlink(missing_ok=True)
    return outcome


def test_fuzzed_databases_open_cleanly_or_are_refused(tmp_path: Path, demo_bytes: bytes) -> None:
    """200 mutated databases: each opens and works end to end, or is refused untouched."""
    outcome = fuzz_databases(tmp_path, demo_bytes, mutants=200, seed=1)
    assert outcome["opened"] > 20 and outcome["refused"] > 20, outcome


@pytest.mark.slow
def test_fuzzed_databases_many(tmp_path: Path, demo_bytes: bytes) -> None:
    """The same with 3,000 mutants (run with -m slow)."""
    outcome = fuzz_databases(tmp_path, demo_bytes, mutants=3000, seed=2)
    assert outcome["opened"] > 500 and outcome["refused"] > 500, outcome


# --- Connections.csv ------------------------------------------------------------------------

CSV_TEXT = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses'
    ' are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    + "".join(
        f'{first},{last},https://www.linkedin.com/in/{first.lower()}-{n},,"{company}",'
        f'"{position}",{1 + n % 28} Mar 2019\n'
        for n, (first, last, company, position) in enumerate(
            [
                ("Ann", "Lee", "Acme, Inc.", "CTO"),
                ("Zoë", "Adler", "Müller & Söhne", "Lead, Growth\nand Partnerships"),
                ("美咲", "佐藤", "株式会社", "エンジニア"),
                ("Sam 🚀", "Rivera", "Rocket 👩\u200d💻", 'Says "hi"'),
                ("فاطمة", "الزهراء", "شركة", "مديرة"),
            ]
            * 6
        )
    )
)
"""A modern export: preamble, quoted commas and line breaks, any script, 30 people."""


def mutate_csv(rng: random.Random, good: bytes) -> bytes:
    """A damaged download: byte accidents, stray quotes and breaks, or a foreign encoding."""
    kind = rng.randrange(5)
    if kind < 3:
        data = good
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data))
            junk = rng.choice([b'"', b'"', b",", b"\r", b"\n", b"\x00", b"\x1b", b"\xff", b"\xe9"])
            data = data[:at] + junk + data[at + rng.randrange(2) :]
        return data
    if kind == 3:
        return good[: rng.randrange(len(good))]
    text = good.decode()
    return rng.choice([("\ufeff" + text).encode("utf-16-le"), text.encode("utf-16-be")])


def fuzz_csv(tmp_path: Path, mutants: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    good = CSV_TEXT.encode()
    source = tmp_path / "Connections.csv"
    outcome = {"read": 0, "refused": 0}
    for n in range(mutants):
        mutant = mutate_csv(rng, good)
        source.write_bytes(mutant)
        try:
            result = read_connections(source)
        except ImportFileError as error:
            assert "\n" not in str(error), n
            outcome["refused"] += 1
            continue
        outcome["read"] += 1
        last_line = mutant.count(b"\n") + mutant.count(b"\r") + 1
        lines = [r.line for r in result.rows] + [s.line for s in result.skipped]
        assert len(set(lines)) == len(lines), n
        assert all(1 <= line <= last_line for line in lines), n
        for row in result.rows:
            for text in (row.first_name, row.last_name, row.url, row.email):
                assert "\n" not in text and "\x00" not in text and "\x1b" not in text, (n, row)
        plan = plan_import(result, [])
        orjson.dumps([to_doc(contact) for contact in plan.new])  # what the store would write
    return outcome


def test_fuzzed_connections_files_read_cleanly_or_are_refused(tmp_path: Path) -> None:
    """500 mutated exports: each reads into clean one-line people, or is one ImportFileError."""
    outcome = fuzz_csv(tmp_path, mutants=500, seed=1)
    assert outcome["read"] > 100 and outcome["refused"] > 10, outcome


@pytest.mark.slow
def test_fuzzed_connections_files_many(tmp_path: Path) -> None:
    """The same with 10,000 mutants (run with -m slow)."""
    outcome = fuzz_csv(tmp_path, mutants=10_000, seed=2)
    assert outcome["read"] > 2000 and outcome["refused"] > 200, outcome


def test_settings_fuzz_keeps_settings_typed(tmp_path: Path) -> None:
    """Every JSON value put in each settings field either opens typed or is refused."""
    path = tmp_path / "netdesk.json"
    for name in (f.name for f in dataclasses.fields(Settings)):
        for value in JSON_VALUES:
            doc = {"meta": {"1": {"schema_version": 1, "settings": {name: value}}}}
            path.write_bytes(orjson.dumps(doc))
            try:
                with Repo.open(path, read_only=True, lock=False) as repo:
                    assert all_fields_fit(repo.settings()), (name, value)
            except StoreError as error:
                assert error.reason.startswith("the settings are damaged: "), (name, value)


def test_a_day_count_beyond_the_calendar_is_refused_with_its_name(tmp_path: Path) -> None:
    """A follow-up period of ten million days is refused at open, naming the setting."""
    path = tmp_path / "netdesk.json"
    doc = {
        "meta": {"1": {"schema_version": 1, "settings": {"follow_up_days": 10_000_000}}},
        "contacts": {"1": {"first_name": "Ann", "stage": "contacted"}},
    }
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(StoreError) as caught:
        Repo.open(path)
    assert caught.value.reason == (
        "the settings are damaged: follow_up_days is 10000000, expected 1–365"
    )
