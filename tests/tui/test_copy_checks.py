"""ctrl+y copies only what its send key would accept: an unfilled {placeholder} is refused with
the same reason, and nothing reaches the clipboard (composer, wizard ask, introducer request)."""

from __future__ import annotations

from conftest import MakeApp
from test_intros import REASON, area, start_on
from test_targets import MARGIT, open_target
from test_workspace import INES, PERSONAL, body, select
from tui_helpers import SIZE, enter_text, notes, paste

from netdesk.domain.models import TargetStatus


async def test_composer_copy_refuses_an_unfilled_placeholder(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c", "ctrl+y")
        assert notes(app)[-1] == (
            "The message to Ines Evans was not copied: Fill in or remove {personal} before sending."
        )
        assert app.clipboard == ""
        await pilot.press("ctrl+s")  # the send key gives the same reason
        assert notes(app)[-1] == "Not sent: Fill in or remove {personal} before sending."

        await paste(pilot, PERSONAL)
        await pilot.press("ctrl+y")
        assert app.clipboard == body(app).text
        assert notes(app)[-1] == (
            "Copied the message to Ines Evans (through your terminal, OSC 52)."
        )


async def test_wizard_copy_refuses_an_ask_with_an_unfilled_placeholder(make_app: MakeApp) -> None:
    """Ines Evans has nothing that sets her apart, so Noor's ask keeps {b_credential}."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "ines evans")
        await pilot.press("enter", "enter")
        await paste(pilot, REASON)
        await pilot.press("ctrl+n", "ctrl+n")
        assert "{b_credential}" in area(app, "ask-a").text
        await pilot.press("ctrl+y")
        assert notes(app)[-1] == (
            "The ask to Noor Reyes was not copied: Fill in or remove {b_credential} before sending."
        )
        assert app.clipboard == ""
        await pilot.press("ctrl+s")  # the side in focus is named each time
        assert notes(app)[-1] == (
            "The ask to Noor Reyes is not marked asked: "
            "Fill in or remove {b_credential} before sending."
        )
        await pilot.press("tab", "ctrl+y")  # Ines's ask about Noor is complete
        assert app.clipboard == area(app, "ask-b").text
        assert notes(app)[-1].startswith("Copied the ask to Ines Evans (")


async def test_introducer_request_copy_refuses_an_unfilled_placeholder(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("ctrl+y")
        assert notes(app)[-1] == (
            "The request to Ines Petrov was not copied: "
            "Fill in or remove {personal} before sending."
        )
        assert app.clipboard == ""
        await pilot.press("ctrl+s")
        assert notes(app)[-1] == "Not marked: Fill in or remove {personal} before sending."
        assert app.repo.targets.get(MARGIT).status is TargetStatus.OPEN  # type: ignore[union-attr]
