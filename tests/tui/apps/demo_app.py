"""The frozen demo workspace for snapshot tests: 60 people, seed 7, Monday 23 Nov 2026 09:30.

Builds its own database in a temporary folder (removed at exit) and fixes the header's
subtitle, so nothing on screen depends on the real clock or where the file lives.
"""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp

FROZEN = datetime(2026, 11, 23, 9, 30)


def build() -> NetdeskApp:
    folder = Path(tempfile.mkdtemp(prefix="netdesk-snapshot-"))
    data = demo.generate(60, seed=7, today=FROZEN.date())
    repo = Repo.open(folder / "demo.json")
    repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
    repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))

    def clean_up() -> None:
        repo.close()
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(clean_up)
    demo_app = NetdeskApp(repo, clock=lambda: FROZEN)
    demo_app.sub_title = "demo.json"
    return demo_app


app = build()

if __name__ == "__main__":
    app.run()
