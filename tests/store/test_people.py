"""Merging two records of one person, "not the same person", clean deletes and ids never reused."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from netdesk.domain.models import (
    Call,
    Contact,
    Dismissal,
    Intro,
    Introducer,
    Lead,
    Message,
    MessageKind,
    Referral,
    ReferralDirection,
    Target,
)
from netdesk.store import storage as storage_module
from netdesk.store.fastload import TABLES as TABLES_BY_NAME
from netdesk.store.repo import Repo

NOW = datetime(2026, 12, 4, 9, 30)
ASKED = datetime(2026, 11, 20, 10, 0)
TABLES = ("contacts", "messages", "calls", "intros", "targets", "referrals", "dismissals")


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    """Ann (1) and her second record (2), Bo (3), and something of every kind naming Ann 2."""
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.contacts.insert_many(
            [
                Contact("Ann", "Lee", email="ann@acme.com", company="Acme", tags=["alumni"]),
                Contact(
                    "Ann",
                    "Lee",
                    email="ann.lee@globex.com",
                    position="CFO",
                    url="https://www.linkedin.com/in/ann-lee",
                    tags=["finance"],
                    notes="Prefers calls before 10am.",
                ),
                Contact("Bo", "Chen", company="Initech"),
            ]
        )
        repo.messages.insert_many([Message(2, body="Hi Ann"), Message(3, body="Hi Bo")])
        repo.calls.insert_many([Call(2, held_at=ASKED, leads=[Lead("Cy Dorn")]), Call(3)])
        repo.intros.insert_many([Intro(a_id=2, b_id=3), Intro(a_id=3, b_id=2)])
        repo.targets.insert_many(
            [
                Target(
                    "Cy Dorn",
                    introducers=[Introducer(1, 3, 1), Introducer(2, 3, 4, asked_at=ASKED)],
                    asked_via=2,
                    source_call_id=1,
                ),
                Target("Ann Lee", contact_id=2, introducers=[Introducer(3, 2, 2)]),
            ]
        )
        repo.referrals.insert_many(
            [
                Referral(ReferralDirection.RECEIVED, giver_id=2, need="a CFO"),
                Referral(ReferralDirection.GIVEN, receiver_id=2, referred_id=3),
                Referral(ReferralDirection.GIVEN, receiver_id=3, referred_id=2),
            ]
        )
        repo.dismissals.insert_many(
            [
                Dismissal("duplicate", 1, 2, ASKED),  # said no once, merges anyway
                Dismissal("duplicate", 2, 3, ASKED),
                Dismissal("duplicate", 1, 3, ASKED),  # the same pair once 2 is 1
                Dismissal("match", 2, 3, ASKED),
            ]
        )
        yield repo


def tables(repo: Repo) -> dict[str, list[Any]]:
    return {name: sorted(repo.records(name), key=lambda r: r.id) for name in TABLES}


REFERENCES = {"contact_id", "a_id", "b_id", "asked_via", "giver_id", "receiver_id", "referred_id"}
"""Every field of a record (or of an introducer in it) that holds a contact id."""


def names(value: Any, contact_id: int) -> bool:
    if isinstance(value, dict):
        return any(
            (key in REFERENCES and item == contact_id) or names(item, contact_id)
            for key, item in value.items()
        )
    return isinstance(value, list) and any(names(item, contact_id) for item in value)


def naming_2(repo: Repo) -> list[str]:
    """Every record still naming contact 2, as "table:id"."""
    return [
        f"{name}:{record.id}"
        for name in TABLES[1:]
        for record in tables(repo)[name]
        if names(dataclasses.asdict(record), 2)
    ]


def test_merge_folds_every_record_into_the_kept_person(repo: Repo) -> None:
    assert len(naming_2(repo)) == 12  # the check itself sees every one of them before
    kept = repo.merge_contacts(1, 2, {"email": "other"}, NOW)
    assert repo.contacts.get(2) is None
    assert (kept.email, kept.company, kept.position, kept.url) == (
        "ann.lee@globex.com",
        "Acme",
        "CFO",
        "https://www.linkedin.com/in/ann-lee",
    )
    assert (kept.tags, kept.notes, kept.updated_at) == (
        ["alumni", "finance"],
        "Prefers calls before 10am.",
        NOW,
    )
    assert repo.contacts.get(1) == kept
    assert naming_2(repo) == []
    assert [m.contact_id for m in repo.messages] == [1, 3]
    assert [c.contact_id for c in repo.calls] == [1, 3]
    assert [(i.a_id, i.b_id) for i in repo.intros] == [(1, 3), (3, 1)]
    cy, ann = repo.targets.get(1), repo.targets.get(2)
    assert cy.asked_via == 1 and cy.source_call_id == 1
    assert cy.introducers == [Introducer(1, 3, 4, asked_at=ASKED)]  # one entry, with the ask
    assert ann.contact_id == 1 and ann.introducers == [Introducer(3, 2, 2)]
    assert [(r.giver_id, r.receiver_id, r.referred_id) for r in repo.referrals] == [
        (1, None, None),
        (None, 1, 3),
        (None, 3, 1),
    ]
    assert [(d.kind, d.a_id, d.b_id) for d in repo.dismissals] == [
        ("duplicate", 1, 3),
        ("match", 1, 3),
    ]
    assert repo.undo_history()[0].label == "Merged Ann Lee into Ann Lee"


def test_a_merge_is_one_save_and_survives_a_reopen(repo: Repo, monkeypatch: Any) -> None:
    saved: list[Path] = []
    real = storage_module.write_atomically

    def write(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        saved.append(path)
        real(path, payload, keep_backup=keep_backup)

    monkeypatch.setattr(storage_module, "write_atomically", write)
    repo.merge_contacts(1, 2, {}, NOW)
    assert len(saved) == 1
    merged = tables(repo)
    repo.close()
    with Repo.open(repo.path, read_only=True, lock=False) as back:
        assert tables(back) == merged


def test_undoing_a_merge_brings_back_both_people_and_every_reference(repo: Repo) -> None:
    before = tables(repo)
    repo.merge_contacts(1, 2, {"email": "other"}, NOW)
    step = repo.undo(NOW)
    assert step is not None and step.label == "Merged Ann Lee into Ann Lee"
    assert tables(repo) == before
    assert repo.undo_history() == []


def test_the_plan_says_what_each_holds_and_writes_nothing(repo: Repo) -> None:
    before = (tables(repo), repo.revision)
    plan = repo.plan_merge(1, 2)
    assert plan.merged.conflicts == ("email",)
    assert plan.merged.from_other == ("position", "url")
    assert plan.held == (
        {"messages": 0, "calls": 0, "intros": 0, "targets": 1, "referrals": 0},
        {"messages": 1, "calls": 1, "intros": 2, "targets": 2, "referrals": 3},
    )
    # the target naming both (Cy Dorn: introduced by Ann 1 and Ann 2) counts once
    assert plan.after == {"messages": 1, "calls": 1, "intros": 2, "targets": 2, "referrals": 3}
    assert (tables(repo), repo.revision) == before


@pytest.mark.parametrize(
    ("keep", "other", "message"),
    [
        (1, 1, "a contact cannot be merged with itself"),
        (1, 9, "there is no contact with id 9"),
        (2, 3, r"Ann Lee and Bo Chen have an introduction to each other \(introduction 1\)"),
    ],
)
def test_a_merge_that_cannot_be_is_refused_before_writing(
    repo: Repo, keep: int, other: int, message: str
) -> None:
    before = (tables(repo), repo.revision)
    with pytest.raises(ValueError, match=message):
        repo.merge_contacts(keep, other, {}, NOW)
    assert (tables(repo), repo.revision) == before


def test_not_the_same_person_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        for _ in range(3):
            repo.save_contact(Contact("Ann", "Lee"), NOW)
        assert [(p.a_id, p.b_id) for p in repo.possible_duplicates()] == [(1, 2), (1, 3), (2, 3)]
        repo.dismiss_duplicate(3, 1, NOW)
        assert repo.undo_history()[0].label == "Marked Ann Lee and Ann Lee as two people"
    with Repo.open(path) as repo:
        assert [(p.a_id, p.b_id) for p in repo.possible_duplicates()] == [(1, 2), (2, 3)]
        repo.undo(NOW)
        assert len(repo.possible_duplicates()) == 3


def test_every_field_naming_a_contact_is_known_to_merge_and_delete() -> None:
    """A field added later that holds a contact id (its name ends in _id) fails here until a
    merge folds it and a delete clears it, and it joins REFERENCES."""
    seen: set[str] = set()

    def walk(cls: type) -> None:
        for f in dataclasses.fields(cls):
            if f.name.endswith("_id") or f.name == "asked_via":
                seen.add(f"{cls.__name__}.{f.name}")
        for tp in typing.get_type_hints(cls).values():
            for inner in (tp, *typing.get_args(tp)):
                if dataclasses.is_dataclass(inner) and inner is not cls:
                    walk(inner)  # type: ignore[arg-type]

    for name, cls in TABLES_BY_NAME.items():
        if name != "undo":  # its record ids are of every table
            walk(cls)
    assert seen == {
        "Message.contact_id",
        "Call.contact_id",
        "Intro.a_id",
        "Intro.b_id",
        "Target.contact_id",
        "Target.asked_via",
        "Target.source_call_id",  # a call's id: the call moves with its person, keeping it
        "Introducer.contact_id",
        "Referral.giver_id",
        "Referral.receiver_id",
        "Referral.referred_id",
        "Dismissal.a_id",
        "Dismissal.b_id",
    }
    assert {name.split(".")[1] for name in seen} - {"source_call_id"} == REFERENCES


# --- deleting -----------------------------------------------------------------------------


def test_deleting_clears_every_reference_and_keeps_what_is_not_only_theirs(repo: Repo) -> None:
    repo.delete_contact(2, NOW)
    assert naming_2(repo) == []
    assert [m.contact_id for m in repo.messages] == [3]
    assert [c.contact_id for c in repo.calls] == [3]
    assert len(repo.intros) == 0
    cy, ann = repo.targets.get(1), repo.targets.get(2)
    # the targets stay: not asked via them, not from their call, without them as introducer
    assert (cy.asked_via, cy.source_call_id, cy.introducers) == (None, None, [Introducer(1, 3, 1)])
    assert (ann.contact_id, ann.name, ann.introducers) == (None, "Ann Lee", [Introducer(3, 2, 2)])
    # referrals they gave or received go; a referral of them keeps their name
    assert [(r.receiver_id, r.referred_id, r.referred_name) for r in repo.referrals] == [
        (3, None, "Ann Lee")
    ]
    assert [(d.a_id, d.b_id) for d in repo.dismissals] == [(1, 3)]


def test_undoing_a_delete_puts_every_reference_back(repo: Repo) -> None:
    before = tables(repo)
    repo.delete_contact(2, NOW)
    assert repo.undo(NOW).label == "Deleted Ann Lee"
    assert tables(repo) == before


@pytest.mark.parametrize("parse_later", [False, True])
def test_ids_are_never_reused_even_after_deleting_the_newest_and_reopening(
    tmp_path: Path, parse_later: bool
) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        for name in ("Ann", "Bo", "Cy"):
            repo.save_contact(Contact(name, "Lee"), NOW)
        repo.mark_sent(3, MessageKind.OUTREACH, "Hi Cy", "", NOW)
        repo.delete_contact(3, NOW)
    with Repo.open(path, parse_later=parse_later) as repo:
        dee = repo.save_contact(Contact("Dee", "Lee"), NOW)
        message = repo.mark_sent(dee.id, MessageKind.OUTREACH, "Hi Dee", "", NOW)
    assert (dee.id, message.id) == (4, 2)
    with Repo.open(path) as repo:
        repo.undo(NOW)  # the note to Dee
        repo.undo(NOW)  # adding Dee
    with Repo.open(path) as repo:
        assert repo.save_contact(Contact("Eve", "Lee"), NOW).id == 5


def test_a_damaged_next_id_is_no_reason_to_fail(tmp_path: Path) -> None:
    """The remembered next id only guards against reuse: a hand-edited one falls back to max+1."""
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_contact(Contact("Ann", "Lee"), NOW)
    doc = orjson.loads(path.read_bytes())
    doc["meta"]["1"]["next_ids"] = {"contacts": "ten"}
    path.write_bytes(orjson.dumps(doc))
    with Repo.open(path) as repo:
        assert repo.save_contact(Contact("Bo", "Chen"), NOW).id == 2
