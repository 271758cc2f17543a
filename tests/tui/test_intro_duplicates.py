"""A second introduction for a pair already under way opens the one there is (issue 13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tui_helpers import FROZEN, SIZE, enter_text, notes

from netdesk.domain.models import Intro, IntroStatus
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import ASK, PEOPLE, IntroWizard

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too

OLU, INES = 19, 16
"""Demo contacts with introduction 2 (Ines Petrov ↔ Olu Ahmed) waiting on Olu's answer."""


def wizard(app: NetdeskApp) -> IntroWizard:
    screen = app.screen
    assert isinstance(screen, IntroWizard)
    return screen


async def test_picking_a_pair_under_way_opens_their_introduction(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        count = len(app.repo.intros)
        await pilot.press("2", "slash")
        await enter_text(pilot, "olu ahmed")
        await pilot.press("enter", "i")  # a new introduction, with Olu as A
        await pilot.pause()
        assert (wizard(app).step, wizard(app).intro.id) == (PEOPLE, 0)

        await enter_text(pilot, "ines petrov")
        await pilot.press("enter")  # B picked: the pair is complete
        await pilot.press("ctrl+n")  # on to the next step: this pair has one under way
        await pilot.pause()

        screen = wizard(app)
        assert screen.intro.id == 2
        assert screen.step == ASK  # where it is waiting
        assert len(app.repo.intros) == count
        assert notes(app)[-1] == (
            "Olu Ahmed and Ines Petrov already have an introduction under way (asking): opened it."
        )
        await pilot.press("escape")
        assert not isinstance(app.screen, IntroWizard)


def test_the_repo_refuses_a_second_introduction_for_a_pair_under_way(make_app: MakeApp) -> None:
    app = make_app()
    with pytest.raises(ValueError, match="already have an introduction under way"):
        app.repo.save_intro(Intro(INES, OLU, reason="again"), FROZEN)
    met_or_declined = [
        i for i in app.repo.intros if i.status in (IntroStatus.MET, IntroStatus.DECLINED)
    ]
    for intro in met_or_declined:  # once met or declined, introducing them again is allowed
        saved = app.repo.save_intro(Intro(intro.b_id, intro.a_id, reason="again"), FROZEN)
        assert saved.id
