"""Hard targets and the introducer finder, by keyboard, on the frozen demo network.

Demo targets: 1 Keiko Quinn (a lead from Dmitri Wong's call), 2 Margit Halvorsen (four
introducers), 3 Tobias Rahm (asked via Olu Ahmed five days ago). Odds follow DESIGN §5:
p(4)=0.8, p(3)=0.5, p(2)=0.2, p(1)=0.05, p(0)=0.01; a blind ask is 4 %.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.pilot import Pilot
from textual.widgets import OptionList, SelectionList, Static, TextArea
from tui_helpers import FROZEN, SIZE, enter_text, notes, option_texts, paste, plain

from netdesk.domain.models import (
    Contact,
    Introducer,
    Message,
    MessageKind,
    Target,
    TargetStatus,
)
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.mutuals import MutualsDialog, contact_from_name
from netdesk.tui.screens.pickers import ChoicePrompt, ContactPicker
from netdesk.tui.screens.targets import FinderScreen, TargetForm, TargetsScreen

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too


DMITRI, INES, ZOFIA, WEN, OLU = 15, 16, 17, 18, 19
MARGIT = 2

TARGETS = [
    " Keiko Quinn · Brightline Health  open\n   best path 10% via Dmitri Wong",
    " Margit Halvorsen · Zephyr Air  open\n   best path 25% via Ines Petrov · 4 introducers",
    " Tobias Rahm · Helix Bio  asked\n   asked via Olu Ahmed 5 days ago"
    " · best path 25% via Olu Ahmed",
]
MARGIT_RANKING = [
    "  25%  Ines Petrov\n      you: know well · Margit: know well · 0 asks in 90d",
    "  16%  Dmitri Wong\n      you: acquaintance · Margit: close · 0 asks in 90d",
    "  10%  Wen Takahashi\n      you: know well · Margit: acquaintance · 0 asks in 90d",
    "  10%  Zofia Kim\n      you: know well · Margit: acquaintance · 0 asks in 90d",
    "   4%  blind ask: a cold message, no introducer",
]
PASTED = """Ines Petrov
View Ines Petrov’s profile
 • 1st
Customer Success Lead at Atlas Insurance
Message
Wen Takahashi
View Wen Takahashi’s profile
 • 1st
Recruiter at Atlas Insurance
Message
Zofia Kim
View Zofia Kim’s profile
 • 1st
Research Scientist at Lumen Studios
Olu Ahmed
View Olu Ahmed’s profile
 • 1st
Priya Lindgren
View Priya Lindgren’s profile
 • 2nd
