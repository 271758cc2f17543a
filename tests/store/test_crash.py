"""kill -9 while saving: the database and its backup always load, holding the old or new state."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from netdesk.domain.models import Contact
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path

WRITER = """
import sys
from netdesk.store.repo import Repo

repo = Repo.open(sys.argv[1])
counter = int(repo.contacts.get(1).notes or 0)
while True:
    counter += 1
    repo.contacts.update(1, {"notes": str(counter)})
    sys.stdout.write(f"{counter}\\n")
    sys.stdout.flush()
"""
"""Saves contact 1's notes as 1, 2, 3 …, printing each number once it is durably on disk."""


def counter_in(path: Path) -> int:
    """Open the file as netdesk would and return the counter; raises if it does not load."""
    repo = Repo.open(path, read_only=True, lock=False)
    contact = repo.contacts.get(1)
    assert contact is not None
    assert len(repo.contacts) == 200
    repo.close()
    return int(contact.notes or 0)


ECHO = """
import os
while data := os.read(0, 64):
    os.write(1, data)
"""
"""Sends back whatever it reads: each round trip is a short wait that is not a sleep."""


class Metronome:
    """Waits a given number of line round trips through an echo process.

    Killing right after reading the writer's n-th line would always land just after a print,
    at the same point of the next save. Waiting a seeded number of round trips through a
    process that knows nothing of the writer moves the kill to any point of the save.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ECHO], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.to_echo = self.process.stdin.fileno()
        self.from_echo = self.process.stdout.fileno()
        self.wait(1)

    def wait(self, lines: int) -> None:
        for _ in range(lines):
            os.write(self.to_echo, b".\n")
            assert os.read(self.from_echo, 2) == b".\n"

    def close(self) -> None:
        self.process.kill()
        self.process.communicate()


def kill_while_writing(path: Path, lines: int, round_trips: int, metronome: Metronome) -> int:
    """Start a writer, read `lines` of its progress, wait, SIGKILL it; return the last printed."""
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        for _ in range(lines):
            line = child.stdout.readline()
            assert line.endswith("\n"), child.stderr.read()
        metronome.wait(round_trips)
    finally:
        child.kill()
        child.wait()
    rest = child.stdout.read()
    child.stdout.close()
    child.stderr.close()
    printed = (line + rest).split("\n")[:-1]  # whole lines only
    return int(printed[-1])


def run_trials(path: Path, trials: int, seed: int) -> None:
    rng = random.Random(seed)
    metronome = Metronome()
    try:
        for trial in range(trials):
            printed = kill_while_writing(path, rng.randint(1, 8), rng.randint(0, 80), metronome)
            check_after_kill(path, printed, trial)
    finally:
        metronome.close()


def check_after_kill(path: Path, printed: int, trial: int) -> None:
    on_disk = counter_in(path)  # also proves the dead writer's lock does not block
    assert on_disk in (printed, printed + 1), f"trial {trial}"
    bak = backup_path(path)
    if bak.exists():
        in_backup = counter_in(bak)
        assert in_backup in (printed - 1, printed), f"trial {trial}"
        if on_disk == printed + 1:
            assert in_backup == printed, f"trial {trial}"
    with Repo.open(path):  # a normal open succeeds and clears any half-written temp file
        pass
    assert list(path.parent.glob(f".{path.name}.*.tmp")) == []


@pytest.fixture
def small_db(tmp_path: Path, make_contact: Callable[[int], Contact]) -> Path:
    """A database of 200 contacts whose contact 1 holds the counter."""
    path = tmp_path / "netdesk.db.json"
    with Repo.open(path) as repo:
        repo.contacts.insert_many(make_contact(i) for i in range(1, 201))
    return path


def test_kill_during_writes_never_loses_or_corrupts(small_db: Path) -> None:
    """50 writers SIGKILLed at seeded random points each leave a loadable old-or-new file."""
    run_trials(small_db, trials=50, seed=20240601)
    assert counter_in(small_db) >= 50


@pytest.mark.slow
def test_kill_during_writes_many_times(small_db: Path) -> None:
    """The same with 500 trials (run with -m slow)."""
    run_trials(small_db, trials=500, seed=7)
    assert counter_in(small_db) >= 500
