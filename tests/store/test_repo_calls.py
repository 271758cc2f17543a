"""Booked calls move, are cancelled or missed, each as one undoable step; never two per person."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Call, Contact, Medium, Stage
from netdesk.store.repo import Repo

NOW = datetime(2026, 11, 23, 9, 30)
THU = datetime(2026, 11, 26, 9, 0)
FRI = datetime(2026, 11, 27, 14, 0)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.save_contact(Contact("Ann", "Lee", stage=Stage.REPLIED, notes="Met at the expo."), NOW)
        repo.save_contact(Contact("Bo", "Chen", stage=Stage.TALKED), NOW)
        yield repo


def test_booking_again_moves_the_booked_call(repo: Repo) -> None:
    first = repo.schedule_call(1, THU, NOW, Medium.SKYPE, "https://meet.example/ann")
    again = repo.schedule_call(1, FRI, NOW, Medium.VIDEO, "")
    assert len(repo.calls) == 1
    assert again.id == first.id
    assert (again.scheduled_for, again.medium, again.link) == (FRI, Medium.VIDEO, "")
    assert repo.contacts.get(1).next_action_on == date(2026, 11, 27)


def test_reschedule_is_one_step_of_undo(repo: Repo) -> None:
    call = repo.schedule_call(1, THU, NOW)
    repo.reschedule_call(call.id, FRI, NOW, medium=Medium.IN_PERSON)
    assert repo.undo_history()[0].label == "Moved the call with Ann Lee to Fri 27 Nov 2026 14:00"
    repo.undo(NOW)
    back = repo.calls.get(call.id)
    assert back is not None
    assert (back.scheduled_for, back.medium) == (THU, Medium.PHONE)
    assert repo.contacts.get(1).next_action_on == date(2026, 11, 26)


def test_cancel_puts_a_scheduled_person_back_to_replied_and_undo_restores(repo: Repo) -> None:
    call = repo.schedule_call(1, THU, NOW)
    assert repo.contacts.get(1).stage is Stage.SCHEDULED
    repo.cancel_call(call.id, NOW)
    assert len(repo.calls) == 0
    ann = repo.contacts.get(1)
    assert (ann.stage, ann.next_action_on) == (Stage.REPLIED, None)
    assert repo.undo_history()[0].label == "Cancelled the call with Ann Lee"
    repo.undo(NOW)
    assert repo.calls.get(call.id) == call
    assert repo.contacts.get(1).stage is Stage.SCHEDULED


def test_no_show_goes_back_to_replied_with_a_note(repo: Repo) -> None:
    call = repo.schedule_call(1, THU, NOW)
    repo.mark_no_show(call.id, datetime(2026, 11, 26, 9, 20))
    ann = repo.contacts.get(1)
    assert ann.stage is Stage.REPLIED
    assert ann.notes == (
        "Met at the expo.\n2026-11-26: did not show up for the call booked Thu 26 Nov 2026 09:00."
    )
    assert len(repo.calls) == 0
    assert repo.undo_history()[0].label == "Marked Ann Lee a no-show"
    repo.undo(NOW)
    assert repo.contacts.get(1).notes == "Met at the expo."


def test_dropping_a_second_call_keeps_a_talked_person_talked(repo: Repo) -> None:
    repo.log_call(Call(2, held_at=datetime(2026, 11, 2, 10, 0)), NOW)
    call = repo.schedule_call(2, THU, NOW)
    assert repo.contacts.get(2).stage is Stage.SCHEDULED
    repo.cancel_call(call.id, NOW)
    assert repo.contacts.get(2).stage is Stage.TALKED


def test_held_calls_cannot_be_moved_or_cancelled(repo: Repo) -> None:
    held = repo.log_call(Call(1, held_at=NOW), NOW)
    for change in (
        lambda: repo.reschedule_call(held.id, FRI, NOW),
        lambda: repo.cancel_call(held.id, NOW),
        lambda: repo.mark_no_show(held.id, NOW),
    ):
        with pytest.raises(ValueError, match="was already held"):
            change()
    with pytest.raises(ValueError, match="no longer there"):
        repo.cancel_call(999, NOW)


def test_snoozing_into_the_past_is_refused(repo: Repo) -> None:
    with pytest.raises(ValueError, match="Cannot snooze Ann Lee until a day in the past"):
        repo.snooze(1, date(2026, 11, 22), NOW)
    assert repo.contacts.get(1).snoozed_until is None
    repo.snooze(1, date(2026, 11, 23), NOW)  # today is fine
