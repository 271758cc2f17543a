"""Helpers for the reliability suite: the real `netdesk` command, a good database, listings."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netdesk.domain.models import Contact
from netdesk.store.repo import Repo

TIMEOUT = 60.0
"""Upper bound for one `netdesk` run; only reached when a test is already failing (a hang)."""


@dataclass(frozen=True, slots=True)
class Run:
    """What one `netdesk` process did."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def err_lines(self) -> list[str]:
        return self.stderr.splitlines()


def netdesk_env(home: Path) -> dict[str, str]:
    """An environment whose default database lives under `home`, never the user's own."""
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    env.pop("NETDESK_DB", None)
    return env


def start(*args: str, home: Path, umask: int = -1) -> subprocess.Popen[str]:
    """Start `python -m netdesk ARGS` with stdin on /dev/null (so a TUI could never wait)."""
    return subprocess.Popen(
        [sys.executable, "-m", "netdesk", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="backslashreplace",
        env=netdesk_env(home),
        umask=umask,
    )


def finish(process: subprocess.Popen[str]) -> Run:
    """Wait for a started `netdesk`; a hang is killed and fails the test."""
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    assert "Traceback" not in err, err
    return Run(process.returncode, out, err)


def netdesk(*args: str, home: Path, umask: int = -1) -> Run:
    """Run `python -m netdesk ARGS` to the end and return what it did."""
    return finish(start(*args, home=home, umask=umask))


def make_good_db(path: Path, count: int = 5) -> bytes:
    """Write a valid database of `count` contacts at `path` and return its bytes."""
    with Repo.open(path) as repo:
        repo.contacts.insert_many(
            Contact(
                first_name=f"Person{i}",
                last_name="Lee",
                email=f"p{i}@example.com",
                connected_on=date(2020, 1, 1 + i),
            )
            for i in range(1, count + 1)
        )
    return path.read_bytes()


def listing(directory: Path) -> dict[str, bytes | None]:
    """Every entry in `directory`: file name → bytes (None for anything but a regular file)."""
    return {
        entry.name: entry.read_bytes() if entry.is_file() and not entry.is_symlink() else None
        for entry in sorted(directory.iterdir())
    }
