"""The content-line syntax vCard (RFC 2426, 6350) and iCalendar (RFC 5545) share.

Both escape the same characters in text values, fold lines longer than 75 octets, and end
lines in CRLF; address books and calendars reject or garble files that get any of it wrong,
and names and notes come from other people, so every value passes through here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "netdesk.invalid")
"""Fixed forever: UIDs derived from it let calendars and address books update, not duplicate,
what an earlier export created."""

_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
"""Line breaks besides LF: readers that split with str.splitlines() (vobject, icalendar) end a
content line at NEL or U+2028/U+2029 too, and a note holding one could add a property."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters other than tab and newline, which no content line may carry."""
_LIMIT = 75
"""Octets per line, before the CRLF; a continuation line spends one on its leading space."""


def stable_uid(kind: str, record_id: int) -> str:
    """The same UID for the same stored record on every export."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{record_id}"))


def text(value: str) -> str:
    """A TEXT value: backslash, `;`, `,` and line breaks escaped, control characters dropped."""
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", value)).translate(_ESCAPES)


def uri(value: str) -> str:
    """A URI value, which is not escaped: only whitespace and control characters go."""
    return "".join(_CONTROL.sub("", value).split())


def fold(line: str) -> str:
    """`line` cut into pieces of at most 75 octets, each ending in CRLF and each after the
    first starting with a space; a UTF-8 sequence is never split across pieces."""
    if len(line) * 4 <= _LIMIT or len(line.encode()) <= _LIMIT:
        return line + "\r\n"
    pieces: list[str] = []
    start, size, room = 0, 0, _LIMIT
    for index, char in enumerate(line):
        octets = 1 if char < "\x80" else len(char.encode())
        if size + octets > room:
            pieces.append(line[start:index])
            start, size, room = index, 0, _LIMIT - 1
        size += octets
    pieces.append(line[start:])
    return "\r\n ".join(pieces) + "\r\n"


def component(lines: Iterable[str]) -> str:
    """Content lines (`NAME;PARAM=…:value`, values already escaped) folded and joined."""
    return "".join(fold(line) for line in lines)
