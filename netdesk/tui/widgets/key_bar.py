"""The bottom line of keys: what the focused widget, the screen and the app let you press.

Textual's Footer builds one widget per key and rebuilds them all whenever focus moves; with
netdesk's two dozen keys that cost more than the rest of the first screen together. Here the
line is one piece of content drawn from `Screen.active_bindings` on each repaint, and a
bindings change only asks for a repaint.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

FIRST = ("app.retry_save",)
"""Actions drawn before every other key while they are offered: the retry after a failed save
must never be the key cut off at the end of a narrow bar."""


class _Key(NamedTuple):
    start: int
    end: int
    key: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[_Key] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        app = self.app
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        dim = self.get_visual_style("key-bar--disabled", partial=True)
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        shown: dict[str, tuple[str, str, str, bool]] = {}  # one key per action, as Footer
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                )
        width = self.size.width
        tail = Content("")
        if palette is not None:  # always shown, at the right: it reaches every command
            tail = Content.assemble(
                (f" {app.get_key_display(palette.binding)} ", key_style),
                (f"{palette.binding.description} ", text_style),
            )
        room = width - tail.cell_length
        parts: list[Content] = []
        self._keys = []
        at = 0
        first = [shown.pop(action) for action in FIRST if action in shown]
        for key, display, description, enabled in [*first, *shown.values()]:
            if palette is not None and key == palette.binding.key:
                continue
            part = Content.assemble((f" {display} ", key_style), (f"{description} ", text_style))
            if not enabled:
                part = part.stylize(dim)
            if at + part.cell_length > room:
                parts.append(Content("…"))  # the rest are in help (?) and the palette
                at += 1
                break
            parts.append(part)
            self._keys.append(_Key(at, at + part.cell_length, key, enabled))
            at += part.cell_length
        gap = max(width - at - tail.cell_length, 0)
        if palette is not None:
            start = at + gap
            self._keys.append(_Key(start, start + tail.cell_length, palette.binding.key, True))
        return Content.assemble(*parts, " " * gap, tail)

    def on_click(self, event: events.Click) -> None:
        for span in self._keys:
            if span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
