"""AtomicJSONStorage: atomic durable saves, backup, lock, refusal of bad files, group commit."""

from __future__ import annotations

import errno
import os
import queue
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import netdesk.store.storage as storage_module
from netdesk.store.errors import StoreError, StoreLockedError, StoreWriteError
from netdesk.store.migrate import SCHEMA_VERSION
from netdesk.store.repo import Repo
from netdesk.store.storage import AtomicJSONStorage, backup_path, lock_path

WAIT = 30.0
"""Upper bound for waiting on the writer thread; only reached if the test is already failing."""

SYSCALLS = ("open", "write", "fsync", "close", "link", "unlink", "replace")


class SimulatedCrash(BaseException):
    """Stands for the process dying at one exact system call."""


class OsProxy:
    """Replaces `os` inside storage.py so one call can fail without touching the real module."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.fail: Callable[[str, tuple[Any, ...]], BaseException | None] = lambda n, a: None

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in SYSCALLS:
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            exc = self.fail(name, args)
            if exc is not None:
                raise exc
            return real(*args, **kwargs)

        return call


@pytest.fixture
def fake_os(monkeypatch: pytest.MonkeyPatch) -> OsProxy:
    proxy = OsProxy()
    monkeypatch.setattr(storage_module, "os", proxy)
    return proxy


def notes_on_disk(path: Path) -> dict[str, str]:
    """Contact id -> notes, read straight from the file."""
    doc = orjson.loads(path.read_bytes())
    return {key: record["notes"] for key, record in doc["contacts"].items()}


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith((".tmp", ".new")))


# --- atomic writes and the backup ---------------------------------------------------------


def test_write_replaces_the_file_with_the_new_document(db_path: Path) -> None:
    """A save puts exactly the in-memory document on disk and leaves no temporary file."""
    with Repo.open(db_path) as repo:
        repo.contacts.update(3, {"notes": "met at PyCon"})
        expected = orjson.dumps(repo.storage.read())
    assert db_path.read_bytes() == expected
    assert notes_on_disk(db_path)["3"] == "met at PyCon"
    assert leftovers(db_path.parent) == []


def test_crash_at_any_step_of_a_save_leaves_old_or_new(db_path: Path, fake_os: OsProxy) -> None:
    """Dying at each system call of a save leaves the old or the new file, never a mix."""
    with Repo.open(db_path) as repo:
        repo.contacts.update(1, {"notes": "old"})
        old = db_path.read_bytes()
        fake_os.calls.clear()
        repo.contacts.update(1, {"notes": "new"})
        new = db_path.read_bytes()
        steps = len(fake_os.calls)
    assert steps >= 8  # open, write, fsync, close, link, replace (bak), replace, open/fsync dir
    outcomes = set()
    for step in range(steps):
        db_path.write_bytes(old)
        backup_path(db_path).unlink(missing_ok=True)
        repo = Repo.open(db_path)
        fake_os.calls.clear()
        fake_os.fail = lambda n, a, step=step: (
            SimulatedCrash() if len(fake_os.calls) == step + 1 else None
        )
        with pytest.raises(SimulatedCrash):
            repo.contacts.update(1, {"notes": "new"})
        fake_os.fail = lambda n, a: None
        repo.storage.release_lock()  # the process is "dead": no close, no further save
        on_disk = db_path.read_bytes()
        assert on_disk in (old, new), f"step {step} ({fake_os.calls[-1]})"
        outcomes.add("old" if on_disk == old else "new")
        if backup_path(db_path).exists():
            assert backup_path(db_path).read_bytes() == old
    assert outcomes == {"old", "new"}


def test_backup_holds_the_previous_save(db_path: Path) -> None:
    """After each save `.bak` is byte-for-byte the file as it was before that save."""
    with Repo.open(db_path) as repo:
        repo.contacts.update(1, {"notes": "first"})
        after_first = db_path.read_bytes()
        repo.contacts.update(1, {"notes": "second"})
        assert backup_path(db_path).read_bytes() == after_first
        after_second = db_path.read_bytes()
        repo.contacts.update(1, {"notes": "third"})
    assert backup_path(db_path).read_bytes() == after_second
    assert notes_on_disk(backup_path(db_path))["1"] == "second"
    assert notes_on_disk(db_path)["1"] == "third"


def test_first_save_of_a_new_database_has_no_backup(tmp_path: Path) -> None:
    """A brand-new file has nothing to back up; the backup appears from the second save on."""
    path = tmp_path / "new.json"
    storage = AtomicJSONStorage(path)
    storage.write({"meta": {}})
    assert not backup_path(path).exists()
    storage.write({"meta": {"1": {}}})
    assert orjson.loads(backup_path(path).read_bytes()) == {"meta": {}}
    storage.close()


def test_database_backup_and_lock_are_private(tmp_path: Path) -> None:
    """The database, its backup and its lock file are mode 0600 even under a permissive umask."""
    old_umask = os.umask(0)
    try:
        path = tmp_path / "netdesk.db.json"
        with Repo.open(path) as repo:
            repo.save_settings(repo.settings())
    finally:
        os.umask(old_umask)
    for file in (path, backup_path(path), lock_path(path)):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name


# --- the lock -----------------------------------------------------------------------------


def test_second_open_is_refused_naming_our_pid(db_path: Path) -> None:
    """While one Repo is open, opening the same file again fails and names the holder."""
    with Repo.open(db_path):
        before = db_path.read_bytes()
        with pytest.raises(StoreLockedError) as caught:
            Repo.open(db_path)
    assert caught.value.path == db_path
    assert caught.value.holder == str(os.getpid())
    assert str(caught.value) == f"{db_path}: already open by pid {os.getpid()}"
    assert db_path.read_bytes() == before


def test_lock_is_released_on_close(db_path: Path) -> None:
    """Closing a Repo lets the next one open the file."""
    Repo.open(db_path).close()
    repo = Repo.open(db_path)
    assert len(repo.contacts) == 10
    repo.close()


CHILD_HOLDS_LOCK = """
import sys
from netdesk.store.repo import Repo
repo = Repo.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


