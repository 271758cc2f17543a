"""A LinkedIn archive into an empty netdesk, and vCard / ICS out, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar
from test_cli import DATA, Runner, netdesk

ARCHIVE = DATA / "archive"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Runner:
    """`netdesk` in a UTC machine: the archive's UTC stamps are then the stored times."""
    monkeypatch.setenv("TZ", "UTC")

    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        result = netdesk(*args, env_home=tmp_path)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return runner


@pytest.fixture
def db(run: Runner, tmp_path: Path) -> str:
    """A database holding the archive's Connections.csv and nothing else."""
    path = str(tmp_path / "db.json")
    assert run("import", "linkedin", str(ARCHIVE / "Connections.csv"), "--db", path).returncode == 0
    return path


def test_help_names_the_new_commands(run: Runner) -> None:
    assert {"messages", "invitations"} <= set(run("import", "--help").stdout.split())
    assert "{csv,json,vcard,ics}" in run("export", "--help").stdout


def test_the_archive_gives_each_person_their_real_history(run: Runner, db: str) -> None:
    invitations = run("import", "invitations", str(ARCHIVE / "Invitations.csv"), "--db", db)
    messages = run("import", "messages", str(ARCHIVE / "messages.csv"), "--db", db)

    assert invitations.stdout.splitlines() == [
        "  not among your contacts: Zed Pending (1)",
        "  line 4: skipped, an invitation without a note is not outreach",
        "Imported Invitations.csv: 2 new messages, 0 already stored, 2 people updated"
        " (2 people matched); 1 row unmatched, 1 skipped",
    ]
    assert messages.stdout.splitlines() == [
        "  read as the messages of Sam Rivera",
        "  not among your contacts: Globex Talent Team (1), LinkedIn Member (1),"
        " Victor Stranger (1)",
        "  line 8: skipped, no text",
        "  line 18: skipped, a draft, never sent",
        "  line 19: skipped, group conversation with 2 people",
        "Imported messages.csv: 11 new messages, 0 already stored, 4 people updated"
        " (4 people matched); 3 rows unmatched, 3 skipped",
    ]
    people = csv.DictReader(io.StringIO(run("export", "csv", "--db", db).stdout))
    assert [(p["first_name"], p["stage"], p["last_contacted_on"]) for p in people] == [
        ("Ann", "replied", "2023-05-02"),
        ("Bilal", "contacted", "2024-01-15"),
        ("Cleo", "contacted", "2021-03-02"),
        ("Dana", "replied", "2023-06-14"),
        ("Emil", "new", ""),
        ("Fay", "new", ""),
    ]
    backup = json.loads(run("export", "json", "--db", db).stdout)
    assert [
        (m["kind"], m["channel"], m["sent_at"], m["replied_at"])
        for m in backup["messages"]
        if m["contact_id"] == 1
    ] == [
        ("outreach", "invitation", "2019-03-12T09:15:00", "2019-03-15T08:01:44"),
        ("incoming", "linkedin", "2019-03-15T08:01:44", None),
        ("follow_up", "linkedin", "2023-05-01T14:22:10", "2023-05-02T16:40:03"),
        ("incoming", "linkedin", "2023-05-02T16:40:03", None),
    ]


def test_reimporting_stores_nothing_twice(run: Runner, db: str) -> None:
    for _ in range(2):
        result = run("import", "messages", str(ARCHIVE / "messages.csv"), "--db", db)
    assert result.stdout.splitlines()[-1] == (
        "Imported messages.csv: 0 new messages, 11 already stored, 0 people updated"
        " (4 people matched); 3 rows unmatched, 3 skipped"
    )


def test_dry_run_writes_nothing(run: Runner, db: str, tmp_path: Path) -> None:
    before = Path(db).read_bytes()
    fresh = tmp_path / "fresh.json"

    result = run("import", "messages", str(ARCHIVE / "messages.csv"), "--dry-run", "--db", db)
    empty = run(
        "import", "invitations", str(ARCHIVE / "Invitations.csv"), "--dry-run", "--db", str(fresh)
    )

    assert result.stdout.splitlines()[-1] == (
        "Dry run, nothing written: 11 new messages, 0 already stored, 4 people updated"
        " (4 people matched); 3 rows unmatched, 3 skipped"
    )
    assert Path(db).read_bytes() == before
    assert empty.returncode == 0
    assert empty.stdout.splitlines()[-1] == (
        "Dry run, nothing written: 0 new messages, 0 already stored, 0 people updated"
        " (0 people matched); 3 rows unmatched, 1 skipped"
    )
    assert not fresh.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("messages", str(ARCHIVE / "Connections.csv")),
            f"netdesk: {ARCHIVE / 'Connections.csv'} has no LinkedIn messages columns;",
        ),
        (
            ("invitations", str(ARCHIVE / "messages.csv")),
            f"netdesk: {ARCHIVE / 'messages.csv'} has no LinkedIn invitations columns;",
        ),
        (("messages", str(DATA / "binary.csv")), f"netdesk: {DATA / 'binary.csv'} is not a text"),
        (("invitations", str(ARCHIVE / "missing.csv")), "netdesk: cannot read"),
        (
            ("messages", str(ARCHIVE / "messages.csv"), "--me", "Nobody"),
            "netdesk: --me 'Nobody' is in none of the conversations;",
        ),
    ],
)
def test_unusable_input_is_one_line_exit_2(
    run: Runner, db: str, args: tuple[str, ...], message: str
) -> None:
    before = Path(db).read_bytes()

    result = run("import", *args, "--db", db)

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(message)
    assert Path(db).read_bytes() == before


def test_vcard_and_ics_exports_parse_back(run: Runner, tmp_path: Path) -> None:
    db = str(tmp_path / "demo.json")
    run("demo", "--count", "40", "--db", db)
    contacts = json.loads(run("export", "json", "--db", db).stdout)
    cards, calendar = tmp_path / "people.vcf", tmp_path / "calls.ics"

    vcf = run("export", "vcard", "-o", str(cards), "--db", db)
    ics = run("export", "ics", "-o", str(calendar), "--db", db)

    scheduled = [c for c in contacts["calls"] if c["scheduled_for"]]
    assert vcf.stderr == f"Exported 40 contacts to {cards}\n"
    assert ics.stderr == f"Exported {len(scheduled)} calls to {calendar}\n"
    for path in (cards, calendar):
        data = path.read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n")
    parsed = list(vobject.readComponents(cards.read_text(encoding="utf-8")))
    assert [card.fn.value for card in parsed] == [
        f"{c['first_name']} {c['last_name']}" for c in contacts["contacts"]
    ]
    events = Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert len(events) == len(scheduled) > 0
    names = {c["id"]: f"{c['first_name']} {c['last_name']}" for c in contacts["contacts"]}
    assert [str(e["SUMMARY"]) for e in events] == [
        f"Call with {names[c['contact_id']]}" for c in scheduled
    ]
