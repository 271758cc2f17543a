"""Introductions: the list, and the wizard from two people through double opt-in to met.

Every test drives the app by keyboard on the frozen demo network (Monday 23 Nov 2026 09:30,
signed Sam Rivera). Demo introductions: 1 draft (Dmitri Wong ↔ Wen Takahashi), 2 asking
(Ines Petrov ↔ Olu Ahmed), 3 agreed (Zofia Kim ↔ Ivan Yilmaz), 4 sent, 5 met, 6 declined.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea
from tui_helpers import FROZEN, SIZE, enter_text, notes, option_texts, paste, plain

from netdesk.domain.dates import PAST_EXAMPLES
from netdesk.domain.models import Contact, Intro, IntroStatus, MessageKind, OptIn, OptInAnswer
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.contacts import ContactsScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.intro_wizard import (
    ASK,
    INTRODUCE,
    LITMUS,
    MET,
    PEOPLE,
    WHY,
    IntroWizard,
)
from netdesk.tui.screens.intros import IntrosScreen
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.screens.workspace import WorkspaceScreen

if TYPE_CHECKING:
    from conftest import MakeApp  # for types only: tests/store has a conftest module too


NOOR, ZOFIA, OLU, IVAN = 21, 17, 19, 20
REASON = "both are moving their cold stores to solar power"

INTROS_LIST = [
    "Waiting on you (3)",
    " agreed   Zofia Kim ↔ Ivan Yilmaz\n          Both said yes: send the introduction",
    " asking   Ines Petrov ↔ Olu Ahmed\n"
    "          No answer from Olu Ahmed for 17 days: nudge or let it go",
    " draft    Dmitri Wong ↔ Wen Takahashi\n          Draft: ask both sides first",
    "Sent: did they meet? (1)",
    " sent     Wen Takahashi ↔ Noor Reyes\n          Sent 12 days ago: did they meet?",
    "Suggested: one seeks what the other offers (8)",
    " suggest  Wen Takahashi ↔ Olu Ahmed  both A · matched: junior, engineers\n"
    "          seeks two junior data engineers\n"
    "          offers mentoring junior engineers",
    " suggest  Dmitri Wong ↔ Noor Reyes  both A · matched: bookkeeper, Xero\n"
    "          seeks a bookkeeper who knows Xero\n"
    "          offers Bookkeeping and payroll with Xero for small firms",
    " suggest  Zofia García ↔ Ines Petrov  both A · matched: designer, app\n"
    "          seeks a designer for our new booking app\n"
    "          offers UX design and user research for apps",
    " suggest  Ivan Yilmaz ↔ Zofia García  both A · matched: website, redesign\n"
    "          seeks a website redesign for our clinic\n"
    "          offers website redesign and UX design for small companies",
    " suggest  Zofia Kim ↔ Zofia García  both A · matched: redesign, website\n"
    "          seeks someone to redesign our website\n"
    "          offers website redesign and UX design for small companies",
    " suggest  Ines Petrov ↔ Ivan Yilmaz  both A · matched: employment\n"
    "          seeks a lawyer for employment contracts\n"
    "          offers employment law for small companies",
    " suggest  Ines Castillo ↔ Zofia García  one in A · matched: website, redesign\n"
    "          seeks a website redesign for our clinic\n"
    "          offers website redesign and UX design for small companies",
    " suggest  Wen Takahashi ↔ Paula Fischer  one in A · matched: data, engineers\n"
    "          seeks two junior data engineers\n"
    "          offers recruiting data engineers and analysts",
    "Closed (2)",
    " declined Ivan Yilmaz ↔ Dmitri Wong\n          Dmitri Wong declined",
    " met      Olu Ahmed ↔ Zofia García\n"
    "          Met. They met for coffee and are planning a pilot.",
]

ASK_NOOR = (
    "Hi Noor, would you like me to introduce you to Zofia Kim? They know the cold-chain "
    f"business inside out. I think you two would get on because {REASON}. No pressure at "
    "all, just let me know either way.\n\nSam Rivera"
)
ASK_ZOFIA = (
    "Hi Zofia, would you like me to introduce you to Noor Reyes? They rebuilt a national "
    f"distribution network in eighteen months. I think you two would get on because {REASON}. "
    "No pressure at all, just let me know either way.\n\nSam Rivera"
)
INTRO_TO_NOOR = (
    "Noor, I would like to introduce you to Zofia Kim. I have known Zofia for seven years, "
    "since we shared a stand at the Rotterdam logistics fair. They know the cold-chain "
    "business inside out."
)
INTRO_TO_ZOFIA = (
    "Zofia, I would like to introduce you to Noor Reyes. I have known Noor for six years, "
    "since we worked on the Northwind tender together. They rebuilt a national distribution "
    "network in eighteen months."
)
INTRO_CLOSING = (
    f"I think you two would benefit from knowing each other because {REASON}. "
    "I will leave you to it.\n\nSam Rivera"
)
INTRODUCTION = f"{INTRO_TO_NOOR}\n\n{INTRO_TO_ZOFIA}\n\n{INTRO_CLOSING}"


def wizard(app: NetdeskApp) -> IntroWizard:
    screen = app.screen
    assert isinstance(screen, IntroWizard)
    return screen


def area(app: NetdeskApp, widget_id: str) -> TextArea:
    return app.screen.query_one(f"#{widget_id}", TextArea)


def text_of(app: NetdeskApp, widget_id: str) -> str:
    return plain(app.screen.query_one(f"#{widget_id}", Static))


async def start_on(pilot: Pilot[int], name: str) -> None:
    """Contacts (2), filter to `name`, and press i on the one match."""
    await pilot.press("2", "slash")
    await enter_text(pilot, name)
    await pilot.press("enter", "i")
    await pilot.pause()


async def open_intro(pilot: Pilot[int], intro_id: int) -> None:
    """The intros list (4), down to `intro_id`, enter."""
    app = pilot.app
    await pilot.press("4")
    screen = app.screen
    assert isinstance(screen, IntrosScreen)
    for _ in range(screen.query_one("#intros", OptionList).option_count):
        if screen.current_intro == intro_id:
            break
        await pilot.press("down")
    assert screen.current_intro == intro_id
    await pilot.press("enter")
    await pilot.pause()


# --- the list --------------------------------------------------------------------------------


async def test_intros_list_groups_by_whom_it_waits_on(make_app: MakeApp) -> None:
    """4 shows every introduction with its status and the next step, yours first."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        screen = app.screen
        assert isinstance(screen, IntrosScreen)
        assert option_texts(screen.query_one("#intros", OptionList)) == INTROS_LIST
        assert text_of(app, "intros-summary") == (
            "6 introductions   2 made, 1 met   enter resume · n new · D delete   8 suggested"
        )
        assert screen.current_intro == 3


