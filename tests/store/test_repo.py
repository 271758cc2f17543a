"""Repo: typed records in and out, partial updates, cascades, settings, templates, reopen."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

import netdesk.store.storage as storage_module
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    Medium,
    Message,
    MessageKind,
    OptIn,
    OptInAnswer,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Settings,
    Stage,
    Target,
    TargetStatus,
    Template,
)
from netdesk.domain.templates import BUILTIN_TEMPLATES
from netdesk.store.errors import StoreError
from netdesk.store.migrate import SCHEMA_VERSION
from netdesk.store.repo import Repo

MakeContact = Callable[[int], Contact]

T0 = datetime(2025, 3, 14, 9, 30, 0)
T1 = datetime(2025, 3, 15, 16, 5, 42)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The paths passed to write_atomically, one entry per durable save."""
    saved: list[Path] = []
    real = storage_module.write_atomically

    def write(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        saved.append(path)
        real(path, payload, keep_backup=keep_backup)

    monkeypatch.setattr(storage_module, "write_atomically", write)
    return saved


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repo]:
    """The 10-contact database, open (non-deferred)."""
    with Repo.open(db_path) as opened:
        yield opened


def reopen(path: Path) -> Repo:
    return Repo.open(path, read_only=True, lock=False)


def raw_file(path: Path) -> dict[str, Any]:
    return orjson.loads(path.read_bytes())  # type: ignore[no-any-return]


# --- round trips --------------------------------------------------------------------------

FULL_CONTACT = Contact(
    first_name="Grace",
    last_name="Hopper",
    email="grace@example.com",
    company="Navy",
    position="Rear Admiral",
    url="https://www.linkedin.com/in/grace",
    connected_on=date(2016, 2, 29),
    source="linkedin",
    tags=["compilers", "cobol"],
    closeness=3,
    met_on=date(2009, 9, 9),
    how_met="a conference in Boston",
    credential="wrote the first compiler",
    stage=Stage.SCHEDULED,
    next_action_on=date(2025, 4, 1),
    snoozed_until=date(2025, 3, 20),
    keep_in_touch_days=90,
    last_contacted_on=date(2025, 3, 1),
    followed_up_on=date(2025, 3, 8),
    notes="line one\nline two — ünïcode ✓",
    created_at=T0,
    updated_at=T1,
)

RECORDS: dict[str, Any] = {
    "contacts": FULL_CONTACT,
    "messages": Message(
        contact_id=1,
        kind=MessageKind.FOLLOW_UP,
        channel="email",
        body="Hi Ada, following up.",
        template="Follow-up",
        sent_at=T0,
        replied_at=T1,
    ),
    "calls": Call(
        contact_id=2,
        scheduled_for=T0,
        held_at=T1,
        minutes=25,
        medium=Medium.SKYPE,
        notes="talked about compilers",
        highlights="ran a team of 40",
        leads=[Lead("Ann Smith", "Acme", "hiring in Berlin"), Lead("Bo", "", "")],
        follow_up_on=date(2025, 6, 1),
    ),
    "intros": Intro(
        a_id=1,
        b_id=2,
        a_text="Ada, meet Alan.",
        b_text="Alan, meet Ada.",
        reason="both love machines",
        status=IntroStatus.AGREED,
        a_optin=OptIn(asked_at=T0, answered_at=T1, answer=OptInAnswer.AGREED),
        b_optin=OptIn(asked_at=T0, answer=OptInAnswer.PENDING),
        sent_at=None,
        outcome="",
        created_at=T0,
        updated_at=T1,
    ),
    "targets": Target(
        name="Linus T",
        company="Kernel",
        url="https://example.com/linus",
        why="maintainer",
        contact_id=None,
        introducers=[Introducer(3, 4, 2, "worked together"), Introducer(5, 1, 1, "")],
        status=TargetStatus.ASKED,
        asked_via=3,
        asked_at=T1,
        source_call_id=7,
    ),
    "templates": Template(
        name="Coffee", kind=MessageKind.OUTREACH, body="Coffee, {first_name}?", builtin=False
    ),
    "referrals": Referral(
        direction=ReferralDirection.RECEIVED,
        giver_id=4,
        receiver_id=None,
        referred_name="Zoë [VIP] Park",
        need="a bookkeeper who knows Xero",
        consent=True,
        status=ReferralStatus.CLOSED_WON,
        value="a 3-month contract",
        thanked_at=T1,
        created_at=T1,
        updated_at=T1,
    ),
}


