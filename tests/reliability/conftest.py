"""Fixtures for the reliability suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private HOME for subprocess runs, apart from the files a test puts in tmp_path."""
    path = tmp_path / "home"
    path.mkdir()
    return path
