"""User text made safe to draw: what is typed is what is shown, and nothing more.

Content objects already keep `[bold]` from becoming style; this takes care of the characters
that would reach the terminal itself. Stored and pasted text can hold ESC, BEL or C1
characters (an OSC 52 sequence writes the clipboard, OSC 2 the window title), and Textual
writes a widget's text to the terminal as it is. So every piece of user text is drawn
through one of these:

- `one_line` for a line in a list, a card or a title: control characters (tabs, newlines,
  ESC sequences) become spaces, so a name is one line and cannot drive the terminal; bidi
  overrides are dropped, so one name cannot reverse the rest of its line. Right-to-left
  letters stay.
- `lines` for a notification or a question: the same, line by line.
- `editable` for the text an Input or TextArea holds: each control character is shown as its
  symbol (␛, ␇; C1 as �), so the person editing sees that something is there. The widget
  holds this text, not the stored one: see `widgets/fields.py` for how a field the person
  does not edit gives back the stored text unchanged.
"""

from __future__ import annotations

_UNSAFE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ") | dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_SYMBOLS = (
    {code: chr(0x2400 + code) for code in range(0x20)}
    | {0x7F: "\u2421"}
    | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)
"""Each control character → its Unicode control picture (U+2400 block); C1 has none: �."""
_SYMBOLS_BUT_LINES = {code: symbol for code, symbol in _SYMBOLS.items() if code not in (9, 10)}


def one_line(text: str) -> str:
    return text.translate(_UNSAFE)


def first_line(text: str, width: int) -> str:
    """The first line of a long text, safe to draw, cut to `width` characters with "…"."""
    line = one_line(text.strip().splitlines()[0]) if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def lines(text: str) -> str:
    """Text over several lines, each safe to draw as `one_line`, the line breaks kept."""
    return "\n".join(one_line(line) for line in text.splitlines())


def editable(text: str, *, multiline: bool = False) -> str:
    """Text for an Input (or with `multiline` a TextArea, keeping newlines and tabs), with
    every control character shown as its symbol instead of sent to the terminal.

    A lone CR or CRLF is a line break in a TextArea (and how terminals paste one).
    """
    if multiline:
        return text.replace("\r\n", "\n").replace("\r", "\n").translate(_SYMBOLS_BUT_LINES)
    return text.translate(_SYMBOLS)
