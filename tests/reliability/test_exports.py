"""Exports through the real command: never onto the database, always private, never raw ESC.

`netdesk --db e.json export csv -o e.json` once replaced the open database with CSV; an
export was 0644 (0666 under umask 0) while the database beside it was 0600; and a name holding
ESC ] 52 reached the terminal raw from `export csv` to stdout and from `import messages`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_helpers import listing, make_good_db, netdesk

from netdesk.domain.models import Contact
from netdesk.io.export import ExportRefused, open_export
from netdesk.store.preview import preview_path
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path, lock_path

FORMATS = ("csv", "json", "vcard", "ics")
OSC_52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
"""Writes the clipboard in most terminals."""
CSI = "\x9b2J"
"""C1 control sequence introducer: clears the screen where 8-bit controls are obeyed."""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with 5 contacts and a backup (two saves), its lock file left beside it."""
    path = tmp_path / "e.json"
    make_good_db(path)
    with Repo.open(path) as repo:
        repo.contacts.update(1, {"notes": "second save"})
    assert backup_path(path).exists() and lock_path(path).exists()
    return path


Target = Callable[[Path], str]
"""Where to point `-o`, given the database: some other name for one of its files."""

TARGETS: dict[str, Target] = {
    "the database": str,
    "relative": lambda db: os.path.relpath(db),
    "dotted": lambda db: str(db.parent / "." / ".." / db.parent.name / db.name),
    "symlink": lambda db: _link(db, "link.json", db),
    "hard link": lambda db: _hard_link(db),
    "backup": lambda db: str(backup_path(db)),
    "lock": lambda db: str(lock_path(db)),
    "start-up preview": lambda db: str(preview_path(db)),
}
WHAT = {
    "the database": "the database itself",
    "relative": "the database itself",
    "dotted": "the database itself",
    "symlink": "the database itself",
    "hard link": "the database itself",
    "backup": "the database's backup",
    "lock": "the database's lock file",
    "start-up preview": "the database's start-up preview",
}


def _link(db: Path, name: str, to: Path) -> str:
    link = db.parent / "elsewhere" / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(to)
    return str(link)


def _hard_link(db: Path) -> str:
    other = db.parent / "elsewhere" / "same.json"
    other.parent.mkdir(exist_ok=True)
    os.link(db, other)
    return str(other)


@pytest.mark.parametrize(
    ("target", "fmt"),
    [(t, FORMATS[n % len(FORMATS)]) for n, t in enumerate(TARGETS)],
)
def test_export_onto_the_database_is_refused(
    db: Path, home: Path, monkeypatch: pytest.MonkeyPatch, target: str, fmt: str
) -> None:
    """Every name for the database, its backup or its lock is refused; nothing changes."""
    monkeypatch.chdir(db.parent)
    out = TARGETS[target](db)
    before = listing(db.parent)

    run = netdesk("export", fmt, "--db", str(db), "-o", out, home=home)

    assert run.returncode == 2
    assert run.err_lines == [
        f"netdesk: {out} is {WHAT[target]}; choose another file for the export"
    ]
    assert listing(db.parent) == before
    with Repo.open(db) as repo:
        assert repo.contacts.get(1).notes == "second save"  # type: ignore[union-attr]


def test_export_through_a_linked_database_name_is_refused(
    tmp_path: Path, home: Path, db: Path
) -> None:
    """`--db` a link to the database and `-o` the real file: still the same database."""
    linked = _link(db, "mine.json", db)
    before = db.read_bytes()

    run = netdesk("export", "csv", "--db", linked, "-o", str(db), home=home)

    assert run.returncode == 2
    assert run.err_lines == [
        f"netdesk: {db} is the database itself; choose another file for the export"
    ]
    assert db.read_bytes() == before


@pytest.mark.parametrize("target", ["the database", "hard link", "backup", "lock"])
def test_the_export_helper_refuses_before_truncating(db: Path, target: str) -> None:
    """The helper the app's `>` export uses refuses by path or by inode, file untouched."""
    out = Path(TARGETS[target](db))
    before = listing(db.parent)

    with pytest.raises(ExportRefused) as caught:
        open_export(out, db)

    assert str(caught.value) == f"{out} is {WHAT[target]}; choose another file for the export"
    assert listing(db.parent) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_private_even_under_umask_0(db: Path, home: Path, fmt: str) -> None:
    """Contacts, calls and cards are 0600 like the database, however loose the umask."""
    out = db.parent / f"out.{fmt}"

    run = netdesk("export", fmt, "--db", str(db), "-o", str(out), home=home, umask=0)

    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 0
    assert mode(out) == 0o600


def test_replacing_a_loose_export_makes_it_private(db: Path, home: Path) -> None:
    """An old 0644 export written over is 0600 afterwards, and holds only the new export."""
    out = db.parent / "contacts.csv"
    out.write_text("x" * 100_000, encoding="utf-8")
    out.chmod(0o644)

    run = netdesk("export", "csv", "--db", str(db), "-o", str(out), home=home)

    assert run.returncode == 0, run.stderr
    assert mode(out) == 0o600
    assert out.read_text(encoding="utf-8").startswith("first_name,last_name,")
    assert "x" * 10 not in out.read_text(encoding="utf-8")


# --- nothing raw reaches the terminal ---------------------------------------------------------


def test_export_csv_to_stdout_escapes_control_characters(tmp_path: Path, home: Path) -> None:
    """A name holding OSC 52 and a C1 CSI prints as visible escapes, never as control bytes;
    `-o FILE` keeps the exact text."""
    path = tmp_path / "db.json"
    with Repo.open(path) as repo:
        repo.contacts.insert(Contact(first_name=f"Eve{OSC_52}", last_name=f"Lee{CSI}"))

    shown = netdesk("export", "csv", "--db", str(path), home=home)
    exact = netdesk("export", "csv", "--db", str(path), "-o", str(tmp_path / "e.csv"), home=home)

    assert shown.returncode == exact.returncode == 0
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in shown.stdout
    assert "Eve\\x1b]52;c;ZWNobyBwd25lZA==\\x07,Lee\\x9b2J," in shown.stdout
    assert shown.stdout.startswith("first_name,last_name,")
    assert OSC_52 in (tmp_path / "e.csv").read_text(encoding="utf-8")


def test_import_messages_escapes_senders_past_the_first_kilobyte(
    tmp_path: Path, home: Path
) -> None:
    """Unknown senders are listed with their control characters escaped, wherever in the file
    they are (the file check only looks at its first 1,024 bytes)."""
    db = tmp_path / "db.json"
    make_good_db(db)
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
    )
    me = "Sam Rivera,https://www.linkedin.com/in/sam-rivera"
    rows = [
        f"c{n},,Friend {n},https://www.linkedin.com/in/friend-{n},{me},"
        f"2024-01-{1 + n % 28:02d} 10:00:00 UTC,,Hello there number {n},INBOX\n"
        for n in range(40)
    ]
    hostile = "".join(  # the most rows: first in the list of people not in netdesk
        f'c9{n},,"Mallory{OSC_52}",https://www.linkedin.com/in/mallory,{me},'
        f"2024-02-0{n + 1} 10:00:00 UTC,,Hi,INBOX\n"
        for n in range(3)
    )
    source = tmp_path / "messages.csv"
    source.write_text(header + "".join(rows) + hostile, encoding="utf-8")
    assert source.read_text(encoding="utf-8").index("\x1b") > 1024

    run = netdesk(
        "import", "messages", str(source), "--me", "Sam Rivera", "--db", str(db), home=home
    )

    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "Mallory\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in run.stdout
