"""The queue on the frozen demo network, in a chosen theme, for the theme snapshots.

Run it by hand with `python tests/tui/apps/themed_queue_app.py netdesk-light`.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp

FROZEN = datetime(2026, 11, 23, 9, 30)


def build(theme: str, folder: Path) -> NetdeskApp:
    """The app on a fresh demo database in `folder`, started with `theme` as the saved choice.

    The sub-title would show the temporary path, so it is fixed; the caller closes `app.repo`.
    """
    data = demo.generate(60, 7, date(2026, 11, 23))
    repo = Repo.open(folder / "netdesk.json")
    repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
    repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME, theme=theme))
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    app.sub_title = "netdesk.json"
    return app


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        app = build(sys.argv[1] if len(sys.argv) > 1 else "netdesk-dark", Path(folder))
        try:
            app.run()
        finally:
            app.repo.close()