@pytest.mark.parametrize("name", RECORDS)
def test_insert_round_trips_typed_values(db_path: Path, name: str) -> None:
    """Every field of every record type comes back equal, with its type, after a reopen."""
    with Repo.open(db_path) as repo:
        stored = getattr(repo, f"_{name}").insert(RECORDS[name])
        assert stored == dataclasses.replace(RECORDS[name], id=stored.id)
        assert stored.id > 0
        assert repo.records(name).get(stored.id) == stored
    back = reopen(db_path).records(name).get(stored.id)
    assert back == stored
    for f in dataclasses.fields(back):
        assert type(getattr(back, f.name)) is type(getattr(stored, f.name)), f.name


def test_values_are_stored_as_plain_json(repo: Repo) -> None:
    """Dates, datetimes, enums and nested records are stored as ISO strings, values and objects."""
    contact = repo.contacts.insert(FULL_CONTACT)
    call = repo.calls.insert(RECORDS["calls"])
    intro = repo.intros.insert(RECORDS["intros"])
    doc = raw_file(repo.path)
    assert doc["contacts"][str(contact.id)]["connected_on"] == "2016-02-29"
    assert doc["contacts"][str(contact.id)]["created_at"] == "2025-03-14T09:30:00"
    assert doc["contacts"][str(contact.id)]["stage"] == "scheduled"
    assert doc["contacts"][str(contact.id)]["tags"] == ["compilers", "cobol"]
    assert "id" not in doc["contacts"][str(contact.id)]
    assert doc["calls"][str(call.id)]["leads"][0] == {
        "name": "Ann Smith",
        "company": "Acme",
        "why": "hiring in Berlin",
    }
    assert doc["intros"][str(intro.id)]["b_optin"] == {
        "asked_at": "2025-03-14T09:30:00",
        "answered_at": None,
        "answer": "pending",
    }


def test_ids_are_unique_and_increasing(repo: Repo, make_contact: MakeContact) -> None:
    """New records get the next free id per table."""
    first = repo.contacts.insert(make_contact(11))
    second = repo.contacts.insert(make_contact(12))
    message = repo.messages.insert(Message(contact_id=first.id))
    assert (first.id, second.id, message.id) == (11, 12, 1)
    assert sorted(c.id for c in repo.contacts) == list(range(1, 13))


# --- update -------------------------------------------------------------------------------


def test_update_changes_only_the_given_fields(db_path: Path, make_contact: MakeContact) -> None:
    """A partial update changes the named fields and leaves every other field as it was."""
    with Repo.open(db_path) as repo:
        before = repo.contacts.get(4)
        raw_before = dict(repo.contacts.table.raw()["4"])
        updated = repo.contacts.update(
            4, {"stage": Stage.REPLIED, "next_action_on": date(2025, 5, 5), "connected_on": None}
        )
        assert before is not None
        expected = dataclasses.replace(
            before, stage=Stage.REPLIED, next_action_on=date(2025, 5, 5), connected_on=None
        )
        assert updated == expected
        assert repo.contacts.get(4) == expected
        assert repo.contacts.get(5) == dataclasses.replace(make_contact(5), id=5)
    raw_after = raw_file(db_path)["contacts"]["4"]
    assert {k: v for k, v in raw_after.items() if raw_before[k] != v} == {
        "stage": "replied",
        "next_action_on": "2025-05-05",
        "connected_on": None,
    }
    assert reopen(db_path).contacts.get(4) == expected


def test_update_of_a_missing_record_raises_and_writes_nothing(
    repo: Repo, writes: list[Path]
) -> None:
    """Updating an id that does not exist is a KeyError and no save happens."""
    with pytest.raises(KeyError, match="no contact with id 99"):
        repo.contacts.update(99, {"notes": "x"})
    assert writes == []
    assert "99" not in repo.contacts.table.raw()


