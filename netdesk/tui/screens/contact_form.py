"""Add or edit a person: the fields you type yourself, which imports never overwrite."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input

from netdesk.domain.dates import format_day, parse_past_day
from netdesk.domain.models import Contact
from netdesk.tui.screens.form import Form, FormError, row, whole_number
from netdesk.tui.widgets.fields import StoredInput, StoredTextArea
from netdesk.tui.widgets.numbered import CLOSENESS_CHOICES, NumberedSelect


class ContactForm(Form[Contact]):
    def __init__(
        self, contact: Contact | None, *, today: date, day_first: bool | None = None
    ) -> None:
        super().__init__()
        self.contact = contact or Contact()
        self.today = today
        self.day_first = day_first
        """How a numeric `12/3` reads (the settings or the locale; None: only unambiguous)."""
        self.title_text = f"Edit {contact.name}" if contact else "New contact"

    def fields(self) -> ComposeResult:
        c = self.contact
        yield row("First name", StoredInput(c.first_name, id="first_name"))
        yield row("Last name", StoredInput(c.last_name, id="last_name"))
        yield row("Company", StoredInput(c.company, id="company"))
        yield row("Position", StoredInput(c.position, id="position"))
        yield row("Profile URL", StoredInput(c.url, id="url"))
        yield row("Email", StoredInput(c.email, id="email"))
        yield row(
            "Closeness",
            NumberedSelect(CLOSENESS_CHOICES, value=c.closeness, allow_blank=False, id="closeness"),
        )
        yield row(
            "Met on",
            Input(
                format_day(c.met_on) if c.met_on else "",
                id="met_on",
                placeholder="2019-03-14, mar 2019 …",
            ),
        )
        yield row(
            "How you met",
            StoredInput(c.how_met, id="how_met", placeholder="we worked on the Northwind tender"),
        )
        yield row(
            "Stands out",
            StoredInput(
                c.credential, id="credential", placeholder="one line: what sets them apart"
            ),
        )
        yield row(
            "Offers",
            StoredInput(c.offers, id="offers", placeholder="what they do, can help with"),
        )
        yield row(
            "Seeks", StoredInput(c.seeks, id="seeks", placeholder="what they are looking for now")
        )
        yield row("Tags", StoredInput(", ".join(c.tags), id="tags", placeholder="comma separated"))
        yield row(
            "Keep in touch",
            Input(str(c.keep_in_touch_days or ""), id="keep", placeholder="every N days"),
        )
        yield row("Notes", StoredTextArea(c.notes, id="notes"))

    def build(self) -> Contact:
        first, last = self.value("first_name"), self.value("last_name")
        if not (first or last):
            raise FormError("A contact needs a first or last name.")
        met = self.value("met_on")
        return replace(
            self.contact,
            first_name=first,
            last_name=last,
            company=self.value("company"),
            position=self.value("position"),
            url=self.value("url"),
            email=self.value("email"),
            closeness=self.choice("closeness") or 0,
            met_on=(parse_past_day(met, self.today, day_first=self.day_first) if met else None),
            how_met=self.value("how_met"),
            credential=self.value("credential"),
            offers=self.value("offers"),
            seeks=self.value("seeks"),
            tags=[t.strip() for t in self.value("tags").split(",") if t.strip()],
            keep_in_touch_days=whole_number(self.value("keep"), "Keep in touch", 1, 3650),
            notes=self.text("notes"),
        )
