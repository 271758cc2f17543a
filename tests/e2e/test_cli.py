"""The `netdesk` command as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Runner = Callable[..., subprocess.CompletedProcess[str]]
DATA = Path(__file__).parent.parent / "data" / "linkedin"


def netdesk(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(env_home),
        "XDG_DATA_HOME": str(env_home / "data"),
        "XDG_CONFIG_HOME": str(env_home / "config"),
    }
    env.pop("NETDESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        result = netdesk(*args, env_home=tmp_path)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return runner


def test_help_lists_every_command(run: Runner) -> None:
    """--help names each subcommand, so a user can discover them."""
    result = run("--help")
    assert result.returncode == 0
    for command in ("import", "export", "demo", "stats", "check"):
        assert command in result.stdout


def test_demo_then_check(run: Runner, tmp_path: Path) -> None:
    """A demo database is written where asked and validates."""
    db = tmp_path / "demo.json"
    result = run("demo", "--count", "50", "--seed", "3", "--db", str(db))
    assert result.returncode == 0
    assert "50 people" in result.stdout
    check = run("check", "--db", str(db))
    assert check.returncode == 0
    assert "OK (50 contacts" in check.stdout


def test_dry_run_writes_nothing(run: Runner, tmp_path: Path) -> None:
    """--dry-run reports the plan and creates no database file."""
    db = tmp_path / "db.json"
    result = run("import", "linkedin", str(DATA / "modern.csv"), "--dry-run", "--db", str(db))
    assert result.returncode == 0
    assert "Dry run, nothing written: 3 new" in result.stdout
    assert not db.exists()


def test_import_then_reimport_is_unchanged(run: Runner, tmp_path: Path) -> None:
    """Importing the same file twice adds nobody the second time."""
    db = str(tmp_path / "db.json")
    first = run("import", "linkedin", str(DATA / "modern.csv"), "--db", db)
    assert "3 new, 0 updated, 0 unchanged" in first.stdout
    second = run("--db", db, "import", "linkedin", str(DATA / "modern.csv"))
    assert "0 new, 0 updated, 3 unchanged" in second.stdout


@pytest.mark.parametrize("name", ["binary.csv", "empty.csv", "other.csv", "missing.csv"])
def test_unusable_import_file_is_one_line_exit_2(run: Runner, tmp_path: Path, name: str) -> None:
    """A file that is not a Connections.csv gives one line on stderr and exit code 2."""
    result = run("import", "linkedin", str(DATA / name), "--db", str(tmp_path / "db.json"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("netdesk: ")


def test_export_csv_escapes_formulas(run: Runner, tmp_path: Path) -> None:
    """A name that a spreadsheet would run as a formula is exported inert."""
    source = tmp_path / "c.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '=HYPERLINK("http://x"),Lee,,,Acme,CEO,14 Mar 2019\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "db.json")
    assert run("import", "linkedin", str(source), "--db", db).returncode == 0
    out = tmp_path / "out.csv"
    assert run("export", "csv", "-o", str(out), "--db", db).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["first_name"] == '\'=HYPERLINK("http://x")'


def test_export_json_and_stats_json(run: Runner, tmp_path: Path) -> None:
    """JSON outputs parse, and stats count people, not messages."""
    db = str(tmp_path / "db.json")
    run("demo", "--count", "40", "--db", db)
    exported = json.loads(run("export", "json", "--db", db).stdout)
    assert len(exported["contacts"]) == 40
    figures = json.loads(run("stats", "--json", "--db", db).stdout)
    assert figures["people"] == 40
    assert figures["talked"] == 8


def test_corrupt_database_is_reported_and_left_alone(run: Runner, tmp_path: Path) -> None:
    """check and the app both refuse a damaged file, say why, and never rewrite it."""
    db = tmp_path / "db.json"
    db.write_bytes(b'{"contacts": {"1": {"first_name": "Ann"')
    before = db.read_bytes()
    for args in (("check", "--db", str(db)), ("--db", str(db))):
        result = run(*args)
        assert result.returncode == 1
        assert "not valid JSON" in result.stderr
    assert db.read_bytes() == before


def test_check_points_at_backup(run: Runner, tmp_path: Path) -> None:
    """When the file is damaged but a backup exists, the message names the backup."""
    db = tmp_path / "db.json"
    run("demo", "--count", "40", "--db", str(db))
    run("demo", "--count", "40", "--db", str(db))  # second save leaves a .bak
    db.write_bytes(b"")
    result = run("check", "--db", str(db))
    assert result.returncode == 1
    assert "empty" in result.stderr
    assert str(db) + ".bak" in result.stderr


def test_second_writer_is_refused(run: Runner, tmp_path: Path) -> None:
    """While one netdesk holds the database, an import says who holds it and exits 1."""
    from netdesk.store.repo import Repo

    db = tmp_path / "db.json"
    with Repo.open(db):
        result = run("import", "linkedin", str(DATA / "modern.csv"), "--db", str(db))
    assert result.returncode == 1
    assert f"already open by pid {os.getpid()}" in result.stderr


def test_demo_refuses_real_database(run: Runner, tmp_path: Path) -> None:
    """`netdesk demo` never overwrites the real database by accident."""
    real = tmp_path / "data" / "netdesk" / "netdesk.json"
    run("import", "linkedin", str(DATA / "modern.csv"), "--db", str(real))
    result = run("demo", "--db", str(real))
    assert result.returncode == 2
    assert "real database" in result.stderr
