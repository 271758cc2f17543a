"""The one interface the rest of netdesk uses to read and change stored data.

Callers get and give domain dataclasses, never TinyDB documents. Every table is decoded once
when the database opens (which also validates every record) and kept as objects in memory.
Reads go through the read-only `Records` tables (`repo.contacts` …); every change is one
use-case method, one save and one step of undo. The methods live in one mixin per concept:

- `core.RepoCore`: opening, saves, settings, the queue, the action recorder;
- `routine.RoutineWrites`: notes, replies, held calls, queue moves, people, templates, imports;
- `calls.CallWrites`: booking, moving, cancelling and missing calls;
- `introductions.IntroductionWrites`: the intro wizard and the hard-target finder;
- `people.PeopleWrites`: merging two records of one person, possible duplicates;
- `referrals.ReferralWrites`: referrals both ways, asks of introducers, thanks, matches
  said no to;
- `finder.FinderReads`: the who-fits, search-everything and matchmaking indexes, kept
  current;
- `undo.UndoWrites`: reversing the newest action.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from netdesk.store import migrate
from netdesk.store.calls import CallWrites
from netdesk.store.core import BULK_CHANGE, CONTACT_LOG, UNDO_KEPT, now
from netdesk.store.finder import FinderReads
from netdesk.store.introductions import IntroductionWrites
from netdesk.store.people import MergePlan, PeopleWrites
from netdesk.store.preview import open_preview, write_preview
from netdesk.store.referrals import ReferralWrites
from netdesk.store.routine import RoutineWrites
from netdesk.store.storage import AtomicJSONStorage
from netdesk.store.undo import UndoWrites

__all__ = [
    "BULK_CHANGE",
    "CONTACT_LOG",
    "UNDO_KEPT",
    "AppOpening",
    "MergePlan",
    "Repo",
    "app_storage",
    "now",
]


class Repo(
    RoutineWrites,
    CallWrites,
    IntroductionWrites,
    PeopleWrites,
    ReferralWrites,
    FinderReads,
    UndoWrites,
):
    """Typed access to one netdesk database file."""

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        deferred: bool = False,
        on_status: Callable[[bool, str | None], None] | None = None,
        lock: bool = True,
        read_only: bool = False,
        parse_later: bool = False,
    ) -> Repo:
        """Open (creating if absent) the database; raises StoreError with a reason.

        With `parse_later`, an ordinary file's TinyDB document is parsed on first use
        (`storage.read()`), not before the records are ready.
        """
        storage = AtomicJSONStorage(
            path,
            deferred=deferred,
            on_status=on_status,
            lock=lock,
            read_only=read_only,
            validate=migrate.check_version,
            parse_later=parse_later,
        )
        return cls(storage)

    def __enter__(self) -> Repo:
        return self


def app_storage(path: str | os.PathLike[str]) -> AtomicJSONStorage:
    """The database's storage as the app opens it (locked, saved by the writer thread, the
    document parsed when first needed), for `Repo(storage)` now or after the first frame."""
    return AtomicJSONStorage(path, deferred=True, validate=migrate.check_version, parse_later=True)


class AppOpening:
    """The database as the app opens it: from its start-up preview when there is a current
    one (store.preview), the whole file then opened by `open_rest` after the first frame."""

    def __init__(self, path: str | os.PathLike[str], today: date) -> None:
        self._storage = app_storage(path)
        preview = open_preview(self._storage, today, Repo)
        self.first = preview or Repo(self._storage)
        """What the first frame is drawn from: the preview, or the whole database."""
        self.previewing = preview is not None

    def open_rest(self) -> Repo:
        """The whole database, in place of the preview (its storage holds the lock)."""
        self.previewing = False
        return Repo(self._storage)

    def close(self, repo: Repo, today: date) -> None:
        """Save and close `repo` (the whole database), then write the next start's preview;
        with the preview still in use nothing changed, and the lock is only released."""
        if self.previewing:
            self._storage.abandon()
            return
        repo.close()
        write_preview(repo, today)