def test_lock_of_a_killed_process_does_not_block(db_path: Path) -> None:
    """A lock file left by a SIGKILLed netdesk does not keep the next one out."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD_HOLDS_LOCK, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        with pytest.raises(StoreLockedError) as caught:
            Repo.open(db_path)
        assert caught.value.holder == str(child.pid)
    finally:
        child.kill()
        child.wait()
    assert lock_path(db_path).read_text() == str(child.pid)  # stale, still there
    with Repo.open(db_path) as repo:
        assert len(repo.contacts) == 10
    assert lock_path(db_path).read_text() == str(os.getpid())


# --- files that cannot be used ------------------------------------------------------------

META = b'{"meta": {"1": {"schema_version": 1, "settings": {}}}'


def with_contact(fields: bytes) -> bytes:
    return META + b', "contacts": {"1": {"first_name": "Ada", ' + fields + b"}}}"


BAD_FILES = {
    "empty": (b"", "the file is empty (perhaps cut short by a crash)"),
    "whitespace": (b" \n\t\n  ", "the file is empty (perhaps cut short by a crash)"),
    "truncated": (
        META[:-1] + b', "contacts": {"1": {"first_na',
        "the file is not valid JSON (unexpected end of data",
    ),
    "trailing garbage": (
        META + b"}\n}garbage",
        "the file is not valid JSON (unexpected content after document",
    ),
    "binary": (bytes(range(256)) * 4, "the file is not valid JSON ("),
    "json list": (b'[{"contacts": {}}]', "expected a JSON object of tables, found a list"),
    "json string": (b'"netdesk"', "expected a JSON object of tables, found a str"),
    "table is a list": (
        META + b', "contacts": [{"first_name": "Ada"}]}',
        "table 'contacts' is a list, not an object",
    ),
    "record is a string": (
        META + b', "contacts": {"1": "Ada Lovelace"}}',
        "record 1 in table 'contacts' is not an object",
    ),
    "date is a number": (
        with_contact(b'"connected_on": 12345'),
        "record 1 in table 'contacts' is damaged: fromisoformat: argument must be str",
    ),
    "unknown stage": (
        with_contact(b'"stage": "banana"'),
        "record 1 in table 'contacts' is damaged: 'banana' is not a valid Stage",
    ),
    "id not a number": (
        META + b', "calls": {"one": {"contact_id": 1}}}',
        "record key 'one' in table 'calls' is not an id: keys are whole numbers from 1 written "
        "plainly (3, not 03, +3, ' 3' or 3.0); renumber it by hand",
    ),
    "newer schema": (
        b'{"meta": {"1": {"schema_version": %d, "settings": {}}}}' % (SCHEMA_VERSION + 1),
        f"it was written by a newer netdesk (schema {SCHEMA_VERSION + 1}, this one reads up "
        f"to {SCHEMA_VERSION}); upgrade netdesk to open it",
    ),
    "schema not a number": (
        b'{"meta": {"1": {"schema_version": "one"}}}',
        "its schema version is missing or not a number",
    ),
    "tables without schema": (
        b'{"contacts": {"1": {"first_name": "Ada"}}}',
        "it has tables but no schema version; is it a netdesk file?",
    ),
}


CURRENT = b'{"meta": {"1": {"schema_version": %d, "settings": {}}}' % SCHEMA_VERSION
"""A current-schema meta table: a file starting so is tried by the app's fast loader first."""


