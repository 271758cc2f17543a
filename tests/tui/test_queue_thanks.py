"""Closing the loop: the queue's "thank NAME" items, the thank-you template that names what
happened, and marking it sent recording the thanks on the referral or the target.

The frozen demo with its referrals: Ines Petrov (16) sent you Uma Quinn (closed lost), Dmitri
Wong (15) sent you Nikolai Fischer (closed won, "a six-month contract"); neither thanked.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.widgets import OptionList, TextArea
from tui_helpers import FROZEN, SIZE, build_demo_db, enter_text, notes, option_texts

from netdesk.domain.models import MessageKind, TargetStatus
from netdesk.domain.queue import ItemKind
from netdesk.domain.queue_actions import DONE_OUTSIDE
from netdesk.domain.templates import THANK_YOU_NAME
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.composer import Composer

if TYPE_CHECKING:
    from conftest import MakeApp

DMITRI, INES = 15, 16


@pytest.fixture(scope="session")
def referrals_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_db(tmp_path_factory.mktemp("thanks") / "netdesk.json", referrals=True)


@pytest.fixture
def db_path(tmp_path: Path, referrals_demo: Path) -> Path:
    """This module's apps open the demo with its referrals (overrides conftest's)."""
    shutil.copytree(referrals_demo.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / referrals_demo.name


def workspace(app: NetdeskApp) -> WorkspaceScreen:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    return screen


async def select_thanks_to(app: NetdeskApp, contact_id: int) -> None:
    screen = workspace(app)
    n = next(
        n
        for n, item in enumerate(screen.items)
        if item.kind is ItemKind.THANK_YOU and item.contact_id == contact_id
    )
    queue = screen.query_one("#queue", OptionList)
    queue.highlighted = queue.get_option_index(str(n))


async def test_the_queue_lists_the_thanks_due_after_the_introductions(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE):
        rows = option_texts(workspace(app).query_one("#queue", OptionList))
        start = rows.index("Thanks to send (2)")
        assert rows[start - 3] == "Introductions waiting (2)"
        assert rows[start + 1 : start + 3] == [
            " Ines Petrov\n   Thank Ines Petrov: their referral of Uma Quinn is closed lost",
            " Dmitri Wong\n   Thank Dmitri Wong: their referral of Nikolai Fischer is closed won",
        ]


async def test_compose_fills_the_thank_you_and_sending_records_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select_thanks_to(app, DMITRI)
        await pilot.press("c")
        composer = workspace(app).query_one(Composer)
        assert composer.draft is not None and composer.draft.kind is MessageKind.THANK_YOU
        text = composer.query_one(TextArea).text
        assert text.startswith(
            "Hi Dmitri, thank you for sending Nikolai Fischer my way (warehouse robotics pilot);"
            " we ended up working together: a six-month contract."
        )
        await enter_text(pilot, "The first month went really well.")
        await pilot.press("ctrl+s")
        referral = next(r for r in app.repo.referrals if r.giver_id == DMITRI)
        assert referral.thanked_at == FROZEN
        sent = [m for m in app.repo.messages_for(DMITRI) if m.kind is MessageKind.THANK_YOU]
        assert len(sent) == 1 and sent[0].template == THANK_YOU_NAME
        assert "The first month went really well." in sent[0].body
        assert notes(app)[-1] == "Thanked Dmitri Wong: recorded on the referral. · u undo"
        assert all(i.contact_id != DMITRI for i in workspace(app).items)
        await pilot.press("u")
        assert next(r for r in app.repo.referrals if r.giver_id == DMITRI).thanked_at is None


async def test_d_records_a_thank_you_given_outside_netdesk(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select_thanks_to(app, INES)
        await pilot.press("d")
        referral = next(r for r in app.repo.referrals if r.giver_id == INES and r.need)
        assert referral.thanked_at == FROZEN
        (message,) = [m for m in app.repo.messages_for(INES) if m.kind is MessageKind.THANK_YOU]
        assert message.body == DONE_OUTSIDE
        assert "Thanks to send (1)" in option_texts(workspace(app).query_one("#queue", OptionList))


async def test_a_target_reached_through_an_introducer_owes_them_thanks(
    make_app: MakeApp,
) -> None:
    """Margit (target 2) asked via Ines, now reached: thanking records it on the target."""
    app = make_app()
    repo = app.repo
    target = repo.targets.get(2)
    assert target is not None
    repo.mark_target_asked(target.id, INES, "Could you introduce me?", FROZEN)
    repo.set_target_status(target.id, TargetStatus.REACHED)
    for referral in [r for r in repo.referrals if r.giver_id == INES]:
        repo.thank_referral(referral.id, FROZEN)  # only the target's thanks is left for Ines
    async with app.run_test(size=SIZE) as pilot:
        await select_thanks_to(app, INES)
        item = workspace(app).current_item
        assert item is not None and item.thank is not None
        assert item.reason == (
            "Thank Ines Petrov: Margit Halvorsen at Zephyr Air through them, now reached"
        )
        await pilot.press("c")
        text = workspace(app).query_one(Composer).query_one(TextArea).text
        assert "thank you for introducing me to Margit Halvorsen at Zephyr Air;" in text
        await enter_text(pilot, "It meant a lot.")
        await pilot.press("ctrl+s")
        stored = repo.targets.get(2)
        assert stored is not None and stored.thanked_at == FROZEN
        assert notes(app)[-1] == "Thanked Ines Petrov: recorded on the target. · u undo"


async def test_other_notes_from_the_queue_are_sent_as_before(make_app: MakeApp) -> None:
    """The thank-you handler leaves every other kind to the person screen's."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = workspace(app)
        first = screen.current_item
        assert first is not None and first.kind is ItemKind.FOLLOW_UP
        await pilot.press("c")
        await enter_text(pilot, "Just checking in.")
        await pilot.press("ctrl+s")
        contact = app.repo.contacts.get(first.contact_id)
        assert contact is not None and contact.followed_up_on == FROZEN.date()
        assert not [m for m in app.repo.messages if m.kind is MessageKind.THANK_YOU]
        assert all(r.thanked_at is None for r in app.repo.referrals if r.giver_id in (15, 16))
