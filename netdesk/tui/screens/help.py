"""Every key, grouped by where it works, read from the same registry as the bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from netdesk.tui.commands import AREAS, commands_for

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "comma": ",",
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "equals_sign": "=",
    "enter": "enter",
}


def help_content() -> Content:
    lines: list[Content] = []
    for area, title in AREAS.items():
        lines.append(Content.styled(title, "bold $accent"))
        for command in commands_for(area):
            key = KEY_NAMES.get(command.key, command.key)
            lines.append(Content.assemble(f"  {key:<9}", (command.description, "")))
        lines.append(Content(""))
    lines.append(
        Content.styled(
            "ctrl+p opens the command palette with all of these. escape goes back. "
            "In text fields, letters type text; use the ctrl keys.",
            "$text-muted",
        )
    )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%; border: thick $accent;
        background: $panel; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as frame:
            frame.border_title = "Keys"
            yield Static(help_content())
