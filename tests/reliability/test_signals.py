"""Ending the app by a signal saves the last change, as `q` does.

A real netdesk runs on a real pseudo-terminal; its writer thread is told never to save on its
own, so the change made before the signal can reach the disk only if the app saves on the way
out. SIGTERM is what `kill`, a logout or a shutdown send; SIGHUP is what closing the terminal
sends (the test closes the pty, and the kernel sends it); SIGINT and `q` already saved.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pty_terminal import Terminal
from reliability_helpers import make_good_db, netdesk_env

from netdesk.store.repo import Repo

NEVER_ON_ITS_OWN = """
import sys
from pathlib import Path

import netdesk.store.storage as storage
from netdesk.tui.app import run

assert storage.SAVE_AFTER_QUIET and storage.SAVE_WITHIN  # the writer's delays, still there
storage.SAVE_AFTER_QUIET = storage.SAVE_WITHIN = 3600.0
sys.exit(run(Path(sys.argv[1])))
"""
"""netdesk as `netdesk --db FILE` runs it, but the writer holds every change for an hour."""

NAME = "Sam Rivera"


@pytest.fixture
def started(tmp_path: Path, home: Path) -> Iterator[tuple[Terminal, Path]]:
    """netdesk on a first run (no name yet), with the name typed into the welcome prompt: the
    change is in memory and on screen, not on disk."""
    db = tmp_path / "netdesk.json"
    make_good_db(db)
    env = {**netdesk_env(home), "TERM": "xterm-256color"}
    terminal = Terminal(["-c", NEVER_ON_ITS_OWN, str(db)], env)
    try:
        terminal.wait_for_text("What name do you sign")
        terminal.send(NAME + "\r")
        terminal.wait_for_text(f"Messages will be signed {NAME}.")
        with Repo.open(db, read_only=True, lock=False) as repo:
            assert repo.settings().my_name == ""  # not saved yet
        yield terminal, db
    finally:
        terminal.close()


def stop(signal_number: int) -> Callable[[Terminal], None]:
    return lambda terminal: terminal.signal(signal_number)


@pytest.mark.parametrize(
    "how",
    [
        pytest.param(stop(signal.SIGTERM), id="SIGTERM"),
        pytest.param(stop(signal.SIGHUP), id="SIGHUP"),
        pytest.param(Terminal.hang_up, id="terminal-closed"),
        pytest.param(stop(signal.SIGINT), id="SIGINT"),
        pytest.param(lambda terminal: terminal.send("q"), id="q"),
    ],
)
def test_the_last_change_is_saved_on_the_way_out(
    started: tuple[Terminal, Path], how: Callable[[Terminal], None]
) -> None:
    """The name typed just before the signal is in the file once netdesk has exited."""
    terminal, db = started

    how(terminal)
    code = terminal.wait()

    with Repo.open(db, read_only=True, lock=False) as repo:
        assert repo.settings().my_name == NAME
    assert code == 0
    assert not any(name.endswith(".tmp") for name in os.listdir(db.parent))
