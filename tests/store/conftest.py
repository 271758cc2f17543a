"""Shared fixtures for the store tests: plausible contacts and a ready-made database file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Contact, Stage
from netdesk.store.repo import Repo

FIRST = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken")
LAST = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")


def plausible_contact(i: int) -> Contact:
    """A plausible contact, different for every i."""
    return Contact(
        first_name=FIRST[i % len(FIRST)],
        last_name=f"{LAST[i % len(LAST)]}-{i}",
        email=f"person{i}@example.com",
        company=f"Company {i % 37}",
        position="Engineer" if i % 2 else "Manager",
        url=f"https://www.linkedin.com/in/person-{i}",
        connected_on=date(2015 + i % 10, 1 + i % 12, 1 + i % 28),
        tags=["alumni"] if i % 3 == 0 else [],
        closeness=i % 5,
        stage=list(Stage)[i % len(Stage)],
        created_at=datetime(2024, 1, 1, 9, 0, 0),
    )


@pytest.fixture
def make_contact() -> Callable[[int], Contact]:
    """The contact factory, for tests that need more people."""
    return plausible_contact


@pytest.fixture(scope="session")
def ten_contacts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test process; tests get copies (`db_path`)."""
    path = tmp_path_factory.mktemp("store") / "netdesk.db.json"
    with Repo.open(path) as repo:
        repo.contacts.insert_many(plausible_contact(i) for i in range(1, 11))
    return path


@pytest.fixture
def db_path(tmp_path: Path, ten_contacts_db: Path) -> Path:
    """A database with built-in templates and 10 contacts (ids 1..10), closed again."""
    shutil.copytree(ten_contacts_db.parent, tmp_path, dirs_exist_ok=True)  # and its backup
    return tmp_path / ten_contacts_db.name
