"""Where the finder's first build runs: in a thread at scale, in place on a small network.

Building the who-fits index takes about 0.7 s at 30,000 people and the matchmaking about
1.4 s more, so a screen that needs them starts a worker and shows what it has meanwhile.
Below IN_PLACE_BELOW people the build takes a few milliseconds: doing it in place shows the
results in the first frame, and the screen never draws a "preparing" line only to redraw.
"""

from __future__ import annotations

from netdesk.store.repo import Repo

IN_PLACE_BELOW = 1_000
"""Contacts below which the first build runs on the UI thread (under about 30 ms)."""


def build_in_place(repo: Repo) -> bool:
    return len(repo.contacts) < IN_PLACE_BELOW
