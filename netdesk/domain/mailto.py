"""A note as a `mailto:` link, so the person's own mail client opens with it written (RFC 6068).

The templates have no subject line (LinkedIn messages have none), so an email takes a plain one
from the kind of note: what the recipient sees in their inbox before opening it.
"""

from __future__ import annotations

from urllib.parse import quote

from netdesk.domain.identity import ADDRESS
from netdesk.domain.models import MessageKind

SUBJECTS = {
    MessageKind.OUTREACH: "Hello, and a 15-minute call?",
    MessageKind.FOLLOW_UP: "Following up on my note",
    MessageKind.SCHEDULING: "Finding a time for our call",
    MessageKind.THANKS: "Thank you for the call",
    MessageKind.INTRO_ASK: "An introduction?",
    MessageKind.INTRO: "An introduction",
    MessageKind.INTRO_REQUEST: "Could you introduce me?",
    MessageKind.THANK_YOU: "Thank you",
    MessageKind.CONGRATULATIONS: "Congratulations on the new role",
}
"""The subject for each kind of note; any other kind is just "Hello"."""


def mail_subject(kind: MessageKind) -> str:
    return SUBJECTS.get(kind, "Hello")


def mailto(address: str, subject: str, body: str) -> str:
    """The link for one address; raises ValueError when `address` is not one.

    Everything but the `@` is percent-encoded as UTF-8 (a space as %20, never `+`, which mail
    clients keep as a plus), and line breaks are sent as CRLF, as RFC 6068 asks.
    """
    address = address.strip()
    if not ADDRESS.fullmatch(address):
        raise ValueError(f"{address or 'The email address'} is not an email address")
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
