"""The selected person at a glance: who they are, where they stand, what is next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from netdesk.domain.dates import format_day, relative_day
from netdesk.domain.models import Contact, Referral, closeness_label
from netdesk.domain.referrals import PersonReferrals, summary
from netdesk.tui.literal import first_line, one_line
from netdesk.tui.styles import MUTED
from netdesk.tui.themes import stage_variable
from netdesk.tui.widgets.wrapped import KEEP, Wrapped

REFERRALS_SHOWN = 2
"""Referrals named per direction on the card; the Referrals screen (7) lists them all."""


def _label(label: str) -> tuple[str, str]:
    """A field's label, kept on one line with the start of its value."""
    return label.lstrip().replace(" ", KEEP).rjust(len(label)) + KEEP, MUTED


def _when(day: date | None, today: date) -> str:
    return f"{format_day(day)} ({relative_day(day, today)})" if day else "—"


def _referral_line(
    label: str, referrals: Sequence[Referral], people: Mapping[int, Contact]
) -> Content:
    """ "You sent them Bob Lee: a bookkeeper (met); +2 more", newest first."""
    shown = "; ".join(summary(r, people) for r in referrals[:REFERRALS_SHOWN])
    more = len(referrals) - REFERRALS_SHOWN
    return Content.assemble(
        (f"{label} ", MUTED), first_line(shown, 160), (f"; +{more} more" if more > 0 else "", MUTED)
    )


def card_content(
    contact: Contact | None,
    *,
    talked: bool,
    today: date,
    referrals: PersonReferrals | None = None,
    people: Mapping[int, Contact] | None = None,
) -> Content:
    """Built from plain text pieces, so user data never becomes markup. `referrals` (with
    `people` to name who was referred) adds the referrals given to and received from them."""
    if contact is None:
        return Content.styled("Nobody selected.", MUTED)
    network = "A network (talked)" if talked else "B network (never talked)"
    lines: list[Content] = [
        Content.assemble((one_line(contact.name), "bold"), "  ", (network, MUTED)),
        Content(one_line(contact.headline) or "—"),
        Content.assemble(
            _label("Stage"),
            (contact.stage.value.replace("_", " "), f"${stage_variable(contact.stage)}"),
            _label("   Closeness"),
            closeness_label(contact.closeness),
            _label("   Connected"),
            format_day(contact.connected_on) if contact.connected_on else "—",
        ),
        Content.assemble(
            _label("Last contact"),
            _when(contact.last_contacted_on, today),
            _label("   Next"),
            _when(contact.next_action_on, today),
        ),
    ]
    if contact.snoozed_until and contact.snoozed_until > today:
        lines.append(Content.assemble(("Snoozed until ", MUTED), format_day(contact.snoozed_until)))
    if contact.disconnected_on:
        lines.append(
            Content.assemble(
                ("No longer in your connections", "bold $warning"),
                (" (missing from the Connections.csv imported ", MUTED),
                format_day(contact.disconnected_on),
                (")", MUTED),
            )
        )
    if contact.credential:
        lines.append(Content.assemble(("Stands out ", MUTED), one_line(contact.credential)))
    if contact.offers:
        lines.append(Content.assemble(("Offers ", MUTED), one_line(contact.offers)))
    if contact.seeks:
        lines.append(Content.assemble(("Seeks ", MUTED), one_line(contact.seeks)))
    if contact.tags:
        lines.append(Content.assemble(("Tags ", MUTED), one_line(", ".join(contact.tags))))
    if contact.notes:
        lines.append(Content.assemble(("Notes ", MUTED), first_line(contact.notes, 200)))
    if referrals is not None and people is not None:
        if referrals.given_to:
            lines.append(_referral_line("You sent them", referrals.given_to, people))
        if referrals.received_from:
            lines.append(_referral_line("They sent you", referrals.received_from, people))
    return Content("\n").join(lines)


class ContactCard(Static):
    DEFAULT_CSS = """
    ContactCard { height: auto; padding: 0 1; }
    """

    def show(
        self,
        contact: Contact | None,
        *,
        talked: bool,
        today: date,
        referrals: PersonReferrals | None = None,
        people: Mapping[int, Contact] | None = None,
    ) -> None:
        self.update(
            Wrapped(
                card_content(
                    contact, talked=talked, today=today, referrals=referrals, people=people
                )
            )
        )
