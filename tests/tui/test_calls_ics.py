"""The Calls screen saves the selected call as an .ics file a calendar can open."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import platformdirs
import pytest
from icalendar import Calendar

from netdesk.io import demo
from netdesk.io.contentline import stable_uid
from netdesk.io.ics import call_filename
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.calls import CallsScreen

MONDAY = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    data = demo.generate(60, 7, date(2026, 11, 23))
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
        repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
        yield repo


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(folder))
    return folder


def notes(app: NetdeskApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_export_the_selected_call(repo: Repo, downloads: Path) -> None:
    first = min(
        (c for c in repo.calls if c.held_at is None and c.scheduled_for),
        key=lambda c: c.scheduled_for or MONDAY,
    )
    assert first.scheduled_for is not None
    person = repo.contacts.get(first.contact_id)
    assert person is not None
    expected = downloads / call_filename(person.name, first.scheduled_for)
    app = NetdeskApp(repo, clock=lambda: MONDAY)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, CallsScreen)
        assert app.screen.current_call == first
        await pilot.press("I")

        assert notes(app)[-1] == f"Saved {expected}"

    assert [p.name for p in downloads.iterdir()] == [expected.name]
    (event,) = Calendar.from_ical(expected.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Call with {person.name}"
    assert str(event["UID"]) == stable_uid("call", first.id)
    assert event.decoded("DTSTART") == first.scheduled_for.astimezone(UTC)


async def test_without_downloads_the_file_goes_home(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(tmp_path / "missing"))
    app = NetdeskApp(repo, clock=lambda: MONDAY)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "I")

    assert [p.suffix for p in home.iterdir() if p.is_file()] == [".ics"]


async def test_nothing_to_export_without_a_call(repo: Repo, downloads: Path) -> None:
    repo.calls.clear()
    app = NetdeskApp(repo, clock=lambda: MONDAY)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "I")

        assert notes(app)[-1] == "Select a scheduled call first."

    assert list(downloads.iterdir()) == []
