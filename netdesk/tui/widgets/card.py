"""The selected person at a glance: who they are, where they stand, what is next."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from netdesk.domain.dates import format_day, relative_day
from netdesk.domain.models import Contact, closeness_label
from netdesk.tui.literal import first_line, one_line
from netdesk.tui.themes import stage_variable

_DIM = "$text-muted"


def _when(day: date | None, today: date) -> str:
    return f"{format_day(day)} ({relative_day(day, today)})" if day else "—"


def card_content(contact: Contact | None, *, talked: bool, today: date) -> Content:
    """Built from plain text pieces, so user data never becomes markup."""
    if contact is None:
        return Content.styled("Nobody selected.", _DIM)
    network = "A network (talked)" if talked else "B network (never talked)"
    lines: list[Content] = [
        Content.assemble((one_line(contact.name), "bold"), "  ", (network, _DIM)),
        Content(one_line(contact.headline) or "—"),
        Content.assemble(
            ("Stage ", _DIM),
            (contact.stage.value.replace("_", " "), f"${stage_variable(contact.stage)}"),
            ("   Closeness ", _DIM),
            closeness_label(contact.closeness),
            ("   Connected ", _DIM),
            format_day(contact.connected_on) if contact.connected_on else "—",
        ),
        Content.assemble(
            ("Last contact ", _DIM),
            _when(contact.last_contacted_on, today),
            ("   Next ", _DIM),
            _when(contact.next_action_on, today),
        ),
    ]
    if contact.snoozed_until and contact.snoozed_until > today:
        lines.append(Content.assemble(("Snoozed until ", _DIM), format_day(contact.snoozed_until)))
    if contact.disconnected_on:
        lines.append(
            Content.assemble(
                ("No longer in your connections", "bold $warning"),
                (" (missing from the Connections.csv imported ", _DIM),
                format_day(contact.disconnected_on),
                (")", _DIM),
            )
        )
    if contact.credential:
        lines.append(Content.assemble(("Stands out ", _DIM), one_line(contact.credential)))
    if contact.offers:
        lines.append(Content.assemble(("Offers ", _DIM), one_line(contact.offers)))
    if contact.seeks:
        lines.append(Content.assemble(("Seeks ", _DIM), one_line(contact.seeks)))
    if contact.tags:
        lines.append(Content.assemble(("Tags ", _DIM), one_line(", ".join(contact.tags))))
    if contact.notes:
        lines.append(Content.assemble(("Notes ", _DIM), first_line(contact.notes, 200)))
    return Content("\n").join(lines)


class ContactCard(Static):
    DEFAULT_CSS = """
    ContactCard { height: auto; padding: 0 1; }
    """

    def show(self, contact: Contact | None, *, talked: bool, today: date) -> None:
        self.update(card_content(contact, talked=talked, today=today))
