"""The app on a start-up preview: it draws from it, then swaps in the whole database.

Every key, click or paste meets the whole database; the preview never takes a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList
from tui_helpers import FROZEN, SIZE, wait_for

from netdesk.domain.queue import QueueItem
from netdesk.store.preview import open_preview, write_preview
from netdesk.store.repo import Repo, app_storage
from netdesk.store.storage import AtomicJSONStorage
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.workspace import WorkspaceScreen


@pytest.fixture
def storage(db_path: Path) -> Iterator[AtomicJSONStorage]:
    repo = Repo.open(db_path)
    repo.close()
    write_preview(repo, FROZEN.date())
    opened = app_storage(db_path)
    yield opened
    opened.close()


def previewing_app(storage: AtomicJSONStorage) -> tuple[NetdeskApp, Repo]:
    preview = open_preview(storage, FROZEN.date(), Repo)
    assert preview is not None
    app = NetdeskApp(preview, clock=lambda: FROZEN, open_rest=lambda: Repo(storage))
    assert app.previewing
    return app, preview


def shown(app: NetdeskApp) -> tuple[list[QueueItem], int | None]:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    return list(screen.items), screen.query_one("#queue", OptionList).highlighted


async def test_the_whole_database_replaces_the_preview_after_the_first_frame(
    storage: AtomicJSONStorage, db_path: Path
) -> None:
    app, preview = previewing_app(storage)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: not app.previewing)
        assert app.repo is not preview
        assert len(app.repo.contacts) > len(preview.contacts)
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        with Repo.open(db_path, read_only=True, lock=False) as whole:
            assert screen.items == whole.settled_queue(FROZEN.date())


async def test_a_key_during_the_preview_acts_on_the_whole_database(
    storage: AtomicJSONStorage,
) -> None:
    app, preview = previewing_app(storage)
    first = preview.queue(FROZEN.date())[0].contact_id
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # skip: on whoever is first, in the real queue
        assert not app.previewing
        skipped = app.repo.contacts.get(first)
        assert skipped is not None and skipped.snoozed_until is not None
        untouched = preview.contacts.get(first)
        assert untouched is not None and untouched.snoozed_until is None
        assert app.repo.storage.dirty or app.repo.storage.version > 0


async def test_the_queue_drawn_from_the_preview_is_the_one_shown_after(
    storage: AtomicJSONStorage, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FRAME_OUT", "AFTER_START"):  # hold the swap back, to look at the preview
        monkeypatch.setattr(f"netdesk.tui.app.{name}", 60.0)
    app, _ = previewing_app(storage)
    async with app.run_test(size=SIZE) as pilot:
        before = shown(app)
        assert app.previewing and before[0]
        app.finish_opening()
        await pilot.pause()
        assert not app.previewing
        assert shown(app) == before
