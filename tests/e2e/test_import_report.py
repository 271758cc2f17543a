"""`netdesk import linkedin FILE [--json] [--dry-run]`: every Connections.csv shape netdesk
reads, with its report, as a user runs the command (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_cli import DATA, Runner
from test_cli import run as run  # the fixture: a netdesk subprocess in a private HOME

FORMATS: list[dict[str, Any]] = json.loads((DATA / "formats.json").read_text("utf-8"))["files"]
"""The hand-written oracle, shared with the TUI import test."""
COUNTS = (
    "new",
    "updated",
    "unchanged",
    "skipped",
    "repaired",
    "dates_unread",
    "job_changes",
    "no_longer_connected",
)


def expected_counts(entry: dict[str, Any]) -> dict[str, int]:
    return {name: entry["counts"].get(name, 0) for name in COUNTS}


def expected_problems(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"line": n, "kind": kind, "reason": why} for n, kind, why in entry["problems"]]


@pytest.mark.parametrize("entry", FORMATS, ids=[entry["file"] for entry in FORMATS])
def test_every_format_imports_with_a_json_report(
    run: Runner, tmp_path: Path, entry: dict[str, Any]
) -> None:
    db = tmp_path / "db.json"

    result = run("import", "linkedin", str(DATA / entry["file"]), "--json", "--db", str(db))

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)  # the whole of stdout is the one object
    assert {name: report[name] for name in COUNTS} == expected_counts(entry)
    assert all(type(report[name]) is int for name in COUNTS)
    assert report["problems"] == expected_problems(entry)
    assert report["summary"] == entry["summary"]
    assert report["dry_run"] is False
    check = run("check", "--db", str(db))
    assert f"OK ({entry['counts']['new']} contacts" in check.stdout


def test_dry_run_json_reports_the_same_and_writes_nothing(run: Runner, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    (entry,) = [e for e in FORMATS if e["file"] == "wrapped_rows.csv"]

    result = run(
        "import", "linkedin", str(DATA / "wrapped_rows.csv"), "--json", "--dry-run", "--db", str(db)
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["dry_run"] is True
    assert {name: report[name] for name in COUNTS} == expected_counts(entry)
    assert report["problems"] == expected_problems(entry)
    assert not db.exists()


def test_the_text_report_lists_every_problem_line_then_the_summary(
    run: Runner, tmp_path: Path
) -> None:
    source = DATA / "unreadable_dates.csv"
    db = str(tmp_path / "db.json")
    unread = "not understood; imported without a connection date"

    result = run("import", "linkedin", str(source), "--db", db)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"  line 2: date 'sometime in 2019' {unread}",
        f"  line 3: date '31 Feb 2019' {unread}",
        f"  line 4: date '13/14/2019' {unread}",
        "Imported unreadable_dates.csv: 5 new, 0 updated, 0 unchanged, 3 dates not understood,"
        " 0 skipped",
    ]


def test_a_reimport_reports_everyone_unchanged(run: Runner, tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    source = str(DATA / "placeholder_emails.csv")
    assert run("import", "linkedin", source, "--db", db).returncode == 0

    report = json.loads(run("import", "linkedin", source, "--json", "--db", db).stdout)

    assert (report["new"], report["updated"], report["unchanged"], report["skipped"]) == (
        0,
        0,
        9,
        1,
    )


def test_contacts_csv_is_refused_in_one_line_with_exit_2(run: Runner, tmp_path: Path) -> None:
    source = DATA / "Contacts.csv"
    db = tmp_path / "db.json"

    result = run("import", "linkedin", str(source), "--json", "--db", str(db))

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"netdesk: {source} is LinkedIn's Contacts.csv (the address book synced from your phone"
        " or email), not your connections; import Connections.csv from the same archive\n"
    )
    assert not db.exists()


def test_a_messages_import_reports_its_open_quote_as_json(run: Runner, tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    assert run("import", "linkedin", str(DATA / "modern.csv"), "--db", db).returncode == 0

    result = run(
        "import",
        "messages",
        str(DATA / "messages_unbalanced.csv"),
        "--json",
        "--dry-run",
        "--db",
        db,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["problems"] == [
        {
            "line": 3,
            "kind": "skipped",
            "reason": "rows of the file inside one field (unbalanced quote?)",
        }
    ]
    assert (report["new"], report["skipped"], report["people_matched"]) == (4, 1, 1)