async def test_enter_resumes_each_intro_at_its_step(make_app: MakeApp) -> None:
    """Draft with a reason → asks; asking → asks; agreed → introduce; sent → met."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for intro_id, step in ((1, ASK), (2, ASK), (3, INTRODUCE), (4, MET), (6, ASK)):
            await open_intro(pilot, intro_id)
            assert (wizard(app).intro.id, wizard(app).step) == (intro_id, step)
            await pilot.press("escape")
            assert isinstance(app.screen, IntrosScreen)


async def test_delete_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert len(app.repo.intros) == 6
        await pilot.press("D", "y")
        assert app.repo.intros.get(3) is None
        assert notes(app) == ["Deleted the introduction of Zofia Kim and Ivan Yilmaz."]
        assert len(option_texts(app.screen.query_one("#intros", OptionList))) == 8 + 9


# --- the whole wizard ------------------------------------------------------------------------


async def test_whole_wizard_from_contact_to_met(make_app: MakeApp) -> None:
    """i on Noor → pick Zofia → why → litmus → both asks → both yes → sent → met."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        messages = len(app.repo.messages)
        await start_on(pilot, "noor reyes")

        # 1. People: Noor is A already; B is found by typing.
        screen = wizard(app)
        assert (screen.step, screen.a and screen.a.id, screen.b) == (PEOPLE, NOOR, None)
        assert text_of(app, "picked-a") == (
            "✓ Noor Reyes  Research Scientist at Blue Heron Media\n"
            "  you: close · A network · known for six years"
        )
        await enter_text(pilot, "zofia kim")
        await pilot.press("enter")
        assert screen.step == PEOPLE  # the pick is shown, not skipped past
        assert text_of(app, "picked-b") == (
            "✓ Zofia Kim  Research Scientist at Lumen Studios\n"
            "  you: know well · A network · known for seven years"
        )
        assert text_of(app, "people-next") == (
            "Noor Reyes ↔ Zofia Kim  enter again or ctrl+n: on to why they should meet"
        )
        await pilot.press("enter")

        # 2. Why, and how you know each: edits go back to the contact.
        assert screen.step == WHY
        assert app.focused is screen.query_one("#reason", Input)
        await paste(pilot, REASON)
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        assert app.focused is screen.query_one("#how-b", Input)
        assert screen.query_one("#how-b", Input).value == "her team was our first big customer"
        await pilot.press("ctrl+u")
        await paste(pilot, "we shared a stand at the Rotterdam logistics fair")
        assert text_of(app, "known-b") == (
            "→ I have known Zofia for seven years, since we shared a stand at the Rotterdam "
            "logistics fair."
        )
        assert text_of(app, "preview") == f"To Noor Reyes and Zofia Kim\n\n{INTRODUCTION}"
        await pilot.press("ctrl+n")
        zofia = app.repo.contacts.get(ZOFIA)
        assert zofia is not None
        assert zofia.how_met == "we shared a stand at the Rotterdam logistics fair"
        assert zofia.updated_at == FROZEN
        intro = screen.intro
        assert (intro.id, intro.a_id, intro.b_id, intro.reason, intro.status) == (
            7,
            NOOR,
            ZOFIA,
            REASON,
            IntroStatus.DRAFT,
        )

        # 3. Litmus: both are known well, so no warning.
        assert screen.step == LITMUS
        assert text_of(app, "litmus") == (
            "Before you ask anyone, answer these honestly:\n\n"
            "• If Zofia asked you for an introduction to Noor, how would you feel?\n"
            "  (You know Zofia Kim as 'know well'.)\n\n"
            "• If Noor asked you for an introduction to Zofia, how would you feel?\n"
            "  (You know Noor Reyes as 'close'.)\n\n"
            "You know both well enough to vouch for them.\n\n"
            "If either answer makes you uneasy, go back (ctrl+b) or close (escape). "
            "Otherwise ctrl+n: next you ask each of them privately."
        )
        await pilot.press("ctrl+n")

        # 4. Ask first: copy and mark each ask, then record both answers.
        assert screen.step == ASK
        assert area(app, "ask-a").text == ASK_NOOR
        assert area(app, "ask-b").text == ASK_ZOFIA
        assert area(app, "ask-a").has_focus
        assert text_of(app, "ask-head-a") == "Ask Noor Reyes  not asked yet"
        await pilot.press("ctrl+y")
        assert app.clipboard == ASK_NOOR
        await pilot.press("ctrl+s")
        asked = app.repo.messages_for(NOOR)[-1]
        assert (asked.kind, asked.body, asked.sent_at) == (MessageKind.INTRO_ASK, ASK_NOOR, FROZEN)
        assert screen.intro.status is IntroStatus.ASKING
        assert screen.intro.a_optin == OptIn(asked_at=FROZEN)
        assert text_of(app, "ask-head-a") == "Ask Noor Reyes  asked today, waiting for an answer"
        assert area(app, "ask-b").has_focus
        await pilot.press("ctrl+y", "ctrl+s")
        assert app.clipboard == ASK_ZOFIA
        assert app.repo.messages_for(ZOFIA)[-1].body == ASK_ZOFIA

        await pilot.press("ctrl+r")
        prompt = app.screen
        assert isinstance(prompt, ChoicePrompt)
        assert plain(prompt.query_one(Static)) == "What did Zofia say about meeting Noor?"
        assert option_texts(prompt.query_one(OptionList)) == [
            "Agreed: happy to be introduced",
            "Declined",
            "No answer: I stopped waiting",
            "Still waiting",
        ]
        await pilot.press("enter")
        assert screen.intro.b_optin.answer is OptInAnswer.AGREED
        assert screen.intro.status is IntroStatus.ASKING
        assert text_of(app, "ask-head-b") == "Ask Zofia Kim  agreed today"
        await pilot.press("ctrl+n")
        assert screen.step == ASK
        assert notes(app)[-1] == "Both need to say yes first; waiting on Noor Reyes."
        await pilot.press("shift+tab", "ctrl+r", "enter")

        # 5. Both said yes: the introduction, copied and marked sent to both.
        assert screen.intro.status is IntroStatus.AGREED
        assert screen.step == INTRODUCE
        assert area(app, "intro-text").text == INTRODUCTION
        assert area(app, "intro-text").has_focus
        await pilot.press("ctrl+y")
        assert app.clipboard == INTRODUCTION
        await pilot.press("ctrl+s")
        assert screen.intro.status is IntroStatus.SENT
        assert screen.intro.sent_at == FROZEN
        for contact_id in (NOOR, ZOFIA):
            sent = app.repo.messages_for(contact_id)[-1]
            assert (sent.kind, sent.body) == (MessageKind.INTRO, INTRODUCTION)
        assert len(app.repo.messages) == messages + 4

        # 6. Later: they met.
        assert screen.step == MET
        assert text_of(app, "met-head") == "Sent today. Did Noor and Zofia meet?"
        await paste(pilot, "Coffee in Rotterdam; they are sharing a solar installer.")
        await pilot.press("enter")
        assert isinstance(app.screen, ContactsScreen)
        stored = app.repo.intros.get(7)
        assert stored is not None
        assert (stored.status, stored.outcome) == (
            IntroStatus.MET,
            "Coffee in Rotterdam; they are sharing a solar installer.",
        )
        assert (stored.a_text, stored.b_text, stored.closing) == (
            INTRO_TO_NOOR,
            INTRO_TO_ZOFIA,
            INTRO_CLOSING,
        )
        assert "Noor Reyes and Zofia Kim met. Nicely done." in notes(app)


