"""Step 3: the litmus check, imagining the request coming from the other side first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netdesk.domain.intro import LITMUS, litmus_questions, litmus_warnings
from netdesk.domain.models import closeness_label
from netdesk.tui.literal import one_line
from netdesk.tui.screens.intro_wizard.step import Step
from netdesk.tui.styles import MUTED


class LitmusStep(VerticalScroll, Step):
    NUMBER = LITMUS

    def compose(self) -> ComposeResult:
        yield Static(id="litmus")

    def refresh_step(self) -> None:
        a, b = self.state.side_contact("a"), self.state.side_contact("b")
        litmus = self.query_one("#litmus", Static)
        if a is None or b is None:
            litmus.update(Content.styled("Pick both people first.", MUTED))
            return
        first, second = litmus_questions(a, b)
        warnings = litmus_warnings(a, b)
        lines: list[Content] = [
            Content.styled("Before you ask anyone, answer these honestly:", MUTED),
            Content(""),
            Content.assemble("• ", one_line(first)),
            Content.styled(
                f"  (You know {one_line(b.name)} as '{closeness_label(b.closeness)}'.)", MUTED
            ),
            Content(""),
            Content.assemble("• ", one_line(second)),
            Content.styled(
                f"  (You know {one_line(a.name)} as '{closeness_label(a.closeness)}'.)", MUTED
            ),
            Content(""),
        ]
        if warnings:
            lines.extend(
                Content.styled(f"⚠ {one_line(warning)}", "$warning") for warning in warnings
            )
        else:
            lines.append(Content.styled("You know both well enough to vouch for them.", "$success"))
        lines.extend(
            [
                Content(""),
                Content.styled(
                    "If either answer makes you uneasy, go back (ctrl+b) or close (escape). "
                    "Otherwise ctrl+n: next you ask each of them privately.",
                    MUTED,
                ),
            ]
        )
        litmus.update(Content("\n").join(lines))
