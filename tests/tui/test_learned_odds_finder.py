"""The introducer finder learns from your asks: w records how asking one went, and once five
asks at a closeness level have an answer, your rate shows beside the assumed one.

Demo target 2, Margit Halvorsen: introducers Dmitri Wong (15, acquaintance) and Ines Petrov,
Zofia Kim, Wen Takahashi (16-18, know well); target 3's introducer Olu Ahmed (19) is known
well too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList, Static
from tui_helpers import FROZEN, SIZE, notes, option_texts, plain

from netdesk.domain.models import OptInAnswer, Target
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.screens.targets import FinderScreen

if TYPE_CHECKING:
    from conftest import MakeApp

MARGIT, INES = 2, 16
ASSUMED = (
    "Odds by closeness: close 80% · know well 50% · acquaintance 20% · met once 5% ·"
    " unknown 1% · blind 4%"
)


def finder(app: NetdeskApp) -> FinderScreen:
    screen = app.screen
    assert isinstance(screen, FinderScreen)
    return screen


def odds_line(app: NetdeskApp) -> str:
    return plain(finder(app).query_one("#learned-odds", Static))


async def open_finder(app: NetdeskApp) -> None:
    app.push_screen(FinderScreen(MARGIT))
    await app.workers.wait_for_complete()


async def test_the_assumed_odds_and_the_blind_baseline_show_before_any_answer(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_finder(app)
        await pilot.pause()
        assert odds_line(app) == ASSUMED


async def test_w_records_how_the_ask_went(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_finder(app)
        await pilot.pause()
        assert finder(app).current_id == INES  # the best path
        await pilot.press("w")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert option_texts(prompt.query_one(OptionList)) == [
            "Agreed to introduce me",
            "Agreed, and the introduction happened",
            "Introduced, and I held a call with them",
            "Declined",
            "No answer: I stopped waiting",
            "Still waiting",
        ]
        await pilot.press("down", "down", "enter")
        target = app.repo.targets.get(MARGIT)
        assert target is not None
        ines = next(i for i in target.introducers if i.contact_id == INES)
        assert (ines.answer, ines.introduced, ines.call_held) == (OptInAnswer.AGREED, True, True)
        assert (ines.asked_at, ines.asked_closeness) == (FROZEN, 3)
        assert notes(app)[-1] == (
            "Asking Ines Petrov: introduced, and I held a call with them. · u undo"
        )
        row = option_texts(finder(app).query_one("#introducers", OptionList))[0]
        assert row.endswith("· agreed, introduced, call held")
        assert odds_line(app) == ASSUMED  # one answer is not enough to learn from


async def test_five_answers_at_a_level_show_your_own_rate(make_app: MakeApp) -> None:
    """Four known-well introducers declined and one agreed: 1 of 5 with a prior of 50 %
    weighing four asks is (4 × 0.5 + 1) / (4 + 5) = 33 %."""
    app = make_app()
    repo = app.repo
    extra = repo.save_target(Target("Pia Holm"), FROZEN)
    repo.add_introducers(extra.id, [INES], FROZEN)  # asked about another target before
    answers = [
        (MARGIT, 17, OptInAnswer.DECLINED),
        (MARGIT, 18, OptInAnswer.DECLINED),
        (3, 19, OptInAnswer.NO_ANSWER),
        (extra.id, INES, OptInAnswer.DECLINED),
    ]
    for target_id, contact_id, answer in answers:
        repo.record_ask(target_id, contact_id, FROZEN, answer=answer)
    async with app.run_test(size=SIZE) as pilot:
        await open_finder(app)
        await pilot.pause()
        assert odds_line(app) == ASSUMED  # four answers
        await pilot.press("w", "enter")  # Ines agreed: the fifth
        assert odds_line(app) == (
            "Odds by closeness: close 80% · know well 50% → yours 33% of 5 · acquaintance 20%"
            " · met once 5% · unknown 1% · blind 4%"
        )
