"""`d` on new outreach logs what was done and counts it; the progress line is honest at any cap;
a snooze into the past is refused (issue 13)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.widgets import Input, Label, OptionList, Static
from tui_helpers import FROZEN, SIZE, notes, plain, screen_text

from netdesk.domain.dates import DAY_EXAMPLES
from netdesk.domain.models import MessageKind, Stage
from netdesk.domain.queue import ItemKind
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import WhenPrompt
from netdesk.tui.screens.workspace import WorkspaceScreen

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too


def workspace(app: NetdeskApp) -> WorkspaceScreen:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    return screen


def progress(app: NetdeskApp) -> str:
    return plain(workspace(app).query_one("#progress", Static))


def new_outreach(app: NetdeskApp) -> list[int]:
    return [i.contact_id for i in workspace(app).items if i.kind is ItemKind.NEW_OUTREACH]


async def test_d_on_new_outreach_logs_it_and_counts_today(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert progress(app) == "1 of 5 new outreach done today"
        fresh = new_outreach(app)
        assert len(fresh) == 4
        await pilot.press("end")  # the last new outreach person
        person = workspace(app).current_id
        assert person == fresh[-1]

        await pilot.press("d")

        (logged,) = app.repo.messages_for(person)
        assert (logged.kind, logged.sent_at) == (MessageKind.OUTREACH, FROZEN)
        contact = app.repo.contacts.get(person)
        assert contact is not None and contact.stage is Stage.CONTACTED
        assert progress(app) == "2 of 5 new outreach done today"
        assert new_outreach(app) == fresh[:3]  # the cap counts it: three places are left
        assert app.repo.outreach_done(FROZEN.date()) == 2

        await pilot.press("6")
        assert plain(app.screen.query_one("#today", Static)).startswith("2 of 5")


async def test_progress_is_never_0_of_0_after_people_were_done(make_app: MakeApp) -> None:
    """With the daily cap at 0 (and one person written to today) the line says what happened."""
    app = make_app()
    app.repo.save_settings(dataclasses.replace(app.repo.settings(), daily_cap=0))
    async with app.run_test(size=SIZE):
        assert progress(app) == "1 new outreach done today · daily cap 0: none suggested"
        assert new_outreach(app) == []


async def test_past_the_cap_the_count_is_not_clipped(make_app: MakeApp) -> None:
    app = make_app()
    app.repo.save_settings(dataclasses.replace(app.repo.settings(), daily_cap=2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "d")
        assert progress(app) == "2 of 2 new outreach done today"
        assert new_outreach(app) == []
        someone = next(c.id for c in app.repo.contacts if c.stage is Stage.NEW)
        app.repo.mark_sent(someone, MessageKind.OUTREACH, "Hello there", "mine", FROZEN)
        await pilot.press("2", "1")  # away and back: the queue is read again
        assert progress(app) == "3 new outreach done today · over the daily cap of 2"


async def test_snoozing_into_the_past_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        person = workspace(app).current_id
        await pilot.press("s")
        prompt = app.screen
        assert isinstance(prompt, WhenPrompt)
        prompt.query_one(Input).value = "yesterday"
        await pilot.press("enter")
        assert app.screen is prompt
        assert plain(prompt.query_one("#preview", Label)) == (
            "Snooze until: Sun 22 Nov 2026 is in the past; pick today or a later day."
        )
        prompt.query_one(Input).value = "zz"
        await pilot.pause()
        assert plain(prompt.query_one("#preview", Label)) == (
            f"Snooze until: could not read 'zz' as a date. Try one of: {DAY_EXAMPLES}."
        )
        await pilot.press("escape")
        contact = app.repo.contacts.get(person or 0)
        assert contact is not None and contact.snoozed_until is None
        assert notes(app) == []
        assert workspace(app).query_one("#queue", OptionList).has_focus


async def test_the_examples_are_shown_in_full_at_80x24(make_app: MakeApp) -> None:
    """The error wraps inside the prompt: the last example is on screen, not cut off."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        app.screen.query_one(Input).value = "zz"
        await pilot.pause()
        inside = [  # each line of the dialog, between its two frame edges
            line[line.index("█") + 1 : line.rindex("█")]
            for line in screen_text(app).splitlines()
            if line.count("█") >= 2
        ]
        shown = " ".join(" ".join(inside).split())
        assert " ".join(f"Try one of: {DAY_EXAMPLES}.".split()) in shown