Cold chain consultant
Oslo, Norway
Connect
"""
WHY = "she runs cold-chain logistics for their vaccine trials"
ABOUT_ME = (
    "I plan temperature-controlled routes for pharma and would love to hear how Helix does it."
)
REQUEST_TO_OLU = (
    "Hi Olu, I hope you're well! I'd really like to talk to Lena Marquardt at Helix Bio "
    f"because {WHY}, and I see you two are connected. Would you be comfortable introducing "
    "us? I've written a short note below that you can forward as it is, so it should only "
    "take a minute. And no worries at all if you'd rather not.\n\n"
    f"Hi Lena, I'm Sam Rivera. {ABOUT_ME} Would you have 15 minutes for a call (phone or "
    "video) in the next few weeks? I'd be grateful.\nSam Rivera\n\nThank you!\nSam Rivera"
)


def finder(app: NetdeskApp) -> FinderScreen:
    screen = app.screen
    assert isinstance(screen, FinderScreen)
    return screen


def ranking(app: NetdeskApp) -> list[str]:
    return option_texts(app.screen.query_one("#introducers", OptionList))


def text_of(app: NetdeskApp, widget_id: str) -> str:
    return plain(app.screen.query_one(f"#{widget_id}", Static))


def request(app: NetdeskApp) -> TextArea:
    return app.screen.query_one("#request", TextArea)


async def open_target(pilot: Pilot[int], target_id: int) -> None:
    """The targets list (5), down to `target_id`, enter."""
    await pilot.press("5")
    screen = pilot.app.screen
    assert isinstance(screen, TargetsScreen)
    for _ in range(len(screen.targets)):
        if screen.current_target == target_id:
            break
        await pilot.press("down")
    assert screen.current_target == target_id
    await pilot.press("enter")
    await pilot.pause()


async def highlight(pilot: Pilot[int], contact_id: int) -> None:
    screen = finder(pilot.app)  # type: ignore[arg-type]
    await pilot.press("home")
    for _ in range(len(screen.ranked) + 1):
        if screen.current_id == contact_id:
            return
        await pilot.press("down")
    assert screen.current_id == contact_id


# --- the list --------------------------------------------------------------------------------


async def test_targets_list_shows_the_best_path(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert option_texts(app.screen.query_one("#targets", OptionList)) == TARGETS
        assert text_of(app, "targets-summary") == (
            "3 targets   a blind ask works about 4% of the time   2 leads from calls to promote (p)"
        )


async def test_finder_ranks_introducers_against_the_blind_baseline(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        assert text_of(app, "target-summary") == (
            "Margit Halvorsen at Zephyr Air   open   https://www.linkedin.com/in/margit-halvorsen\n"
            "Why: she runs the cargo division I would like to work with\n"
            "best path 25% via Ines Petrov · 4 introducers · a blind ask: 4%"
        )
        assert ranking(app) == MARGIT_RANKING
        assert finder(app).current_id == INES
        assert request(app).text.startswith("Hi Ines, I hope you're well!")
        assert request(app).selected_text == "{personal}"
        assert text_of(app, "request-status") == (
            "529/8000  ·  write {personal}  ·  ctrl+y copy · ctrl+s mark asked"
        )
        await pilot.press("down")
        assert request(app).text.startswith("Hi Dmitri, I hope you're well!")


# --- add a target, paste mutuals, rank, draft, mark asked ------------------------------------


async def test_add_target_paste_mutuals_rank_draft_and_ask(make_app: MakeApp) -> None:
    app = make_app()
    twin = app.repo.contacts.insert(Contact("Wen", "Takahashi", company="Orbital Freight"))
    async with app.run_test(size=SIZE) as pilot:
        contacts = len(app.repo.contacts)
        await pilot.press("5", "n")
        assert isinstance(app.screen, TargetForm)
        await enter_text(pilot, "Lena Marquardt")
        await pilot.press("tab")
        await enter_text(pilot, "Helix Bio")
        await pilot.press("tab", "tab")
        await paste(pilot, WHY)
        await pilot.press("ctrl+s")

        # The new target opens in the finder, with nobody to ask yet.
        screen = finder(app)
        assert screen.target == Target("Lena Marquardt", "Helix Bio", why=WHY, id=4)
        assert ranking(app) == [
            "   4%  blind ask: a cold message, no introducer",
            "No introducers yet: a adds one from your contacts, m pastes a "
            "mutual-connections list.",
        ]

        # Paste LinkedIn's mutual list: names are found among the headlines and buttons.
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, MutualsDialog)
        await paste(pilot, PASTED)
        await pilot.press("ctrl+s")
        assert plain(dialog.query_one("#review-summary", Static)) == (
            "5 names found: 4 in your contacts, 1 not."
        )
        matched = dialog.query_one("#matched", SelectionList)
        assert [str(matched.get_option_at_index(n).prompt) for n in range(5)] == [
            "Ines Petrov  Customer Success Lead at Atlas Insurance",
            "Wen Takahashi  Recruiter at Atlas Insurance (same name as another contact: tick "
            "the right one)",
            "Wen Takahashi  Orbital Freight (same name as another contact: tick the right one)",
            "Zofia Kim  Research Scientist at Lumen Studios",
            "Olu Ahmed  Procurement Manager at Meridian Telecom",
        ]
        assert matched.selected == [INES, ZOFIA, OLU]  # the two Wens wait for you to pick
        await pilot.press("down", "space", "tab", "space")
        assert matched.selected == [INES, ZOFIA, OLU, WEN]
        assert dialog.query_one("#unmatched", SelectionList).selected == ["Priya Lindgren"]
        await pilot.press("ctrl+s")
        assert notes(app)[-1] == (
            "Added 5 introducers (1 new contact). k sets how well each knows Lena."
        )
        priya = app.repo.contacts.get(contacts + 1)
        assert priya is not None
        assert (priya.name, priya.source, priya.notes) == (
            "Priya Lindgren",
            "mutual list",
            "A mutual connection with Lena Marquardt.",
        )
        assert twin.id not in [i.contact_id for i in screen.target.introducers]

        # Ranked: everyone you know well and who is a mutual connection beats a blind ask.
        assert ranking(app) == [
            "  10%  Ines Petrov\n      you: know well · Lena: acquaintance · 0 asks in 90d",
            "  10%  Olu Ahmed\n      you: know well · Lena: acquaintance · 0 asks in 90d",
            "  10%  Wen Takahashi\n      you: know well · Lena: acquaintance · 0 asks in 90d",
            "  10%  Zofia Kim\n      you: know well · Lena: acquaintance · 0 asks in 90d",
            "   4%  blind ask: a cold message, no introducer",
            "   0%  Priya Lindgren\n      you: unknown · Lena: acquaintance · 0 asks in 90d",
        ]

        # Olu knows her well: k moves him to the top.
        await highlight(pilot, OLU)
        await pilot.press("k")
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press("down", "down", "enter")
        assert ranking(app)[0] == (
            "  40%  Olu Ahmed\n      you: know well · Lena: close · 0 asks in 90d"
        )
        assert screen.current_id == OLU

        # Draft the request: the forwardable note waits for your own sentence.
        await pilot.press("r")
        assert request(app).has_focus
        assert request(app).selected_text == "{personal}"
        await paste(pilot, ABOUT_ME)
        assert request(app).text == REQUEST_TO_OLU
        await pilot.press("ctrl+y")
        assert app.clipboard == REQUEST_TO_OLU
        await pilot.press("ctrl+s")
        target = app.repo.targets.get(4)
        assert target is not None
        assert (target.status, target.asked_via, target.asked_at) == (
            TargetStatus.ASKED,
            OLU,
            FROZEN,
        )
        sent = app.repo.messages_for(OLU)[-1]
        assert (sent.kind, sent.body, sent.sent_at) == (
            MessageKind.INTRO_REQUEST,
            REQUEST_TO_OLU,
            FROZEN,
        )
        assert ranking(app)[0] == (
            "  40%  Olu Ahmed  · asked for this target\n"
            "      you: know well · Lena: close · 1 ask in 90d"
        )
        assert notes(app)[-1] == (
            "Marked asked: Olu Ahmed, about Lena Marquardt at Helix Bio. "
            "Record what comes of it with s."
        )


async def test_mark_asked_refused_until_your_sentence_is_written(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("ctrl+s")
        assert notes(app)[-1] == "Not marked: Fill in or remove {personal} before sending."
        assert app.repo.targets.get(MARGIT).status is TargetStatus.OPEN  # type: ignore[union-attr]


async def test_favour_ledger_warns_past_two_asks(make_app: MakeApp) -> None:
    """Two requests to Ines in 90 days: a third asks first, then the ranking warns."""
    app = make_app()
    for days in (10, 60, 120):  # the last is outside the window
        app.repo.messages.insert(
            Message(
                INES,
                MessageKind.INTRO_REQUEST,
                body=f"Could you introduce me to someone ({days})?",
                sent_at=FROZEN - timedelta(days=days),
            )
        )
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        assert ranking(app)[0] == (
            "  25%  Ines Petrov\n      you: know well · Margit: know well · 2 asks in 90d"
        )
        assert "you asked Ines 2 times in 90 days" in text_of(app, "request-status")
        await pilot.press("r")
        await paste(pilot, "I sell cargo software and admire how Zephyr runs its hubs.")
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == (
            "You already asked Ines Petrov for introductions 2 times in 90 days. Ask anyway?"
        )
        await pilot.press("y")
        assert app.repo.targets.get(MARGIT).asked_via == INES  # type: ignore[union-attr]
        assert ranking(app)[0] == (
            "  25%  Ines Petrov  · asked for this target\n"
            "      you: know well · Margit: know well · 3 asks in 90d\n"
            "      ⚠ asked 3 times in 90 days — give them a rest"
        )


async def test_add_an_introducer_from_contacts(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, ContactPicker)
        await enter_text(pilot, "noor")
        assert option_texts(picker.query_one(OptionList)) == [
            "Noor Reyes  Research Scientist at Blue Heron Media · close"
        ]
        await pilot.press("enter")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert plain(prompt.query_one(Static)) == "How well does Noor Reyes know Margit Halvorsen?"
        await pilot.press("down", "enter")  # 3 · know well
        assert ranking(app)[0] == (
            "  40%  Noor Reyes\n      you: close · Margit: know well · 0 asks in 90d"
        )
        assert app.repo.targets.get(MARGIT).introducers[-1] == Introducer(  # type: ignore[union-attr]
            21, 4, 3, ""
        )


async def test_you_know_updates_the_contact_and_remove_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await highlight(pilot, DMITRI)
        await pilot.press("y", "down", "enter")  # acquaintance → know well
        assert app.repo.contacts.get(DMITRI).closeness == 3  # type: ignore[union-attr]
        assert ranking(app)[0] == (
            "  40%  Dmitri Wong\n      you: know well · Margit: close · 0 asks in 90d"
        )
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert len(app.repo.targets.get(MARGIT).introducers) == 4  # type: ignore[union-attr]
        await pilot.press("x", "y")
        assert [i.contact_id for i in app.repo.targets.get(MARGIT).introducers] == [  # type: ignore[union-attr]
            INES,
            ZOFIA,
            WEN,
        ]


async def test_promote_a_lead_from_a_call(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "p")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert option_texts(prompt.query_one(OptionList)) == [
            "Oskar Tanaka (Pioneer Schools), from your call with Ines Petrov: they could tell me "
            "how their tender process works",
            "Goran Takahashi (Fernway Foods), from your call with Zofia Kim: they could tell me "
            "how their tender process works",
        ]
        await pilot.press("enter")
        target = app.repo.targets.get(4)
        assert target is not None
        assert (target.name, target.company, target.introducers) == (
            "Oskar Tanaka",
            "Pioneer Schools",
            [Introducer(INES, 3, 3, "offered on our call")],
        )
        assert notes(app)[-1] == "Oskar Tanaka is now a target."
        assert app.screen.current_target == 4  # type: ignore[attr-defined]


async def test_result_and_link_the_target_once_connected(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, 3)  # Tobias Rahm, asked
        await pilot.press("s", "down", "enter")
        assert app.repo.targets.get(3).status is TargetStatus.INTRODUCED  # type: ignore[union-attr]
        await pilot.press("L")
        picker = app.screen
        assert isinstance(picker, ContactPicker)
        assert option_texts(picker.query_one(OptionList)) == ["+ Add Tobias Rahm as a new contact"]
        await pilot.press("enter")
        target = app.repo.targets.get(3)
        assert target is not None
        linked = app.repo.contacts.get(target.contact_id or 0)
        assert linked is not None
        assert (linked.name, linked.company, linked.source, target.status) == (
            "Tobias Rahm",
            "Helix Bio",
            "target",
            TargetStatus.REACHED,
        )
        assert "Linked to your contact Tobias Rahm" in text_of(app, "target-summary")


async def test_escape_with_an_unsent_request_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("r")
        await enter_text(pilot, "Hello")
        await pilot.press("escape")  # from the text back to the list
        assert isinstance(app.screen, FinderScreen)
        await pilot.press("escape")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question == (
            "Your request to Ines Petrov is not marked asked and will be lost. Go back anyway?"
        )
        await pilot.press("n", "down", "up")
        assert request(app).text.startswith("Hi Ines")
        assert "Hello" in request(app).text  # the edit was kept while moving around
        await pilot.press("escape", "y")
        assert isinstance(app.screen, TargetsScreen)


async def test_delete_a_target_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert app.repo.targets.get(1) is None
        assert notes(app)[-1] == "Deleted Keiko Quinn from your targets."


async def test_names_render_literally(make_app: MakeApp) -> None:
    app = make_app()
    hostile = app.repo.contacts.insert(
        Contact("[@click=app.quit]Zed", "[b]Lee[/b]", closeness=4, credential="[red]x[/red]")
    )
    app.repo.save_target(
        Target(
            "Jo [A-Team]",
            "Dee [VIP] Fox",
            why="[/b] opens doors",
            introducers=[Introducer(hostile.id, 4, 4)],
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert " Jo [A-Team] · Dee [VIP] Fox  open\n   best path 64% via " in "\n".join(
            option_texts(app.screen.query_one("#targets", OptionList))
        )
        await open_target(pilot, 4)
        assert ranking(app)[0].startswith("  64%  [@click=app.quit]Zed [b]Lee[/b]\n")
        assert text_of(app, "target-summary").startswith(
            "Jo [A-Team] at Dee [VIP] Fox   open\nWhy: [/b] opens doors"
        )
        assert request(app).text.startswith(
            "Hi [@click=app.quit]Zed, I hope you're well! I'd really like to talk to Jo [A-Team] "
            "at Dee [VIP] Fox because [/b] opens doors"
        )


def test_contact_from_a_pasted_name() -> None:
    target = Target("Lena Marquardt")
    assert (
        contact_from_name("Mary Ann Smith, PhD", target).first_name,
        contact_from_name("Mary Ann Smith, PhD", target).last_name,
    ) == ("Mary Ann", "Smith")
    cher = contact_from_name("Cher", target)
    assert (cher.first_name, cher.last_name, cher.source) == ("Cher", "", "mutual list")
