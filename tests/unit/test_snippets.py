"""Snippets: a short window around the matched words that never cuts what the user wrote apart."""

from __future__ import annotations

import pytest

from netdesk.domain.snippets import ELLIPSIS, Snippet, escape_spans, make_snippet, safe_cut


def test_short_text_is_kept_whole() -> None:
    """A text that fits is the snippet, spans unchanged."""
    assert make_snippet("web design", [(4, 10)]) == Snippet("web design", ((4, 10),))


def test_long_text_is_cut_around_the_match_on_spaces() -> None:
    """The window starts at a word shortly before the match and ends on a space."""
    text = "alpha " * 30 + "the Xero bookkeeper we need " + "omega " * 30
    start = text.index("Xero")
    snippet = make_snippet(text, [(start, start + 4)], width=40)
    assert snippet.text == "…alpha the Xero bookkeeper we need omega…"
    assert snippet.matched() == ["Xero"]


def test_the_window_goes_where_most_matches_are() -> None:
    """Two matches close together win over one lone match earlier on."""
    text = "tax " + "x" * 100 + " tax advice and tax returns " + "y" * 100
    spans = [(0, 3)] + [(i, i + 3) for i in range(5, len(text)) if text.startswith("tax", i)]
    snippet = make_snippet(text, spans, width=40)
    assert [snippet.text[s:e] for s, e in snippet.spans] == ["tax", "tax"]
    assert "advice" in snippet.text


@pytest.mark.parametrize(
    ("text", "at", "forward", "expected"),
    [
        ("ab\x1b[31mcd", 4, False, 2),  # inside ESC [ 3 1 m: back to its start
        ("ab\x1b[31mcd", 4, True, 7),  # or on to its end
        ("ab\x1b]8;;http://x\x07cd", 6, True, 16),  # an OSC hyperlink
        ("e\u0301t", 1, True, 2),  # é as e + combining accent stays whole
        ("e\u0301t", 1, False, 0),
        ("a\U0001f469\u200d\U0001f4bbb", 2, True, 4),  # 👩‍💻 is one picture
        ("a\U0001f44d\U0001f3fdb", 2, False, 1),  # 👍🏽 keeps its skin tone
        ("a\ud83d\ude00b", 2, True, 3),  # a surrogate pair (surrogatepass text)
        ("plain", 2, True, 2),
    ],
)
def test_safe_cut_never_splits(text: str, at: int, forward: bool, expected: int) -> None:
    """Each cut moves to the nearest place that splits nothing, in the asked direction."""
    assert safe_cut(text, at, escape_spans(text), forward=forward) == expected


def test_a_snippet_of_hostile_text_keeps_escapes_whole() -> None:
    """Escapes all over a long text: the snippet holds each one whole or not at all."""
    text = ("\x1b[1;31mred\x1b[0m " * 20) + "design" + (" \x1b]0;title\x07" * 20)
    start = text.index("design")
    snippet = make_snippet(text, [(start, start + 6)], width=30)
    inner = snippet.text.strip(ELLIPSIS)
    assert inner.count("\x1b") == len(escape_spans(inner))
    for s, e in escape_spans(inner):
        assert inner[s:e] in {"\x1b[1;31m", "\x1b[0m", "\x1b]0;title\x07"}
    assert snippet.matched() == ["design"]
