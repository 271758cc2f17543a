"""Repo.import_contacts with a re-import's job changes and no-longer-connected marks (issue
16): one save, one undo step, the job change dated, the mark cleared when they come back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Call, Contact, JobChange, MessageKind
from netdesk.domain.queue import ItemKind
from netdesk.store.repo import Repo

EARLIER = datetime(2026, 9, 1, 8, 0)
NOW = datetime(2026, 12, 4, 9, 30)
MOVED = JobChange(
    company_was="Acme Robotics",
    position_was="Product Manager",
    company="Globex",
    position="Head of Product",
)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    """Dana (talked to), Ravi and Hand (typed in), as an earlier import and a form left them."""
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.import_contacts(
            [
                Contact("Dana", "Okafor", company="Acme Robotics", position="Product Manager"),
                Contact("Ravi", "Sundaram", company="Quill Press", source="linkedin"),
            ],
            [],
            EARLIER,
        )
        repo.save_contact(Contact("Hand", "Typed"), EARLIER)
        repo.log_call(Call(contact_id=1, held_at=EARLIER), EARLIER)
        yield repo


def reimport(repo: Repo) -> None:
    repo.import_contacts(
        [Contact("Noor", "Haddad", source="linkedin")],
        [(1, {"company": "Globex", "position": "Head of Product"})],
        NOW,
        job_changes=[(1, MOVED)],
        gone=[2],
    )


def test_new_people_get_the_tables_next_ids_and_the_import_time(repo: Repo) -> None:
    repo.delete_contact(3, NOW)  # the newest id is never handed out again
    reimport(repo)
    noor = repo.contacts.get(4)
    assert noor is not None and noor.first_name == "Noor"
    assert (noor.created_at, noor.updated_at) == (NOW, NOW)
    assert repo.contacts.get(3) is None


def test_a_reimport_dates_the_job_change_and_marks_the_gone(repo: Repo) -> None:
    reimport(repo)

    dana, ravi = repo.contacts.get(1), repo.contacts.get(2)
    assert dana is not None and ravi is not None
    assert (dana.company, dana.position) == ("Globex", "Head of Product")
    assert dana.job_changes == [
        JobChange(
            at=NOW,
            company_was="Acme Robotics",
            position_was="Product Manager",
            company="Globex",
            position="Head of Product",
        )
    ]
    assert (ravi.disconnected_on, ravi.updated_at) == (date(2026, 12, 4), NOW)
    assert repo.undo_history()[0].label == (
        "Imported 1 new and 1 updated people, 1 no longer connected"
    )
    with Repo.open(repo.path, read_only=True, lock=False) as again:  # as saved
        assert again.contacts.get(1) == dana and again.contacts.get(2) == ravi


def test_the_whole_reimport_is_one_undo_step(repo: Repo) -> None:
    before = {c.id: c for c in repo.contacts}
    steps = len(repo.undo_history())

    reimport(repo)
    assert len(repo.undo_history()) == steps + 1
    step = repo.undo(NOW)

    assert step is not None and step.label.startswith("Imported 1 new")
    assert {c.id: c for c in repo.contacts} == before
    assert len(repo.undo_history()) == steps


def test_the_queue_offers_congratulations_until_a_note_goes_out(repo: Repo) -> None:
    reimport(repo)
    today = NOW.date()

    (item,) = [i for i in repo.queue(today) if i.contact_id == 1]
    assert item.kind is ItemKind.CONGRATULATE
    assert item.reason.startswith("Congratulate Dana on the new role: Head of Product at Globex")

    repo.mark_sent(1, MessageKind.CONGRATULATIONS, "Congratulations, Dana!", "", NOW)
    assert [i for i in repo.queue(today) if i.contact_id == 1] == []
    assert repo.contacts.get(1).job_changes[-1].congratulated  # type: ignore[union-attr]


def test_a_later_job_change_is_added_to_the_history(repo: Repo) -> None:
    reimport(repo)
    later = datetime(2027, 3, 1, 9, 0)
    again = JobChange(company_was="Globex", position_was="Head of Product", company="Initech")
    repo.import_contacts([], [(1, {"company": "Initech"})], later, job_changes=[(1, again)])
    history = repo.contacts.get(1).job_changes  # type: ignore[union-attr]
    assert [(j.at, j.company) for j in history] == [(NOW, "Globex"), (later, "Initech")]


def test_people_deleted_since_the_plan_are_passed_over(repo: Repo) -> None:
    repo.delete_contact(2, NOW)
    repo.import_contacts([], [], NOW, job_changes=[(2, MOVED)], gone=[2])
    assert repo.contacts.get(2) is None
