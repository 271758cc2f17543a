"""The stats screen's referral boxes, on a network small enough to count by hand."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

from textual.widgets import Static
from tui_helpers import FROZEN, plain, screen_text

from netdesk.domain.models import Call, Contact, Referral, ReferralDirection
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.stats import NOTE


async def run_stats(path: Path) -> tuple[str, str, str]:
    repo = Repo.open(path)
    try:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("6")
            await pilot.pause()
            referrals = plain(app.screen.query_one("#referrals", Static))
            imbalance = plain(app.screen.query_one("#imbalance", Static))
            return referrals, imbalance, screen_text(app)
    finally:
        repo.close()


async def test_referrals_given_received_by_month_and_the_most_uneven(tmp_path: Path) -> None:
    """Ann (talked with) got one referral from you in November and sent you one; Ben (never
    talked) got one in October. Given 2, half to the A network; received 1, all from it;
    Ben is the one it runs one way with (Ann is even)."""
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Me"))
        ann, ben = (repo.save_contact(Contact(name), FROZEN) for name in ("Ann", "Ben"))
        repo.log_call(Call(ann.id, held_at=datetime(2026, 11, 2, 10)), FROZEN)
        for direction, other, day in (
            (ReferralDirection.GIVEN, ann.id, datetime(2026, 11, 10)),
            (ReferralDirection.GIVEN, ben.id, datetime(2026, 10, 5)),
            (ReferralDirection.RECEIVED, ann.id, datetime(2026, 11, 12)),
        ):
            given = direction is ReferralDirection.GIVEN
            repo.add_referral(
                Referral(
                    direction,
                    giver_id=None if given else other,
                    receiver_id=other if given else None,
                    referred_name="Cy",
                    need="payroll",
                ),
                day,
            )
    referrals, imbalance, shown = await run_stats(path)
    assert referrals.splitlines() == [
        "2 given · 50% to A",
        "1 received + 0 intros · 100% from A",
        "Sep 0/0  Oct 1/0  Nov 1/1",
    ]
    assert imbalance == "Ben  1 / 0"
    assert "Referrals" in shown and "Most uneven" in shown
    assert NOTE in shown  # still on an 80x24 screen


async def test_no_referrals_yet_says_so(tmp_path: Path) -> None:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Me"))
        repo.save_contact(Contact("Ann"), FROZEN)
    referrals, imbalance, _ = await run_stats(path)
    assert referrals.splitlines()[:2] == ["0 given · — to A", "0 received + 0 intros · — from A"]
    assert imbalance == "even with everyone"
