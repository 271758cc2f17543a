"""The title says where the changes stand, and "saved" only once the file holds every one.

The app runs with its writer thread, as in real use. Each durable write goes through a gate
the test holds, so "saving" can be seen while a save is in flight and a save can be made to
fail (disk full) and then succeed, without timing anything.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input, Static
from tui_helpers import SIZE, notes, plain, wait_for

import netdesk.store.storage as storage_module
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.settings import SettingsScreen
from netdesk.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too

DISK_FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class Gate:
    """Stands in for `write_atomically`: holds each save until released, fails while `full`."""

    def __init__(self) -> None:
        self.real = storage_module.write_atomically
        self.entered = threading.Event()
        self.release = threading.Event()
        self.full = False

    def __call__(self, path: Path, payload: bytes, *, keep_backup: bool) -> None:
        self.entered.set()
        assert self.release.wait(30), "the test never released the save"
        if self.full:
            raise DISK_FULL
        self.real(path, payload, keep_backup=keep_backup)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    monkeypatch.setattr(storage_module, "write_atomically", gate)
    yield gate
    gate.full = False  # the app's repo is closed after this: let its last save through
    gate.release.set()


def status(app: NetdeskApp) -> str:
    """The end of the title line: what it says about saving."""
    path = str(app.repo.path)
    assert app.sub_title.startswith(path)
    return app.sub_title.removeprefix(path)


def snoozed(repo: Repo) -> dict[int, object]:
    return {c.id: c.snoozed_until for c in repo.contacts if c.snoozed_until}


def snoozed_on_disk(path: Path) -> dict[int, object]:
    with Repo.open(path, read_only=True, lock=False) as repo:
        return snoozed(repo)


def key_bar(app: NetdeskApp) -> str:
    return plain(app.screen.query_one(KeyBar))


async def test_pending_saving_saved_are_each_shown_when_true(make_app: MakeApp, gate: Gate) -> None:
    """A change is "not saved yet"; "saving…" while the write runs; a change during the write
    is "not saved yet" again; "saved" once all is on disk; the next change is not "saved"."""
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        shown: list[str] = []
        app.watch(app, "sub_title", lambda: shown.append(status(app)), init=False)
        assert status(app) == ""  # nothing changed yet: no claim either way
        await pilot.press("x")  # skip: a change
        await wait_for(pilot, gate.entered.is_set)  # the writer began and is held
        await wait_for(pilot, lambda: status(app) == " · saving…")
        await pilot.press("x")  # a second change, not in the save in flight
        await wait_for(pilot, lambda: status(app) == " · not saved yet")
        gate.release.set()
        await wait_for(pilot, lambda: status(app) == " · saved")
        assert shown == [
            " · not saved yet",
            " · saving…",
            " · not saved yet",
            " · saving…",
            " · saved",
        ]
        assert not app.repo.storage.dirty
        assert len(snoozed(app.repo)) == 2
        assert snoozed_on_disk(app.repo.path) == snoozed(app.repo)

        await pilot.press("x")
        await wait_for(pilot, lambda: len(shown) > 5)
        assert shown[5] == " · not saved yet"


async def test_a_failed_save_is_shown_with_a_retry_key(make_app: MakeApp, gate: Gate) -> None:
    """Disk full: "NOT SAVED", a toast naming ctrl+r, and ctrl+r in the key bar (only then);
    once there is room, ctrl+r saves without another change."""
    gate.full = True
    gate.release.set()
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        assert "Retry save" not in key_bar(app)
        await pilot.press("x")
        await wait_for(pilot, lambda: status(app) == " · NOT SAVED")
        (toast,) = [n for n in notes(app) if "No space left on device" in n]
        assert "press ctrl+r to save again" in toast
        await wait_for(pilot, lambda: "^r Retry save" in key_bar(app))
        assert snoozed_on_disk(app.repo.path) == {}

        await pilot.press("ctrl+r")  # still full: tried, and failed again
        await wait_for(pilot, lambda: len([n for n in notes(app) if "No space" in n]) == 2)
        assert status(app) == " · NOT SAVED"

        gate.full = False
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: status(app) == " · saved")
        assert len(snoozed(app.repo)) == 1
        assert snoozed_on_disk(app.repo.path) == snoozed(app.repo)
        await wait_for(pilot, lambda: "Retry save" not in key_bar(app))


async def test_the_quit_dialog_after_a_failed_save_says_what_quitting_does(
    make_app: MakeApp, gate: Gate
) -> None:
    """q after a failed save asks, saying one more save is tried on the way out; n stays."""
    gate.full = True
    gate.release.set()
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await wait_for(pilot, lambda: status(app) == " · NOT SAVED")
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = dialog.question
        assert "Quit anyway?" in question
        assert "tries once more as it closes; if that fails too, they are lost" in question
        await pilot.press("n")
        assert app.is_running


async def test_settings_say_saved_only_once_saved(make_app: MakeApp, gate: Gate) -> None:
    """ctrl+s in settings with the disk full says why it is not saved, not "Saved."; once
    ctrl+r gets it onto the disk, "Saved."."""
    gate.full = True
    gate.release.set()
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        line = app.screen.query_one("#settings-status", Static)
        app.screen.query_one("#daily_cap", Input).value = "9"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: status(app) == " · NOT SAVED")
        await wait_for(pilot, lambda: plain(line).startswith("Not saved: "))
        assert plain(line).endswith("No space left on device. ctrl+r tries again.")
        assert "Saved" not in " ".join(notes(app))

        gate.full = False
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: plain(line) == "Saved.")
        with Repo.open(app.repo.path, read_only=True, lock=False) as repo:
            assert repo.settings().daily_cap == 9
