"""Call-log leads (issue 13): the person on the call is not their own lead, every way of writing
"Name, Company" splits the two, and the request to the introducer reads as a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList, Static, TextArea
from tui_helpers import SIZE, notes, plain

from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.call_form import CallForm
from netdesk.tui.screens.calls import CallsScreen
from netdesk.tui.screens.targets import FinderScreen, TargetsScreen

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too

LEADS = "\n".join(
    [
        "Ada Byron - Acme",
        "Bo Chen – Lumen Studios – runs the tender team",
        "Cy Dara — Harbor Capital",
        "Di Eng at Orbital Freight — is hiring a data lead",
        "Ed Fox, Meridian Telecom — she buys the routers",
    ]
)


def form(app: NetdeskApp) -> CallForm:
    screen = app.screen
    assert isinstance(screen, CallForm)
    return screen


async def test_the_person_themselves_is_refused_as_a_lead(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "l")  # Paula López's booked call
        form(app).query_one("#leads", TextArea).text = "Ada Byron - Acme\npaula  lopez - Harbor"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CallForm)
        assert plain(app.screen.query_one("#form-error", Static)) == (
            "Could introduce: paula lopez is the person you talked to, not someone they could "
            "introduce you to."
        )
        assert all(t.name != "Ada Byron" for t in app.repo.targets)


async def test_each_dash_and_at_split_name_and_company(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "l")
        form(app).query_one("#leads", TextArea).text = LEADS
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CallsScreen)
        assert notes(app)[-1].startswith("Call logged: Paula López is now in your A network.")
        added = {t.name: (t.company, t.why) for t in app.repo.targets if t.source_call_id}
        assert {name: added[name] for name in ("Ada Byron", "Bo Chen", "Cy Dara", "Di Eng")} == {
            "Ada Byron": ("Acme", ""),
            "Bo Chen": ("Lumen Studios", "runs the tender team"),
            "Cy Dara": ("Harbor Capital", ""),
            "Di Eng": ("Orbital Freight", "is hiring a data lead"),
        }
        assert added["Ed Fox"] == ("Meridian Telecom", "she buys the routers")


async def test_the_request_for_a_lead_reads_as_a_sentence(make_app: MakeApp) -> None:
    """'runs the tender team', typed as the lead's why, becomes 'because Bo runs …'."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "down", "l")
        form(app).query_one("#leads", TextArea).text = LEADS
        await pilot.press("ctrl+s")
        await pilot.press("5")
        screen = app.screen
        assert isinstance(screen, TargetsScreen)
        bo = next(t for t in app.repo.targets if t.name == "Bo Chen")
        targets = screen.query_one("#targets", OptionList)
        targets.highlighted = targets.get_option_index(str(bo.id))
        await pilot.press("enter")
        assert isinstance(app.screen, FinderScreen)
        request = app.screen.query_one("#request", TextArea).text
        assert request.startswith(
            "Hi Paula, I hope you're well! I'd really like to talk to Bo Chen at Lumen Studios "
            "because Bo runs the tender team, and I see you two are connected."
        )
