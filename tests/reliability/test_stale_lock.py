"""What a netdesk killed with SIGKILL leaves behind never blocks or confuses the next one.

tests/store/test_storage.py shows a killed holder's lock does not block `Repo.open`, and that
stale temp files are deleted on open; its fault injection raises an exception at each system
call, so the cleanup handlers still run. Here the process really dies at each system call of
a save (no handler runs), leaving whatever a power cut or OOM kill would, and the next netdesk
(the command, or a Repo) must start at once, load old-or-new data and clean up or ignore the
leftovers. Read-only opens must also leave a live writer's temp file alone.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from reliability_helpers import TIMEOUT, make_good_db, netdesk

from netdesk.domain.models import Contact
from netdesk.domain.templates import BUILTIN_TEMPLATES
from netdesk.store.errors import StoreLockedError
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path, lock_path

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

HOLD_LIKE_THE_TUI = """
import sys
import threading
from netdesk.store.repo import Repo

reported = threading.Event()
repo = Repo.open(sys.argv[1], deferred=True, on_status=lambda saved, error: reported.set())
for n in range(20):
    repo.contacts.update(1, {"notes": f"pending {n}"})
while repo.storage.dirty:
    reported.wait()
    reported.clear()
print("ready", flush=True)
sys.stdin.read()
"""
"""Opens the database as the TUI does (deferred writer thread), saves 20 changes, then waits."""

DIE_AT_STEP = """
import errno
import dataclasses
import os
import signal
import sys

import netdesk.store.storage as storage
from netdesk.domain.models import Contact
from netdesk.domain.templates import BUILTIN_TEMPLATES
from netdesk.store.repo import Repo

CHANGING = {"open", "write", "fsync", "close", "link", "unlink", "replace", "chmod", "fchmod"}
path, step, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = []


class DieAtStep:
    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in CHANGING:
            return real

        def call(*args, **kwargs):
            calls.append(name)
            if len(calls) == step:
                os.kill(os.getpid(), signal.SIGKILL)
            if name == "link" and mode == "copy":
                raise OSError(errno.EPERM, "no hard links here")
            return real(*args, **kwargs)

        return call


if mode == "create":
    storage.os = DieAtStep()
    Repo.open(path).close()
else:
    repo = Repo.open(path, deferred=mode == "deferred")
    storage.os = DieAtStep()
    repo.contacts.update(1, {"notes": "new"})
    repo.close()
print(len(calls), flush=True)
"""
"""Saves notes "new" over "old" (or creates the database, mode "create") and dies by SIGKILL
just before the given system call; "copy" mode saves as on a filesystem without hard links,
"deferred" mode saves from the TUI's writer thread."""


def notes_in(path: Path) -> str:
    """Contact 1's notes, opening `path` read-only exactly as `netdesk check` does."""
    with Repo.open(path, read_only=True, lock=False) as repo:
        contact = repo.contacts.get(1)
        assert contact is not None
        return contact.notes


def leftovers(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir() if p.name.endswith((".tmp", ".new"))}


def die_at(path: Path, step: int, mode: str = "update") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DIE_AT_STEP, str(path), str(step), mode],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def test_killed_tui_holder_lets_the_next_command_in(tmp_path: Path, home: Path) -> None:
    """While a TUI-like holder lives the import is refused at once; after SIGKILL it succeeds."""
    db = tmp_path / "netdesk.json"
    make_good_db(db)
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "Zed,Ray,,,Acme,CEO,14 Mar 2019\n", encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LIKE_THE_TUI, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "ready\n"
        refused = netdesk("import", "linkedin", str(source), "--db", str(db), home=home)
        assert refused.returncode == 1
        assert refused.err_lines == [
            f"netdesk: {db}: already open by pid {holder.pid}",
            "Close the other netdesk first (only one may write the database at a time).",
        ]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert holder.returncode == -signal.SIGKILL
    assert lock_path(db).read_text() == str(holder.pid)  # stale, and still there

    imported = netdesk("import", "linkedin", str(source), "--db", str(db), home=home)

    assert imported.returncode == 0
    assert imported.stdout == "Imported Connections.csv: 1 new, 0 updated, 0 unchanged, 0 skipped\n"
    assert notes_in(db) == "pending 19"  # the killed writer's last save is intact
    with Repo.open(db) as repo:
        assert [c.first_name for c in repo.contacts][-1] == "Zed"


