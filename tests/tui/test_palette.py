"""The command palette lists netdesk's actions; import and export run from inside the app."""

from __future__ import annotations

import csv
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from tui_helpers import SIZE, contacts_screen, enter_text, notes, wait_for

from netdesk.io import linkedin
from netdesk.io.linkedin import ReadResult
from netdesk.tui.app import NetdeskApp
from netdesk.tui.commands import COMMANDS, GLOBAL
from netdesk.tui.screens.dialogs import ConfirmDialog, TextPrompt
from netdesk.tui.screens.settings import SettingsScreen
from netdesk.tui.widgets.contact_table import ContactTable

DATA = Path(__file__).parents[1] / "data" / "linkedin"
MakeApp = Callable[..., NetdeskApp]
"""The `make_app` fixture from conftest.py."""


async def search(pilot: Pilot[int], query: str) -> list[str]:
    """Open the palette, type `query`, and return the titles offered."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await enter_text(pilot, query)
    await pilot.app.workers.wait_for_complete()  # the palette's search, to its last hit
    await pilot.pause()
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme", "everywhere: Change the colour theme"),
        ("settings", "everywhere: Open settings"),
        ("import", "everywhere: Import a LinkedIn Connections.csv file"),
        ("export", "everywhere: Export all contacts to a CSV file"),
        ("compose", "workspace: Write a personal note to the selected person"),
        ("log call", "workspace: Log a call you held with the selected person"),
        ("stats", "everywhere: Go to your stats"),
        ("snooze", "workspace: Hide the selected person until a date you choose"),
    ],
)
async def test_palette_offers_netdesk_actions(make_app: MakeApp, query: str, expected: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        titles = await search(pilot, query)
        assert any(title.startswith(expected) for title in titles), titles


async def test_every_global_command_is_in_the_palette(make_app: MakeApp) -> None:
    """With an empty query the palette lists every global command, with its help text."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await app.workers.wait_for_complete()  # the palette's search, to its last hit
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        shown = "\n".join(
            str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)
        )
        for command in COMMANDS:
            if GLOBAL in command.areas:
                assert command.title in shown
                assert command.description in shown


async def test_palette_runs_the_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "open settings")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))


# --- import and export -------------------------------------------------------------------------


async def answer(pilot: Pilot[int], text: str) -> None:
    """Fill in the open TextPrompt, replacing any suggestion, and press enter."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, TextPrompt))
    await pilot.press("home", "ctrl+k")
    await enter_text(pilot, text)
    await pilot.press("enter")


async def test_import_connections(make_app: MakeApp, tmp_path: Path) -> None:
    source = tmp_path / "My Connections.csv"
    shutil.copy(DATA / "modern.csv", source)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.repo.contacts)
        await pilot.press("less_than_sign")
        await answer(pilot, f"'{source}'")  # quoted, as a dragged-in file arrives
        await wait_for(pilot, lambda: any(n.startswith("My Connections.csv: ") for n in notes(app)))
        (report,) = [n for n in notes(app) if n.startswith("My Connections.csv: ")]
        added = len(app.repo.contacts) - before
        assert added > 0
        assert report.startswith(f"My Connections.csv: {added} new, 0 updated")
        assert all(c.created_at is not None for c in app.repo.contacts if c.source == "linkedin")


async def test_an_import_shows_on_the_screen_at_once(make_app: MakeApp, tmp_path: Path) -> None:
    """The app tells the current screen (DataChanged): the contacts list grows, unprompted."""
    source = tmp_path / "Connections.csv"
    shutil.copy(DATA / "modern.csv", source)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = contacts_screen(app).query_one(ContactTable)
        before = table.row_count
        await pilot.press("less_than_sign")
        await answer(pilot, str(source))
        await wait_for(pilot, lambda: any(n.startswith("Connections.csv: ") for n in notes(app)))
        await pilot.pause()
        assert before == 60
        assert table.row_count == len(app.repo.contacts) > before


async def test_import_of_a_bad_file_is_a_message(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.repo.contacts)
        await pilot.press("less_than_sign")
        await answer(pilot, str(tmp_path / "missing.csv"))
        await wait_for(pilot, lambda: any("failed" in n for n in notes(app)))
        (error,) = [n for n in notes(app) if "failed" in n]
        assert error.startswith("Import of missing.csv failed: cannot read")
        await pilot.press("less_than_sign")
        await answer(pilot, str(DATA / "binary.csv"))
        await wait_for(pilot, lambda: sum("failed" in n for n in notes(app)) == 2)
        assert len(app.repo.contacts) == before
        assert app.is_running


async def test_export_contacts(make_app: MakeApp, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")
        await answer(pilot, str(target))
        await wait_for(pilot, lambda: any(n.startswith("Exported") for n in notes(app)))
        with target.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) == len(app.repo.contacts) + 1
        assert f"Exported {len(app.repo.contacts)} contacts to {target}" in notes(app)


async def test_export_asks_before_replacing(make_app: MakeApp, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")
        await answer(pilot, str(target))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"


async def test_export_to_an_unwritable_place_is_a_message(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")
        await answer(pilot, str(tmp_path / "no" / "such" / "dir.csv"))
        await wait_for(pilot, lambda: any(n.startswith("Export failed") for n in notes(app)))
        (error,) = [n for n in notes(app) if n.startswith("Export failed")]
        assert error.startswith(f"Export failed: cannot write {tmp_path}/no/such/dir.csv")


async def test_one_import_at_a_time(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`<` again while an import runs says so and starts nothing: the file is imported once,
    not planned twice against the same contacts (30,000 rows became 60,050 contacts)."""
    source = tmp_path / "Connections.csv"
    shutil.copy(DATA / "modern.csv", source)
    release = threading.Event()
    read = linkedin.read_connections

    def still_reading(path: Path) -> ReadResult:
        release.wait(30)  # the first import is still reading when the second is asked for
        return read(path)

    monkeypatch.setattr(linkedin, "read_connections", still_reading)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = len(app.repo.contacts)
        await pilot.press("less_than_sign")
        await answer(pilot, str(source))
        await pilot.press("less_than_sign")
        if isinstance(app.screen, TextPrompt):  # asked for a second file: give the same one
            await answer(pilot, str(source))
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        reports = [n for n in notes(app) if n.startswith("Connections.csv: ")]
        assert "An import is already running: wait for its report, then import again." in notes(app)
        assert len(reports) == 1
        added = int(reports[0].removeprefix("Connections.csv: ").split(" new")[0])
        assert added > 0
        assert len(app.repo.contacts) == before + added