def test_update_of_an_unknown_field_raises_and_changes_nothing(
    repo: Repo, writes: list[Path]
) -> None:
    """A misspelt field name is a KeyError; the record, the document and the file are unchanged."""
    before = repo.contacts.get(2)
    raw_before = dict(repo.contacts.table.raw()["2"])
    with pytest.raises(KeyError, match="Contact has no field 'note'"):
        repo.contacts.update(2, {"notes": "ok", "note": "typo"})
    assert repo.contacts.get(2) == before
    assert repo.contacts.table.raw()["2"] == raw_before
    assert writes == []
    assert repo.storage.dirty is False


def test_update_many_applies_different_changes_in_one_save(
    db_path: Path, writes: list[Path], make_contact: MakeContact
) -> None:
    """update_many changes several records differently with a single write, skipping unknown ids."""
    with Repo.open(db_path) as repo:
        count = repo.contacts.update_many(
            [
                (1, {"stage": Stage.CONTACTED}),
                (2, {"notes": "two", "closeness": 4}),
                (404, {"notes": "nobody"}),
                (3, {"tags": ["a", "b"]}),
            ]
        )
        assert count == 3
        assert len(writes) == 1
    back = reopen(db_path).contacts
    assert back.get(1).stage is Stage.CONTACTED  # type: ignore[union-attr]
    assert (back.get(2).notes, back.get(2).closeness) == ("two", 4)  # type: ignore[union-attr]
    assert back.get(3).tags == ["a", "b"]  # type: ignore[union-attr]
    assert back.get(404) is None
    assert back.get(4) == dataclasses.replace(make_contact(4), id=4)


# --- insert_many, save, remove ------------------------------------------------------------


def test_insert_many_keeps_explicit_ids_and_numbers_the_rest(
    db_path: Path, make_contact: MakeContact
) -> None:
    """Records with an id keep it, records without get fresh ids, all in one save."""
    with Repo.open(db_path) as repo:
        stored = repo.contacts.insert_many(
            [
                dataclasses.replace(make_contact(100), id=100),
                make_contact(101),
                dataclasses.replace(make_contact(50), id=50),
            ]
        )
        assert [c.id for c in stored] == [100, 101, 50]
        assert repo.contacts.get(100) == dataclasses.replace(make_contact(100), id=100)
    back = reopen(db_path).contacts
    assert sorted(back.by_id()) == [*range(1, 11), 50, 100, 101]
    assert back.get(101) == dataclasses.replace(make_contact(101), id=101)


def test_insert_after_explicit_ids_does_not_collide(repo: Repo, make_contact: MakeContact) -> None:
    """After records were stored under explicit ids, the next plain insert takes a free id."""
    repo.contacts.insert(make_contact(11))  # id 11; TinyDB now caches 12 as the next id
    repo.contacts.insert_many([dataclasses.replace(make_contact(12), id=12)])
    repo.contacts.save(dataclasses.replace(make_contact(13), id=13))
    fresh = repo.contacts.insert(make_contact(14))
    assert fresh.id == 14
    assert sorted(repo.contacts.by_id()) == list(range(1, 15))


def test_insert_many_with_a_taken_id_changes_nothing(
    db_path: Path, make_contact: MakeContact
) -> None:
    """A batch that reuses an existing id fails as a whole: nothing is stored then or later."""
    with Repo.open(db_path) as repo:
        with pytest.raises(ValueError, match="Document with ID 3 already exists"):
            repo.contacts.insert_many(
                [make_contact(20), dataclasses.replace(make_contact(21), id=3)]
            )
        assert len(repo.contacts) == 10
        assert sorted(repo.contacts.table.raw(), key=int) == [str(i) for i in range(1, 11)]
        repo.contacts.update(1, {"notes": "a later save"})
    assert sorted(raw_file(db_path)["contacts"], key=int) == [str(i) for i in range(1, 11)]
    assert reopen(db_path).contacts.get(3) == dataclasses.replace(make_contact(3), id=3)


def test_save_inserts_a_new_record_then_replaces_it(db_path: Path) -> None:
    """save() with id 0 inserts; with an id it replaces the whole stored record."""
    with Repo.open(db_path) as repo:
        new = repo.templates.save(Template("Mine", MessageKind.THANKS, "Thanks {first_name}!"))
        assert new.id > 0
        assert repo.templates.get(new.id) == new
        edited = dataclasses.replace(new, name="Mine v2", kind=MessageKind.INCOMING, body="")
        assert repo.templates.save(edited) == edited
        contact = dataclasses.replace(FULL_CONTACT, id=2)
        repo.contacts.save(contact)
        repo.contacts.save(dataclasses.replace(contact, tags=[], met_on=None, notes=""))
    back = reopen(db_path)
    assert back.templates.get(new.id) == edited
    assert back.contacts.get(2) == dataclasses.replace(contact, tags=[], met_on=None, notes="")
    assert raw_file(db_path)["contacts"]["2"]["met_on"] is None


