"""Undo at the store: each user action is one step, reversed by a durable write of its own."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import orjson
import pytest

from netdesk.domain.models import Call, Contact, Lead, MessageKind, Stage
from netdesk.store.core import UNDO_KEPT
from netdesk.store.errors import StoreError
from netdesk.store.repo import Repo

NOW = datetime(2026, 12, 4, 9, 30)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.save_contact(Contact("Ann", "Lee", company="Acme"), NOW)
        repo.save_contact(Contact("Bo", "Chen"), NOW)
        yield repo


def stored(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def test_undoing_a_sent_note_removes_the_message_and_puts_the_person_back(repo: Repo) -> None:
    before = repo.contacts.get(1)
    repo.mark_sent(1, MessageKind.OUTREACH, "Hi Ann", "First outreach", NOW)
    assert repo.contacts.get(1).stage is Stage.CONTACTED
    step = repo.undo(NOW)
    assert step is not None and step.label == "Sent a note to Ann Lee"
    assert repo.contacts.get(1) == before
    assert len(repo.messages) == 0


def test_undo_is_a_durable_write_and_the_history_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        ann = repo.save_contact(Contact("Ann", "Lee"), NOW)
        repo.skip(ann.id, NOW)
        repo.snooze(ann.id, date(2026, 12, 20), NOW)
    assert stored(path)["contacts"]["1"]["snoozed_until"] == "2026-12-20"
    with Repo.open(path) as repo:
        assert [s.label for s in repo.undo_history()] == [
            "Snoozed Ann Lee",
            "Skipped Ann Lee",
            "Added Ann Lee",
        ]
        repo.undo(NOW)
    # the reversal is on disk (the skip's snooze date is back), not only in memory
    assert stored(path)["contacts"]["1"]["snoozed_until"] == "2026-12-05"
    with Repo.open(path) as repo:
        assert [s.label for s in repo.undo_history()] == ["Skipped Ann Lee", "Added Ann Lee"]


def test_several_steps_deep_in_order(repo: Repo) -> None:
    original = repo.contacts.get(1)
    repo.mark_replied(1, NOW)
    repo.schedule_call(1, datetime(2026, 12, 8, 15), NOW)
    repo.log_call(Call(1, notes="good", leads=[Lead("Cy Dorn", "Globex")]), NOW, closeness=3)
    assert len(repo.targets) == 1 and repo.contacts.get(1).stage is Stage.TALKED
    assert repo.undo(NOW).label == "Logged the call with Ann Lee"
    assert len(repo.targets) == 0
    assert repo.calls.get(1).held_at is None  # the scheduled call is back, not held
    assert repo.undo(NOW).label == "Scheduled a call with Ann Lee"
    assert len(repo.calls) == 0
    assert repo.undo(NOW).label == "Marked Ann Lee replied"
    assert repo.contacts.get(1) == original


def test_a_deleted_person_comes_back_with_their_history(repo: Repo) -> None:
    repo.mark_sent(1, MessageKind.OUTREACH, "Hi Ann", "First outreach", NOW)
    repo.schedule_call(1, datetime(2026, 12, 8, 15), NOW)
    person, messages, calls = repo.contacts.get(1), repo.messages.all(), repo.calls.all()
    repo.delete_contact(1, NOW)
    assert repo.contacts.get(1) is None and not repo.messages.all()
    assert repo.undo(NOW).label == "Deleted Ann Lee"
    assert (repo.contacts.get(1), repo.messages.all(), repo.calls.all()) == (
        person,
        messages,
        calls,
    )


def test_an_import_is_one_step(repo: Repo) -> None:
    repo.import_contacts(
        [Contact("Cy", "Dorn"), Contact("Di", "Eze")], [(1, {"company": "Globex"})], NOW
    )
    assert len(repo.contacts) == 4
    assert repo.undo(NOW).label == "Imported 2 new and 1 updated people"
    assert len(repo.contacts) == 2 and repo.contacts.get(1).company == "Acme"


def test_nothing_to_undo_says_so(tmp_path: Path) -> None:
    with Repo.open(tmp_path / "netdesk.json") as repo:
        assert repo.undo(NOW) is None


def test_the_history_keeps_the_newest_steps(repo: Repo) -> None:
    for _ in range(UNDO_KEPT + 5):
        repo.skip(1, NOW)
    assert len(repo.undo_history()) == UNDO_KEPT
    assert UNDO_KEPT >= 20


def test_a_failed_action_leaves_no_step(repo: Repo) -> None:
    steps = len(repo.undo_history())
    with pytest.raises(KeyError):
        repo.skip(99, NOW)
    assert len(repo.undo_history()) == steps


def test_an_undo_step_naming_an_unknown_table_is_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_contact(Contact("Ann", "Lee"), NOW)
    doc = stored(path)
    doc["undo"]["1"]["changes"][0]["table"] = "people"
    path.write_bytes(orjson.dumps(doc))
    with pytest.raises(StoreError, match="undo step 1"):
        Repo.open(path)


def test_a_damaged_record_in_the_history_refuses_the_undo_and_changes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_contact(Contact("Ann", "Lee"), NOW)
        repo.skip(1, NOW)
    doc = stored(path)
    doc["undo"]["2"]["changes"][0]["before"]["closeness"] = "three"
    path.write_bytes(orjson.dumps(doc))
    with Repo.open(path) as repo:
        before = repo.contacts.get(1)
        with pytest.raises(ValueError, match="cannot undo 'Skipped Ann Lee'"):
            repo.undo(NOW)
        assert repo.contacts.get(1) == before
        assert len(repo.undo_history()) == 2


def test_swapping_in_a_demo_network_clears_the_history(repo: Repo) -> None:
    """The steps would name records the swap replaced: undoing one would write into the demo."""
    repo.skip(1, NOW)
    repo.replace_all([Contact("Di", "Eze")])
    assert repo.undo_history() == []
    assert repo.undo(NOW) is None


def test_the_newest_steps_new_notes_are_listed_before_it_is_undone(repo: Repo) -> None:
    repo.skip(2, NOW)
    assert repo.notes_in_newest() == []
    sent = repo.mark_sent(1, MessageKind.OUTREACH, "Hi Ann", "First outreach", NOW)
    assert repo.notes_in_newest() == [sent]
    repo.mark_replied(1, NOW)  # changes the note (replied_at): not one it created
    assert repo.notes_in_newest() == []
