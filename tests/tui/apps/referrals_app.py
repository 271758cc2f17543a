"""The Referrals screen and the who-fits finder on the frozen demo network with its
referrals, for the snapshots.

Run one by hand with `python tests/tui/apps/referrals_app.py referrals` or
`python tests/tui/apps/referrals_app.py fits "website redesign"`.
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from datetime import date
from pathlib import Path

from apps.intro_finder_app import StartsOn

from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.tui.screens.fits import WhoFitsScreen
from netdesk.tui.screens.referrals import ReferralsScreen


def _repo(folder: Path) -> Repo:
    data = demo.generate(60, 7, date(2026, 11, 23))
    repo = Repo.open(folder / "netdesk.json")
    repo.replace_all(
        data.contacts, data.messages, data.calls, data.intros, data.targets, data.referrals
    )
    repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
    return repo


def referrals(folder: Path) -> StartsOn:
    """The Referrals screen; the caller closes `app.repo`."""
    return StartsOn(_repo(folder), ReferralsScreen)


def fits(folder: Path, need: str) -> StartsOn:
    """The finder with `need` typed; the caller closes `app.repo`."""
    return StartsOn(_repo(folder), lambda: WhoFitsScreen(need))


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "referrals"
    with tempfile.TemporaryDirectory() as folder:
        app = fits(Path(folder), sys.argv[2]) if which == "fits" else referrals(Path(folder))
        try:
            app.run()
        finally:
            app.repo.close()
