"""How the Referrals screen and the who-fits finder look, wide and at 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from apps.intro_finder_app import steady
from apps.referrals_app import fits, referrals

NEED = "website redesign"


def test_referrals_screen(snap_compare: Any, tmp_path: Path) -> None:
    """What waits on you first (thanks, checks), then given, received and closed; the card
    of the other side with the referrals between you."""
    app = referrals(tmp_path)
    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=steady)
    finally:
        app.repo.close()


def test_referrals_screen_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = referrals(tmp_path)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
    finally:
        app.repo.close()


def test_who_fits(snap_compare: Any, tmp_path: Path) -> None:
    """ "website redesign": the A network first, each with the field and the matched words."""
    app = fits(tmp_path, NEED)
    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=steady)
    finally:
        app.repo.close()


def test_who_fits_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = fits(tmp_path, NEED)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
    finally:
        app.repo.close()
