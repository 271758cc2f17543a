"""The repo holds every caller to the call limits the forms hold people to."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Call, Contact
from netdesk.store.repo import Repo

NOW = datetime(2026, 12, 4, 9, 30)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.save_contact(Contact("Ann", "Lee"), NOW)
        yield repo


@pytest.mark.parametrize("when", [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59)])
def test_a_call_booked_far_from_now_is_refused_and_nothing_changes(
    repo: Repo, when: datetime
) -> None:
    with pytest.raises(ValueError, match="years"):
        repo.schedule_call(1, when, NOW)
    assert not repo.calls.all() and len(repo.undo_history()) == 1


def test_moving_a_call_far_away_is_refused(repo: Repo) -> None:
    call = repo.schedule_call(1, datetime(2026, 12, 8, 15), NOW)
    with pytest.raises(ValueError, match="years"):
        repo.reschedule_call(call.id, datetime(1, 1, 1), NOW)
    assert repo.calls.get(call.id).scheduled_for == datetime(2026, 12, 8, 15)


@pytest.mark.parametrize("minutes", [0, 601, 10**12])
def test_a_logged_call_of_impossible_length_is_refused(repo: Repo, minutes: int) -> None:
    with pytest.raises(ValueError, match="minutes"):
        repo.log_call(Call(1, held_at=NOW, minutes=minutes), NOW)
    assert not repo.calls.all()


def test_a_call_held_in_year_one_is_refused(repo: Repo) -> None:
    with pytest.raises(ValueError, match="years"):
        repo.log_call(Call(1, held_at=datetime(1, 1, 1)), NOW)
    assert not repo.calls.all()
