"""Step 2: why they should meet, and how you know each side (edits go back to the contact)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from netdesk.domain.intro import WHY, known_phrase, parse_met_on
from netdesk.tui.literal import one_line
from netdesk.tui.screens.intro_wizard.step import Step, row
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.fields import StoredInput

SIDES = ("a", "b")
FIELDS = ["reason", *(f"{field}-{side}" for side in SIDES for field in ("met", "how", "cred"))]
"""The step's inputs in the order enter moves through them."""


class WhyStep(VerticalScroll, Step):
    NUMBER = WHY

    def compose(self) -> ComposeResult:
        texts = self.state.texts
        yield Label(
            Content("Why should they meet? One line; it completes '… because'."),
            classes="wiz-note",
        )
        yield texts["reason"].bind(
            StoredInput(
                id="reason", placeholder="both are rethinking how they buy freight", compact=True
            )
        )
        for side in SIDES:
            yield Static(id=f"how-head-{side}", classes="wiz-head")
            yield row(
                "Met on",
                texts[f"met-{side}"].bind(
                    StoredInput(
                        id=f"met-{side}", placeholder="2019-03-14, mar 2019 or 2019", compact=True
                    )
                ),
            )
            yield row(
                "How you met",
                texts[f"how-{side}"].bind(
                    StoredInput(
                        id=f"how-{side}",
                        placeholder="completes 'since …': we worked on a tender together",
                        compact=True,
                    )
                ),
            )
            yield row(
                "Stands out",
                texts[f"cred-{side}"].bind(
                    StoredInput(
                        id=f"cred-{side}",
                        placeholder="one line: what sets them apart",
                        compact=True,
                    )
                ),
            )
            yield Static(id=f"known-{side}", classes="wiz-note")

    def focus_step(self) -> None:
        self.query_one("#reason", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in FIELDS:
            self.refresh_step()
            self.wizard.refresh_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field of the step, and from the last one to the next step."""
        if event.input.id in FIELDS[:-1]:
            self.query_one(f"#{FIELDS[FIELDS.index(event.input.id) + 1]}", Input).focus()
        else:
            self.wizard.action_next_step()

    def refresh_step(self) -> None:
        state = self.state
        today = state.today()
        for side in SIDES:
            contact = state.side(side)
            self.query_one(f"#how-head-{side}", Static).update(
                Content.assemble(("How you know ", MUTED), (state.side_name(side), "bold"))
            )
            note = self.query_one(f"#known-{side}", Static)
            if contact is None:
                note.update("")
                continue
            try:
                parse_met_on(state.value(f"met-{side}"), today)
            except ValueError as exc:
                note.update(Content.styled(one_line(str(exc)), "$error"))
                continue
            effective = state.side_contact(side)
            assert effective is not None
            phrase = known_phrase(
                state.side_first(side), effective.met_on, effective.how_met, today
            )
            note.update(
                Content.assemble(("→ ", MUTED), (one_line(phrase), ""))
                if phrase
                else Content.styled("→ add when or how you met, so the intro can say so", MUTED)
            )
