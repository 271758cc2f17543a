"""Log a held call in one form: medium, notes, what stands out, closeness, leads, follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from netdesk.domain.dates import format_day, parse_day, parse_when
from netdesk.domain.leads import parse_leads
from netdesk.domain.models import Call, Contact, Medium
from netdesk.tui.screens.form import Form, FormError, row, whole_number
from netdesk.tui.widgets.fields import StoredInput
from netdesk.tui.widgets.numbered import CLOSENESS_CHOICES, NumberedSelect

MEDIUM_OPTIONS = [(m.value.replace("_", " "), m) for m in Medium]


@dataclass(frozen=True, slots=True)
class CallLog:
    """What the form gathered: the call, how well you know them now, what they offer and seek."""

    call: Call
    closeness: int
    offers: str
    seeks: str


class CallForm(Form[CallLog]):
    def __init__(
        self,
        contact: Contact,
        *,
        now: datetime,
        follow_up: date,
        medium: Medium = Medium.PHONE,
        day_first: bool | None = None,
    ) -> None:
        super().__init__()
        self.contact = contact
        self.now = now
        self.follow_up = follow_up
        self.medium = medium
        self.day_first = day_first
        """How a numeric `12/3` reads (the settings or the locale; None: only unambiguous)."""
        self.title_text = f"Log call with {contact.name}"

    def fields(self) -> ComposeResult:
        yield row("Held", Input("now", id="held", placeholder="now, today 3pm, yesterday 10am"))
        yield row(
            "Medium", Select(MEDIUM_OPTIONS, value=self.medium, allow_blank=False, id="medium")
        )
        yield row("Minutes", Input("15", id="minutes"))
        yield row("Notes", TextArea(id="notes"))
        yield row(
            "Stands out",
            StoredInput(
                self.contact.credential, id="highlights", placeholder="what sets them apart"
            ),
        )
        yield row(
            "Know them now",
            NumberedSelect(
                CLOSENESS_CHOICES,
                value=max(self.contact.closeness, 1),
                allow_blank=False,
                id="closeness",
            ),
        )
        yield row(
            "Offers",
            StoredInput(
                self.contact.offers, id="offers", placeholder="what they do, can help with"
            ),
        )
        yield row(
            "Seeks",
            StoredInput(
                self.contact.seeks, id="seeks", placeholder="what they are looking for now"
            ),
        )
        yield row(
            "Could introduce",
            TextArea(id="leads", placeholder="Name, Company — why   or   Name at Company"),
        )
        yield row("Follow up", Input(format_day(self.follow_up), id="follow_up"))

    def build(self) -> CallLog:
        order = self.day_first
        held_text = self.value("held")
        held = (
            self.now
            if held_text in ("", "now")
            else parse_when(held_text, self.now, field="Held", day_first=order, future=False)
        )
        if held > self.now:
            raise FormError("Held: that is in the future; schedule it with t instead.")
        follow = self.value("follow_up")
        try:
            leads = parse_leads(self.text("leads"), self.contact)
        except ValueError as exc:
            raise FormError(f"Could introduce: {exc}") from None
        call = Call(
            contact_id=self.contact.id,
            held_at=held,
            scheduled_for=held,
            minutes=whole_number(self.value("minutes"), "Minutes", 1, 600) or 15,
            medium=self.choice("medium") or Medium.PHONE,
            notes=self.text("notes"),
            highlights=self.value("highlights"),
            leads=leads,
            follow_up_on=(
                parse_day(follow, self.now.date(), field="Follow up", day_first=order)
                if follow
                else None
            ),
        )
        return CallLog(
            call, self.choice("closeness") or 0, self.value("offers"), self.value("seeks")
        )
