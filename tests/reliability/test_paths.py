"""Odd things at the database's path, through the real command (issue 14: 5, 10, 12, 13).

A symlinked database was replaced by a regular file on the first save (the target stopped
updating) and each name took its own lock; a dangling link became a fresh empty database. A
symlink at `<db>.lock` made netdesk truncate and chmod the file it pointed at, and a directory
or FIFO there gave a traceback. A database named `c[1].json` deleted other databases' temp files.
A folder netdesk may not write in gave a PermissionError traceback.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_helpers import listing, make_good_db, netdesk

from netdesk.store.errors import StoreLockFileError
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path, lock_path

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections(folder: Path, *names: str) -> Path:
    """A Connections.csv holding one row per name."""
    path = folder / "Connections.csv"
    rows = [
        f"{name},Lee,https://www.linkedin.com/in/{name.lower()}-lee,,Acme,Engineer,14 Mar 2019\n"
        for name in names
    ]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def contact_count(path: Path) -> int:
    with Repo.open(path, read_only=True, lock=False) as repo:
        return len(repo.contacts)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# --- 5: a symlinked database -----------------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """(the link, the real database it points at, in another folder), 5 contacts."""
    real = tmp_path / "sync" / "real.json"
    real.parent.mkdir()
    make_good_db(real)
    link = tmp_path / "here" / "netdesk.json"
    link.parent.mkdir()
    link.symlink_to(real)
    return link, real


def test_saving_through_a_symlink_saves_the_file_it_points_at(
    tmp_path: Path, home: Path, linked: tuple[Path, Path]
) -> None:
    """The link stays a link, the target gets the change, its backup and lock sit beside it."""
    link, real = linked

    run = netdesk(
        "import", "linkedin", str(connections(tmp_path, "Ada")), "--db", str(link), home=home
    )

    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and link.resolve() == real
    assert contact_count(real) == 6
    assert mode(real) == 0o600
    assert sorted(p.name for p in real.parent.iterdir()) == [
        "real.json",
        "real.json.bak",
        "real.json.lock",
    ]
    assert sorted(p.name for p in link.parent.iterdir()) == ["netdesk.json"]


def test_two_names_of_one_database_share_one_lock(
    tmp_path: Path, home: Path, linked: tuple[Path, Path]
) -> None:
    """While one netdesk holds the real file, a second through the link is refused."""
    link, real = linked
    before = real.read_bytes()
    with Repo.open(real):
        run = netdesk(
            "import", "linkedin", str(connections(tmp_path, "Ada")), "--db", str(link), home=home
        )
    assert run.returncode == 1
    assert run.err_lines[0] == f"netdesk: {real}: already open by pid {os.getpid()}"
    assert real.read_bytes() == before


@pytest.mark.parametrize("command", [[], ["check"], ["import", "linkedin"]])
def test_a_dangling_database_link_is_an_error(
    tmp_path: Path, home: Path, command: list[str]
) -> None:
    """Never a fresh empty database in place of the link: the TUI entry, check and import
    all say where the link points, and nothing is created."""
    link = tmp_path / "netdesk.json"
    link.symlink_to(tmp_path / "gone" / "real.json")
    args = [*command, str(connections(tmp_path, "Ada"))] if "import" in command else command
    before = listing(tmp_path)

    run = netdesk(*args, "--db", str(link), home=home)

    assert run.returncode == 1
    assert run.err_lines[0] == (
        f"netdesk: {link}: the database link points at a missing file: "
        f"{tmp_path / 'gone' / 'real.json'}"
    )
    assert listing(tmp_path) == before
    assert link.is_symlink() and not (tmp_path / "gone").exists()


# --- 10: what stands where the lock goes ------------------------------------------------------


def test_a_lock_symlink_is_not_followed(tmp_path: Path, home: Path) -> None:
    """A `.lock` link to another file: refused with a message; that file keeps content and mode."""
    db = tmp_path / "netdesk.json"
    make_good_db(db)
    lock_path(db).unlink()
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me", encoding="utf-8")
    victim.chmod(0o644)
    lock_path(db).symlink_to(victim)

    run = netdesk(
        "import", "linkedin", str(connections(tmp_path, "Ada")), "--db", str(db), home=home
    )

    assert run.returncode == 1
    assert run.err_lines == [
        f"netdesk: {db}: the lock file {lock_path(db)} is a symbolic link",
        f"Remove {lock_path(db)} (netdesk makes a new one when it starts), then try again.",
    ]
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert mode(victim) == 0o644
    assert contact_count(db) == 5


@pytest.mark.parametrize("kind", ["directory", "fifo", "hard link"])
def test_a_lock_that_is_not_a_regular_file_is_a_message(
    tmp_path: Path, home: Path, kind: str
) -> None:
    """A directory, a FIFO (which must not hang the open) or a second name of another file."""
    db = tmp_path / "netdesk.json"
    make_good_db(db)
    lock = lock_path(db)
    lock.unlink()
    if kind == "directory":
        lock.mkdir()
    elif kind == "fifo":
        os.mkfifo(lock)
    else:
        other = tmp_path / "other.txt"
        other.write_text("keep me", encoding="utf-8")
        os.link(other, lock)
    what = "is a hard link to another file" if kind == "hard link" else "is not a regular file"

    run = netdesk("--db", str(db), home=home)  # the TUI entry: fails before any screen

    assert run.returncode == 1
    assert run.err_lines[0] == f"netdesk: {db}: the lock file {lock} {what}"
    if kind == "hard link":
        assert (tmp_path / "other.txt").read_text(encoding="utf-8") == "keep me"


def test_a_lock_refusal_releases_nothing_and_opens_nothing(tmp_path: Path) -> None:
    """In process too: StoreLockFileError, and the database opens once the lock is gone."""
    db = tmp_path / "netdesk.json"
    make_good_db(db)
    lock_path(db).unlink()
    lock_path(db).mkdir()
    with pytest.raises(StoreLockFileError):
        Repo.open(db)
    lock_path(db).rmdir()
    with Repo.open(db) as repo:
        assert len(repo.contacts) == 5


# --- 12: glob characters in the name ----------------------------------------------------------


@pytest.mark.parametrize("name", ["c[1].json", "*", "a?.json", "[!x].json"])
def test_leftovers_are_matched_by_exact_name(tmp_path: Path, name: str) -> None:
    """Only this database's own leftovers go; other databases' temp files stay, whatever
    pattern characters the name holds."""
    db = tmp_path / name
    make_good_db(db)
    own = [tmp_path / f".{name}.4242.1397.tmp", tmp_path / f"{name}.bak.new"]
    others = [
        tmp_path / ".c1.json.4242.1397.tmp",
        tmp_path / ".ab.json.1.2.tmp",
        tmp_path / ".y.json.1.2.tmp",
        tmp_path / ".other.json.1.2.tmp",
        tmp_path / "other.json.bak.new",
        tmp_path / f".{name}.notes.tmp",
    ]
    for file in own + others:
        file.write_bytes(b"half a save")

    Repo.open(db).close()

    assert [file.exists() for file in own] == [False, False]
    assert [file.read_bytes() for file in others] == [b"half a save"] * len(others)


# --- 13: a folder netdesk may not write in ----------------------------------------------------


@dataclass(frozen=True)
class Unwritable:
    folder: Path
    reason: str
    """How the system words the refusal."""
    advice: str
    """The advice netdesk gives for it."""


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture(params=["no write permission", "immutable"])
def unwritable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Unwritable]:
    """A folder this process cannot create files in: mode 0555 for a normal user; for root,
    whom modes do not stop, the immutable flag (ext4 and most Linux file systems)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    make_good_db(folder / "netdesk.json")  # a database and its lock, made while still writable
    if request.param == "no write permission":
        if os.geteuid() == 0:
            pytest.skip("root may write anywhere")
        folder.chmod(0o555)
        yield Unwritable(
            folder,
            "Permission denied",
            f"You may not write in {folder}: make it writable (chmod u+w) or choose a database "
            "in another folder with --db. Nothing on disk was changed.",
        )
        folder.chmod(0o755)
    else:
        if os.geteuid() != 0 or not _chattr("+i", folder):
            pytest.skip("needs root and a file system with the immutable flag")
        yield Unwritable(
            folder,
            "Operation not permitted",
            f"The system refuses changes to netdesk.json or {folder}; perhaps one is marked "
            "immutable (lsattr -d shows an 'i'; chattr -i removes it). Nothing on disk was "
            "changed.",
        )
        _chattr("-i", folder)


