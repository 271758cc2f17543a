"""The targets list and the finder show the same best path and odds (issue 13): an introducer
marked do-not-contact is not a path, and no introducer below a blind ask's 4 % is either."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_helpers import FROZEN, SIZE, option_texts, plain

from netdesk.domain.models import Introducer, Target
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.targets import FinderScreen, TargetsScreen

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too

DMITRI, INES = 15, 16
"""Demo contacts: Dmitri Wong (acquaintance), Ines Petrov (know well)."""


def detail_lines(app: NetdeskApp) -> dict[str, str]:
    """Each listed target's name and the line under it."""
    listed = option_texts(app.screen.query_one("#targets", OptionList))
    return {t.split("\n")[0].split(" · ")[0].strip(): t.split("\n")[1].strip() for t in listed}


async def finder_summary(pilot: Pilot[int], target_id: int) -> str:
    """The finder's facts line for one target, opened from the list with enter."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, TargetsScreen)
    targets = screen.query_one("#targets", OptionList)
    targets.highlighted = targets.get_option_index(str(target_id))
    await pilot.press("enter")
    finder = app.screen
    assert isinstance(finder, FinderScreen)
    return plain(finder.query_one("#target-summary", Static)).splitlines()[2]


async def test_list_and_finder_agree_when_the_top_introducer_cannot_be_asked(
    make_app: MakeApp,
) -> None:
    app = make_app()
    app.repo.set_do_not_contact(DMITRI, FROZEN)
    skip_dnc = app.repo.save_target(
        Target(
            "Rae Sun",
            "Acme",
            why="she runs procurement",
            introducers=[
                Introducer(DMITRI, 2, 4),  # 16 %, but marked do not contact
                Introducer(INES, 3, 2),  # 10 %
            ],
        )
    )
    blind = app.repo.save_target(
        Target("Lo Wu", "Lumen", why="he leads design", introducers=[Introducer(INES, 3, 0)])
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        lines = detail_lines(app)
        assert lines["Rae Sun"] == "best path 10% via Ines Petrov · 2 introducers"
        assert lines["Lo Wu"] == "best path 4%: a blind ask beats every introducer"

        assert (await finder_summary(pilot, skip_dnc.id)).startswith(lines["Rae Sun"] + " · ")
        finder = app.screen
        assert isinstance(finder, FinderScreen)
        assert finder.current_id == INES  # the best path is what is selected first
        await pilot.press("escape")

        assert (await finder_summary(pilot, blind.id)).startswith(lines["Lo Wu"] + " · ")
