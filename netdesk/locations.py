"""Where netdesk keeps its files, following the platform's conventions."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "netdesk"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_db() -> Path:
    """The user's database: `NETDESK_DB` if set, else netdesk.json in the data dir."""
    env = os.environ.get("NETDESK_DB")
    return Path(env).expanduser() if env else data_dir() / "netdesk.json"


def demo_db() -> Path:
    """The demo database, kept apart so `--demo` can never touch real data."""
    return data_dir() / "demo.json"
