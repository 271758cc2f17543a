"""The TUI import (`<`) of every Connections.csv shape reports what the command reports
(issue 16): the same summary words and the same problem lines."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import MakeApp
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import SIZE, notes, wait_for

from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import TextPrompt

DATA = Path(__file__).parents[1] / "data" / "linkedin"
FORMATS: list[dict[str, Any]] = json.loads((DATA / "formats.json").read_text("utf-8"))["files"]
"""The hand-written oracle, shared with tests/e2e/test_import_report.py."""
SHOWN = 3
"""Problem lines a notification lists before '… and N more'."""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database with no contacts (instead of the demo one), so each report is that of a
    first import; signed, so the app does not open by asking for your name."""
    path = tmp_path / "empty.json"
    with Repo.open(path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Sam Rivera"))
    return path


async def import_file(app: NetdeskApp, pilot: Pilot[int], path: Path) -> str:
    """Import `path` with `<` (the path set, not typed) and return the report shown for it."""
    await pilot.press("less_than_sign")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TextPrompt))
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    starts = (f"{path.name}: ", f"Import of {path.name} failed: ")
    await wait_for(pilot, lambda: any(n.startswith(starts) for n in notes(app)))
    (report,) = [n for n in notes(app) if n.startswith(starts)]
    return report


def problem_line(line: int, kind: str, reason: str) -> str:
    return f"line {line}: {reason if kind == 'date_unread' else f'{kind}, {reason}'}"


async def test_every_format_reports_the_commands_words(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for entry in FORMATS:
            name = entry["file"]
            report = await import_file(app, pilot, DATA / name)
            shown = [problem_line(*problem) for problem in entry["problems"]][:SHOWN]
            assert report.splitlines() == [f"{name}: {entry['summary']}.", *shown]
        # Every file held different people: each report is the one of a first import.
        assert len(app.repo.contacts) == sum(entry["counts"]["new"] for entry in FORMATS)


async def test_more_problems_than_shown_point_to_the_full_list(
    make_app: MakeApp, tmp_path: Path
) -> None:
    source = tmp_path / "many.csv"
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = "".join(f"P{n},Q,,,,,someday\n" for n in range(5))
    source.write_text(header + rows, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        lines = (await import_file(app, pilot, source)).splitlines()
        assert (
            lines[0]
            == "many.csv: 5 new, 0 updated, 0 unchanged, 5 dates not understood, 0 skipped."
        )
        assert lines[1:4] == [
            f"line {n}: date 'someday' not understood; imported without a connection date"
            for n in (2, 3, 4)
        ]
        assert (
            lines[4]
            == f"… and 2 more (netdesk import linkedin '{source}' --dry-run lists every line)"
        )


async def test_contacts_csv_is_refused_with_the_file_to_use(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        error = await import_file(app, pilot, DATA / "Contacts.csv")
        assert error == (
            f"Import of Contacts.csv failed: {DATA / 'Contacts.csv'} is LinkedIn's Contacts.csv"
            " (the address book synced from your phone or email), not your connections;"
            " import Connections.csv from the same archive"
        )
        assert len(app.repo.contacts) == 0
