"""Read LinkedIn's messages.csv in the shapes LinkedIn has shipped.

Current archives: `CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE URL, TO,
RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER` (sometimes ATTACHMENTS, IS MESSAGE
DRAFT …) with UTC stamps; which side is you is worked out when planning. Older archives:
`From, To, Date, Subject, Content, Direction, Folder`, where Direction says it and dates read
`10/16/18, 8:36 AM`. Columns are found by name, so order and extra columns do not matter.
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

_FILE = "messages.csv"
_COLUMNS = Columns(
    kind="messages",
    names={
        "from": "from",
        "senderprofileurl": "from_url",
        "to": "to",
        "recipientprofileurls": "to_urls",
        "date": "date",
        "subject": "subject",
        "content": "content",
        "folder": "folder",
        "direction": "direction",
        "ismessagedraft": "draft",
        "attachments": "attachments",
    },
    fields=(
        "from",
        "from_url",
        "to",
        "to_urls",
        "date",
        "subject",
        "content",
        "folder",
        "direction",
        "draft",
        "attachments",
    ),
    required=("from", "to", "date", "content"),
    example="FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT",
    one_line=("from", "from_url", "to", "to_urls", "date", "folder", "direction", "draft"),
    when="date",
)
_DRAFT_FOLDERS = frozenset({"draft", "drafts"})
_YES = frozenset({"yes", "true", "y", "1"})


def read_messages(path: Path) -> HistoryRead:
    """Read a messages.csv export; see `read_messages_text` for what is accepted."""
    return read_exchanges(read_lines(path, _FILE), str(path), _COLUMNS, _exchange)


def read_messages_text(text: str) -> HistoryRead:
    """Read messages.csv content already in memory (pasted data, tests).

    Drafts (IS MESSAGE DRAFT, or the DRAFT folder) were never sent and are skipped, as are
    rows without a sender, rows with no text and no attachment, and rows whose date cannot be
    read. Content keeps its line breaks; HTML entities become characters. A subject, when there
    is one, heads the body.
    """
    source = "the pasted text"
    return read_exchanges(text_lines(text, source, _FILE), source, _COLUMNS, _exchange)


def _exchange(line: int, cells: tuple[str, ...]) -> Exchange | str:
    sender, sender_url, to, to_urls, when, subject, content, folder, direction, draft, files = cells
    if draft.strip().casefold() in _YES or folder.strip().casefold() in _DRAFT_FOLDERS:
        return "a draft, never sent"
    if not (sender.strip() or sender_url.strip()):
        return "no sender"
    sent_at = parse_timestamp(when)
    if sent_at is None:
        return f"unreadable date {when.strip()!r}"
    body = _body(subject, content)
    if not body and not files.strip():
        return "no text"
    return Exchange(
        line=line,
        sent_at=sent_at,
        sender=Party(clean_name(sender), profile_url(sender_url)),
        recipients=_recipients(to, to_urls),
        body=body,
        channel="linkedin",
        outgoing=DIRECTIONS.get(direction.strip().casefold()),
    )


def _body(subject: str, content: str) -> str:
    subject, text = clean_name(subject), clean_text(content)
    return f"{subject}\n\n{text}" if subject and text else subject or text


def _recipients(names: str, urls: str) -> tuple[Party, ...]:
    """TO and RECIPIENT PROFILE URLS paired up; names are only split when the counts agree,
    since a single name may hold a comma ('Jane Doe, PhD'). Without URLs (older files) a TO
    listing several people ('Ann Lee, Bo Park') is a group conversation: see `_listed`."""
    links = [link for url in urls.split(",") if (link := profile_url(url))]
    if not links:
        return tuple(Party(name) for name in _listed(names))
    if len(links) == 1:
        return (Party(clean_name(names), links[0]),)
    labels = names.split(",")
    if len(labels) != len(links):
        labels = [""] * len(links)
    return tuple(Party(clean_name(n), u) for n, u in zip(labels, links, strict=True))


def _listed(names: str) -> list[str]:
    """The people a TO cell names: 'Ann Lee, Bo Park' is two, but 'Jane Doe, PhD' and
    'Doe, Jane' are one, since a part of one word is a title or half a name, not a person."""
    parts = [clean_name(part) for part in names.split(",")]
    people = [part for part in parts if " " in part]
    if len(people) > 1:
        return people
    whole = clean_name(names)
    return [whole] if whole else []
