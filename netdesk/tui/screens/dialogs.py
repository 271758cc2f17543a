"""Small modal questions: yes/no, and a date or time typed in words with a live preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from netdesk.domain.dates import DateParseError
from netdesk.tui.literal import lines

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 64; max-width: 95%; height: auto; border: thick $accent; background: $panel;
    padding: 1 2;
}}
{name} .hint {{ color: $text-muted; }}
{name} #preview {{ width: 100%; }}
{name} .error {{ color: $error; }}
{name} .ok {{ color: $success; }}
"""


class ConfirmDialog(ModalScreen[bool]):
    """Asks before anything destructive; `y` confirms, `n`/escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmDialog")
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(lines(self.question)))  # it quotes names
            yield Label("y  yes      n  no", classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def show_reading(
    preview: Static,
    parse: Callable[[str], datetime],
    describe: Callable[[datetime], str],
    text: str,
) -> datetime | None:
    """Show under a date field what `text` means, or the whole reason it cannot be read."""
    if not text.strip():
        preview.update("")
        return None
    try:
        when = parse(text)
    except DateParseError as exc:
        preview.update(Content(lines(str(exc))))
        preview.set_classes("error")
        return None
    preview.update(Content("→ " + describe(when)))
    preview.set_classes("ok")
    return when


class WhenPrompt(ModalScreen[datetime | None]):
    """Reads a date phrase (`fri`, `tue 3pm`, `in 2 weeks`) and shows what it means as you type."""

    DEFAULT_CSS = DIALOG_CSS.format(name="WhenPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        parse: Callable[[str], datetime],
        describe: Callable[[datetime], str],
        initial: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.parse = parse
        self.describe = describe
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(lines(self.title_text)))
            yield Input(self.initial, placeholder="e.g. fri, tue 3pm, in 2 weeks, 2026-12-01 09:30")
            yield Label("", id="preview")
            yield Label("enter  accept      escape  cancel", classes="hint")

    def on_mount(self) -> None:
        self._preview(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, text: str) -> datetime | None:
        return show_reading(self.query_one("#preview", Label), self.parse, self.describe, text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        when = self._preview(event.value)
        if when is not None:
            self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPrompt(ModalScreen[str | None]):
    """One line of text, e.g. the name you sign messages with."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TextPrompt")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, hint: str = "", initial: str = "") -> None:
        super().__init__()
        self.question = question
        self.hint = hint
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(lines(self.question)))
            yield Input(self.initial, placeholder=self.hint)
            yield Label("enter  save      escape  later", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