def kill_at_every_step(tmp_path: Path, mode: str) -> tuple[set[str], set[str]]:
    """Run one save per system call, killed just before it; return (outcomes, leftover kinds)."""
    path = tmp_path / "netdesk.json"
    if mode != "create":
        with Repo.open(path) as repo:
            repo.contacts.insert(Contact(first_name="Ann", notes="older"))
            repo.contacts.update(1, {"notes": "old"})
    start = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != lock_path(path).name}
    learn = die_at(path, 0, mode)
    assert learn.returncode == 0, learn.stderr
    steps = int(learn.stdout)
    assert steps >= 10
    left_behind: set[str] = set()
    outcomes: set[str] = set()

    for step in range(1, steps + 1):
        for entry in tmp_path.iterdir():
            entry.unlink()  # never write in place: a crash can leave hard links
        for name, data in start.items():
            (tmp_path / name).write_bytes(data)

        died = die_at(path, step, mode)

        assert died.returncode == -signal.SIGKILL, (step, died.stderr)
        found = leftovers(tmp_path)
        left_behind |= {name.rsplit(".", 1)[-1] for name in found}
        if mode == "create":
            outcomes.add(created_state(path))
        else:
            on_disk = notes_in(path)  # loads, even with the lock file of a dead process
            assert on_disk in ("old", "new"), step
            outcomes.add(on_disk)
            in_backup = notes_in(backup_path(path))
            assert in_backup in ("older", "old"), step
            if on_disk == "new":
                assert in_backup == "old", step
        assert leftovers(tmp_path) == found, step  # a read-only open deletes nothing

        with Repo.open(path) as repo:  # the next netdesk: opens at once, leftovers go
            assert leftovers(tmp_path) == set(), step
            before_save = path.read_bytes() if path.exists() else None
            repo.save_settings(dataclasses.replace(repo.settings(), my_name="after"))
        assert leftovers(tmp_path) == set(), step
        if before_save is not None:
            assert backup_path(path).read_bytes() == before_save, step
        with Repo.open(path, read_only=True, lock=False) as repo:
            assert repo.settings().my_name == "after", step
    return outcomes, left_behind


def created_state(path: Path) -> str:
    """'absent', or 'created' once the new file loads complete with the built-in templates."""
    if not path.exists():
        return "absent"
    with Repo.open(path, read_only=True, lock=False) as repo:
        assert len(repo.templates) == len(BUILTIN_TEMPLATES)
    return "created"


def test_sigkill_at_each_system_call_of_a_save(tmp_path: Path) -> None:
    """Dying before any call of a save leaves old-or-new data, and leftovers that do no harm."""
    outcomes, left_behind = kill_at_every_step(tmp_path, "update")

    assert outcomes == {"old", "new"}
    assert left_behind == {"tmp", "new"}  # both kinds of leftover really happened


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["copy", "deferred", "create"])
def test_sigkill_at_each_system_call_of_other_saves(tmp_path: Path, mode: str) -> None:
    """The same for a copied backup, the TUI's writer thread, and creating the database."""
    outcomes, left_behind = kill_at_every_step(tmp_path, mode)

    assert outcomes == ({"absent", "created"} if mode == "create" else {"old", "new"})
    assert "tmp" in left_behind


def test_read_only_open_leaves_a_live_writers_temp_file(tmp_path: Path, home: Path) -> None:
    """`check`, `stats` and `export` never delete the temp file of a netdesk that is saving."""
    path = tmp_path / "netdesk.json"
    make_good_db(path)
    with Repo.open(path):  # a live writer holds the lock…
        in_flight = tmp_path / f".{path.name}.4242.139872.tmp"
        in_flight.write_bytes(b'{"half": ')  # …and is in the middle of a save
        for args in (["check"], ["stats"], ["export", "json", "-o", str(tmp_path / "x.json")]):
            assert netdesk(*args, "--db", str(path), home=home).returncode == 0
            assert in_flight.read_bytes() == b'{"half": ', args
        Repo.open(path, read_only=True, lock=False).close()
        assert in_flight.exists()
    with Repo.open(path):  # the next writer, holding the lock, knows it is stale
        assert not in_flight.exists()


@pytest.mark.parametrize(
    "content",
    [b"1", b"999999999", b"", b"\x00\xff" * 5000, b"not a pid\n"],
    ids=["pid 1", "no such pid", "empty", "binary", "text"],
)
def test_lock_file_content_does_not_matter_when_nobody_holds_it(
    tmp_path: Path, content: bytes
) -> None:
    """An unheld lock file with any content (a reused pid, junk) never keeps netdesk out."""
    path = tmp_path / "netdesk.json"
    good = make_good_db(path)
    lock_path(path).write_bytes(content)

    with Repo.open(path) as repo:
        assert len(repo.contacts) == 5
        assert lock_path(path).read_bytes() == str(os.getpid()).encode()
    assert path.read_bytes() == good


def test_junk_written_into_a_held_lock_is_shown_harmlessly(tmp_path: Path) -> None:
    """A held lock whose file holds terminal escapes gives a short, escaped holder in the error."""
    path = tmp_path / "netdesk.json"
    make_good_db(path)
    with Repo.open(path):
        lock_path(path).write_bytes(b"\x1b[2J\x1b]0;owned\x07" + b"9" * 1000)
        with pytest.raises(StoreLockedError) as caught:
            Repo.open(path)
    message = str(caught.value)
    holder = "\\x1b[2J\\x1b]0;owned\\x07" + "9" * 18  # the first 32 bytes, escaped
    assert message == f"{path}: already open by pid {holder}"
    assert message.isprintable()


def test_killed_writer_leaves_a_database_the_command_accepts(tmp_path: Path, home: Path) -> None:
    """After a SIGKILL mid-save, `netdesk check` reports OK and names the backup."""
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.contacts.insert(Contact(first_name="Ann", notes="old"))
    died = die_at(path, 3)
    assert died.returncode == -signal.SIGKILL

    checked = netdesk("check", "--db", str(path), home=home)

    assert checked.returncode == 0
    assert checked.stdout.splitlines() == [
        f"{path}: OK (1 contacts, 0 messages, 0 calls, 0 intros, 0 targets)",
        f"{backup_path(path)}: OK (previous save)",
    ]
    assert orjson.loads(path.read_bytes())["contacts"]["1"]["notes"] == "old"
