"""The wizard's screen: the step shown, moving between steps, the bar and the preview.

Only the current step is mounted (one widget per step, in this package); the introduction
being made and every text typed in a step live in `WizardState`, so the draft, the preview
and saving read them whichever step is shown. The steps pane is highlighted by a class set
when focus enters or leaves it, not by `:focus-within`, which would restyle everything in it
on every focus change.
"""

from __future__ import annotations

import re
from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netdesk.domain.intro import ASK, INTRODUCE, LITMUS, MET, PEOPLE, STEPS, WHY, in_flight
from netdesk.domain.models import Contact, Intro, IntroStatus
from netdesk.domain.templates import LIMITS, text_problems
from netdesk.tui.clipboard import copy_checked
from netdesk.tui.commands import WIZARD, bindings_for
from netdesk.tui.literal import editable, one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.intro_wizard.ask import AskStep
from netdesk.tui.screens.intro_wizard.introduce import IntroduceStep
from netdesk.tui.screens.intro_wizard.litmus import LitmusStep
from netdesk.tui.screens.intro_wizard.met import MetStep
from netdesk.tui.screens.intro_wizard.people import PeopleStep
from netdesk.tui.screens.intro_wizard.state import WizardState
from netdesk.tui.screens.intro_wizard.step import Step
from netdesk.tui.screens.intro_wizard.why import WhyStep
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar

STEP_TYPES: dict[int, type[Step]] = {
    PEOPLE: PeopleStep,
    WHY: WhyStep,
    LITMUS: LitmusStep,
    ASK: AskStep,
    INTRODUCE: IntroduceStep,
    MET: MetStep,
}
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
S = TypeVar("S", bound=Step)


def marked(text: str) -> Content:
    """Plain text with every unfilled {placeholder} highlighted (control characters as
    symbols: it quotes names)."""
    text = editable(text, multiline=True)
    content = Content(text)
    for match in _PLACEHOLDER.finditer(text):
        content = content.stylize("bold $warning", match.start(), match.end())
    return content


