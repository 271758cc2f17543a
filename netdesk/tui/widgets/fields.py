"""Input and TextArea for stored text: shown safely, given back unchanged unless edited.

An Input draws its value to the terminal as it is, so a stored name holding ESC ] 52 would
write the clipboard the moment its form opens. These fields hold `literal.editable(stored)`,
the text with each control character shown as a symbol (␛), and remember the stored text.
`kept` gives that stored text back, byte for byte, while the field still shows it unedited,
so opening and saving a form never changes a field the person did not touch. Once they edit
the field, what it shows is what is saved (their edit, with the symbols they could see; they
may delete them).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, TextArea

from netdesk.tui.literal import editable


class StoredInput(Input):
    def __init__(self, stored: str = "", **kwargs: Any) -> None:
        super().__init__(editable(stored), **kwargs)
        self.stored = stored
        self._shown = self.value

    def show(self, stored: str) -> None:
        """Hold a newly loaded stored text (as if the field were created with it)."""
        self.stored = stored
        self.value = self._shown = editable(stored)

    @property
    def edited(self) -> bool:
        return self.value != self._shown

    @property
    def kept(self) -> str:
        """The stored text while the field is not edited, else what the field shows."""
        return self.value if self.edited else self.stored


class StoredTextArea(TextArea):
    def __init__(self, stored: str = "", **kwargs: Any) -> None:
        super().__init__(editable(stored, multiline=True), **kwargs)
        self.stored = stored
        self._shown = self.text

    def show(self, stored: str) -> None:
        """Hold a newly loaded stored text (as if the field were created with it)."""
        self.stored = stored
        self.load_text(editable(stored, multiline=True))
        self._shown = self.text

    @property
    def edited(self) -> bool:
        return self.text != self._shown

    @property
    def kept(self) -> str:
        """The stored text while the field is not edited, else what the field shows."""
        return self.text if self.edited else self.stored


def field_text(widget: Input | TextArea) -> str:
    """What a field gives back: a stored text not edited exactly as stored (never stripped or
    shown with symbols), anything else as the field shows it, stripped."""
    if isinstance(widget, StoredInput | StoredTextArea) and not widget.edited:
        return widget.stored
    return (widget.text if isinstance(widget, TextArea) else widget.value).strip()
