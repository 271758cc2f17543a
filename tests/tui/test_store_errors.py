"""Starting the TUI on a damaged or busy database: one line saying why, exit 1, file untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netdesk.store.repo import Repo
from netdesk.tui.app import run


def test_corrupt_file_is_reported_and_left_alone(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not JSON stops the start with its reason; not a byte changes."""
    damaged = db_path.read_bytes()[:-40]
    db_path.write_bytes(damaged)
    before = sorted(p.name for p in db_path.parent.iterdir())

    assert run(db_path) == 1

    out, err = capsys.readouterr()
    assert out == ""
    reason, advice = err.splitlines()
    assert reason.startswith(f"netdesk: {db_path}: the file is not valid JSON (")
    assert "Traceback" not in err
    assert advice == (
        f"The previous good copy is {db_path}.bak; to restore it, move the damaged file aside "
        "and copy the backup over it."
    )
    assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_empty_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file (a crash mid-write elsewhere) is refused, not silently replaced."""
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert run(path) == 1
    reason, advice = capsys.readouterr().err.splitlines()
    assert reason == f"netdesk: {path}: the file is empty (perhaps cut short by a crash)"
    assert advice == "The file was left as it is; move it aside to start a new database."
    assert path.read_bytes() == b""


def test_second_instance_is_refused(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """While another netdesk holds the database, a second start says who and exits 1."""
    before = db_path.read_bytes()
    with Repo.open(db_path):
        assert run(db_path) == 1
    reason, advice = capsys.readouterr().err.splitlines()
    assert reason == f"netdesk: {db_path}: already open by pid {os.getpid()}"
    assert advice == "Close the other netdesk first (only one may write the database at a time)."
    assert db_path.read_bytes() == before
