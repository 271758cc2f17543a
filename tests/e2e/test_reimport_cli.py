"""`netdesk import linkedin` run again on a newer Connections.csv (issue 16): the report counts
job changes and people no longer connected, `--dry-run` writes nothing, and the database
then holds the dated job change and the mark."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_cli import DATA, Runner
from test_cli import run as run  # the fixture: a netdesk subprocess in a private HOME


def people(run: Runner, db: str) -> dict[str, dict[str, Any]]:
    """Every contact as stored, by first name (from `netdesk export json`)."""
    exported = run("export", "json", "--db", db)
    assert exported.returncode == 0, exported.stderr
    return {c["first_name"]: c for c in json.loads(exported.stdout)["contacts"]}


def test_reimport_of_a_changed_file_reports_and_records_what_changed(
    run: Runner, tmp_path: Path
) -> None:
    db = str(tmp_path / "db.json")
    first = run("import", "linkedin", str(DATA / "reimport_before.csv"), "--json", "--db", db)
    assert json.loads(first.stdout)["new"] == 12
    stored = Path(db).read_bytes()

    dry = run(
        "import", "linkedin", str(DATA / "reimport_after.csv"), "--json", "--dry-run", "--db", db
    )

    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert (report["dry_run"], report["job_changes"], report["no_longer_connected"]) == (
        True,
        2,
        1,
    )
    assert Path(db).read_bytes() == stored  # nothing written

    real = run("import", "linkedin", str(DATA / "reimport_after.csv"), "--json", "--db", db)

    assert real.returncode == 0, real.stderr
    report = json.loads(real.stdout)
    assert {k: report[k] for k in ("new", "updated", "unchanged", "skipped")} == {
        "new": 1,
        "updated": 2,
        "unchanged": 9,
        "skipped": 0,
    }
    assert (report["job_changes"], report["no_longer_connected"]) == (2, 1)
    assert report["summary"] == (
        "1 new, 2 updated, 9 unchanged, 2 job changes, 1 no longer connected, 0 skipped"
    )
    by_name = people(run, db)
    (change,) = by_name["Dana"]["job_changes"]
    assert {k: change[k] for k in ("company_was", "position_was", "company", "position")} == {
        "company_was": "Acme Robotics",
        "position_was": "Product Manager",
        "company": "Globex",
        "position": "Head of Product",
    }
    assert change["at"] is not None and change["congratulated"] is False
    assert by_name["Ravi"]["disconnected_on"] is not None  # marked, not deleted
    assert by_name["Noor"]["disconnected_on"] is None

    again = run("import", "linkedin", str(DATA / "reimport_after.csv"), "--json", "--db", db)
    report = json.loads(again.stdout)
    assert (report["job_changes"], report["no_longer_connected"]) == (0, 0)


def test_the_text_report_names_who_changed_and_who_is_gone(run: Runner, tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    run("import", "linkedin", str(DATA / "reimport_before.csv"), "--db", db)

    result = run("import", "linkedin", str(DATA / "reimport_after.csv"), "--db", db)

    assert result.stdout.splitlines() == [
        "  changed jobs: Dana Okafor-Lind, Tomas Brekke",
        "  no longer in your connections: Ravi Sundaram",
        "Imported reimport_after.csv: 1 new, 2 updated, 9 unchanged, 2 job changes,"
        " 1 no longer connected, 0 skipped",
    ]


def test_a_partial_file_marks_nobody_and_says_so(run: Runner, tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    run("import", "linkedin", str(DATA / "reimport_before.csv"), "--db", db)

    result = run("import", "linkedin", str(DATA / "reimport_partial.csv"), "--db", db)

    assert result.returncode == 0, result.stderr
    assert (
        "  7 people imported before not in this file; none marked no longer connected, as it"
        " lacks 7 of the 12 connections imported before (an older or filtered copy?)"
    ) in result.stdout.splitlines()
    assert all(p["disconnected_on"] is None for p in people(run, db).values())
