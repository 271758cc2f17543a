"""Text netdesk could not hand over itself, shown selected, to copy with the mouse.

A copy that reached no clipboard netdesk can check, or an address no browser opened, ends
here rather than in a notification that fades before it can be copied.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from netdesk.tui.literal import lines, one_line


class CopyByHand(ModalScreen[bool]):
    """`message`, then `text` selected in a read-only box; escape closes.

    With `ask_if_pasting_works`, enter closes it saying the terminal's own copy worked
    (the dialog's result is then True), so the next copies do not ask again.
    """

    # The whole screen, the text at column 0 with nothing beside it: a terminal's own
    # selection copies whole rows, so a border or a margin would be copied with it.
    DEFAULT_CSS = """
    CopyByHand { background: $background; }
    CopyByHand > Vertical { height: 100%; }
    CopyByHand .message { padding: 0 0 1 0; }
    CopyByHand #to-copy { height: 1fr; padding: 0; }
    CopyByHand .hint { color: $text-muted; padding: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "close(False)", "Close"),
        Binding("enter", "close(True)", "Pasting works", show=False),
    ]

    def __init__(self, message: str, text: str, *, ask_if_pasting_works: bool = False) -> None:
        super().__init__()
        self.message = message
        self.text = text
        self.ask_if_pasting_works = ask_if_pasting_works

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(one_line(self.message)), classes="message")  # it quotes names
            yield TextArea(
                lines(self.text),  # what pasting it gives: control characters as spaces
                read_only=True,
                soft_wrap=True,
                show_line_numbers=False,
                compact=True,
                id="to-copy",
            )
            hint = "escape  close"
            if self.ask_if_pasting_works:
                hint = "enter  pasting works: stop showing this      " + hint
            yield Label(hint, classes="hint")

    def on_mount(self) -> None:
        area = self.query_one("#to-copy", TextArea)
        area.select_all()
        area.focus()

    def action_close(self, pasting_works: bool) -> None:
        self.dismiss(pasting_works and self.ask_if_pasting_works)