def test_import_into_an_unwritable_folder_says_what_and_where(
    tmp_path: Path, home: Path, unwritable: Unwritable
) -> None:
    db = unwritable.folder / "netdesk.json"
    before = listing(unwritable.folder)
    del before[lock_path(db).name]  # the lock file itself is writable: it takes our pid

    run = netdesk(
        "import", "linkedin", str(connections(tmp_path, "Ada")), "--db", str(db), home=home
    )

    assert run.returncode == 1
    assert run.err_lines == [
        f"netdesk: {db}: could not save: {unwritable.reason}",
        unwritable.advice,
    ]
    after = listing(unwritable.folder)
    del after[lock_path(db).name]
    assert after == before


@pytest.mark.parametrize("command", [[], ["import", "linkedin"]])
def test_a_new_database_in_an_unwritable_folder_says_what_and_where(
    tmp_path: Path, home: Path, unwritable: Unwritable, command: list[str]
) -> None:
    """No database or lock yet: the TUI entry and import fail on creating the lock."""
    db = unwritable.folder / "new.json"
    args = [*command, str(connections(tmp_path, "Ada"))] if command else []

    run = netdesk(*args, "--db", str(db), home=home)

    assert run.returncode == 1
    assert run.err_lines == [
        f"netdesk: {db}: cannot create the lock file {lock_path(db)}: {unwritable.reason}",
        unwritable.advice.replace("netdesk.json", "new.json"),
    ]
    assert not db.exists() and not lock_path(db).exists()


def test_a_missing_folder_that_cannot_be_created_is_one_line(
    home: Path, tmp_path: Path, unwritable: Unwritable
) -> None:
    """import creates a missing folder for its database; where it cannot, it says so."""
    db = unwritable.folder / "sub" / "netdesk.json"

    run = netdesk(
        "import", "linkedin", str(connections(tmp_path, "Ada")), "--db", str(db), home=home
    )

    assert run.returncode == 1
    assert run.err_lines == [
        f"netdesk: cannot create the folder {db.parent}: {unwritable.reason}; create it "
        "yourself or choose a database in another folder with --db"
    ]
    assert backup_path(unwritable.folder / "netdesk.json").exists()
