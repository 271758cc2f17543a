"""Calls held per week as a small bar chart, each bar labelled with its count.

Bars grow from zero (Textual's Sparkline scales from the smallest value, which makes a steady
two calls a week look like nothing), so the chart is as honest as the numbers beside it.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from netdesk.tui.styles import MUTED

_EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_WIDTH = 2


def bar_rows(values: list[int], height: int) -> list[list[str]]:
    """Top-to-bottom rows of one block character per value; any value above zero shows."""
    top = max(values, default=0)
    levels = height * 8
    filled = [max(1, round(value * levels / top)) if value > 0 and top else 0 for value in values]
    return [
        [_EIGHTHS[min(8, max(0, level - row * 8))] for level in filled]
        for row in reversed(range(height))
    ]


class WeekChart(Static):
    """The last weeks oldest first; the current week is drawn in the accent colour."""

    DEFAULT_CSS = """
    WeekChart { height: auto; }
    """

    def __init__(self, height: int = 3, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bar_height = height

    def show(self, per_week: list[int]) -> None:
        last = len(per_week) - 1
        lines = [
            Content.assemble(
                *(
                    (cell * BAR_WIDTH + " ", "$accent" if n == last else "$primary")
                    for n, cell in enumerate(row)
                )
            )
            for row in bar_rows(per_week, self.bar_height)
        ]
        lines.append(Content.assemble(*((f"{count:>{BAR_WIDTH}} ", MUTED) for count in per_week)))
        self.update(Content("\n").join(lines))