def test_remove_deletes_from_memory_and_disk(db_path: Path) -> None:
    """remove() drops the given records, ignoring ids that are not there."""
    with Repo.open(db_path) as repo:
        repo.contacts.remove([2, 4, 404])
        assert sorted(repo.contacts.by_id()) == [1, 3, 5, 6, 7, 8, 9, 10]
    assert sorted(reopen(db_path).contacts.by_id()) == [1, 3, 5, 6, 7, 8, 9, 10]


def test_delete_contact_cascades_in_one_save(db_path: Path, writes: list[Path]) -> None:
    """Deleting a person removes their messages, calls and intros (either side), nobody else's."""
    with Repo.open(db_path) as repo:
        m1 = repo.messages.insert(Message(contact_id=1, body="to Ada"))
        m2 = repo.messages.insert(Message(contact_id=2, body="to Grace"))
        c1 = repo.calls.insert(Call(contact_id=1))
        c2 = repo.calls.insert(Call(contact_id=3))
        i_a = repo.intros.insert(Intro(a_id=1, b_id=2))
        i_b = repo.intros.insert(Intro(a_id=3, b_id=1))
        i_other = repo.intros.insert(Intro(a_id=2, b_id=3))
        assert (len(repo.messages), len(repo.calls), len(repo.intros)) == (2, 2, 3)
        assert {m1.id, c1.id, i_a.id, i_b.id} == {1, 2}
        writes.clear()
        repo.delete_contact(1)
        assert len(writes) == 1
        assert repo.contacts.get(1) is None
        assert [m.id for m in repo.messages] == [m2.id]
        assert [c.id for c in repo.calls] == [c2.id]
        assert [i.id for i in repo.intros] == [i_other.id]
    back = reopen(db_path)
    assert back.contacts.get(1) is None
    assert len(back.contacts) == 9
    assert sorted(back.messages.by_id()) == [m2.id]
    assert sorted(back.calls.by_id()) == [c2.id]
    assert sorted(back.intros.by_id()) == [i_other.id]


# --- settings, templates, schema ----------------------------------------------------------


def test_settings_persist_across_reopen(db_path: Path) -> None:
    """Saved settings come back after a reopen; a new database starts with the defaults."""
    with Repo.open(db_path) as repo:
        assert repo.settings() == Settings()
        mine = Settings(daily_cap=9, follow_up_days=4, theme="netdesk-light", my_name="Sam")
        repo.save_settings(mine)
        assert repo.settings() == mine
    with Repo.open(db_path) as repo:
        assert repo.settings() == mine
    meta = raw_file(db_path)["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["settings"] == {
        "daily_cap": 9,
        "follow_up_days": 4,
        "theme": "netdesk-light",
        "my_name": "Sam",
        "day_first": None,
    }


def test_fresh_database_is_seeded_once(tmp_path: Path) -> None:
    """A new file gets the schema version and the built-in templates, and a reopen adds none."""
    path = tmp_path / "new.json"
    with Repo.open(path) as repo:
        seeded = repo.templates.all()
    assert [dataclasses.replace(t, id=0) for t in seeded] == list(BUILTIN_TEMPLATES)
    assert all(t.builtin for t in seeded)
    assert len({t.id for t in seeded}) == len(BUILTIN_TEMPLATES)
    assert raw_file(path)["meta"] == {"1": {"schema_version": SCHEMA_VERSION, "settings": {}}}
    with Repo.open(path) as repo:
        assert repo.templates.all() == seeded


