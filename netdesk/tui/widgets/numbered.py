"""Choices numbered by their label ("2 · know a bit"): one digit key picks one at once.

Pickers and form selects share the rule, so `3` means the same level wherever closeness is
chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from textual import events
from textual.widgets import Select

from netdesk.domain.models import CLOSENESS_LABELS

T = TypeVar("T")

CLOSENESS_CHOICES: list[tuple[str, int]] = [
    (f"{n} · {label}", n) for n, label in enumerate(CLOSENESS_LABELS)
]
"""The 0–4 closeness scale as numbered choices, for pickers and form selects alike."""


def numbered_choice(labels: Iterable[str], character: str | None) -> int | None:
    """The index of the label that starts with the typed digit and a space, if any."""
    if character is None or not character.isdigit():
        return None
    return next((n for n, label in enumerate(labels) if label.startswith(f"{character} ")), None)


class NumberedSelect(Select[T]):
    """A Select over numbered labels: while it has focus and is closed, a digit picks that
    option (open, its list searches what is typed, as every Select does)."""

    def __init__(self, options: Iterable[tuple[str, T]], **kwargs: Any) -> None:
        self.choices = list(options)
        super().__init__(self.choices, **kwargs)

    def on_key(self, event: events.Key) -> None:
        if self.expanded:
            return
        index = numbered_choice((label for label, _ in self.choices), event.character)
        if index is not None:
            event.stop()
            event.prevent_default()
            self.value = self.choices[index][1]
