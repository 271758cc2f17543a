"""Every key, grouped by where it works, read from the same registry as the bindings: the
user's own keys (keymap.toml) where they set one, and each command's id to set one with."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from netdesk.tui.commands import AREAS, commands_for, key_text
from netdesk.tui.keymap import keymap_path
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.wrapped import KEEP, Wrapped

KEY_COLUMN = 11
"""Where descriptions start; their wrapped lines start there too."""


def help_content(user_keys: Mapping[str, str] | None = None) -> Content:
    """Each area's commands: key, description and id (the key `user_keys` gives, if any)."""
    keys = user_keys or {}
    lines: list[Content] = []
    for area, title in AREAS.items():
        lines.append(Content.styled(title, "bold $accent"))
        for command in commands_for(area):
            key = key_text(keys.get(command.id, command.key))
            lines.append(
                Content.assemble(
                    f"  {key:<{KEY_COLUMN - 3}} ",
                    (command.description, ""),
                    " ",
                    (command.id.replace(" ", KEEP), MUTED),
                )
            )
        lines.append(Content(""))
    return Content("\n").join(lines)


def help_footer() -> Content:
    return Content.styled(
        "ctrl+p opens the command palette with all of these. escape goes back. "
        "In text fields, letters type text; use the ctrl keys. "
        f'Your own keys: {keymap_path()} maps an id to a key, e.g. "queue.skip" = "z".',
        MUTED,
    )


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%; border: thick $accent;
        background: $panel; padding: 0 1;
    }
    """

    def __init__(self, user_keys: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.user_keys = user_keys

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as frame:
            frame.border_title = "Keys"
            yield Static(Wrapped(help_content(self.user_keys), hang=KEY_COLUMN))
            yield Static(help_footer(), id="help-footer")
