"""The wizard mounts only the step shown; what was typed in a step outlives it.

Demo introduction 3 is agreed (Zofia Kim ↔ Ivan Yilmaz), so the wizard opens on the
introduction; 1 is a draft with a reason, which opens on the asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_intros import area, open_intro, text_of, wizard
from textual.containers import Container
from tui_helpers import SIZE, paste

from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.intro_wizard import ASK, INTRODUCE, WHY

if TYPE_CHECKING:
    from conftest import MakeApp


def shown_steps(app: NetdeskApp) -> list[str | None]:
    steps = wizard(app).query_one("#wiz-steps", Container)
    return [child.id for child in steps.children]


async def test_only_the_current_step_is_mounted(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 1)
        assert wizard(app).step == ASK
        assert shown_steps(app) == [f"step-{ASK}"]
        assert not wizard(app).query("#reason")  # the why step's fields are not there
        await pilot.press("ctrl+b", "ctrl+b")
        assert wizard(app).step == WHY
        assert shown_steps(app) == [f"step-{WHY}"]
        assert not wizard(app).query("#ask-a")


async def test_an_edit_outlives_its_step(make_app: MakeApp) -> None:
    """An edited introduction is still in the preview on the asks, and back in its field."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 3)
        assert wizard(app).step == INTRODUCE
        text = area(app, "intro-text")
        text.cursor_location = text.document.end
        await paste(pilot, " PS: you both sail.")
        edited = text.text
        await pilot.press("ctrl+b")
        assert wizard(app).step == ASK
        assert text_of(app, "preview").endswith("PS: you both sail.")
        await pilot.press("ctrl+n")
        assert wizard(app).step == INTRODUCE
        assert area(app, "intro-text") is not text  # a new field, with the same text
        assert area(app, "intro-text").text == edited


async def test_the_steps_pane_shows_where_focus_is(make_app: MakeApp) -> None:
    """Its border takes another colour while focus is in the step, as on every pane."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 1)
        steps = wizard(app).query_one("#wiz-steps", Container)
        inside = steps.styles.border_top
        wizard(app).query_one("#wiz-preview").focus()
        await pilot.pause()
        assert steps.styles.border_top != inside
        area(app, "ask-b").focus()
        await pilot.pause()
        assert steps.styles.border_top == inside
