"""Fixtures for the TUI tests: a frozen demo database and an app factory.

Every app runs against a database built from `demo.generate(60, seed=7)` for a fixed Monday,
with a clock that never moves, so queue order, dates and previews are the same on every run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest
from tui_helpers import FROZEN, build_demo_db, record_notifications

from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp


class MakeApp(Protocol):
    def __call__(self, *, deferred: bool = False) -> NetdeskApp: ...


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME, the XDG folders and NETDESK_DB into tmp_path: no real user data is touched."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("NETDESK_DB", str(home / "netdesk.json"))
    return home


@pytest.fixture(autouse=True)
def terminal_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Copies go through OSC 52 alone, at once: no test writes the developer's clipboard or
    waits on a tool (test_clipboard.py takes this away to try the tools and the dialog)."""
    monkeypatch.setenv("NETDESK_CLIPBOARD", "terminal")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test process: tests get copies (`db_path`)."""
    return build_demo_db(tmp_path_factory.mktemp("demo") / "netdesk.json")


@pytest.fixture
def db_path(tmp_path: Path, demo_db: Path) -> Path:
    """A fresh copy of the demo database (and its backup), this test's own."""
    shutil.copytree(demo_db.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / demo_db.name


@pytest.fixture
def make_app(db_path: Path) -> Iterator[MakeApp]:
    """A factory for `NetdeskApp(repo, clock=lambda: FROZEN)` on the demo database.

    Repos are closed (pending saves flushed, lock released) when the test ends.
    """
    repos: list[Repo] = []

    def factory(*, deferred: bool = False) -> NetdeskApp:
        # Deferred is how the app runs: records straight from the file, document parsed later.
        repo = Repo.open(db_path, deferred=deferred, parse_later=deferred)
        repos.append(repo)
        app = record_notifications(NetdeskApp(repo, clock=lambda: FROZEN))
        if deferred:
            repo.storage.on_status = app.report_save
        return app

    yield factory
    for repo in repos:
        repo.close()
