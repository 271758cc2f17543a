"""`netdesk today` prints the queue the workspace shows (the frozen demo's, as the workspace
test expects it; and a live workspace's, from the same file), never writes, needs no lock and
loads no Textual."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import MakeApp
from test_workspace import FATIMA, JAMAL, OLU, QUEUE, workspace
from textual.widgets import OptionList, Static
from tui_helpers import FROZEN, SIZE, option_texts, plain

from netdesk import cli
from netdesk.cli import reports
from netdesk.domain.models import Contact, Stage
from netdesk.store.repo import Repo

PROGRESS = "1 of 5 new outreach done today"
"""The workspace's progress line for the frozen demo (test_workspace)."""


def as_lines(options: list[str]) -> list[str]:
    """The workspace's queue options as `netdesk today` prints them: a heading as it is,
    " Name\\n   what to do" as "  Name — what to do"."""
    lines = []
    for option in options:
        if option.startswith(" "):
            name, action = option.strip().split("\n   ")
            lines.append(f"  {name} — {action}")
        else:
            lines.append(option)
    return lines


def today(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Path, *args: str
) -> str:
    """Run `netdesk today` on the frozen Monday; returns what it printed."""
    monkeypatch.setattr(reports, "_today", lambda: FROZEN.date())
    assert cli.main(["today", "--db", str(db), *args]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_today_prints_the_workspace_queue(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert today(capsys, monkeypatch, db_path).splitlines() == [PROGRESS, *as_lines(QUEUE)]


def test_today_json_is_one_object_per_person(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = json.loads(today(capsys, monkeypatch, db_path, "--json"))
    expected, section = [], ""
    for option in QUEUE:
        if option.startswith(" "):
            name, action = option.strip().split("\n   ")
            expected.append((section, name, action))
        else:
            section = option.rsplit(" (", 1)[0]
    assert [(r["section"], r["name"], r["action"]) for r in rows] == expected
    first, call = rows[0], next(r for r in rows if r["contact_id"] == FATIMA)
    assert (first["contact_id"], first["kind"]) == (JAMAL, "follow_up")
    assert date.fromisoformat(first["due"]) <= FROZEN.date()  # a follow-up due
    assert (call["kind"], call["section"], call["call_id"] is not None) == (
        "call_today",
        "Calls today",
        True,
    )


async def test_today_settles_without_writing_and_needs_no_lock(
    make_app: MakeApp,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Olu (waiting on an introduction) is made silent since his one follow-up: the app's
    first start moves him to no_response, out of the queue. `netdesk today`, run while the
    file is locked as by a running netdesk, shows the queue without him and writes nothing."""
    with Repo.open(db_path) as repo:
        olu = repo.contacts.get(OLU)
        assert olu is not None
        sent = FROZEN.date() - timedelta(days=10)
        silent = dataclasses.replace(
            olu, stage=Stage.CONTACTED, followed_up_on=sent, next_action_on=sent + timedelta(7)
        )
        repo.save_contact(silent, FROZEN)
        before = db_path.read_bytes()
        printed = today(capsys, monkeypatch, db_path)  # the lock is held
        assert db_path.read_bytes() == before
    assert "Olu Ahmed" not in printed
    with Repo.open(db_path, lock=False, read_only=True) as repo:
        stored = repo.contacts.get(OLU)
        assert stored is not None and stored.stage is Stage.CONTACTED  # not settled on disk

    app = make_app()  # the workspace, from the same file
    async with app.run_test(size=SIZE):
        screen = workspace(app)
        shown = [plain(screen.query_one("#progress", Static))]
        shown += as_lines(option_texts(screen.query_one("#queue", OptionList)))
    assert printed.splitlines() == shown


def test_names_are_one_line_and_control_characters_escaped(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repo.open(db_path) as repo:
        ines = repo.contacts.get(52)
        assert isinstance(ines, Contact)
        repo.save_contact(
            dataclasses.replace(ines, first_name="In\x1b]52;c;aGk=\x07es\n\tEve"), FROZEN
        )
    printed = today(capsys, monkeypatch, db_path)
    assert "  In\\x1b]52;c;aGk=\\x07es Eve Evans — New: connected" in printed
    assert "\x1b" not in printed and "\x07" not in printed
    rows = json.loads(today(capsys, monkeypatch, db_path, "--json"))
    assert {r["name"] for r in rows} >= {"In\x1b]52;c;aGk=\x07es\n\tEve Evans"}  # JSON: exact


def test_no_database_yet_is_a_hint_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first run (even its folder missing), a shell start-up file gets one line."""
    missing = tmp_path / "not-yet" / "netdesk.json"
    assert today(capsys, monkeypatch, missing) == (
        "No contacts yet: run netdesk and press < to import your Connections.csv.\n"
    )
    assert today(capsys, monkeypatch, missing, "--json") == "[]\n"
    assert not missing.parent.exists()


def test_today_loads_no_textual(db_path: Path) -> None:
    """As a real process: the command imports no Textual, Rich or netdesk.tui."""
    code = (
        "import sys\nfrom netdesk.cli import main\n"
        f"assert main(['today', '--db', {str(db_path)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
        " or m.startswith('netdesk.tui')), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr.strip() == "[]"
    assert result.stdout.splitlines()[0].endswith("new outreach done today")
