"""`netdesk merge` and `netdesk duplicates` as a user runs them: a real process, a real file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from test_cli import netdesk

from netdesk.domain.models import Contact, Message
from netdesk.store.repo import Repo

NOW = datetime(2026, 12, 4, 9, 30)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Ann Lee typed by hand (1), Ann Lee imported later (2) with a note sent, and Bo (3)."""
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.contacts.insert_many(
            [
                Contact("Ann", "Lee", email="ann@acme.com", company="Acme", notes="Climbs."),
                Contact(
                    "Ann",
                    "Lee",
                    email="ann.lee@globex.com",
                    company="Acme",
                    position="CFO",
                    notes="Prefers mornings.",
                ),
                Contact("Bo", "Chen"),
            ]
        )
        repo.messages.insert(Message(2, body="Hi Ann", sent_at=NOW))
    return path


def test_dry_run_reports_the_merge_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    result = netdesk("merge", "1", "2", "--dry-run", "--db", str(db), env_home=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Dry run, nothing written: would merge 2 (Ann Lee) into 1 (Ann Lee)",
        "  moved from 2: 1 message",
        "  taken from 2 (empty on 1): position",
        "  both differ, kept 1's email: ann@acme.com (2 had ann.lee@globex.com)",
    ]
    assert db.read_bytes() == before


def test_merge_keeps_keep_ids_values_and_folds_the_other_in(db: Path, tmp_path: Path) -> None:
    result = netdesk("merge", "1", "2", "--db", str(db), env_home=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "Merged 2 (Ann Lee) into 1 (Ann Lee)"
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert sorted(repo.contacts.by_id()) == [1, 3]
        ann = repo.contacts.get(1)
        assert (ann.email, ann.position, ann.notes) == (
            "ann@acme.com",
            "CFO",
            "Climbs.\n\nPrefers mornings.",
        )
        assert [m.contact_id for m in repo.messages] == [1]
        assert repo.undo_history()[0].label == "Merged Ann Lee into Ann Lee"


@pytest.mark.parametrize(
    ("ids", "reason"),
    [
        (("1", "9"), "there is no contact with id 9"),
        (("2", "2"), "a contact cannot be merged with itself: pick two different people"),
    ],
)
def test_a_merge_that_cannot_be_is_one_line(
    db: Path, tmp_path: Path, ids: tuple[str, str], reason: str
) -> None:
    before = db.read_bytes()
    result = netdesk("merge", *ids, "--db", str(db), env_home=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"netdesk: cannot merge: {reason}\n"
    assert db.read_bytes() == before


def test_duplicates_lists_pairs_with_their_ids(db: Path, tmp_path: Path) -> None:
    result = netdesk("duplicates", "--db", str(db), env_home=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "1 Ann Lee · 2 Ann Lee: same name and company; neither has a profile URL\n"
    )
    assert result.stderr == "1 possible duplicate\n"
