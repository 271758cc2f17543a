"""Read LinkedIn's Invitations.csv: `From, To, Sent At, Message, Direction`, and in newer
archives `inviterProfileUrl, inviteeProfileUrl`.

The note you wrote with an invitation is your first outreach to that person (channel
"invitation"); an invitation you sent without a note is not outreach and is skipped, so it does
not start a follow-up clock. Invitations you received are kept, note or not, as their message.
"""

from __future__ import annotations

from pathlib import Path

from netdesk.io.archive_dates import parse_timestamp
from netdesk.io.csvfile import Columns, read_lines, text_lines
from netdesk.io.history import (
    DIRECTIONS,
    Exchange,
    HistoryRead,
    Party,
    clean_name,
    clean_text,
    read_exchanges,
)
from netdesk.io.linkedin import profile_url

_FILE = "Invitations.csv"
_COLUMNS = Columns(
    kind="invitations",
    names={
        "from": "from",
        "to": "to",
        "sentat": "sent_at",
        "message": "message",
        "direction": "direction",
        "inviterprofileurl": "from_url",
        "inviteeprofileurl": "to_url",
    },
    fields=("from", "from_url", "to", "to_url", "sent_at", "message", "direction"),
    required=("from", "to", "sent_at", "direction"),
    example="From, To, Sent At, Message, Direction",
    one_line=("from", "from_url", "to", "to_url", "sent_at", "direction"),
    when="sent_at",
)


def read_invitations(path: Path) -> HistoryRead:
    """Read an Invitations.csv export; see `read_invitations_text`."""
    return read_exchanges(read_lines(path, _FILE), str(path), _COLUMNS, _exchange)


def read_invitations_text(text: str) -> HistoryRead:
    """Read Invitations.csv content already in memory; rows without a readable date or
    direction, and invitations you sent without a note, are skipped with their line."""
    source = "the pasted text"
    return read_exchanges(text_lines(text, source, _FILE), source, _COLUMNS, _exchange)


def _exchange(line: int, cells: tuple[str, ...]) -> Exchange | str:
    sender, sender_url, to, to_url, when, message, direction = cells
    outgoing = DIRECTIONS.get(direction.strip().casefold())
    if outgoing is None:
        return f"unknown direction {direction.strip()!r}"
    sent_at = parse_timestamp(when)
    if sent_at is None:
        return f"unreadable date {when.strip()!r}"
    note = clean_text(message)
    if outgoing and not note:
        return "an invitation without a note is not outreach"
    return Exchange(
        line=line,
        sent_at=sent_at,
        sender=Party(clean_name(sender), profile_url(sender_url)),
        recipients=(Party(clean_name(to), profile_url(to_url)),),
        body=note,
        channel="invitation",
        outgoing=outgoing,
    )