async def test_queue_intro_steps_open_the_wizard(make_app: MakeApp) -> None:
    """d (and enter) on an introduction waiting in the queue opens it at its step."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        while screen.current_id != ZOFIA:
            await pilot.press("down")
        await pilot.press("d")
        assert (wizard(app).intro.id, wizard(app).step) == (3, INTRODUCE)
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("up")
        assert screen.current_id == OLU
        await pilot.press("enter")
        assert (wizard(app).intro.id, wizard(app).step) == (2, ASK)
        assert text_of(app, "ask-head-b") == (
            "Ask Olu Ahmed  asked Thu 5 Nov 2026 (2 weeks ago), waiting for an answer"
        )


async def test_sending_from_the_queue_leaves_it(make_app: MakeApp) -> None:
    """The agreed introduction, sent from the queue, is no longer waiting there."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        while screen.current_id != ZOFIA:
            await pilot.press("down")
        await pilot.press("d", "ctrl+s", "escape")
        assert app.repo.intros.get(3).status is IntroStatus.SENT  # type: ignore[union-attr]
        assert ZOFIA not in [item.contact_id for item in screen.items]


# --- guards ----------------------------------------------------------------------------------


async def test_litmus_warns_but_lets_you_go_on(make_app: MakeApp) -> None:
    """Someone you barely know, or marked do-not-contact, is a warning, not a stop."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "dmitri fernandez")  # do not contact, closeness unknown
        await pilot.press("enter", "enter")
        await enter_text(pilot, "both race sailboats")
        await pilot.press("ctrl+n")
        litmus = text_of(app, "litmus").splitlines()
        assert litmus[8:10] == [
            "⚠ Dmitri Fernández is marked do not contact.",
            "⚠ You know Dmitri Fernández only as 'unknown': can you vouch for them?",
        ]
        await pilot.press("ctrl+n")
        assert wizard(app).step == ASK
        await pilot.press("tab", "ctrl+s")  # the ask to Dmitri is refused
        assert notes(app)[-1] == "Dmitri Fernández is marked do not contact."
        assert wizard(app).intro.b_optin == OptIn()


async def test_same_person_twice_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "noor reyes")
        await pilot.press("enter")
        assert notes(app)[-1] == "Pick two different people."
        assert (wizard(app).step, wizard(app).b) == (PEOPLE, None)


async def test_why_is_required_and_a_bad_date_blocks(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "zofia kim")
        await pilot.press("enter", "enter", "ctrl+n")
        assert notes(app)[-1] == "Say in one line why they should meet."
        assert wizard(app).step == WHY
        await paste(pilot, REASON)
        await pilot.press("enter", "ctrl+u")
        await enter_text(pilot, "the week we met")
        assert text_of(app, "known-a") == (
            f"Met on: could not read 'the week we met' as a date. Try one of: {PAST_EXAMPLES}."
        )
        await pilot.press("ctrl+n")
        assert wizard(app).step == WHY
        assert notes(app)[-1] == (
            f"Met on: could not read 'the week we met' as a date. Try one of: {PAST_EXAMPLES}."
        )
        await pilot.press("ctrl+u")
        await enter_text(pilot, "mar 2019")
        await pilot.press("ctrl+n")
        assert wizard(app).step == LITMUS
        noor = app.repo.contacts.get(NOOR)
        assert noor is not None
        assert noor.met_on == date(2019, 3, 1)


async def test_ask_refused_while_a_placeholder_is_unfilled(make_app: MakeApp) -> None:
    """A side with nothing that sets them apart leaves {b_credential} in the other's ask."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "ines evans")  # a new contact: no credential
        await pilot.press("enter", "enter")
        await paste(pilot, REASON)
        await pilot.press("ctrl+n", "ctrl+n")
        assert "Noor, would you like me to introduce you to Ines Evans? {b_credential} I think" in (
            area(app, "ask-a").text.replace("Hi ", "")
        )
        await pilot.press("ctrl+s")
        assert notes(app)[-1] == (
            "The ask to Noor Reyes is not marked asked: "
            "Fill in or remove {b_credential} before sending."
        )
        assert wizard(app).intro.a_optin.asked_at is None