def current_with(table: str, records: bytes) -> bytes:
    return CURRENT + b', "' + table.encode() + b'": {' + records + b"}}"


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def deep_settings(depth: int) -> bytes:
    return b'{"meta": {"1": {"schema_version": %d, "settings": {"x": %s}}}}' % (
        SCHEMA_VERSION,
        nested(depth),
    )


def call_with(fields: bytes) -> bytes:
    return current_with("calls", b'"1": {"contact_id": 1, ' + fields + b"}")


KEY_ADVICE = (
    " in table 'contacts' is not an id: keys are whole numbers from 1 written plainly "
    "(3, not 03, +3, ' 3' or 3.0); renumber it by hand"
)
TOO_DEEP = (
    "a value in it is nested too deeply (lists or objects hundreds of levels inside each other)"
    " for netdesk to save it again"
)
ROUND_TWO = {
    **{
        f"key {key}": (
            current_with("contacts", f'"{key}": {{"first_name": "Ada"}}'.encode()),
            f"record key {key!r}{KEY_ADVICE}",
        )
        for key in ("03", " 3", "+3", "٣", "0", "-1", "3_0", "3.0")
    },
    "settings nested 2,000 deep": (deep_settings(2000), TOO_DEEP),
    "settings nested 300 deep": (deep_settings(300), TOO_DEEP),
    "unknown field nested 300 deep": (
        current_with("contacts", b'"1": {"first_name": "Ada", "x": ' + nested(300) + b"}"),
        TOO_DEEP,
    ),
    "undo step nested 300 deep": (
        current_with(
            "undo",
            b'"1": {"label": "x", "changes": [{"table": "contacts", "record_id": 1, '
            b'"before": {"notes": ' + nested(300) + b"}}]}",
        ),
        TOO_DEEP,
    ),
    "template with a conversion": (
        current_with("templates", b'"1": {"name": "t", "body": "Hi {first_name!r}"}'),
        "record 1 in table 'templates' is damaged: the body cannot be filled in: "
        "{first_name!r} is not a placeholder netdesk fills.",
    ),
    "template of a lone brace": (
        current_with("templates", b'"1": {"name": "t", "body": "{"}'),
        "record 1 in table 'templates' is damaged: the body cannot be filled in: "
        "Single '{' encountered in format string; write {{ or }} for a brace",
    ),
    "template with an open brace": (
        current_with("templates", b'"1": {"name": "t", "body": "Hi { there"}'),
        "record 1 in table 'templates' is damaged: the body cannot be filled in: "
        "expected '}' before end of string; write {{ or }} for a brace",
    ),
    "call of 0 minutes": (
        call_with(b'"minutes": 0'),
        "record 1 in table 'calls' is damaged: minutes is 0, expected 1–600",
    ),
    "call of 10**12 minutes": (
        call_with(b'"minutes": 1000000000000'),
        "record 1 in table 'calls' is damaged: minutes is 1000000000000, expected 1–600",
    ),
    "call in year 1": (
        call_with(b'"scheduled_for": "0001-01-01T00:00:00"'),
        "record 1 in table 'calls' is damaged: scheduled_for is 0001-01-01T00:00:00, "
        "expected a date from 1900 to 2199",
    ),
    "call in year 9999": (
        call_with(b'"held_at": "9999-12-31T23:59:00"'),
        "record 1 in table 'calls' is damaged: held_at is 9999-12-31T23:59:00, "
        "expected a date from 1900 to 2199",
    ),
    "call with a time zone": (
        call_with(b'"scheduled_for": "2026-03-08T01:45:00+05:00"'),
        "record 1 in table 'calls' is damaged: scheduled_for is 2026-03-08T01:45:00+05:00, "
        "a time with a zone; netdesk stores local times",
    ),
}
"""Damage found in the second round (issue 14): each opened before, in one way or both."""


