"""The stats dashboard on a hand-built network whose every figure is worked out below."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Digits, Static
from tui_helpers import FROZEN, plain, screen_text

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    Message,
    MessageKind,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.stats import NOTE, StatsScreen, progress_bar


def at(day: int, month: int = 11, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour)


@pytest.fixture
def stats_db(tmp_path: Path) -> Path:
    """Eight people on Monday 23 Nov 2026 (FROZEN); daily cap 4.

    Contacted (5): Ann (outreach today), Ben (replied), Cy and Dee (talked), Eve (silent).
    Fay is new, Gus do-not-contact, "[bold]Hal" new: never contacted.
    Replied (3): Ben by message, Cy and Dee by stage. Talked (2): Cy and Dee.
    Calls held: Cy on 18 Nov (last week) and today, Dee today and on 1 Oct; Ben's call is
    only scheduled. So 2 this week, weeks [.., 1 (w/c 28 Sep), .., 1, 2].
    """
    path = tmp_path / "stats.json"
    with Repo.open(path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Me", daily_cap=4))
        people = repo.contacts.insert_many(
            Contact(first_name=name, stage=stage)
            for name, stage in (
                ("Ann", Stage.CONTACTED),
                ("Ben", Stage.REPLIED),
                ("Cy", Stage.TALKED),
                ("Dee", Stage.TALKED),
                ("Eve", Stage.NO_RESPONSE),
                ("Fay", Stage.NEW),
                ("Gus", Stage.DO_NOT_CONTACT),
                ("[bold]Hal", Stage.NEW),
            )
        )
        ann, ben, cy, dee, eve, *_ = (p.id for p in people)
        repo.messages.insert_many(
            [
                Message(ann, MessageKind.OUTREACH, sent_at=at(23, hour=8)),
                Message(ben, MessageKind.OUTREACH, sent_at=at(10), replied_at=at(12)),
                Message(cy, MessageKind.OUTREACH, sent_at=at(2)),
                Message(cy, MessageKind.FOLLOW_UP, sent_at=at(9)),
                Message(cy, MessageKind.THANKS, sent_at=at(18)),
                Message(eve, MessageKind.OUTREACH, sent_at=at(1)),
                Message(eve, MessageKind.FOLLOW_UP, sent_at=at(8)),
            ]
        )
        repo.calls.insert_many(
            [
                Call(cy, held_at=at(18)),
                Call(cy, held_at=at(23, hour=7)),
                Call(dee, held_at=at(23, hour=8)),
                Call(dee, held_at=at(1, month=10)),
                Call(ben, scheduled_for=at(25)),
            ]
        )
        repo.intros.insert_many(
            [
                Intro(cy, dee, status=IntroStatus.SENT),
                Intro(dee, ben, status=IntroStatus.MET),
                Intro(ann, ben, status=IntroStatus.DRAFT),
            ]
        )
        repo.targets.insert_many(
            [Target("Zoe", status=TargetStatus.REACHED), Target("Yan", status=TargetStatus.OPEN)]
        )
    return path


async def test_dashboard_numbers(stats_db: Path) -> None:
    repo = Repo.open(stats_db)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("6")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StatsScreen)

            def digits(widget_id: str) -> str:
                return screen.query_one(f"#{widget_id}", Digits).value

            def text(widget_id: str) -> str:
                return plain(screen.query_one(f"#{widget_id}", Static))

            assert [
                digits(i)
                for i in ("contacted", "replied", "talked", "response-rate", "calls-this-week")
            ] == ["5", "3", "2", "60%", "2"]
            assert text("today").splitlines() == [
                "1 of 4 new people",
                progress_bar(1, 4),
                "follow-ups extra",
            ]
            assert text("network").splitlines() == [
                "2 talked (A)",
                "6 not yet (B)",
                "of 8 people",
            ]
            assert text("intros").splitlines()[:2] == ["2 made", "1 met"]
            assert text("targets") == "1 reached"
            assert text("no-response").splitlines()[0] == "20% of contacted"
            weeks = text("calls-by-week").splitlines()
            assert weeks[-1].split() == ["0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "1", "2"]

            shown = screen_text(app)
            assert NOTE in shown  # people, not messages, said on screen
            for title in ("Contacted", "Replied", "Talked", "Response rate", "Today", "Network"):
                assert title in shown
            assert "No response" in shown and "Hard targets" in shown
    finally:
        repo.close()


def test_progress_bar() -> None:
    """Done against the cap; beyond the cap stays full; a cap of 0 is full (nothing to do)."""
    assert progress_bar(0, 5, cells=10) == "░" * 10
    assert progress_bar(2, 4, cells=10) == "█" * 5 + "░" * 5
    assert progress_bar(9, 4, cells=10) == "█" * 10
    assert progress_bar(0, 0, cells=10) == "█" * 10


async def test_stats_refresh_when_shown_again(stats_db: Path) -> None:
    repo = Repo.open(stats_db)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("6")
            await pilot.pause()
            await pilot.press("1")
            fay = next(c for c in repo.contacts if c.first_name == "Fay")
            repo.mark_sent(fay.id, MessageKind.OUTREACH, "Hello Fay", "", FROZEN)
            await pilot.press("6")
            await pilot.pause()
            assert app.screen.query_one("#contacted", Digits).value == "6"
            assert plain(app.screen.query_one("#today", Static)).startswith("2 of 4")
    finally:
        repo.close()
