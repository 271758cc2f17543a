"""A short piece of a longer text around the words that matched, for "why" in search results.

A snippet is cut from user text, so the cut must not break what the user wrote into pieces
a terminal draws as something else: never between the two halves of a surrogate pair, never
before a combining mark, a zero-width joiner or a variation selector (é would lose its
accent, 👩‍💻 would fall apart), and never inside a terminal escape sequence (half of
`ESC [31m` shows as `[31m`). Everything works on `str` positions; the UI draws control
characters literally, as it does for every piece of user text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 90
"""Characters of context a snippet keeps at most (plus the ellipses)."""
ELLIPSIS = "…"

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: ESC [ parameters, intermediates, a final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: ESC ] … ended by BEL or ESC \
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"  # any other escape: intermediates, one final
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # the 8-bit CSI
)
_JOINERS = frozenset("\u200c\u200d")


@dataclass(frozen=True, slots=True)
class Snippet:
    """Text to show, and where in it the matched words are ([start, end) positions)."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def matched(self) -> list[str]:
        """The matched words as they appear in the text, each once, in order."""
        return list(dict.fromkeys(self.text[start:end] for start, end in self.spans))


def _clings_to_previous(char: str) -> bool:
    """Whether `char` belongs to the character before it (a cut before it would split)."""
    code = ord(char)
    return (
        0xDC00 <= code <= 0xDFFF  # the low half of a surrogate pair
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or char in _JOINERS
        or bool(unicodedata.combining(char))
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
    )


def safe_cut(text: str, at: int, escapes: Sequence[tuple[int, int]], *, forward: bool) -> int:
    """The nearest position to `at` where cutting `text` splits nothing (see the module).

    `forward` moves the cut towards the end of the text, otherwise towards the start.
    `escapes` are the [start, end) spans of escape sequences in `text`.
    """
    at = max(0, min(at, len(text)))
    while 0 < at < len(text):
        inside = next((s for s in escapes if s[0] < at < s[1]), None)
        if inside is not None:
            at = inside[1] if forward else inside[0]
            continue
        if _clings_to_previous(text[at]) or text[at - 1] in _JOINERS:
            at += 1 if forward else -1
            continue
        break
    return at


def escape_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every terminal escape sequence in `text` (none in ordinary text)."""
    if "\x1b" not in text and "\x9b" not in text:
        return []
    return [m.span() for m in _ESCAPES.finditer(text)]


def make_snippet(text: str, spans: Sequence[tuple[int, int]], width: int = WIDTH) -> Snippet:
    """The part of `text` (one line, whitespace runs kept as they are) around `spans`.

    The window starts a little before the first matched word of the densest stretch and
    keeps as many matches as fit in `width`; cuts fall on spaces where one is near, and
    always where nothing is split. A cut end is marked with an ellipsis.
    """
    spans = sorted(spans)
    if len(text) <= width:
        return Snippet(text, tuple(spans))
    escapes = escape_spans(text)
    start = 0
    if spans:
        # The stretch of `width` characters starting at a match that holds the most matches.
        best, best_count = spans[0][0], 0
        for first, _ in spans:
            count = sum(1 for s, e in spans if first <= s and e <= first + width)
            if count > best_count:
                best, best_count = first, count
        lead = min(width // 4, 20)
        start = max(0, best - lead)
        if start > 0 and text[start - 1] != " ":  # begin at the next whole word
            space = text.find(" ", start, best)
            start = space + 1 if space != -1 else start
        start = max(0, min(start, len(text) - width))
    start = safe_cut(text, start, escapes, forward=False)
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        if space != -1:
            end = space
    end = safe_cut(text, end, escapes, forward=True)
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    shift = len(head) - start
    kept = tuple((s + shift, e + shift) for s, e in spans if start <= s and e <= end)
    return Snippet(head + text[start:end] + tail, kept)
