"""The composer keeps what the user wrote: switching template, and copying only sendable text."""

from __future__ import annotations

from conftest import MakeApp
from test_workspace import INES, SHORT, body, select
from tui_helpers import SIZE, enter_text, notes

OUTREACH_TAIL = (
    " Would you be up for a 15-minute call (phone or video)? I'd love to hear what you do and "
    "whether I can help.\n\nSam Rivera"
)
OUTREACH = (
    "Hi Ines, we're connected here but have never actually talked. {personal}" + OUTREACH_TAIL
)
THANKS = (
    "Thank you for your time today, Ines. I really enjoyed our call. {personal} "
    "If there's ever anything I can do for you, just ask.\n\nSam Rivera"
)
TEMPLATES = 9
"""The built-in templates ctrl+g cycles through: First outreach, Follow-up, Scheduling reply,
Thanks after a call, the intro ask, the introduction, the introducer request, the thanks for
a referral or introduction, the congratulations on a new role."""


async def test_next_template_carries_the_personal_sentence(make_app: MakeApp) -> None:
    """ctrl+g puts the sentence typed into {personal} into the next template that has a
    {personal}, says where it went meanwhile, and brings it back round to the first one."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c")
        await enter_text(pilot, SHORT)
        await pilot.press("ctrl+g")  # Follow-up: no {personal} in it
        assert "Follow-up" in notes(app)[-1]
        assert SHORT not in body(app).text
        await pilot.press("ctrl+g", "ctrl+g")  # Scheduling reply, then Thanks after a call
        assert body(app).text == THANKS.replace("{personal}", SHORT)
        await pilot.press(*["ctrl+g"] * (TEMPLATES - 3))
        assert body(app).text == OUTREACH.replace("{personal}", SHORT)


async def test_next_template_keeps_an_edited_draft_reachable(make_app: MakeApp) -> None:
    """A draft edited beyond the personal sentence is not overwritten: ctrl+g says it is kept,
    and cycling round to its template shows it exactly as it was left."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c")
        area = body(app)
        edited = OUTREACH.replace("{personal}", SHORT).replace("Hi Ines", "Dear Ines")
        area.text = edited
        await pilot.pause()
        await pilot.press("ctrl+g")
        assert (
            notes(app)[-1] == "Your edited “First outreach” draft is kept: ctrl+g comes back to it."
        )
        assert area.text != edited
        await pilot.press(*["ctrl+g"] * (TEMPLATES - 1))
        assert area.text == edited
        assert notes(app)[-1] == "Back to your edited draft."
