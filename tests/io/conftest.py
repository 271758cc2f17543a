"""Fixtures for the import/export tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set this process's local time zone (`TZ` + tzset) for the test, restoring it after.

    Archive stamps are UTC and netdesk stores local times, so exact expectations need a known
    zone; `UTC` makes local time equal the file's stamps.
    """

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def utc(local_zone: Callable[[str], None]) -> None:
    local_zone("UTC")
