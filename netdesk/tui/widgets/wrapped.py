"""Text that wraps the way a reader expects: under its own indent, never inside a date.

Textual wraps a `Content` at any space and starts every wrapped line at the left edge, so a
queue reason's second line sat under the name and "(5 days ago)" could end one line with
"(5" and start the next with "days ago)". `Wrapped` breaks only between words outside a date
phrase (`dates.date_phrases`) and starts each wrapped line under the first letter of the
line it continues (or at a fixed `hang`, for a column such as help's descriptions). A
no-break space (`KEEP`) holds two words together too, e.g. a label and its value; it is
drawn as a plain space.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from netdesk.domain.dates import date_phrases

KEEP = "\u00a0"
"""A space the line never breaks at."""


@lru_cache(maxsize=1024)
def _breaks(text: str, width: int, hang: int) -> tuple[tuple[int, int], ...]:
    """(start, end) of each drawn line of `text`, greedy, breaking only at allowed spaces.

    A run too long for the room breaks at its no-break spaces, then inside its date phrase;
    a word longer than the room is left for Content to fold.
    """
    protected = date_phrases(text)
    words = _split(text, 0, len(text), lambda at: not any(a < at < b for a, b in protected))
    room = max(width - hang, 1)
    for splitter in (lambda at: text[at] == KEEP, lambda _at: True):
        words = [
            piece
            for word in words
            for piece in (
                _split(text, *word, splitter, spaces=" " + KEEP)
                if cell_len(text[word[0] : word[1]]) > room
                else [word]
            )
        ]
    if not words:
        return ((0, len(text)),)
    lines: list[tuple[int, int]] = []
    line_start, line_end = 0, words[0][1]  # the first line keeps its leading spaces
    for word_start, word_end in words[1:]:
        room = width if not lines else width - hang
        if cell_len(text[line_start:word_end]) <= room:
            line_end = word_end
        else:
            lines.append((line_start, line_end))
            line_start, line_end = word_start, word_end
    lines.append((line_start, line_end))
    return tuple(lines)


def _split(
    text: str, start: int, end: int, allowed: Callable[[int], bool], spaces: str = " "
) -> list[tuple[int, int]]:
    """(start, end) of the runs of text[start:end] between the spaces `allowed` lets break."""
    runs: list[tuple[int, int]] = []
    for at in range(start, end):
        if text[at] in spaces and allowed(at):
            if at > start:
                runs.append((start, at))
            start = at + 1
    if start < end:
        runs.append((start, end))
    return runs


class Wrapped(Visual):
    """`content` drawn line by line, each wrapped under its own indent (or at `hang`)."""

    def __init__(self, content: Content, *, hang: int | None = None) -> None:
        self.content = content
        self.hang = hang
        self._split: list[Content] | None = None
        self._cache: tuple[int, Content] | None = None

    @property
    def _lines(self) -> list[Content]:
        """The content's lines, split when first drawn: a list of thousands draws a screenful,
        and splitting a Content costs more than the row's height."""
        if self._split is None:
            self._split = self.content.split("\n")
        return self._split

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        """The text as drawn before wrapping (no-break spaces as spaces)."""
        return self.content.plain.replace(KEEP, " ")

    def _indent(self, line: Content) -> int:
        if self.hang is not None:
            return self.hang
        return len(line.plain) - len(line.plain.lstrip(" "))

    def wrapped(self, width: int) -> Content:
        """The text with its line breaks for `width` cells put in."""
        if self._cache is not None and self._cache[0] == width:
            return self._cache[1]
        drawn: list[Content] = []
        for line in self._lines:
            indent = self._indent(line)
            if indent >= width // 2:  # too narrow to indent: use the room for the text
                indent = 0
            for n, (start, end) in enumerate(_breaks(line.plain, width, indent)):
                piece = line[start:end]
                piece = Content(piece.plain.replace(KEEP, " "), list(piece.spans))
                drawn.append(piece.pad_left(indent) if n else piece)
        result = Content("\n").join(drawn)
        self._cache = (width, result)
        return result

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.wrapped(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # A list asks every row's height (thousands of calls): lines that all fit need no
        # line breaking, only their widths (about 2 µs a row instead of 60).
        lines = self.content.plain.split("\n")
        if all(cell_len(line) <= width for line in lines):
            return len(lines)
        return self.wrapped(width).get_height(rules, width)
