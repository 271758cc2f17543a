"""File modes: the database, its backup and its lock are private, whatever the umask or history.

tests/store/test_storage.py checks the three modes once, for a database created under umask 0.
Here: a database that arrived with loose permissions, every instant of a save (including the
copy used on filesystems without hard links), a lock file left world-writable, and databases
created by the real command in a fresh folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_helpers import netdesk

import netdesk.store.storage as storage_module
from netdesk.domain.models import Contact
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path, lock_path

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run the test under umask 0, the most permissive there is."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


class ModeWatch:
    """Stands in for `os` inside storage.py and records every file mode seen at each call."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.seen: dict[str, set[int]] = {}
        self.refuse_links = False

    def look(self) -> None:
        for entry in self.directory.iterdir():
            if entry.is_file():
                self.seen.setdefault(entry.name, set()).add(mode(entry))

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if not callable(real):
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.look()
            if name == "link" and self.refuse_links:
                raise OSError(errno.EPERM, os.strerror(errno.EPERM))
            try:
                return real(*args, **kwargs)
            finally:
                self.look()

        return call


@pytest.fixture
def watch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModeWatch:
    proxy = ModeWatch(tmp_path)
    monkeypatch.setattr(storage_module, "os", proxy)
    return proxy


def loose_database(path: Path) -> None:
    """A valid database whose file is 0644, as after `cp` under the usual umask."""
    with Repo.open(path) as repo:
        repo.contacts.insert(Contact(first_name="Ann", last_name="Lee"))
    backup_path(path).unlink()
    path.chmod(0o644)


@pytest.mark.parametrize("deferred", [False, True], ids=["direct", "deferred"])
def test_loose_database_and_backup_are_private_after_the_next_save(
    tmp_path: Path, open_umask: None, deferred: bool
) -> None:
    """A 0644 database (say restored with cp) is 0600 after one save, and so is its backup."""
    path = tmp_path / "netdesk.json"
    loose_database(path)
    old = path.read_bytes()

    with Repo.open(path, deferred=deferred) as repo:
        repo.contacts.update(1, {"notes": "first save"})

    assert backup_path(path).read_bytes() == old
    assert (mode(path), mode(backup_path(path)), mode(lock_path(path))) == (0o600, 0o600, 0o600)


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard link", "copy"])
def test_no_file_is_readable_by_others_at_any_moment_of_a_save(
    tmp_path: Path, open_umask: None, watch: ModeWatch, hard_links: bool
) -> None:
    """At every system call of three saves, each file in the folder is at most 0600."""
    path = tmp_path / "netdesk.json"
    watch.refuse_links = not hard_links
    with Repo.open(path) as repo:
        for n in range(3):
            repo.contacts.insert(Contact(first_name=f"P{n}"))

    names = {path.name, backup_path(path).name, lock_path(path).name}
    assert names <= set(watch.seen)
    assert any(name.endswith(".tmp") for name in watch.seen)
    assert any(name.endswith(".bak.new") for name in watch.seen)
    assert {name: modes for name, modes in watch.seen.items() if modes != {0o600}} == {}


def test_lock_file_left_world_writable_is_made_private(tmp_path: Path) -> None:
    """A lock file another tool left at 0666 is 0600 once netdesk holds it."""
    path = tmp_path / "netdesk.json"
    lock_path(path).write_bytes(b"")
    lock_path(path).chmod(0o666)

    with Repo.open(path):
        assert mode(lock_path(path)) == 0o600
    assert mode(lock_path(path)) == 0o600


ImportArgs = Callable[[Path, Path], list[str]]

CREATING_COMMANDS: dict[str, ImportArgs] = {
    "import": lambda db, csv: ["import", "linkedin", str(csv), "--db", str(db)],
    "demo": lambda db, csv: ["demo", "--count", "20", "--force", "--db", str(db)],
}


@pytest.mark.parametrize("command", CREATING_COMMANDS)
def test_database_created_by_the_command_in_a_fresh_folder_is_private(
    tmp_path: Path, home: Path, command: str
) -> None:
    """Under umask 0 the command makes the folder 0700 and db, backup and lock 0600."""
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "Ann,Lee,,,Acme,CEO,14 Mar 2019\n", encoding="utf-8")
    db = tmp_path / "fresh" / "netdesk.json"
    args = CREATING_COMMANDS[command](db, source)

    for _ in range(2):  # the second run replaces the file and leaves a backup
        assert netdesk(*args, home=home, umask=0).returncode == 0

    assert mode(db.parent) == 0o700
    assert sorted(p.name for p in db.parent.iterdir()) == [
        db.name,
        backup_path(db).name,
        lock_path(db).name,
    ]
    assert (mode(db), mode(backup_path(db)), mode(lock_path(db))) == (0o600, 0o600, 0o600)