class IntroWizard(NetdeskScreen[None]):
    DEFAULT_CSS = """
    IntroWizard #wiz-bar { height: 2; padding: 0 1; }
    IntroWizard #wiz-panes { height: 1fr; }
    IntroWizard #wiz-steps {
        width: 1fr; height: 1fr; border: round $primary 50%; border-title-color: $text-muted;
    }
    IntroWizard #wiz-steps.-focus-within { border: round $accent; border-title-color: $accent; }
    IntroWizard #wiz-steps > * { height: 1fr; padding: 0 1; }
    IntroWizard #wiz-preview {
        width: 45%; height: 1fr; border: round $primary 50%; padding: 0 1;
        border-title-color: $text-muted;
    }
    IntroWizard.-narrow #wiz-panes { layout: vertical; }
    IntroWizard.-narrow #wiz-preview { width: 100%; height: 40%; }
    IntroWizard.-no-preview #wiz-preview { display: none; }
    IntroWizard .wiz-label { color: $text-muted; margin-top: 1; }
    IntroWizard .wiz-head { margin-top: 1; }
    IntroWizard .wiz-note { color: $text-muted; height: auto; }
    IntroWizard .wiz-help { color: $text-muted; height: auto; margin-top: 1; }
    IntroWizard .wiz-row { height: auto; }
    IntroWizard .wiz-row > Label { width: 13; color: $text-muted; }
    IntroWizard .wiz-row > Input { width: 1fr; }
    IntroWizard #ask-a, IntroWizard #ask-b { height: 8; }
    IntroWizard #intro-text { height: 1fr; min-height: 6; }
    IntroWizard #intro-status { height: auto; max-height: 2; }
    """
    BINDINGS = [*bindings_for(WIZARD), Binding("escape", "close", "Close")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self,
        *,
        intro_id: int | None = None,
        a_id: int | None = None,
        b_id: int | None = None,
        reason: str = "",
    ) -> None:
        """A new introduction may start with A, B and why filled in (a suggested match
        does); with both people it opens on why they should meet."""
        super().__init__()
        self.intro_id, self.start_a, self.start_b, self.start_reason = intro_id, a_id, b_id, reason
        self.state: WizardState
        """The introduction being made (read in `compose`)."""
        self.step = PEOPLE
        self.current: Step
        """The step shown, the only one mounted (made in `compose`)."""

    @property
    def intro(self) -> Intro:
        return self.state.intro

    @property
    def a(self) -> Contact | None:
        return self.state.a

    @property
    def b(self) -> Contact | None:
        return self.state.b

    def persist(self) -> bool:
        """Save the introduction and the contact fields; False (and a message) on a bad date."""
        try:
            self.state.save()
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return False
        return True

    def ensure_saved(self) -> bool:
        return self.persist() and bool(self.intro.id)

    # --- layout and steps -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.state = WizardState(
            self.repo,
            self.app.clock,
            intro_id=self.intro_id,
            a_id=self.start_a,
            b_id=self.start_b,
            reason=self.start_reason,
        )
        self.step = self.state.step
        self.current = STEP_TYPES[self.step].of(self)
        yield TitleBar()
        yield Static(id="wiz-bar")
        with Horizontal(id="wiz-panes"):
            with Container(id="wiz-steps"):
                yield self.current
            with VerticalScroll(id="wiz-preview") as preview:
                preview.border_title = "Preview: the introduction both will get"
                yield Static(id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_step(self.step)

    def on_screen_resume(self) -> None:
        if self.intro.id:
            self.state.intro = self.repo.intros.get(self.intro.id) or self.intro
        self.refresh_step()

    def show_step(self, step: int) -> None:
        self.step = step
        steps = self.query_one("#wiz-steps", Container)
        steps.border_title = f"{step + 1} · {STEPS[step]}"
        self.set_class(step in (PEOPLE, INTRODUCE), "-no-preview")
        if step == ASK:
            self.state.load_asks()
        if step == INTRODUCE:
            self.state.load_intro_text()
        if step == self.current.NUMBER:
            self.current.refresh_step()
            self.current.focus_step()
        else:
            self.current.release()
            for kept in self.state.texts.values():
                kept.release()
            self.set_focus(None)
            self.current.remove()
            self.current = STEP_TYPES[step].of(self)
            steps.mount(self.current)  # it shows the data and takes focus once mounted
        self._refresh_bar()
        self.refresh_preview()
        self.refresh_bindings()

    def refresh_step(self) -> None:
        """Everything shown that depends on the data: bar, current step, preview."""
        self._refresh_bar()
        if self.current.is_mounted:
            self.current.refresh_step()
        self.refresh_preview()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focus_within()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._show_focus_within()

    def _show_focus_within(self) -> None:
        """Highlight the steps pane while focus is in it (set only when that changes)."""
        steps = self.query_one("#wiz-steps", Container)
        focused = self.focused
        steps.set_class(focused is not None and steps in focused.ancestors, "-focus-within")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        only_in = {
            "mark_asked": ASK,
            "answer": ASK,
            "mark_sent": INTRODUCE,
            "redraft": INTRODUCE,
            "mark_met": MET,
        }
        if action in only_in:
            return self.step == only_in[action]
        if action == "copy":
            return self.step in (ASK, INTRODUCE, MET)
        if action == "prev_step":
            return self.step > PEOPLE
        if action == "next_step":
            return self.step < MET
        return True

    def action_next_step(self) -> None:
        step = self.step
        if step == PEOPLE and (self.a is None or self.b is None):
            self.notify("Pick both people first.", severity="warning")
            return
        if step == PEOPLE and not self.intro.id and self._open_existing():
            return
        if step == WHY and not self.state.value("reason"):
            self.notify("Say in one line why they should meet.", severity="warning")
            self.current.focus_step()
            return
        if step == ASK and self.intro.status not in (
            IntroStatus.AGREED,
            IntroStatus.SENT,
            IntroStatus.MET,
        ):
            self.notify(self.state.ask_blocker(), severity="warning")
            return
        if step == INTRODUCE and self.intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            self.notify("Send it to both, then mark it sent with ctrl+s.", severity="warning")
            return
        if self.persist():
            self.show_step(step + 1)

    def _open_existing(self) -> bool:
        """Open, in place of this new one, the introduction already under way for the pair."""
        assert self.a is not None and self.b is not None
        existing = in_flight(self.repo.intros, self.a.id, self.b.id)
        if existing is None:
            return False
        self.notify(
            f"{self.a.name} and {self.b.name} already have an introduction under way "
            f"({existing.status.value}): opened it."
        )
        self.app.switch_screen(IntroWizard(intro_id=existing.id))
        return True

    def action_prev_step(self) -> None:
        if self.step > PEOPLE and self.persist():
            self.show_step(self.step - 1)

    def _shown_step(self, kind: type[S]) -> S:
        assert isinstance(self.current, kind)
        return self.current

    def action_mark_asked(self) -> None:
        self._shown_step(AskStep).mark_asked()

    def action_answer(self) -> None:
        self._shown_step(AskStep).answer()

    def action_mark_sent(self) -> None:
        self._shown_step(IntroduceStep).mark_sent()

    def action_redraft(self) -> None:
        self._shown_step(IntroduceStep).redraft()

    def action_mark_met(self) -> None:
        self._shown_step(MetStep).mark_met()

    # --- bar, preview, copy, close --------------------------------------------------------

    def _refresh_bar(self) -> None:
        steps: list[Content] = []
        for n, name in enumerate(STEPS):
            style = "bold reverse" if n == self.step else ("" if n < self.step else MUTED)
            steps.append(Content.styled(f" {n + 1} {name} ", style))
        who: list[Content | str | tuple[str, str]] = [
            (self.state.side_name("a"), "bold"),
            (" ↔ ", MUTED),
            (self.state.side_name("b"), "bold"),
            (f"   {self.intro.status.value}", "$accent"),
        ]
        self.query_one("#wiz-bar", Static).update(
            Content("\n").join([Content(" ›").join(steps), Content.assemble(" ", *who)])
        )

    def refresh_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        if self.a is None or self.b is None:
            preview.update(Content.styled("Pick two people to see the introduction.", MUTED))
            return
        header = Content.assemble(
            ("To ", MUTED),
            (one_line(self.a.name), "bold"),
            (" and ", MUTED),
            (one_line(self.b.name), "bold"),
        )
        preview.update(Content("\n").join([header, Content(""), marked(self.state.intro_text())]))

    def action_copy(self) -> None:
        state = self.state
        if self.step == ASK:
            text = state.texts[f"ask-{state.ask_side}"].shown
            what = f"the ask to {state.side_name(state.ask_side)}"
        else:
            text = state.intro_text()
            what = "the introduction"
        copy_checked(self, text, text_problems(text, LIMITS["message"]), what)

    def action_close(self) -> None:
        unsent = self.state.unsent_asks(self.step == ASK)

        def close(yes: bool | None = True) -> None:
            if not yes:
                return
            saved = self.persist()
            if not saved:

                def leave(answer: bool | None) -> None:
                    if answer:
                        self.dismiss(None)

                self.app.push_screen(
                    ConfirmDialog("Close without saving your changes to this introduction?"),
                    leave,
                )
                return
            if self.state.created_now and self.intro.status is IntroStatus.DRAFT:
                self.notify("Draft kept under Introductions (press 4).")
            self.dismiss(None)

        if unsent:
            self.app.push_screen(
                ConfirmDialog(
                    f"Your edited ask to {' and '.join(unsent)} is not marked asked and will be "
                    "lost. Close anyway?"
                ),
                close,
            )
        else:
            close()
