"""Suggested introductions on the intros screen (4): pairs where one seeks what the other
offers, A network first; enter starts the wizard with both and why filled, x dismisses.

The frozen demo's first suggestion: Wen Takahashi (seeks "two junior data engineers") and
Olu Ahmed (offers "mentoring junior engineers"), both talked with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual.widgets import Input, OptionList
from tui_helpers import SIZE, notes, option_texts, wait_for

from netdesk.store.repo import Repo
from netdesk.tui import background
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import WHY, IntroWizard
from netdesk.tui.screens.intros import IntrosScreen
from netdesk.tui.widgets.snippet import MATCH_STYLE
from netdesk.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import MakeApp

WEN, OLU = 18, 19
FIRST = (
    " suggest  Wen Takahashi ↔ Olu Ahmed  both A · matched: junior, engineers\n"
    "          seeks two junior data engineers\n"
    "          offers mentoring junior engineers"
)


def intros(app: NetdeskApp) -> IntrosScreen:
    screen = app.screen
    assert isinstance(screen, IntrosScreen)
    return screen


async def to_first_suggestion(app: NetdeskApp) -> None:
    screen = intros(app)
    listing = screen.query_one("#intros", OptionList)
    listing.highlighted = listing.get_option_index("m0")
    assert screen.current_match is not None


async def test_suggestions_show_the_pair_and_the_words_that_matched(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        rows = option_texts(intros(app).query_one("#intros", OptionList))
        start = rows.index("Suggested: one seeks what the other offers (8)")
        assert rows[start + 1] == FIRST
        assert rows.index("Closed (2)") == start + 9  # above the closed introductions
        both_a = [r for r in rows[start + 1 : start + 9] if "both A" in r]
        assert rows[start + 1 : start + 1 + len(both_a)] == both_a  # the A network first
        prompt = intros(app).query_one("#intros", OptionList).get_option_at_index(start + 1)
        assert isinstance(prompt.prompt, Wrapped)
        content = prompt.prompt.content
        text = content.plain
        picked = [text[s.start : s.end] for s in content.spans if s.style == MATCH_STYLE]
        assert picked == ["junior", "engineers", "junior", "engineers"]  # seeks, then offers


async def test_enter_opens_the_wizard_with_both_people_and_why(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await to_first_suggestion(app)
        await pilot.press("enter")
        wizard = app.screen
        assert isinstance(wizard, IntroWizard)
        assert (wizard.a and wizard.a.id, wizard.b and wizard.b.id) == (WEN, OLU)
        assert wizard.step == WHY
        assert wizard.query_one("#reason", Input).value == (
            "Wen is looking for two junior data engineers, and Olu offers mentoring junior"
            " engineers"
        )
        await pilot.press("ctrl+n")  # why is filled: on to the litmus step, saved
        assert any(i.a_id == WEN and i.b_id == OLU for i in app.repo.intros)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, IntrosScreen))
        assert FIRST not in option_texts(intros(app).query_one("#intros", OptionList))


async def test_x_dismisses_a_suggestion_for_good(make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    before = len(app.repo.suggested_matches(1000))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await to_first_suggestion(app)
        await pilot.press("x")
        assert notes(app)[-1] == (
            "Wen Takahashi and Olu Ahmed will not be suggested again. · u undo"
        )
        rows = option_texts(intros(app).query_one("#intros", OptionList))
        assert FIRST not in rows
    app.repo.close()
    with Repo.open(db_path) as reopened:  # kept in the file, not just on screen
        pairs = {(m.seeker_id, m.provider_id) for m in reopened.suggested_matches(1000)}
        assert (WEN, OLU) not in pairs and len(pairs) == before - 1


async def test_x_on_an_introduction_says_it_is_for_suggestions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "x")
        assert notes(app)[-1] == "Select a suggested match to dismiss it."
        assert len(app.repo.dismissals) == 0


async def test_at_scale_the_matches_are_worked_out_in_a_worker(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "IN_PLACE_BELOW", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: intros(app).matches_ready)
        await pilot.pause()
        assert FIRST in option_texts(intros(app).query_one("#intros", OptionList))


async def test_a_failed_build_says_so_and_is_tried_again_on_the_next_visit(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "IN_PLACE_BELOW", 0)
    app = make_app()
    repo = app.repo
    build = repo.matchmaker
    failures = ["the index is busy"]

    def flaky() -> object:
        if failures:
            raise RuntimeError(failures.pop())
        return build()

    monkeypatch.setattr(repo, "matchmaker", flaky)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: not intros(app).building_matches)
        assert notes(app)[-1] == (
            "Suggested matches could not be worked out (the index is busy); they are tried"
            " again the next time you come to this screen."
        )
        assert not intros(app).matches_ready
        await pilot.press("1", "4")
        await wait_for(pilot, lambda: intros(app).matches_ready)
        await pilot.pause()
        assert FIRST in option_texts(intros(app).query_one("#intros", OptionList))
