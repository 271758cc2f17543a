"""Step 6: they met; what came of it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from netdesk.domain.intro import MET
from netdesk.domain.models import IntroStatus
from netdesk.tui.screens.intro_wizard.step import Step, on_day
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.fields import StoredInput


class MetStep(VerticalScroll, Step):
    NUMBER = MET

    def compose(self) -> ComposeResult:
        yield Static(id="met-head", classes="wiz-note")
        yield Label(Content("What came of it?"), classes="wiz-label")
        yield self.state.texts["outcome"].bind(
            StoredInput(
                id="outcome",
                placeholder="coffee in December; they are planning a pilot",
                compact=True,
            )
        )
        yield Static(Content("ctrl+s marks them met."), classes="wiz-help")

    def focus_step(self) -> None:
        self.query_one("#outcome", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "outcome":
            self.mark_met()

    def refresh_step(self) -> None:
        state = self.state
        head = self.query_one("#met-head", Static)
        intro = state.intro
        if intro.status is IntroStatus.MET:
            head.update(Content.styled("They met. You can still change what came of it.", MUTED))
        elif intro.status is IntroStatus.SENT:
            head.update(
                Content.styled(
                    f"Sent {on_day(intro.sent_at, state.today())}. Did {state.side_first('a')} "
                    f"and {state.side_first('b')} meet?",
                    MUTED,
                )
            )
        else:
            head.update(Content.styled("Not sent yet.", MUTED))

    def mark_met(self) -> None:
        wizard, state = self.wizard, self.state
        if state.intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            self.notify("Mark the introduction sent first.", severity="warning")
            return
        outcome = state.value("outcome")
        state.intro = wizard.repo.mark_intro_met(state.intro.id, outcome, state.clock())
        self.notify(f"{state.side_name('a')} and {state.side_name('b')} met. Nicely done.")
        wizard.dismiss(None)