async def test_a_decline_closes_the_intro(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 2)  # Ines agreed; Olu was asked
        await pilot.press("tab", "ctrl+r", "down", "enter")
        screen = wizard(app)
        assert screen.intro.status is IntroStatus.DECLINED
        assert text_of(app, "ask-note") == (
            "Olu Ahmed declined, so this introduction is closed. If they change their mind, "
            "record the new answer with ctrl+r."
        )
        await pilot.press("ctrl+n")
        assert notes(app)[-1] == "One side declined, so there is nothing to send."
        assert screen.step == ASK


async def test_escape_keeps_a_new_draft(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_on(pilot, "noor reyes")
        await enter_text(pilot, "zofia kim")
        await pilot.press("enter", "ctrl+n")
        await paste(pilot, REASON)
        await pilot.press("escape")
        assert isinstance(app.screen, ContactsScreen)
        draft = app.repo.intros.get(7)
        assert draft is not None
        assert (draft.a_id, draft.b_id, draft.reason, draft.status) == (
            NOOR,
            ZOFIA,
            REASON,
            IntroStatus.DRAFT,
        )
        assert notes(app)[-1] == "Draft kept under Introductions (press 4)."


async def test_escape_with_an_edited_unsent_ask_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 1)
        await pilot.press("end")
        await enter_text(pilot, " Thanks!")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, IntroWizard)
        await pilot.press("escape", "y")
        assert isinstance(app.screen, IntrosScreen)


