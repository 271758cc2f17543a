"""User text made safe to draw: what is typed is what is shown, and nothing more.

Content objects already keep `[bold]` from becoming style; this takes care of the characters
that would reach the terminal itself. Control characters (tabs, newlines, ESC sequences)
become spaces, so a name is one line and cannot drive the terminal; bidi overrides are
dropped, so one name cannot reverse the rest of its line. Right-to-left letters stay.
"""

from __future__ import annotations

_UNSAFE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ") | dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def one_line(text: str) -> str:
    return text.translate(_UNSAFE)


def first_line(text: str, width: int) -> str:
    """The first line of a long text, safe to draw, cut to `width` characters with "…"."""
    line = one_line(text.strip().splitlines()[0]) if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"
