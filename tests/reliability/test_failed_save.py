"""After a failed save, quitting does what the quit dialog said it would (a real process).

netdesk runs on a pty with its saves failing as on a full disk while a flag file exists. The
dialog says one more save is tried on the way out and that the changes are lost if it fails:
with the disk still full they are lost and netdesk says so; with room made before answering,
that last save keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_terminal import Terminal
from reliability_helpers import make_good_db, netdesk_env

from netdesk.store.repo import Repo

FULL_WHILE_FLAGGED = """
import errno
import os
import sys
from pathlib import Path

import netdesk.store.storage as storage
from netdesk.tui.app import run

flag = Path(sys.argv[2])
real = storage.write_atomically


def write_atomically(path, payload, *, keep_backup):
    if flag.exists():
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real(path, payload, keep_backup=keep_backup)


storage.write_atomically = write_atomically
sys.exit(run(Path(sys.argv[1])))
"""
"""netdesk as `netdesk --db FILE` runs it, on a disk that is full while FLAG exists."""

NAME = "Sam Rivera"


@pytest.fixture
def quitting(tmp_path: Path, home: Path) -> Iterator[tuple[Terminal, Path, Path]]:
    """A first run whose first change (the name) failed to save, with the quit dialog open."""
    db, full = tmp_path / "netdesk.json", tmp_path / "disk-full"
    make_good_db(db)
    full.touch()
    env = {**netdesk_env(home), "TERM": "xterm-256color"}
    terminal = Terminal(["-c", FULL_WHILE_FLAGGED, str(db), str(full)], env)
    try:
        terminal.wait_for_text("What name do you sign")
        terminal.send(NAME + "\r")
        terminal.wait_for_text("NOT SAVED")
        terminal.send("q")
        terminal.wait_for_text("Your latest changes are not saved")  # the path after it wraps
        yield terminal, db, full
    finally:
        terminal.close()


def my_name(db: Path) -> str:
    with Repo.open(db, read_only=True, lock=False) as repo:
        return repo.settings().my_name


def test_quitting_on_a_full_disk_loses_the_changes_and_says_so(
    quitting: tuple[Terminal, Path, Path],
) -> None:
    terminal, db, _full = quitting

    terminal.send("y")

    assert terminal.wait() == 1
    assert "The changes since the last save are lost." in terminal.screen_text()
    assert my_name(db) == ""


def test_room_made_before_quitting_lets_the_last_save_keep_them(
    quitting: tuple[Terminal, Path, Path],
) -> None:
    terminal, db, full = quitting
    full.unlink()

    terminal.send("y")

    assert terminal.wait() == 0
    assert "The changes since the last save are lost." not in terminal.screen_text()
    assert my_name(db) == NAME
