"""Repo.contacts_changed_since: which contacts changed after a revision, or None if unknown.

The contacts screen patches its index with these ids; an id missing here would leave a stale
row on screen, so each kind of change is checked to log exactly the contacts it touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

import netdesk.store.core as repo_module
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Message,
    MessageKind,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.store.repo import BULK_CHANGE, Repo

MakeContact = Callable[[int], Contact]

NOW = datetime(2025, 3, 14, 9, 30, 0)


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repo]:
    """The 10-contact database (ids 1..10), open (non-deferred)."""
    with Repo.open(db_path) as opened:
        yield opened


def test_nothing_changed_since_now(repo: Repo) -> None:
    assert repo.contacts_changed_since(repo.revision) == set()
    repo.skip(3, NOW)
    assert repo.contacts_changed_since(repo.revision) == set()


def test_a_fresh_repo_knows_its_changes_since_opening(tmp_path: Path) -> None:
    """Templates are seeded on first open; they are no contact change."""
    with Repo.open(tmp_path / "new.json") as repo:
        assert repo.contacts_changed_since(0) == set()
        (added,) = repo.contacts.insert_many([Contact(first_name="Ada")])
        assert repo.contacts_changed_since(0) == {added.id}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r.skip(4, NOW), {4}),
        (lambda r: r.snooze(5, date(2025, 4, 1), NOW), {5}),
        (lambda r: r.mark_sent(6, MessageKind.OUTREACH, "Hi", "Outreach", NOW), {6}),
        (lambda r: r.mark_replied(7, NOW), {7}),
        (lambda r: r.delete_contact(8), {8}),
        (lambda r: r.contacts.update(9, {"stage": Stage.DO_NOT_CONTACT}), {9}),
    ],
    ids=["skip", "snooze", "mark_sent", "mark_replied", "delete", "update"],
)
def test_one_routine_step_logs_its_contact(
    repo: Repo, change: Callable[[Repo], object], expected: set[int]
) -> None:
    before = repo.revision
    change(repo)
    assert repo.revision > before
    assert repo.contacts_changed_since(before) == expected


def test_changes_add_up_and_a_later_revision_sees_only_later_ones(repo: Repo) -> None:
    start = repo.revision
    repo.skip(1, NOW)
    repo.snooze(2, date(2025, 4, 1), NOW)
    middle = repo.revision
    repo.mark_sent(3, MessageKind.OUTREACH, "Hi", "Outreach", NOW)
    repo.delete_contact(4)
    repo.skip(1, NOW)  # again: counted once
    assert repo.contacts_changed_since(start) == {1, 2, 3, 4}
    assert repo.contacts_changed_since(middle) == {1, 3, 4}
    assert repo.contacts_changed_since(repo.revision) == set()


def test_delete_with_history_logs_only_the_contact(repo: Repo) -> None:
    """Deleting someone also removes their messages and calls: still only their id."""
    repo.mark_sent(2, MessageKind.OUTREACH, "Hi", "Outreach", NOW)
    repo.schedule_call(2, datetime(2025, 3, 20, 10, 0), NOW)
    before = repo.revision
    repo.delete_contact(2)
    assert repo.contacts.get(2) is None
    assert repo.contacts_changed_since(before) == {2}


def test_new_contacts_are_logged_with_their_new_ids(repo: Repo, make_contact: MakeContact) -> None:
    before = repo.revision
    added = repo.contacts.insert(make_contact(50))
    more = repo.contacts.insert_many(make_contact(i) for i in (51, 52))
    assert repo.contacts_changed_since(before) == {added.id, *(c.id for c in more)}


def test_changes_to_other_tables_log_no_contact(repo: Repo) -> None:
    """Messages, calls, intros, targets, templates and settings leave contacts as they were."""
    before = repo.revision
    message = repo.messages.insert(Message(1, MessageKind.INCOMING, body="hello", sent_at=NOW))
    repo.messages.update(message.id, {"replied_at": NOW})
    repo.calls.insert(Call(2, scheduled_for=NOW))
    intro = repo.intros.insert(Intro(a_id=1, b_id=2))
    repo.intros.remove([intro.id])
    target = repo.save_target(Target("Grace Hopper", "Navy"))
    repo.set_target_status(target.id, TargetStatus.DROPPED)
    repo.restore_builtin_templates()
    repo.save_settings(repo.settings())
    assert repo.revision > before
    assert repo.contacts_changed_since(before) == set()


def test_a_held_call_logs_the_contact_it_moves_to_the_a_network(repo: Repo) -> None:
    """log_call changes the contact (stage talked) as well as the calls."""
    before = repo.revision
    repo.log_call(Call(3, minutes=20), NOW)
    assert 3 in repo.a_network()
    assert repo.contacts_changed_since(before) == {3}


def test_import_of_a_few_people_lists_them(repo: Repo, make_contact: MakeContact) -> None:
    before = repo.revision
    repo.import_contacts([make_contact(i) for i in (60, 61)], [(1, {"position": "CTO"})], NOW)
    new_ids = {c.id for c in repo.contacts if c.id > 10}
    assert len(new_ids) == 2
    assert repo.contacts_changed_since(before) == {1, *new_ids}


def test_import_of_exactly_bulk_change_people_is_still_listed(
    repo: Repo, make_contact: MakeContact
) -> None:
    before = repo.revision
    repo.import_contacts([make_contact(100 + i) for i in range(BULK_CHANGE)], [], NOW)
    changed = repo.contacts_changed_since(before)
    assert changed is not None
    assert len(changed) == BULK_CHANGE


def test_import_of_more_than_bulk_change_people_is_not_listed(
    repo: Repo, make_contact: MakeContact
) -> None:
    before = repo.revision
    repo.import_contacts([make_contact(100 + i) for i in range(BULK_CHANGE + 1)], [], NOW)
    assert len(repo.contacts) == 10 + BULK_CHANGE + 1
    assert repo.contacts_changed_since(before) is None
    after = repo.revision
    repo.skip(1, NOW)
    assert repo.contacts_changed_since(after) == {1}  # a later revision is fine again


def test_many_small_changes_adding_up_past_bulk_change_are_not_listed(
    repo: Repo, make_contact: MakeContact
) -> None:
    """A hundred single edits since the revision cost as much to patch as a rebuild."""
    repo.contacts.insert_many(make_contact(100 + i) for i in range(BULK_CHANGE + 5))
    ids = sorted(c.id for c in repo.contacts)
    before = repo.revision
    for contact_id in ids[:BULK_CHANGE]:
        repo.skip(contact_id, NOW)
    assert repo.contacts_changed_since(before) == set(ids[:BULK_CHANGE])
    repo.skip(ids[BULK_CHANGE], NOW)
    assert repo.contacts_changed_since(before) is None


def test_repeated_changes_to_one_person_count_once(repo: Repo) -> None:
    before = repo.revision
    for _ in range(BULK_CHANGE + 10):
        repo.contacts.update(1, {"notes": "again"})
    assert repo.contacts_changed_since(before) == {1}


def test_replace_all_is_not_listed(repo: Repo, make_contact: MakeContact) -> None:
    before = repo.revision
    repo.replace_all([make_contact(i) for i in range(3)])
    assert repo.contacts_changed_since(before) is None
    after = repo.revision
    repo.skip(next(iter(repo.contacts)).id, NOW)
    assert repo.contacts_changed_since(after) is not None


def test_replace_all_with_nobody_is_not_listed(repo: Repo) -> None:
    """Clearing every contact is "all of them", even when nothing is inserted after."""
    before = repo.revision
    repo.replace_all([])
    assert len(repo.contacts) == 0
    assert repo.contacts_changed_since(before) is None


def test_settle_lists_the_people_it_moves(repo: Repo) -> None:
    """settle() moves silent people to no_response in one update_many."""
    repo.contacts.update(
        2,
        {
            "stage": Stage.CONTACTED,
            "last_contacted_on": date(2025, 1, 1),
            "followed_up_on": date(2025, 1, 8),
            "next_action_on": date(2025, 1, 15),
        },
    )
    silent_before = {c.id for c in repo.contacts if c.stage is Stage.NO_RESPONSE}
    before = repo.revision
    moved = repo.settle(date(2025, 3, 14))
    silent_now = {c.id for c in repo.contacts if c.stage is Stage.NO_RESPONSE}
    assert 2 in silent_now - silent_before
    assert repo.contacts_changed_since(before) == silent_now - silent_before
    assert moved == len(silent_now - silent_before)


def test_an_old_revision_past_the_log_is_not_listed(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repo_module, "CONTACT_LOG", 3)
    revisions = [repo.revision]
    for contact_id in (1, 2, 3, 4, 5):
        repo.skip(contact_id, NOW)  # one write each
        revisions.append(repo.revision)
    # The log keeps the last three changes (people 3, 4, 5).
    assert repo.contacts_changed_since(revisions[0]) is None
    assert repo.contacts_changed_since(revisions[1]) is None  # person 2's change is gone
    assert repo.contacts_changed_since(revisions[2]) == {3, 4, 5}
    assert repo.contacts_changed_since(revisions[4]) == {5}
    assert repo.contacts_changed_since(revisions[5]) == set()


def test_changes_to_other_tables_do_not_push_contacts_out_of_the_log(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only contact changes fill the log: a busy messages table keeps old revisions usable."""
    monkeypatch.setattr(repo_module, "CONTACT_LOG", 3)
    before = repo.revision
    repo.skip(1, NOW)
    for n in range(10):
        repo.messages.insert(Message(2, MessageKind.INCOMING, body=f"note {n}", sent_at=NOW))
    assert repo.contacts_changed_since(before) == {1}


def test_reopened_repo_starts_a_new_log(db_path: Path) -> None:
    """Revisions count from zero per open: the log starts empty and fills again."""
    with Repo.open(db_path) as repo:
        repo.skip(1, NOW)
    with Repo.open(db_path) as repo:
        assert repo.contacts_changed_since(repo.revision) == set()
        before = repo.revision
        repo.snooze(2, date(2025, 4, 1), NOW)
        assert repo.contacts_changed_since(before) == {2}
