"""The deferred writer waits for a pause in changes before it saves, but never for long.

A burst of changes costs one save, close() saves at once whatever the writer is waiting
for, and changes that never pause are still saved within SAVE_WITHIN. Nothing here sleeps
or times itself: the tests wait on events, and where the order of moments matters the
storage module is given a clock the test moves by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import orjson
import pytest

import netdesk.store.storage as storage_module
from netdesk.store.repo import Repo

WAIT = 10.0
"""Generous bound on waiting for the writer thread; only a hang ever reaches it."""
WRITER = "netdesk-writer"


def notes_on_disk(path: Path) -> dict[str, str]:
    """Contact id -> notes, read straight from the file."""
    doc = orjson.loads(path.read_bytes())
    return {key: record["notes"] for key, record in doc["contacts"].items()}


@dataclass
class Saves:
    """Every durable save: the `write_atomically` calls, with the writer's clock at each."""

    count: int = 0
    at: list[float] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)
    clock: FakeClock | None = None


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> Saves:
    """Counting starts once the test database is built (db_path is made first)."""
    state = Saves()
    real = storage_module.write_atomically

    def write(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        real(path, payload, keep_backup=keep_backup)
        state.count += 1
        if state.clock is not None:
            state.at.append(state.clock.now)
        state.done.set()

    monkeypatch.setattr(storage_module, "write_atomically", write)
    return state


class Status:
    """on_status from the writer thread: an event per outcome."""

    def __init__(self) -> None:
        self.saved = threading.Event()
        self.calls: list[tuple[bool, str | None]] = []

    def __call__(self, saved: bool, error: str | None) -> None:
        self.calls.append((saved, error))
        if saved:
            self.saved.set()


class FakeClock:
    """`time.monotonic` for the storage module, moved only by the test.

    `looked` is set each time the writer thread reads it, that is each time the writer has
    woken up and weighed whether the changes have paused: the test waits on it to be sure the
    writer had its chance to save before the next change comes.
    """

    def __init__(self) -> None:
        self.now = 1000.0
        self.looked = threading.Event()

    def monotonic(self) -> float:
        if threading.current_thread().name == WRITER:
            self.looked.set()
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, saves: Saves) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(storage_module, "time", SimpleNamespace(monotonic=fake.monotonic))
    saves.clock = fake
    return fake


def quiet(monkeypatch: pytest.MonkeyPatch, after: float, within: float) -> None:
    monkeypatch.setattr(storage_module, "SAVE_AFTER_QUIET", after)
    monkeypatch.setattr(storage_module, "SAVE_WITHIN", within)


@pytest.fixture
def opened(db_path: Path) -> Iterator[tuple[Repo, Status]]:
    """The 10-contact database open with the writer thread; closed (and so saved) after."""
    status = Status()
    repo = Repo.open(db_path, deferred=True, on_status=status)
    yield repo, status
    repo.close()


def change_and_let_the_writer_look(repo: Repo, clock: FakeClock, n: int) -> None:
    """Make change number n, then wait until the writer has woken and weighed it."""
    clock.looked.clear()
    repo.contacts.update(1 + n % 10, {"notes": f"change {n}"})
    assert clock.looked.wait(WAIT), "the writer never woke up after a change"


def last_notes(changes: int) -> dict[str, str]:
    """What the file holds after changes 0..changes-1, each to contact 1 + n % 10."""
    return {str(1 + n % 10): f"change {n}" for n in range(max(0, changes - 10), changes)}


# --- a burst is one save --------------------------------------------------------------------


@pytest.mark.parametrize("burst", [2, 25, 200])
def test_a_burst_of_changes_is_saved_once(
    monkeypatch: pytest.MonkeyPatch,
    saves: Saves,
    clock: FakeClock,
    opened: tuple[Repo, Status],
    db_path: Path,
    burst: int,
) -> None:
    """Changes closer together than SAVE_AFTER_QUIET fold into one save, made after the last,
    and the file then holds the last state."""
    repo, status = opened
    quiet(monkeypatch, after=0.05, within=1e9)
    assert saves.count == 0  # opening an up-to-date file writes nothing
    for n in range(burst):
        change_and_let_the_writer_look(repo, clock, n)
        clock.advance(0.04)  # less than the quiet period: still the same burst
    assert saves.count == 0
    assert repo.storage.dirty
    last_change = clock.now - 0.04
    clock.advance(0.02)  # the pause: the writer saves when it next looks
    assert status.saved.wait(WAIT)
    assert saves.count == 1
    assert saves.at[0] >= last_change + 0.05
    assert not repo.storage.dirty
    assert notes_on_disk(db_path) == {
        **{str(i): "" for i in range(1, 11)},
        **last_notes(burst),
    }
    assert status.calls == [(True, None)]


