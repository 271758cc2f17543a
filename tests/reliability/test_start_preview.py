"""The start-up preview in a real terminal: written at quit, and never the target of a key.

A key typed while netdesk starts (before or just after the first frame) must act on the whole
database, on the person the real queue has first: the preview only draws.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from pty_terminal import Terminal
from reliability_helpers import netdesk_env

from netdesk.store.preview import preview_path
from netdesk.store.repo import Repo


def demo_db(path: Path, home: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "netdesk", "demo", "--count", "500", "--db", str(path)],
        check=True,
        capture_output=True,
        env=netdesk_env(home),
    )
    return path


def session(db: Path, home: Path, keys: str = "", *, before_first_frame: bool = False) -> None:
    """netdesk on `db`: `keys` sent (as soon as it starts, or once the queue shows), then q."""
    terminal = Terminal(["-m", "netdesk", "--db", str(db)], {**netdesk_env(home), "TERM": "xterm"})
    try:
        if keys and before_first_frame:
            terminal.send(keys)
        terminal.wait_for_text("outreach done today")
        if keys and not before_first_frame:
            terminal.send(keys)
        if keys:
            terminal.wait_for_text("Skipped")
        terminal.send("q")
        assert terminal.wait() == 0
    finally:
        terminal.close()


def first_in_queue(db: Path) -> int:
    with Repo.open(db, read_only=True, lock=False) as repo:
        return repo.settled_queue(date.today())[0].contact_id


def test_quitting_writes_the_preview_of_the_file_as_saved(tmp_path: Path, home: Path) -> None:
    db = demo_db(tmp_path / "netdesk.json", home)
    assert not preview_path(db).exists()  # the demo command writes none
    session(db, home)
    start = preview_path(db)
    header = start.read_bytes().split(b"\n", 1)[0].decode()
    assert str(db.stat().st_mtime_ns) in header
    assert date.today().isoformat() in header
    assert (date.today() + timedelta(days=1)).isoformat() in header


def test_keys_typed_during_start_up_reach_the_whole_database(tmp_path: Path, home: Path) -> None:
    db = demo_db(tmp_path / "netdesk.json", home)
    session(db, home)  # the first session leaves a preview
    for early in (True, False):
        person = first_in_queue(db)
        assert preview_path(db).exists()
        session(db, home, "x", before_first_frame=early)
        with Repo.open(db, read_only=True, lock=False) as repo:
            skipped = repo.contacts.get(person)
            assert skipped is not None
            assert skipped.snoozed_until == date.today() + timedelta(days=1)
            assert len(repo.contacts) == 500  # the whole file, not the preview's few