@pytest.mark.parametrize(
    ("content", "reason"),
    [*BAD_FILES.values(), *ROUND_TWO.values()],
    ids=[*BAD_FILES, *ROUND_TWO],
)
@pytest.mark.parametrize("deferred", [False, True], ids=["direct", "deferred"])
def test_bad_file_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, reason: str, deferred: bool
) -> None:
    """A damaged or foreign file raises StoreError with path and reason and is left byte-exact."""
    path = tmp_path / "netdesk.db.json"
    path.write_bytes(content)
    for _ in range(2):  # the second try proves the lock was released, not left held
        with pytest.raises(StoreError) as caught:
            Repo.open(path, deferred=deferred)
        assert type(caught.value) is StoreError
        assert caught.value.path == path
        assert caught.value.reason.startswith(reason)
        assert str(caught.value).startswith(f"{path}: {reason}")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name, lock_path(path).name]
    assert [t for t in threading.enumerate() if t.name == "netdesk-writer"] == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [*BAD_FILES.values(), *ROUND_TWO.values()],
    ids=[*BAD_FILES, *ROUND_TWO],
)
def test_bad_file_is_refused_by_the_fast_loader_too(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    """The app's way in (`parse_later`, msgspec first) refuses each file with the same reason,
    never with another exception (a RecursionError once reached the TUI)."""
    path = tmp_path / "netdesk.db.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Repo.open(path, parse_later=True, read_only=True, lock=False)
    assert caught.value.reason.startswith(reason)
    assert path.read_bytes() == content


def test_directory_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    """A directory at the database path is reported, not replaced."""
    path = tmp_path / "netdesk.db.json"
    path.mkdir()
    with pytest.raises(StoreError) as caught:
        Repo.open(path)
    assert caught.value.path == path
    assert caught.value.reason == "it is not a regular file"
    assert path.is_dir()
    assert list(path.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    """A path whose folder does not exist is reported, and the folder is not created."""
    path = tmp_path / "nowhere" / "netdesk.db.json"
    with pytest.raises(StoreError) as caught:
        Repo.open(path)
    assert caught.value.path == path
    assert caught.value.reason == f"the folder {tmp_path / 'nowhere'} does not exist"
    assert not path.parent.exists()


def test_leftover_temp_files_are_removed_on_open(db_path: Path) -> None:
    """Temporary files from a save that was cut short are deleted when the database opens."""
    directory = db_path.parent
    stale = [
        directory / f".{db_path.name}.4242.139872.tmp",
        directory / f".{db_path.name}.1.2.tmp",
    ]
    for file in stale:
        file.write_bytes(b'{"half": ')
    unrelated = [directory / "notes.tmp", directory / ".other.db.json.1.2.tmp"]
    for file in unrelated:
        file.write_bytes(b"keep me")
    Repo.open(db_path).close()
    assert [file.exists() for file in stale] == [False, False]
    assert [file.read_bytes() for file in unrelated] == [b"keep me", b"keep me"]


# --- deferred saving: group commit and failures -------------------------------------------


class StatusLog:
    """Collects on_status calls from the writer thread."""

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[bool, str | None]] = queue.Queue()

    def __call__(self, saved: bool, error: str | None) -> None:
        self.queue.put((saved, error))

    def next(self) -> tuple[bool, str | None]:
        return self.queue.get(timeout=WAIT)


@pytest.fixture
def counted_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Counts `write_atomically` calls; the first one blocks until `release` is set."""
    state: dict[str, Any] = {
        "count": 0,
        "entered": threading.Event(),
        "release": threading.Event(),
    }
    real = storage_module.write_atomically

    def write(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        state["count"] += 1
        if state["count"] == 1:
            state["entered"].set()
            assert state["release"].wait(WAIT)
        real(path, payload, keep_backup=keep_backup)

    monkeypatch.setattr(storage_module, "write_atomically", write)
    yield state
    state["release"].set()


def test_updates_during_a_save_are_folded_into_one_write(
    db_path: Path, counted_writes: dict[str, Any]
) -> None:
    """50 updates made while a save is in flight cost 2 writes in all, and all reach the disk."""
    status = StatusLog()
    repo = Repo.open(db_path, deferred=True, on_status=status)
    repo.contacts.update(1, {"notes": "update 0"})
    assert counted_writes["entered"].wait(WAIT)
    for n in range(1, 50):
        repo.contacts.update(1 + n % 10, {"notes": f"update {n}"})
    assert repo.storage.dirty
    counted_writes["release"].set()
    assert status.next() == (True, None)
    assert counted_writes["count"] == 2
    assert not repo.storage.dirty
    assert notes_on_disk(db_path) == {str(1 + n % 10): f"update {n}" for n in range(40, 50)}
    repo.close()
    assert counted_writes["count"] == 2
    assert status.queue.empty()


def test_deferred_write_returns_before_the_disk_is_touched(
    db_path: Path, counted_writes: dict[str, Any]
) -> None:
    """In deferred mode an update returns while the save is still blocked in the writer."""
    before = db_path.read_bytes()
    repo = Repo.open(db_path, deferred=True)
    repo.contacts.update(1, {"notes": "pending"})
    assert counted_writes["entered"].wait(WAIT)
    assert repo.contacts.get(1).notes == "pending"  # type: ignore[union-attr]
    assert db_path.read_bytes() == before
    counted_writes["release"].set()
    repo.close()
    assert notes_on_disk(db_path)["1"] == "pending"


def test_close_flushes_pending_deferred_changes(db_path: Path) -> None:
    """Changes still pending in deferred mode are on disk after close()."""
    repo = Repo.open(db_path, deferred=True)
    with repo.batch():
        for i in range(1, 11):
            repo.contacts.update(i, {"notes": f"batched {i}"})
    repo.close()
    assert repo.storage.dirty is False
    assert notes_on_disk(db_path) == {str(i): f"batched {i}" for i in range(1, 11)}


def enospc(failing: str) -> Callable[[str, tuple[Any, ...]], BaseException | None]:
    """Fail the named call with ENOSPC, but only while saving (not the directory fsync)."""

    def fail(name: str, args: tuple[Any, ...]) -> BaseException | None:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) if name == failing else None

    return fail


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_save_keeps_old_file_and_next_save_catches_up(
    db_path: Path, fake_os: OsProxy, failing: str
) -> None:
    """A save that fails (disk full) raises, keeps the old file, and the next save writes all."""
    before = db_path.read_bytes()
    repo = Repo.open(db_path)
    fake_os.fail = enospc(failing)
    with pytest.raises(StoreError) as caught:
        repo.contacts.update(1, {"notes": "lost?"})
    assert caught.value.reason == "could not save: No space left on device"
    assert repo.storage.last_error == f"could not save {db_path}: No space left on device"
    assert db_path.read_bytes() == before
    assert repo.storage.dirty is True
    assert leftovers(db_path.parent) == []
    fake_os.fail = lambda n, a: None
    repo.contacts.update(2, {"notes": "saved"})
    assert repo.storage.dirty is False
    assert repo.storage.last_error is None
    assert notes_on_disk(db_path)["1"] == "lost?"
    assert notes_on_disk(db_path)["2"] == "saved"
    repo.close()


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_failed_deferred_save_is_reported_and_retried(
    db_path: Path, fake_os: OsProxy, failing: str
) -> None:
    """In deferred mode a failed save is reported via on_status and retried on the next change."""
    before = db_path.read_bytes()
    status = StatusLog()
    repo = Repo.open(db_path, deferred=True, on_status=status)
    fake_os.fail = enospc(failing)
    repo.contacts.update(1, {"notes": "first"})
    assert status.next() == (False, f"could not save {db_path}: No space left on device")
    assert db_path.read_bytes() == before
    assert repo.storage.dirty is True
    fake_os.fail = lambda n, a: None
    repo.contacts.update(2, {"notes": "second"})
    assert status.next() == (True, None)
    assert repo.storage.dirty is False
    assert notes_on_disk(db_path)["1"] == "first"
    assert notes_on_disk(db_path)["2"] == "second"
    repo.close()
    assert status.queue.empty()


def test_failed_deferred_save_is_saved_by_close(db_path: Path, fake_os: OsProxy) -> None:
    """A change whose deferred save failed is written by close() once the disk works again."""
    status = StatusLog()
    repo = Repo.open(db_path, deferred=True, on_status=status)
    fake_os.fail = enospc("replace")
    repo.contacts.update(1, {"notes": "kept"})
    assert status.next()[0] is False
    fake_os.fail = lambda n, a: None
    repo.close()
    assert notes_on_disk(db_path)["1"] == "kept"


def test_unwritable_folder_gives_a_clear_error(db_path: Path, fake_os: OsProxy) -> None:
    """If the folder refuses new files, the save fails with a StoreError naming the cause."""
    before = db_path.read_bytes()
    repo = Repo.open(db_path)

    def refuse(name: str, args: tuple[Any, ...]) -> BaseException | None:
        if name == "open" and str(args[0]).endswith(".tmp"):
            return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(args[0]))
        return None

    fake_os.fail = refuse
    with pytest.raises(StoreError) as caught:
        repo.contacts.update(1, {"notes": "nope"})
    assert caught.value.path == db_path
    assert str(caught.value) == f"{db_path}: could not save: Permission denied"
    assert db_path.read_bytes() == before
    with pytest.raises(StoreError):
        repo.close()  # close still tries to save the pending change, and says so
    fake_os.fail = lambda n, a: None
    Repo.open(db_path).close()  # the lock was released anyway


ADVICE = {
    errno.ENOSPC: "The disk holding {folder} is full: free some space, then try again.",
    errno.EDQUOT: "The disk holding {folder} is full: free some space, then try again.",
    errno.EACCES: "You may not write in {folder}: make it writable (chmod u+w) or choose a "
    "database in another folder with --db.",
    errno.EROFS: "{folder} is on a read-only file system: remount it read-write or choose a "
    "database elsewhere with --db.",
    errno.EPERM: "The system refuses changes to netdesk.db.json or {folder}; perhaps one is "
    "marked immutable (lsattr -d shows an 'i'; chattr -i removes it).",
    errno.EIO: "Try again once the problem is fixed, or choose another database with --db.",
}


@pytest.mark.parametrize("code", ADVICE, ids=[errno.errorcode[c] for c in ADVICE])
def test_the_advice_after_a_failed_save_fits_the_failure(
    db_path: Path, fake_os: OsProxy, code: int
) -> None:
    """Disk full, no permission, read-only, immutable: each gets its own advice, and none
    tells the user to move the good file aside or restore the backup."""
    repo = Repo.open(db_path)

    def refuse(name: str, args: tuple[Any, ...]) -> BaseException | None:
        if name == "open" and str(args[0]).endswith(".tmp"):
            return OSError(code, os.strerror(code), str(args[0]))
        return None

    fake_os.fail = refuse
    with pytest.raises(StoreWriteError) as caught:
        repo.contacts.update(1, {"notes": "nope"})
    advice = ADVICE[code].format(folder=db_path.parent) + " Nothing on disk was changed."
    assert caught.value.reason == f"could not save: {os.strerror(code)}"
    assert caught.value.advice() == advice
    assert repo.storage.last_advice == advice  # for the app's "save failed" message
    assert "backup" not in advice and "aside" not in advice
    fake_os.fail = lambda n, a: None
    repo.close()  # the pending change is saved once the problem is gone
    assert repo.storage.last_advice is None


def test_failed_first_save_releases_the_lock(tmp_path: Path, fake_os: OsProxy) -> None:
    """If a new database cannot be saved at all, opening fails cleanly and can be retried."""
    path = tmp_path / "netdesk.db.json"

    def refuse(name: str, args: tuple[Any, ...]) -> BaseException | None:
        if name == "open" and str(args[0]).endswith(".tmp"):
            return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(args[0]))
        return None

    fake_os.fail = refuse
    for _ in range(2):
        with pytest.raises(StoreWriteError) as caught:
            Repo.open(path)
        assert caught.value.reason == "could not save: Permission denied"
    assert not path.exists()
    fake_os.fail = lambda n, a: None
    with Repo.open(path) as repo:
        assert len(repo.templates) > 0


def test_change_made_just_after_a_failed_save_is_retried(db_path: Path, fake_os: OsProxy) -> None:
    """A change that lands between a failed save and the writer going back to sleep is saved."""
    status = StatusLog()
    proceed = threading.Event()

    def on_status(saved: bool, error: str | None) -> None:
        status(saved, error)
        if not saved:
            assert proceed.wait(WAIT)  # hold the writer right after it reported the failure

    repo = Repo.open(db_path, deferred=True, on_status=on_status)
    fake_os.fail = enospc("replace")
    repo.contacts.update(1, {"notes": "first"})
    assert status.next()[0] is False
    fake_os.fail = lambda n, a: None
    repo.contacts.update(2, {"notes": "second"})  # while the writer is still in on_status
    proceed.set()
    assert status.next() == (True, None)
    assert notes_on_disk(db_path)["1"] == "first"
    assert notes_on_disk(db_path)["2"] == "second"
    repo.close()


def test_read_only_refuses_writes_and_keeps_memory_unchanged(db_path: Path) -> None:
    """A read-only Repo raises on any change, writes nothing, and does not change what it shows."""
    before = db_path.read_bytes()
    repo = Repo.open(db_path, read_only=True, lock=False)
    with pytest.raises(StoreError) as caught:
        repo.contacts.update(1, {"notes": "no"})
    assert caught.value.reason == "opened read-only; nothing was written"
    with pytest.raises(StoreError):
        repo.contacts.insert(repo.contacts.get(2))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        repo.contacts.remove([3])
    assert repo.contacts.get(1).notes == ""  # type: ignore[union-attr]
    assert len(repo.contacts) == 10
    assert len(repo.contacts.table) == 10
    assert repo.contacts.table.raw()["1"]["notes"] == ""
    assert "3" in repo.contacts.table.raw()
    repo.close()
    assert db_path.read_bytes() == before


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    """Opening a missing file read-only neither creates it nor seeds it."""
    path = tmp_path / "absent.json"
    repo = Repo.open(path, read_only=True, lock=False)
    assert len(repo.templates) == 0
    repo.close()
    assert list(tmp_path.iterdir()) == []
