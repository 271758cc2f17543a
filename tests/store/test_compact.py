"""The compact document (records kept as their JSON bytes until changed) saves what the
ordinary parsed document saves, byte for byte, after any mix of changes and undos.

The oracle is the same actions on the same file opened the ordinary way.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Contact
from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.store.table import _IntKeyView

NOW = datetime(2026, 11, 23, 10, 0)
Actions = Callable[[Repo], None]


def skip_and_edit(repo: Repo) -> None:
    first, second = repo.contacts.all()[:2]
    repo.skip(first.id, NOW)
    repo.save_contact(replace(second, notes="met at the fair"), NOW)


def add_delete_and_undo(repo: Repo) -> None:
    added = repo.save_contact(Contact(first_name="Zed", last_name="New"), NOW)
    repo.delete_contact(repo.contacts.all()[3].id, NOW)
    repo.undo(NOW)  # the delete comes back
    repo.skip(added.id, NOW)


def settle_and_settings(repo: Repo) -> None:
    repo.settle(date(2027, 1, 1))  # moves everyone silent since a follow-up, in one write
    repo.save_settings(replace(repo.settings(), daily_cap=7))


@pytest.fixture
def network(tmp_path: Path) -> Path:
    path = tmp_path / "netdesk.json"
    data = demo.generate(120, 5, date(2026, 11, 23))
    with Repo.open(path) as repo:
        repo.replace_all(
            data.contacts, data.messages, data.calls, data.intros, data.targets, data.referrals
        )
    return path


def saved_after(path: Path, actions: Actions, *, compact: bool) -> bytes:
    copy = path.with_name(("compact" if compact else "plain") + path.name)
    shutil.copy(path, copy)
    repo = Repo.open(copy, parse_later=compact)
    if compact:
        assert repo.storage.records_checked
        repo.storage.read()  # as the app does after its first frame
        stored = repo.storage.read()["contacts"]
        assert all(type(doc) is bytes for doc in stored.values())
    actions(repo)
    repo.close()
    return copy.read_bytes()


@pytest.mark.parametrize("actions", [skip_and_edit, add_delete_and_undo, settle_and_settings])
def test_a_compact_document_saves_what_a_parsed_one_does(network: Path, actions: Actions) -> None:
    assert saved_after(network, actions, compact=True) == saved_after(
        network, actions, compact=False
    )


def test_saving_an_unchanged_compact_document_writes_the_file_back(network: Path) -> None:
    before = network.read_bytes()
    repo = Repo.open(network, parse_later=True)
    repo.storage.read()
    repo.storage.flush()
    repo.close()
    assert network.read_bytes() == before


def test_a_change_that_fails_half_way_leaves_the_stored_bytes(network: Path) -> None:
    """The table view turns a record's bytes into a dict to change it; undoing the change
    (as a failed write does) puts the very bytes back."""
    repo = Repo.open(network, parse_later=True)
    stored = repo.storage.read()["contacts"]
    key = next(iter(stored))
    before = stored[key]
    view = _IntKeyView(stored, repo.db.table("contacts"))
    view[int(key)]["notes"] = "half-way"
    assert isinstance(stored[key], dict)
    view.undo()
    assert stored[key] is before
    repo.close()
