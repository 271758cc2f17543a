"""Booking or moving a call: when (read as you type), the medium, and an optional meeting link.

Moving says so in the title and starts from the current time, so `t` on someone with a call
booked can never quietly add a second one; a slot that collides with another call is named
before enter is pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from netdesk.domain.dates import format_when
from netdesk.domain.models import Medium
from netdesk.tui.screens.call_form import MEDIUM_OPTIONS
from netdesk.tui.screens.dialogs import DIALOG_CSS, show_reading


@dataclass(frozen=True)
class Booking:
    when: datetime
    medium: Medium
    link: str


class CallPrompt(ModalScreen[Booking | None]):
    """Asks when a call is, over which medium, and where to join it."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="CallPrompt")
        + """
    CallPrompt .call-row { height: auto; margin-top: 1; }
    CallPrompt .call-row > Label { width: 8; color: $text-muted; padding: 0 1 0 0; }
    CallPrompt .call-row > Select, CallPrompt .call-row > Input { width: 1fr; }
    CallPrompt #overlap { width: 100%; color: $warning; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        parse: Callable[[str], datetime],
        *,
        medium: Medium,
        link: str = "",
        initial: str = "",
        clashes: Callable[[datetime], str],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.parse = parse
        self.medium = medium
        self.link = link
        self.initial = initial
        self.clashes = clashes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text))
            yield Input(
                self.initial, placeholder="e.g. tue 3pm, tomorrow noon, fri 9.30", id="when"
            )
            yield Label("", id="preview")
            yield Static("", id="overlap")
            with Horizontal(classes="call-row"):
                yield Label("Medium")
                yield Select(MEDIUM_OPTIONS, value=self.medium, allow_blank=False, id="medium")
            with Horizontal(classes="call-row"):
                yield Label("Link")
                yield Input(self.link, placeholder="meeting link (optional)", id="link")
            yield Label("enter  book      tab  next field      escape  cancel", classes="hint")

    def on_mount(self) -> None:
        self._preview(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "when":
            self._preview(event.value)

    def _preview(self, text: str) -> datetime | None:
        when = show_reading(self.query_one("#preview", Label), self.parse, format_when, text)
        self.query_one("#overlap", Static).update(
            Content(f"⚠ {warning}") if when and (warning := self.clashes(when)) else ""
        )
        return when

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        when = self._preview(self.query_one("#when", Input).value)
        if when is None:
            self.query_one("#when", Input).focus()
            return
        medium = self.query_one("#medium", Select).value
        self.dismiss(
            Booking(
                when,
                medium if isinstance(medium, Medium) else self.medium,
                self.query_one("#link", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
