"""The bottom line of keys: what the focused widget, the screen and the app let you press.

Textual's Footer builds one widget per key and rebuilds them all whenever focus moves; with
netdesk's two dozen keys that cost more than the rest of the first screen together. Here the
bar is one piece of content drawn from `Screen.active_bindings` on each repaint. Textual says
the bindings changed twice on every focus change, and tabbing between fields mostly leaves the
keys as they were: the bar compares what it would show with what it shows and repaints only
when they differ (with a layout only if it then needs another number of lines).
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

FIRST = ("app.retry_save",)
"""Actions drawn before every other key while they are offered: the retry after a failed save
must never be the key cut off at the end of a narrow bar."""


TWO_LINES_FROM = 20
"""Terminal rows from which the bar may take a second line rather than hide keys (at 80x24
the queue's nine routine keys need two; at 40x12 a line is too dear)."""


class _Shown(NamedTuple):
    """One key as the bar shows it: what to compare before drawing again."""

    binding: Binding
    enabled: bool


_Wanted = tuple[list[_Shown], Binding | None]
"""The keys to show and the palette key, if offered."""


class _Key(NamedTuple):
    line: int
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
        height: auto;
        max-height: 2;
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
        self._shown: _Wanted | None = None
        """What the last repaint drew (`_wanted`); None before the first."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        """Repaint if the keys to show changed; lay the screen out again only if they now
        need another number of lines (a layout costs more than the repaint)."""
        wanted = self._wanted()
        if wanted == self._shown:
            if self.screen is not self.app.screen:
                # The screen it is on was just left: this repaint is what has Textual (8.2.8)
                # draw the next screen at once; without it a screen shown again with the
                # same keys waited ~60 ms for its first frame.
                self.refresh()
            return
        height = self._height(self.size.width, wanted)
        self.refresh(layout=height != self.size.height)

    def _wanted(self) -> _Wanted:
        """The keys to show, in order, one per action (the retry first), without the palette
        key; and the palette key, drawn at the right of the last line."""
        app = self.app
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        tail = None if palette is None else palette.binding
        shown: dict[tuple[str, str], _Shown] = {}
        for _node, binding, enabled, _tooltip in active.values():
            action = (binding.action, binding.description)
            if binding.show and action not in shown:
                shown[action] = _Shown(binding, enabled)
        first = [shown.pop(action) for action in list(shown) if action[0] in FIRST]
        tail_key = None if tail is None else tail.key
        keys = [key for key in [*first, *shown.values()] if key.binding.key != tail_key]
        return keys, tail

    def _parts(self, wanted: _Wanted) -> tuple[list[tuple[Content, str, bool]], Content]:
        """Each key of `wanted` as drawn, with its key and whether it is enabled; the
        palette key as drawn."""
        app = self.app
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        dim = self.get_visual_style("key-bar--disabled", partial=True)
        keys, palette = wanted
        tail = Content("")
        if palette is not None:  # always shown, at the right: it reaches every command
            tail = Content.assemble(
                (f" {app.get_key_display(palette)} ", key_style),
                (f"{palette.description} ", text_style),
            )
        parts: list[tuple[Content, str, bool]] = []
        for binding, enabled in keys:
            part = Content.assemble(
                (f" {app.get_key_display(binding)} ", key_style),
                (f"{binding.description} ", text_style),
            )
            parts.append((part if enabled else part.stylize(dim), binding.key, enabled))
        return parts, tail

    def _layout(
        self, width: int, parts: list[tuple[Content, str, bool]], tail: Content
    ) -> list[list[tuple[Content, str, bool]]]:
        """The keys line by line: one line if all fit beside the palette key, else a second
        line on a tall enough terminal; keys that still do not fit are left to help (?)."""
        total = sum(part.cell_length for part, _, _ in parts)
        if total + tail.cell_length <= width or self.app.size.height < TWO_LINES_FROM:
            return [parts]
        first: list[tuple[Content, str, bool]] = []
        at = 0
        for part in parts:
            if at + part[0].cell_length > width:
                break
            first.append(part)
            at += part[0].cell_length
        return [first, parts[len(first) :]]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height(width, self._wanted())

    def _height(self, width: int, wanted: _Wanted) -> int:
        """Its lines; on a dialog, at least as many as the bar behind it, which it covers."""
        lines = len(self._layout(width, *self._parts(wanted)))
        stack = self.app.screen_stack
        if self.screen.is_modal and len(stack) > 1 and self.screen is stack[-1]:
            behind = stack[-2].query(KeyBar)
            if behind:
                return max(lines, behind.first().size.height)
        return lines

    def render(self) -> Content:
        width = self.size.width
        self._shown = wanted = self._wanted()
        parts, tail = self._parts(wanted)
        tail_key = None if wanted[1] is None else wanted[1].key
        lines = self._layout(width, parts, tail)
        self._keys = []
        blank = max(self.size.height - len(lines), 0)  # keys on the bottom line(s)
        drawn: list[Content] = [Content("")] * blank
        for y, line in enumerate(lines, start=blank):
            last = y == blank + len(lines) - 1
            room = width - tail.cell_length if last else width
            pieces: list[Content] = []
            at = 0
            for part, key, enabled in line:
                if at + part.cell_length > room:
                    pieces.append(Content("…"))  # the rest are in help (?) and the palette
                    at += 1
                    break
                pieces.append(part)
                self._keys.append(_Key(y, at, at + part.cell_length, key, enabled))
                at += part.cell_length
            if last and tail_key is not None:
                gap = max(width - at - tail.cell_length, 0)
                start = at + gap
                self._keys.append(_Key(y, start, start + tail.cell_length, tail_key, True))
                pieces += [Content(" " * gap), tail]
            drawn.append(Content.assemble(*pieces))
        return Content("\n").join(drawn)

    def on_click(self, event: events.Click) -> None:
        for span in self._keys:
            if span.line == event.y and span.start <= event.x < span.end:
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
