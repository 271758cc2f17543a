"""Exports from inside the app: never onto the database, and private like it (issue 14: 1, 11)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from conftest import MakeApp
from test_palette import answer
from tui_helpers import SIZE, notes, wait_for

from netdesk.store.storage import backup_path
from netdesk.tui.screens.calls import CallsScreen
from netdesk.tui.screens.dialogs import ConfirmDialog


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask, under which a plain open() makes a file others can read."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_export_onto_the_database_is_refused_after_replace_yes(
    make_app: MakeApp, db_path: Path
) -> None:
    """`>` with the database's own path, answering "Replace it?" with y, writes nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = db_path.read_bytes()
        await pilot.press("greater_than_sign")
        await answer(pilot, str(db_path))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: any(n.startswith("Export failed") for n in notes(app)))
        (error,) = [n for n in notes(app) if n.startswith("Export failed")]
        assert error == (
            f"Export failed: {db_path} is the database itself; choose another file for the export"
        )
        assert db_path.read_bytes() == before
        assert app.is_running


async def test_export_onto_the_backup_is_refused(make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        bak = backup_path(db_path)
        assert bak.exists()  # the demo database was saved more than once
        before = bak.read_bytes()
        await pilot.press("greater_than_sign")
        await answer(pilot, str(bak))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: any(n.startswith("Export failed") for n in notes(app)))
        assert bak.read_bytes() == before


async def test_the_contacts_export_is_private(
    make_app: MakeApp, tmp_path: Path, loose_umask: None
) -> None:
    target = tmp_path / "out.csv"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("greater_than_sign")
        await answer(pilot, str(target))
        await wait_for(pilot, lambda: any(n.startswith("Exported") for n in notes(app)))
    assert mode(target) == 0o600


async def test_the_call_ics_is_private(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loose_umask: None
) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(downloads))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, CallsScreen)
        await pilot.press("I")
        await wait_for(pilot, lambda: any(n.startswith("Saved ") for n in notes(app)))
    (ics,) = downloads.iterdir()
    assert ics.suffix == ".ics"
    assert mode(ics) == 0o600
