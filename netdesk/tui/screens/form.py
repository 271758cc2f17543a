"""The frame every netdesk form shares: labelled fields, ctrl+s saves, escape asks first.

A form returns a value on dismiss (or None when cancelled). Leaving a form with unsaved
edits asks for confirmation, because typed notes are exactly what must never be lost.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from netdesk.domain.dates import DateParseError
from netdesk.tui.literal import lines, one_line
from netdesk.tui.screens.base import FocusRepaintsOnlyWhatChanges
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.widgets.fields import field_text
from netdesk.tui.widgets.pane import ScrollPane

T = TypeVar("T")


class FormError(ValueError):
    """A field's value cannot be used; the message names the field."""


def row(label: str, widget: Any) -> Horizontal:
    """One labelled field, borderless so a whole form fits an 80x24 terminal."""
    widget.compact = True
    return Horizontal(Label(Content(label), classes="field-label"), widget, classes="field")


class Form(FocusRepaintsOnlyWhatChanges, ModalScreen[T | None]):
    DEFAULT_CSS = """
    Form { align: center middle; }
    Form > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $panel; padding: 0 1;
    }
    Form .field { height: auto; margin: 0 0 1 0; }
    Form .field-label { width: 18; padding: 0 1 0 0; color: $text-muted; }
    Form .field > Input, Form .field > Select { width: 1fr; }
    Form .field > TextArea { width: 1fr; height: 4; }
    Form .field > Input, Form .field > TextArea, Form .field SelectCurrent {
        background: $surface;
    }
    Form .field > Input:focus, Form .field > TextArea:focus,
    Form .field > Select:focus SelectCurrent {
        background: $accent 20%;
    }
    Form #form-hint { color: $text-muted; padding: 0 1; }
    Form #form-error { color: $error; padding: 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    title_text = ""

    def compose(self) -> ComposeResult:
        with ScrollPane() as frame:
            # A str would be parsed as markup; the title quotes a stored name.
            frame.border_title = Content(one_line(self.title_text))
            yield from self.fields()
            yield Static("", id="form-error")
            yield Static("ctrl+s save    escape cancel    tab next field", id="form-hint")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def build(self) -> T:
        """The result from the fields; raise FormError for a bad value."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self._snapshot()
        first = self.query(Input).first()
        first.focus()

    def _snapshot(self) -> list[Any]:
        values: list[Any] = []
        for widget in self.query("Input, Select, TextArea"):
            if isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Input | Select):
                values.append(widget.value)
        return values

    def value(self, widget_id: str) -> str:
        """The field's text, stripped; a stored text not edited comes back exactly as stored."""
        return field_text(self.query_one(f"#{widget_id}", Input))

    def text(self, widget_id: str) -> str:
        """The text area's text, stripped; a stored text not edited comes back as stored."""
        return field_text(self.query_one(f"#{widget_id}", TextArea))

    def choice(self, widget_id: str) -> Any:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else value

    def action_save(self) -> None:
        try:
            result = self.build()
        except (FormError, DateParseError) as exc:
            self.query_one("#form-error", Static).update(Content(lines(str(exc))))
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self._snapshot() == self._initial:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Discard what you typed in this form?"), answered)


def whole_number(text: str, field: str, low: int, high: int) -> int | None:
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise FormError(f"{field}: '{text}' is not a whole number") from None
    if not low <= number <= high:
        raise FormError(f"{field}: {number} is outside {low}–{high}")
    return number
