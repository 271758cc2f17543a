"""Export contacts as vCard 3.0, the version every address book imports.

One card per contact with name, organisation, title, profile URL, email and notes. Each card
carries a UID derived from the contact's id, so importing a later export updates the cards an
earlier one created instead of adding copies.
"""

from __future__ import annotations

from collections.abc import Iterable

from netdesk.domain.models import Contact
from netdesk.io.contentline import component, stable_uid, text, uri


def vcard(contact: Contact) -> str:
    """One VCARD, CRLF line endings, folded; N and FN are always present, as 3.0 requires."""
    full_name = f"{contact.first_name} {contact.last_name}".strip()
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{text(contact.last_name)};{text(contact.first_name)};;;",
        f"FN:{text(full_name or contact.company or contact.email or contact.name)}",
    ]
    if contact.company:
        lines.append(f"ORG:{text(contact.company)}")
    if contact.position:
        lines.append(f"TITLE:{text(contact.position)}")
    if contact.url:
        lines.append(f"URL:{uri(contact.url)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{text(contact.email)}")
    if contact.notes:
        lines.append(f"NOTE:{text(contact.notes)}")
    lines += [f"UID:urn:uuid:{stable_uid('contact', contact.id)}", "END:VCARD"]
    return component(lines)


def vcards(contacts: Iterable[Contact]) -> tuple[str, int]:
    """(every contact's card, one after another, how many)."""
    cards = [vcard(contact) for contact in contacts]
    return "".join(cards), len(cards)
