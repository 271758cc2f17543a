"""Step 4: ask each side privately first (double opt-in), and record their answers."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netdesk.domain.intro import ASK, INTRODUCE
from netdesk.domain.models import IntroStatus, OptInAnswer, Stage
from netdesk.domain.templates import LIMITS, text_problems
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.intro_wizard.step import Step, optin_text
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.fields import StoredTextArea

SIDES = ("a", "b")
ANSWER_CHOICES: list[tuple[str, OptInAnswer]] = [
    ("Agreed: happy to be introduced", OptInAnswer.AGREED),
    ("Declined", OptInAnswer.DECLINED),
    ("No answer: I stopped waiting", OptInAnswer.NO_ANSWER),
    ("Still waiting", OptInAnswer.PENDING),
]


def _answer_default(answer: OptInAnswer) -> OptInAnswer:
    """The choice highlighted first: the answer so far, or 'agreed' while still waiting."""
    return OptInAnswer.AGREED if answer is OptInAnswer.PENDING else answer


class AskStep(VerticalScroll, Step):
    NUMBER = ASK

    def compose(self) -> ComposeResult:
        yield Static(id="ask-note", classes="wiz-note")
        for side in SIDES:
            yield Static(id=f"ask-head-{side}", classes="wiz-head")
            yield self.state.texts[f"ask-{side}"].bind(
                StoredTextArea(id=f"ask-{side}", soft_wrap=True, compact=True)
            )
        yield Static(
            Content("tab other side · ctrl+y copy · ctrl+s mark asked · ctrl+r record the answer"),
            classes="wiz-help",
        )

    def focus_step(self) -> None:
        state = self.state
        side = state.ask_side
        for candidate in SIDES:
            if state.optin(candidate).asked_at is None:
                side = candidate
                break
        self.query_one(f"#ask-{side}", StoredTextArea).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in ("ask-a", "ask-b"):
            self.state.ask_side = event.widget.id[-1]

    def refresh_step(self) -> None:
        state = self.state
        today = state.today()
        for side in SIDES:
            text, style = optin_text(state.optin(side), today)
            self.query_one(f"#ask-head-{side}", Static).update(
                Content.assemble(
                    ("Ask ", MUTED), (state.side_name(side), "bold"), "  ", (text, style)
                )
            )
        status = state.intro.status
        note = self.query_one("#ask-note", Static)
        if status is IntroStatus.DECLINED:
            declined = [s for s in SIDES if state.optin(s).answer is OptInAnswer.DECLINED]
            who = " and ".join(state.side_name(s) for s in declined)
            note.update(
                Content.styled(
                    f"{who} declined, so this introduction is closed. If they change their "
                    "mind, record the new answer with ctrl+r.",
                    "$warning",
                )
            )
        elif status in (IntroStatus.AGREED, IntroStatus.SENT, IntroStatus.MET):
            note.update(Content.styled("Both said yes. ctrl+n: write the introduction.", MUTED))
        else:
            note.update(
                Content.styled(
                    "Ask each side privately first; introduce them only when both say yes.",
                    MUTED,
                )
            )

    def mark_asked(self) -> None:
        wizard, state = self.wizard, self.state
        side = state.ask_side
        person = state.side_contact(side)
        if person is None:
            return
        text = state.texts[f"ask-{side}"].shown
        if person.stage is Stage.DO_NOT_CONTACT:
            self.notify(f"{person.name} is marked do not contact.", severity="error")
            return
        problems = text_problems(text, LIMITS["message"])
        if problems:
            self.notify(
                f"The ask to {person.name} is not marked asked: " + " ".join(problems),
                severity="error",
                markup=False,
            )
            return
        optin = state.optin(side)

        def ask(go: bool | None = True) -> None:
            if not go or not wizard.ensure_saved():
                return
            state.intro = wizard.repo.mark_intro_asked(state.intro.id, side, text, state.clock())
            self.notify(
                f"Marked asked: {person.name}. Record the answer with ctrl+r when it comes."
            )
            wizard.refresh_step()
            other = "b" if side == "a" else "a"
            if state.optin(other).asked_at is None:
                self.query_one(f"#ask-{other}", StoredTextArea).focus()

        if optin.asked_at is not None or optin.answer is not OptInAnswer.PENDING:
            self.app.push_screen(
                ConfirmDialog(
                    f"{person.name} was already asked ({optin_text(optin, state.today())[0]}). "
                    "Ask again? Their answer goes back to waiting."
                ),
                ask,
            )
        else:
            ask()

    def answer(self) -> None:
        wizard, state = self.wizard, self.state
        side = state.ask_side
        if state.a is None or state.b is None:
            return
        other = "b" if side == "a" else "a"

        def answered(answer: OptInAnswer | None) -> None:
            if answer is None or not wizard.ensure_saved():
                return
            state.intro = wizard.repo.record_optin(state.intro.id, side, answer, state.clock())
            status = state.intro.status
            if status is IntroStatus.AGREED:
                self.notify("Both said yes. Now write the introduction.")
                wizard.show_step(INTRODUCE)
                return
            if status is IntroStatus.DECLINED:
                self.notify(
                    f"{state.side_name(side)} declined; the introduction is closed. "
                    f"Let {state.side_first(other)} know kindly if they were asked."
                )
            else:
                self.notify(f"Recorded: {state.side_name(side)}, {answer.value.replace('_', ' ')}.")
            wizard.refresh_step()

        self.app.push_screen(
            ChoicePrompt(
                f"What did {state.side_first(side)} say about meeting {state.side_first(other)}?",
                ANSWER_CHOICES,
                selected=_answer_default(state.optin(side).answer),
            ),
            answered,
        )
