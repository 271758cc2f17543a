"""A search snippet drawn with its matched words picked out, every piece drawn literally."""

from __future__ import annotations

from textual.content import Content

from netdesk.domain.snippets import Snippet
from netdesk.tui.literal import one_line

MATCH_STYLE = "bold $accent"


def snippet_content(snippet: Snippet) -> Content:
    """The snippet's text with its spans styled; cut into pieces at the spans first, so
    making a piece safe to draw (which may drop a bidi override) never moves a span."""
    text = snippet.text
    pieces: list[tuple[str, str] | str] = []
    at = 0
    for start, end in snippet.spans:
        if start < at:  # overlapping spans: the earlier one already covers it
            continue
        pieces.append(one_line(text[at:start]))
        pieces.append((one_line(text[start:end]), MATCH_STYLE))
        at = end
    pieces.append(one_line(text[at:]))
    return Content.assemble(*pieces)
