"""Small modal pickers: one choice from a short list, or one contact from all of them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Generic, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from netdesk.tui.literal import lines, one_line
from netdesk.tui.screens.base import NetdeskModal
from netdesk.tui.screens.dialogs import DIALOG_CSS
from netdesk.tui.widgets.contact_search import ContactSearch, shared_index
from netdesk.tui.widgets.numbered import numbered_choice

T = TypeVar("T")


class ChoicePrompt(ModalScreen[Any], Generic[T]):
    """Pick one of a few values; enter picks, escape cancels (dismisses with None). A choice
    whose label starts with a digit and a space ("2 · know a bit") is picked by that digit."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="ChoicePrompt")
        + """
    ChoicePrompt OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, choices: Sequence[tuple[str, T]], selected: T | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(lines(self.question)))  # it quotes names
            yield OptionList(
                *(
                    Option(Content(one_line(label)), id=str(n))
                    for n, (label, _) in enumerate(self.choices)
                )
            )
            yield Label("↑↓ choose   enter pick   escape cancel", classes="hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        values = [value for _, value in self.choices]
        if self.selected in values:
            option_list.highlighted = values.index(self.selected)
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def on_key(self, event: events.Key) -> None:
        index = numbered_choice((label for label, _ in self.choices), event.character)
        if index is not None:
            event.stop()
            self.dismiss(self.choices[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContactPicker(NetdeskModal[Any]):
    """Find and pick one contact. Dismisses with the Contact, `EXTRA_CHOSEN`, or None."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="ContactPicker")
        + """
    ContactPicker > Vertical { width: 90; max-height: 90%; }
    """
    )
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    EXTRA_CHOSEN = "extra"

    def __init__(
        self,
        question: str,
        *,
        query: str = "",
        exclude: Collection[int] = (),
        extra: str = "",
        closest_first: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.initial = query
        self.exclude = exclude
        self.extra = extra
        self.closest_first = closest_first

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(lines(self.question)))
            yield ContactSearch(
                shared_index(self.repo),
                value=self.initial,
                exclude=self.exclude,
                extra=self.extra,
                always_open=True,
                closest_first=self.closest_first,
            )
            yield Label("type to search   ↑↓ choose   enter pick   escape cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(ContactSearch).focus_input()

    def on_contact_search_picked(self, event: ContactSearch.Picked) -> None:
        event.stop()
        self.dismiss(event.contact if event.contact is not None else self.EXTRA_CHOSEN)

    def action_cancel(self) -> None:
        self.dismiss(None)
