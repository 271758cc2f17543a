"""A text field of the wizard that outlives its step: only the current step is mounted.

While the step is shown, a `Kept` reads its field (a `StoredInput` or `StoredTextArea`);
when the step goes, it keeps the stored text and what the person typed over it, and the
field made when the step comes back starts from there. It answers as the field would
(`text`, `kept`, `shown`), so the wizard reads every step's texts the same way, shown or not.
"""

from __future__ import annotations

from typing import TypeVar

from netdesk.tui.literal import editable
from netdesk.tui.widgets.fields import StoredInput, StoredTextArea

Field = StoredInput | StoredTextArea
F = TypeVar("F", StoredInput, StoredTextArea)


def _shown(field: Field) -> str:
    return field.text if isinstance(field, StoredTextArea) else field.value


class Kept:
    def __init__(self, stored: str = "", *, multiline: bool = False) -> None:
        self.stored = stored
        self.multiline = multiline
        self.typed: str | None = None
        """What the field showed when its step went, if the person had edited it."""
        self.field: Field | None = None

    def bind(self, field: F) -> F:
        """`field` (new, for the step being shown) with the text: as typed over, if it was."""
        field.show(self.stored)
        if self.typed is not None:
            if isinstance(field, StoredTextArea):
                field.load_text(self.typed)
            else:
                field.value = self.typed
        self.field = field
        return field

    def release(self) -> None:
        """The step goes: keep what its field holds."""
        if self.field is not None:
            self.typed = _shown(self.field) if self.field.edited else None
            self.field = None

    def show(self, stored: str) -> None:
        """Hold a newly loaded stored text, as `StoredInput.show` does."""
        self.stored, self.typed = stored, None
        if self.field is not None:
            self.field.show(stored)

    @property
    def edited(self) -> bool:
        return self.field.edited if self.field is not None else self.typed is not None

    @property
    def shown(self) -> str:
        """The text as the field shows it (control characters as symbols)."""
        if self.field is not None:
            return _shown(self.field)
        if self.typed is not None:
            return self.typed
        return editable(self.stored, multiline=self.multiline)

    @property
    def kept(self) -> str:
        """The stored text while not edited, else what the field shows."""
        return self.shown if self.edited else self.stored

    @property
    def text(self) -> str:
        """What the field gives back (`fields.field_text`): stored, or the edit stripped."""
        return self.shown.strip() if self.edited else self.stored