async def test_redraft_asks_before_replacing_edits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 3)
        text = area(app, "intro-text")
        original = text.text
        text.cursor_location = text.document.end
        await enter_text(pilot, " PS")
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert text.text == original + " PS"
        await pilot.press("ctrl+g", "y")
        assert text.text == original


async def test_edited_introduction_is_kept_when_you_come_back(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 3)
        area(app, "intro-text").cursor_location = area(app, "intro-text").document.end
        await paste(pilot, " PS: you both love sailing.")
        edited = area(app, "intro-text").text
        await pilot.press("escape")
        stored = app.repo.intros.get(3)
        assert stored is not None
        assert stored.closing.endswith("Sam Rivera PS: you both love sailing.")
        await pilot.press("enter")
        assert area(app, "intro-text").text == edited


async def test_names_render_literally(make_app: MakeApp) -> None:
    """Markup-like names show as typed in the bar, the picks, the preview and the asks."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        hostile = app.repo.contacts.insert(
            Contact(first_name="[b]Ann[/b]", last_name="[@click=app.quit]Lee", closeness=3)
        )
        app.repo.intros.insert(
            Intro(hostile.id, NOOR, reason="both [red]love[/red] maps", status=IntroStatus.DRAFT)
        )
        await pilot.press("4")
        rows = option_texts(app.screen.query_one("#intros", OptionList))
        assert " draft    [b]Ann[/b] [@click=app.quit]Lee ↔ Noor Reyes" in "\n".join(rows)
        await open_intro(pilot, 7)
        bar = text_of(app, "wiz-bar")
        assert bar.splitlines()[1] == " [b]Ann[/b] [@click=app.quit]Lee ↔ Noor Reyes   draft"
        assert area(app, "ask-a").text.startswith(
            "Hi [b]Ann[/b], would you like me to introduce you to Noor Reyes?"
        )
        assert "because both [red]love[/red] maps" in text_of(app, "preview")


async def test_an_untouched_introduction_follows_a_new_reason(make_app: MakeApp) -> None:
    """Back to why, a new reason, forward again: the unedited draft says the new reason."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_intro(pilot, 3)
        assert "because both are rethinking how they buy freight." in area(app, "intro-text").text
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b")
        assert wizard(app).step == WHY
        await paste(pilot, REASON)  # the reason is selected on focus, so this replaces it
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        assert wizard(app).step == INTRODUCE
        assert f"because {REASON}. I will leave you to it." in area(app, "intro-text").text
        assert app.repo.intros.get(3).reason == REASON  # type: ignore[union-attr]
