"""Step 5: both said yes, so write the introduction, send it to both and mark it sent."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from netdesk.domain.intro import INTRODUCE, MET, split_message
from netdesk.domain.models import IntroStatus
from netdesk.domain.templates import LIMITS, text_problems, unfilled
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.intro_wizard.step import Step, on_day
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.fields import StoredTextArea


class IntroduceStep(Vertical, Step):
    NUMBER = INTRODUCE

    def compose(self) -> ComposeResult:
        yield Static(id="intro-head", classes="wiz-note")
        yield self.state.texts["intro-text"].bind(
            StoredTextArea(id="intro-text", soft_wrap=True, compact=True)
        )
        yield Static(id="intro-status", classes="wiz-note")

    def focus_step(self) -> None:
        self.query_one("#intro-text", StoredTextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "intro-text":
            self.refresh_step()

    def refresh_step(self) -> None:
        state = self.state
        sent = state.intro.status in (IntroStatus.SENT, IntroStatus.MET)
        self.query_one("#intro-text", StoredTextArea).read_only = sent
        head = self.query_one("#intro-head", Static)
        if sent:
            head.update(
                Content.styled(
                    f"Sent {on_day(state.intro.sent_at, state.today())} to "
                    f"{state.side_name('a')} and {state.side_name('b')}.",
                    MUTED,
                )
            )
        else:
            head.update(
                Content.styled(
                    "Both said yes. Edit it, copy it (ctrl+y), send it to "
                    f"{state.side_first('a')} and {state.side_first('b')} together, then mark "
                    "it sent (ctrl+s).",
                    MUTED,
                )
            )
        text = state.intro_text()
        limit = LIMITS["message"]
        parts = [Content.styled(f"{len(text)}/{limit}", "$error" if len(text) > limit else MUTED)]
        left = unfilled(text)
        if left:
            parts.append(
                Content.styled(
                    "fill in " + ", ".join("{" + name + "}" for name in left), "$warning"
                )
            )
        self.query_one("#intro-status", Static).update(Content("  ·  ").join(parts))

    def mark_sent(self) -> None:
        wizard, state = self.wizard, self.state
        text = state.texts["intro-text"].shown
        problems = text_problems(text, LIMITS["message"])
        if problems:
            self.notify("Not sent: " + " ".join(problems), severity="error")
            return
        if state.intro.status is not IntroStatus.AGREED:
            self.notify(state.ask_blocker(), severity="warning")
            return
        if not wizard.persist():
            return
        a_text, b_text, closing = split_message(text)
        state.intro = wizard.repo.mark_intro_sent(
            state.intro.id, a_text, b_text, closing, state.clock()
        )
        self.notify(
            f"Introduction marked sent to {state.side_name('a')} and {state.side_name('b')}. "
            "When they have met, say how it went."
        )
        wizard.show_step(MET)

    def redraft(self) -> None:
        wizard, state = self.wizard, self.state

        def redraft(yes: bool | None) -> None:
            if yes:
                draft = state.draft_text()
                state.texts["intro-text"].show(draft)
                state.generated_intro = draft
                wizard.persist()
                self.refresh_step()

        self.app.push_screen(
            ConfirmDialog("Replace the introduction with a fresh draft? Your edits to it go."),
            redraft,
        )
