"""How the intro wizard and the introducer finder look, wide and at 80x24."""

from __future__ import annotations

from pathlib import Path

from apps.intro_finder_app import finder, steady, wizard


def test_wizard_ask_step_with_preview(snap_compare, tmp_path: Path) -> None:
    """The demo draft (Dmitri Wong ↔ Wen Takahashi) resumes on the asks, preview beside."""
    app = wizard(tmp_path, 1)
    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=steady)
    finally:
        app.repo.close()


def test_wizard_why_step_at_80x24(snap_compare, tmp_path: Path) -> None:
    """Two steps back: why they should meet and how you know each, preview below."""
    app = wizard(tmp_path, 1)
    try:
        assert snap_compare(
            app, terminal_size=(80, 24), press=["ctrl+b", "ctrl+b"], run_before=steady
        )
    finally:
        app.repo.close()


def test_finder_ranking(snap_compare, tmp_path: Path) -> None:
    """Margit Halvorsen: four introducers ranked, the 4 % blind ask between them."""
    app = finder(tmp_path, 2)
    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=steady)
    finally:
        app.repo.close()


def test_finder_ranking_at_80x24(snap_compare, tmp_path: Path) -> None:
    app = finder(tmp_path, 2)
    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=steady)
    finally:
        app.repo.close()