def test_changes_after_a_save_start_a_new_burst(
    monkeypatch: pytest.MonkeyPatch,
    saves: Saves,
    clock: FakeClock,
    opened: tuple[Repo, Status],
    db_path: Path,
) -> None:
    """Two bursts with a pause between them: two saves, each with its burst's last state."""
    repo, status = opened
    quiet(monkeypatch, after=0.05, within=1e9)
    for burst in range(2):
        status.saved.clear()
        for n in range(burst * 10, burst * 10 + 10):
            change_and_let_the_writer_look(repo, clock, n)
        clock.advance(0.06)
        assert status.saved.wait(WAIT)
        assert saves.count == burst + 1
        assert notes_on_disk(db_path) == last_notes(burst * 10 + 10)


def test_a_burst_with_the_real_clock_is_saved_and_reported(
    monkeypatch: pytest.MonkeyPatch, saves: Saves, opened: tuple[Repo, Status], db_path: Path
) -> None:
    """With the shipped timings and the real clock, a burst ends up on disk, reported once
    everything is saved (how many saves it took depends on the machine's speed)."""
    repo, status = opened
    for n in range(30):
        repo.contacts.update(1 + n % 10, {"notes": f"change {n}"})
    while True:
        # A report comes after any save that leaves nothing pending; clearing before looking
        # at `dirty` means a pending change is always followed by a report we then wait for.
        status.saved.clear()
        if not repo.storage.dirty:
            break
        assert status.saved.wait(WAIT)
    assert notes_on_disk(db_path) == last_notes(30)
    assert 1 <= saves.count <= 30


# --- close does not wait ------------------------------------------------------------------


def close_in_thread(repo: Repo) -> None:
    """close(), which must return promptly: it runs in a thread joined with a generous bound."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            repo.close()
        except BaseException as exc:
            errors.append(exc)

    closer = threading.Thread(target=run)
    closer.start()
    closer.join(WAIT)
    assert not closer.is_alive(), "close() waited for the quiet period"
    assert errors == []


def test_close_saves_pending_changes_inside_the_quiet_period(
    monkeypatch: pytest.MonkeyPatch, saves: Saves, db_path: Path
) -> None:
    """With an hour's quiet period only close() can save; it saves at once, once."""
    quiet(monkeypatch, after=3600, within=3600)
    status = Status()
    repo = Repo.open(db_path, deferred=True, on_status=status)
    for n in range(12):
        repo.contacts.update(1 + n % 10, {"notes": f"change {n}"})
    assert saves.count == 0
    assert repo.storage.dirty
    close_in_thread(repo)
    assert saves.count == 1
    assert not repo.storage.dirty
    assert notes_on_disk(db_path) == last_notes(12)
    assert status.calls == []  # the writer itself never saved
    with Repo.open(db_path) as again:  # the lock was released
        assert again.contacts.get(3).notes == "change 2"  # type: ignore[union-attr]


def test_close_while_the_writer_weighs_a_burst(
    monkeypatch: pytest.MonkeyPatch, saves: Saves, clock: FakeClock, db_path: Path
) -> None:
    """The writer is mid-wait (it has seen the changes) when close() comes: one save, all kept."""
    quiet(monkeypatch, after=0.05, within=1e9)
    repo = Repo.open(db_path, deferred=True)
    for n in range(5):
        change_and_let_the_writer_look(repo, clock, n)
    assert saves.count == 0
    close_in_thread(repo)
    assert saves.count == 1
    assert notes_on_disk(db_path) == {**{str(i): "" for i in range(1, 11)}, **last_notes(5)}


def test_close_with_nothing_pending_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, saves: Saves, db_path: Path
) -> None:
    quiet(monkeypatch, after=3600, within=3600)
    repo = Repo.open(db_path, deferred=True)
    close_in_thread(repo)
    assert saves.count == 0


# --- never postponed for long ---------------------------------------------------------------


def test_a_long_quiet_period_is_cut_short_by_save_within(
    monkeypatch: pytest.MonkeyPatch, saves: Saves, opened: tuple[Repo, Status], db_path: Path
) -> None:
    """SAVE_AFTER_QUIET of an hour, SAVE_WITHIN of a moment: the change is still saved."""
    repo, status = opened
    quiet(monkeypatch, after=3600, within=0.05)
    repo.contacts.update(4, {"notes": "soon"})
    assert status.saved.wait(WAIT)
    assert saves.count == 1
    assert notes_on_disk(db_path)["4"] == "soon"
    assert not repo.storage.dirty


def test_changes_that_never_pause_are_still_saved(
    monkeypatch: pytest.MonkeyPatch,
    saves: Saves,
    clock: FakeClock,
    opened: tuple[Repo, Status],
) -> None:
    """A change every 0.04 s never leaves a 0.05 s pause; the save comes once SAVE_WITHIN has
    passed since the writer started waiting, while the changes are still coming."""
    repo, _status = opened
    quiet(monkeypatch, after=0.05, within=1.0)
    first_change = clock.now
    for n in range(1000):
        change_and_let_the_writer_look(repo, clock, n)
        if saves.done.is_set():
            break  # with the clock held, the writer waits again: no second save comes
        clock.advance(0.04)
    else:
        pytest.fail("the writer kept waiting for a pause that never came")
    assert saves.count == 1
    assert saves.at[0] >= first_change + 1.0
    assert n >= 25  # 25 steps of 0.04 s make SAVE_WITHIN
