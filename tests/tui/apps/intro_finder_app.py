"""The intro wizard and the introducer finder on the frozen demo network, for the snapshots.

Run one by hand with `python tests/tui/apps/intro_finder_app.py wizard 1` (intro id) or
`python tests/tui/apps/intro_finder_app.py finder 2` (target id).
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen

from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import IntroWizard
from netdesk.tui.screens.targets import FinderScreen

FROZEN = datetime(2026, 11, 23, 9, 30)


class StartsOn(NetdeskApp):
    """NetdeskApp that opens one more screen over the queue when it starts."""

    CSS_PATH = Path(sys.modules[NetdeskApp.__module__].__file__ or "").parent / "netdesk.tcss"
    """A relative CSS_PATH would be looked up next to this file."""

    def __init__(self, repo: Repo, opening: Callable[[], Screen[None]]) -> None:
        super().__init__(repo, clock=lambda: FROZEN)
        self.opening = opening
        self.sub_title = "netdesk.json"  # not the temporary path

    def on_mount(self) -> None:  # Textual runs NetdeskApp.on_mount first by itself
        self.push_screen(self.opening())


async def steady(pilot: Pilot[int]) -> None:
    """Stop the text cursors blinking, so a snapshot does not depend on when it is taken."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


def _repo(folder: Path) -> Repo:
    data = demo.generate(60, 7, date(2026, 11, 23))
    repo = Repo.open(folder / "netdesk.json")
    repo.replace_all(data.contacts, data.messages, data.calls, data.intros, data.targets)
    repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
    return repo


def wizard(folder: Path, intro_id: int) -> StartsOn:
    """The wizard resumed on demo introduction `intro_id`; the caller closes `app.repo`."""
    return StartsOn(_repo(folder), lambda: IntroWizard(intro_id=intro_id))


def finder(folder: Path, target_id: int) -> StartsOn:
    """The finder for demo target `target_id`; the caller closes `app.repo`."""
    return StartsOn(_repo(folder), lambda: FinderScreen(target_id))


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "wizard"
    number = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with tempfile.TemporaryDirectory() as folder:
        build = wizard if which == "wizard" else finder
        app = build(Path(folder), number)
        try:
            app.run()
        finally:
            app.repo.close()
