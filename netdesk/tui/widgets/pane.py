"""Panes that restyle only themselves as they gain or lose focus.

A scrolling pane takes focus (its keys scroll it), and Textual restyles a widget and all that
is in it when its focus changes: for a form's frame that is every label and field, on each
tab onto the frame and off it. No rule styles what is in a pane by the pane's own focus (the
focus rules name the fields themselves), so restyling the pane alone shows the same.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget


class Pane(Widget):
    """Restyled alone on a focus change. It comes after the container in the bases
    (`(VerticalScroll, Pane)`), so the container's focus and styles apply."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)


class ScrollPane(VerticalScroll, Pane):
    """A VerticalScroll restyled alone on a focus change."""
