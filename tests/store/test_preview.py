"""The start-up preview (`<name>.start`): exact where it is used, refused everywhere else.

The oracle is always the whole database: the preview must give the same queue, and the same
records for every queued person's card, as the full file does on each day it was made for.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from netdesk.domain.models import Stage, Target, TargetStatus
from netdesk.domain.referrals import for_person
from netdesk.io import demo
from netdesk.store.preview import open_preview, preview_path, write_preview
from netdesk.store.repo import Repo, app_storage

DAY = date(2026, 11, 23)


def build(path: Path, count: int, seed: int, today: date = DAY) -> Path:
    """The demo network, with two targets whose introducers are owed thanks (one reached,
    one now talked to), so every kind of queue item is in it."""
    data = demo.generate(count, seed, today)
    talked = next(c.contact_id for c in data.calls if c.held_at)
    asked = datetime.combine(today - timedelta(days=20), datetime.min.time())
    givers = {r.giver_id for r in data.referrals}
    quiet = [
        c.id
        for c in data.contacts
        if c.stage is Stage.NEW
        and not c.keep_in_touch_days
        and not c.job_changes
        and c.id not in givers
    ]
    owed = [  # introducers never written to: a thank-you is what the queue has for them
        Target(name="Reached Person", asked_via=quiet[0], status=TargetStatus.REACHED),
        Target(name="Talked Person", contact_id=talked, asked_via=quiet[1], asked_at=asked),
    ]
    data.targets.extend(owed)
    with Repo.open(path) as repo:
        repo.replace_all(
            data.contacts, data.messages, data.calls, data.intros, data.targets, data.referrals
        )
    return path


def written(path: Path, today: date = DAY) -> Path:
    """`path` opened as the app opens it, settled for `today`, closed, its preview written."""
    repo = Repo.open(path, parse_later=True)
    repo.settle(today)
    repo.close()
    write_preview(repo, today)
    return preview_path(path)


def preview_for(path: Path, today: date) -> Repo | None:
    storage = app_storage(path)
    try:
        return open_preview(storage, today, Repo)
    finally:
        storage.abandon()


@pytest.mark.parametrize(("count", "seed"), [(60, 7), (400, 3), (1500, 11)])
@pytest.mark.parametrize("days_later", [0, 1])
def test_the_preview_queue_and_cards_are_the_whole_databases(
    tmp_path: Path, count: int, seed: int, days_later: int
) -> None:
    path = build(tmp_path / "netdesk.json", count, seed)
    written(path)
    day = DAY + timedelta(days=days_later)
    preview = preview_for(path, day)
    assert preview is not None
    assert len(preview.contacts) < count  # a preview, not a copy
    preview.settle(day)  # as the app does, in memory
    with Repo.open(path, read_only=True, lock=False) as whole:
        expected = whole.settled_queue(day)
        assert sum(1 for item in expected if item.thank and item.thank.target_id) == 2
        assert preview.queue(day) == expected
        assert preview.outreach_done(day) == whole.outreach_done(day)
        assert preview.a_network() == whole.a_network() & set(preview.contacts.by_id())
        for item in expected:
            person = item.contact_id
            assert preview.contacts.get(person) is not None
            assert preview.messages_for(person) == whole.messages_for(person)
            assert preview.calls_for(person) == whole.calls_for(person)
            theirs = for_person(whole.referrals, person)
            assert for_person(preview.referrals, person) == theirs
            for referral in [*theirs.given_to, *theirs.received_from]:  # the card names them
                for party in (referral.giver_id, referral.receiver_id, referral.referred_id):
                    assert preview.contacts.get(party or 0) == whole.contacts.get(party or 0)


def test_the_preview_is_private_and_small(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 1500, 11)
    start = written(path)
    assert start.stat().st_mode & 0o777 == 0o600
    assert start.stat().st_size < path.stat().st_size / 5


def test_no_preview_on_a_day_it_was_not_made_for(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 60, 7)
    written(path)
    assert preview_for(path, DAY + timedelta(days=2)) is None
    assert preview_for(path, DAY - timedelta(days=1)) is None


def test_no_preview_once_the_database_changed(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 60, 7)
    written(path)
    with Repo.open(path) as repo:
        first = repo.contacts.all()[0]
        repo.skip(first.id, datetime(2026, 11, 23, 10, 0))
    assert preview_for(path, DAY) is None


def test_no_preview_for_a_copy_or_a_restored_file(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 60, 7)
    start = written(path)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(path, other / path.name)  # same bytes and times, another file
    shutil.copy2(start, other / start.name)
    assert preview_for(other / path.name, DAY) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json\n{}",
        b'{"format": 99}\n{}',
        b"[1, 2]\n{}",
        None,  # the header is right, the records are torn
    ],
)
def test_a_damaged_preview_means_an_ordinary_start(tmp_path: Path, damage: bytes | None) -> None:
    path = build(tmp_path / "netdesk.json", 60, 7)
    start = written(path)
    raw = start.read_bytes()
    start.write_bytes(raw[: len(raw) // 2] if damage is None else damage)
    assert preview_for(path, DAY) is None


def test_the_preview_never_writes_the_database(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 400, 3)
    written(path)
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    preview = preview_for(path, DAY + timedelta(days=1))
    assert preview is not None
    preview.settle(DAY + timedelta(days=1))
    preview.skip(preview.queue(DAY)[0].contact_id, datetime(2026, 11, 24, 9, 0))
    preview.close()
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "netdesk.json",
        "netdesk.json.bak",
        "netdesk.json.lock",
        "netdesk.json.start",
    ]


def test_a_failed_write_leaves_no_preview(tmp_path: Path) -> None:
    path = build(tmp_path / "netdesk.json", 60, 7)
    start = written(path)
    repo = Repo.open(path)
    repo.close()
    path.unlink()  # the database is gone: its identity cannot be read
    write_preview(repo, DAY)
    assert not start.exists()
