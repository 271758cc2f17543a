"""A database written by the previous netdesk (schema 1) opens migrated with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from netdesk.domain.models import Call, Contact, Intro, Message, Target, Template, from_doc
from netdesk.store.migrate import SCHEMA_VERSION
from netdesk.store.repo import Repo

FIXTURE = Path(__file__).parent.parent / "data" / "store" / "schema1-demo.json"
"""Written by `netdesk demo --count 40 --seed 7` at commit afd971f (schema 1)."""
CLASSES = {
    "contacts": Contact,
    "messages": Message,
    "calls": Call,
    "intros": Intro,
    "targets": Target,
    "templates": Template,
}


def test_a_schema_1_file_opens_with_every_record_and_setting(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.json"
    shutil.copy(FIXTURE, path)
    old = orjson.loads(FIXTURE.read_bytes())
    assert old["meta"]["1"]["schema_version"] == 1
    with Repo.open(path) as repo:
        for table, cls in CLASSES.items():
            expected = {int(k): from_doc(cls, doc, int(k)) for k, doc in old[table].items()}
            assert {r.id: r for r in repo.records(table)} == expected, table
        assert repo.settings().my_name == old["meta"]["1"]["settings"]["my_name"]
        assert not repo.referrals.all() and not repo.undo_history()
        assert all(c.offers == c.seeks == "" for c in repo.contacts)
    new = orjson.loads(path.read_bytes())
    assert new["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 2
    for table in CLASSES:  # every stored field kept, the new ones added
        for key, doc in old[table].items():
            assert doc.items() <= new[table][key].items()
    # the file as it was is the backup
    assert orjson.loads((tmp_path / "netdesk.json.bak").read_bytes()) == old
