"""The start-up preview: what the queue's first screen needs, kept beside the database.

Decoding every contact before the first frame costs about 50 ms at 30k contacts and 170 ms
at 100k, and the queue ranks them all. At quit netdesk writes `<name>.start`: the records
the queue shows today and tomorrow (and everything those items and the selected person's
card name), a few hundred at most. The next start draws the queue from it while the whole
file decodes right after the first frame, before any key is handled.

It is a cache, never a source of truth:
- it is used only while the database is the very file it was written from (same inode, size
  and modification time, read under the lock) and only on the days it was made for;
- the records in it are copies of the database's own, so the preview's queue is the real
  queue: every contact who could be in it on those days is in the file, and the queue places
  each contact by that contact's own record;
- the preview's changes stay in memory (settling the day), and once the real records are in,
  every screen is read again from them;
- anything unreadable, stale or odd about it means an ordinary start.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import orjson

from netdesk.domain.models import to_doc
from netdesk.store import migrate
from netdesk.store.core import RepoCore
from netdesk.store.errors import StoreError
from netdesk.store.storage import AtomicJSONStorage, write_atomically

R = TypeVar("R", bound=RepoCore)
FORMAT = 1
DAYS_AHEAD = 1
"""Also made for this many days after today: quitting in the evening, starting next morning."""


def preview_path(path: Path) -> Path:
    return path.with_name(path.name + ".start")


def _identity(stat: os.stat_result) -> list[int]:
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns]


def open_preview(
    storage: AtomicJSONStorage, today: date, make: Callable[[AtomicJSONStorage], R]
) -> R | None:
    """`make(storage)` over the preview of the database `storage` holds, or None (start as
    usual). The repo lives in memory only; `storage` must hold the lock."""
    stat = storage.opened_stat
    if stat is None or storage.read_only:
        return None
    try:
        raw = preview_path(storage.path).read_bytes()
        header, _, body = raw.partition(b"\n")
        about = orjson.loads(header)
        if (
            not isinstance(about, dict)
            or about.get("format") != FORMAT
            or about.get("source") != _identity(stat)
            or today.isoformat() not in about.get("days", ())
        ):
            return None
        memory = AtomicJSONStorage(
            storage.path, memory=body, validate=migrate.check_version, deferred=False
        )
        return make(memory)
    except (OSError, ValueError, StoreError):  # gone, torn, or not what this netdesk writes
        return None


def write_preview(repo: RepoCore, today: date) -> None:
    """Write the preview of `repo`'s database, which must be saved and closed (so the file on
    disk holds exactly these records); a failure only means the next start is ordinary."""
    target = preview_path(repo.path)
    days = [today + timedelta(days=n) for n in range(DAYS_AHEAD + 1)]
    try:
        header = {
            "format": FORMAT,
            "source": _identity(os.stat(repo.path)),
            "days": [d.isoformat() for d in days],
        }
        payload = orjson.dumps(header) + b"\n" + orjson.dumps(_document(repo, days))
        write_atomically(target, payload, keep_backup=False)
    except (OSError, orjson.JSONEncodeError):
        with contextlib.suppress(OSError):
            os.unlink(target)  # a stale one would be refused anyway; do not leave it about


def _document(repo: RepoCore, days: Iterable[date]) -> dict[str, Any]:
    """A database document (the file's own format) holding what the queue needs on `days`:
    each record the queue or a queued person's card reads, and the people those name."""
    days = list(days)
    items = [item for day in days for item in repo.settled_queue(day)]
    people = {item.contact_id for item in items}
    intro_ids = {item.intro_id for item in items if item.intro_id}
    thanks = [item.thank for item in items if item.thank]
    intros = [i for i in repo.intros if i.id in intro_ids]
    for intro in intros:
        people.update((intro.a_id, intro.b_id))
    target_ids = {t.target_id for t in thanks if t.target_id}
    targets = [t for t in repo.targets if t.id in target_ids]
    for target in targets:
        people.update(x for x in (target.contact_id, target.asked_via) if x)
    referral_ids = {t.referral_id for t in thanks if t.referral_id}
    referrals = [  # the thank-yous' and the cards' (each queued person's referrals)
        r
        for r in repo.referrals
        if r.id in referral_ids or people & {r.giver_id, r.receiver_id, r.referred_id}
    ]
    for referral in referrals:
        people.update(
            x for x in (referral.giver_id, referral.receiver_id, referral.referred_id) if x
        )
    since = datetime.combine(min(days) - timedelta(days=1), datetime.min.time())

    def recent(when: datetime | None) -> bool:
        return when is not None and when >= since

    # Calls still to be held or held lately (the queue's "Calls today"), and every call of
    # the people kept (their cards: talked or not, and their history).
    calls = [
        c for c in repo.calls if c.held_at is None or recent(c.held_at) or recent(c.scheduled_for)
    ]
    people.update(c.contact_id for c in calls)
    calls = [c for c in repo.calls if c.contact_id in people]
    messages = [m for m in repo.messages if m.contact_id in people or recent(m.sent_at)]
    people.update(m.contact_id for m in messages)
    contacts = [c for c in (repo.contacts.get(i) for i in people) if c is not None]
    meta = {"schema_version": migrate.SCHEMA_VERSION, "settings": to_doc(repo.settings())}
    return {
        "meta": {"1": meta},
        "contacts": _table(contacts),
        "messages": _table(messages),
        "calls": _table(calls),
        "intros": _table(intros),
        "targets": _table(targets),
        "referrals": _table(referrals),
        "templates": _table(repo.templates),
    }


def _table(records: Iterable[Any]) -> dict[str, Any]:
    return {str(r.id): to_doc(r) for r in records}