def test_restore_builtin_templates_keeps_user_templates(db_path: Path) -> None:
    """Restoring brings back the shipped built-ins and leaves the user's own templates alone."""
    with Repo.open(db_path) as repo:
        builtins = repo.templates.all()
        repo.templates.update(builtins[0].id, {"body": "my edited text"})
        repo.templates.remove([builtins[1].id])
        mine = repo.templates.insert(Template("Mine", MessageKind.THANKS, "Ta!"))
        repo.restore_builtin_templates()
        after = repo.templates.all()
    assert sorted(
        (dataclasses.replace(t, id=0) for t in after if t.builtin), key=lambda t: t.name
    ) == sorted(BUILTIN_TEMPLATES, key=lambda t: t.name)
    assert [t for t in after if not t.builtin] == [mine]
    assert len({t.id for t in after}) == len(BUILTIN_TEMPLATES) + 1
    assert reopen(db_path).templates.all() == after


def test_replace_all_swaps_the_network_in_one_save(
    db_path: Path, writes: list[Path], make_contact: MakeContact
) -> None:
    """replace_all replaces contacts and their history with the given records in one write."""
    with Repo.open(db_path) as repo:
        repo.messages.insert(Message(contact_id=1))
        repo.save_settings(Settings(my_name="Kept"))
        writes.clear()
        contacts = [dataclasses.replace(make_contact(i), id=i) for i in (7, 8)]
        calls = [Call(contact_id=7, held_at=T0, id=1)]
        targets = [Target(name="Someone", introducers=[Introducer(8, 2, 2)])]
        repo.replace_all(contacts, calls=calls, targets=targets)
        assert len(writes) == 1
    back = reopen(db_path)
    assert back.contacts.all() == contacts
    assert back.messages.all() == []
    assert back.calls.all() == calls
    assert back.intros.all() == []
    assert back.targets.all() == [dataclasses.replace(targets[0], id=1)]
    assert back.settings().my_name == "Kept"
    assert len(back.templates) == len(BUILTIN_TEMPLATES)


def test_batch_makes_one_save(repo: Repo, writes: list[Path], make_contact: MakeContact) -> None:
    """Changes inside Repo.batch() are saved together when the batch ends."""
    with repo.batch():
        repo.contacts.update(1, {"notes": "a"})
        repo.contacts.insert(make_contact(11))
        repo.messages.insert(Message(contact_id=11))
        assert writes == []
        assert repo.storage.dirty is True
    assert len(writes) == 1
    assert repo.storage.dirty is False
    doc = raw_file(repo.path)
    assert doc["contacts"]["1"]["notes"] == "a"
    assert "11" in doc["contacts"]
    assert doc["messages"]["1"]["contact_id"] == 11


@pytest.mark.parametrize("deferred", [False, True], ids=["direct", "deferred"])
def test_changes_made_before_close_are_there_after_reopen(
    db_path: Path, deferred: bool, make_contact: MakeContact
) -> None:
    """Whatever was changed before close() is on disk afterwards, in deferred mode too."""
    repo = Repo.open(db_path, deferred=deferred)
    added = repo.contacts.insert(make_contact(11))
    for n in range(30):
        repo.contacts.update(1 + n % 10, {"notes": f"note {n}", "updated_at": T1})
    repo.messages.insert(Message(contact_id=added.id, sent_at=T0))
    repo.delete_contact(10)
    repo.save_settings(Settings(daily_cap=2))
    expected = {c.id: c for c in repo.contacts}
    repo.close()
    back = reopen(db_path)
    assert back.contacts.by_id() == expected
    assert back.contacts.get(2).notes == "note 21"  # type: ignore[union-attr]
    assert back.messages.all() == [Message(contact_id=11, sent_at=T0, id=1)]
    assert back.settings().daily_cap == 2


def test_a_damaged_file_opened_to_parse_later_releases_its_lock(tmp_path: Path) -> None:
    """The fast loader hands a damaged file to the thorough parse, which refuses it: the lock
    and the writer thread must go with the refusal (the refusal is kept, with its frames)."""
    path = tmp_path / "netdesk.json"
    path.write_bytes(b'{"meta": {"1": {"schema_version": 2, "settings": {}}}, "contacts": {')
    threads = threading.active_count()
    with pytest.raises(StoreError) as refused:
        Repo.open(path, deferred=True, parse_later=True)
    assert threading.active_count() == threads
    assert refused.value.__traceback__ is not None
    assert not (tmp_path / "netdesk.json.lock").exists() or _lock_is_free(path)


def _lock_is_free(path: Path) -> bool:
    import fcntl

    with open(f"{path}.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
