"""The top line: the app's title and the database path with its save status.

One line of content rather than Textual's Header (an icon, a title and a clock widget, each
styled and laid out at start-up): netdesk shows no clock, and the header is repainted only
when a title changes.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from netdesk.tui.literal import one_line


class TitleBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def render(self) -> Content:
        """The titles on one line; a long sub-title loses its start, so its end (the save
        status) stays in view."""
        screen, app = self.screen, self.app
        title = one_line(screen.title if screen.title is not None else app.title)
        sub_title = one_line(screen.sub_title if screen.sub_title is not None else app.sub_title)
        room = self.size.width - cell_len(title) - 3  # the " — " between them
        if room > 1 and cell_len(sub_title) > room:
            while cell_len(sub_title) > room - 1:
                sub_title = sub_title[1:]
            sub_title = "…" + sub_title
        return app.format_title(title, sub_title)
