"""Record or edit a referral: who is on the other side, the need, who was referred, how it went.

The other side is always one of your contacts (picked from the list); the person referred
may be a contact or just a name typed in, since the people you refer are often not in your
network. ctrl+s stores it through the repo, which validates it: a refusal is shown in the
form, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual.app import ComposeResult
from textual.widgets import Input, Select

from netdesk.domain.models import Contact, Referral, ReferralDirection, ReferralStatus
from netdesk.domain.referrals import STATUS_LABELS, other_side
from netdesk.store.repo import Repo
from netdesk.tui.literal import editable
from netdesk.tui.screens.form import Form, FormError, row
from netdesk.tui.widgets.contact_search import ContactSearch, shared_index
from netdesk.tui.widgets.fields import StoredInput

CONSENT_OPTIONS = [("yes: they agreed to be passed on", True), ("no, or not asked yet", False)]
STATUS_OPTIONS = [(label, status) for status, label in STATUS_LABELS.items()]


class ReferralForm(Form[Referral]):
    """Dismisses with the stored Referral (added, or edited when it has an id), or None."""

    def __init__(self, referral: Referral, repo: Repo, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.referral = referral
        self.repo = repo
        self.now = now
        self.given = referral.direction is ReferralDirection.GIVEN
        way = "you gave" if self.given else "you received"
        self.title_text = f"Edit the referral {way}" if referral.id else f"A referral {way}"
        self.index = shared_index(repo)
        self.other: Contact | None = repo.contacts.get(other_side(referral) or 0)
        self.referred: Contact | None = repo.contacts.get(referral.referred_id or 0)

    def fields(self) -> ComposeResult:
        r = self.referral
        index = self.index
        yield row(
            "Given to" if self.given else "From",
            ContactSearch(
                index,
                value=self.other.name if self.other else "",
                placeholder="one of your contacts: type a name, then enter",
                id="other",
            ),
        )
        yield row(
            "Need",
            StoredInput(r.need, id="need", placeholder="one line: a bookkeeper who knows Xero"),
        )
        yield row(
            "Referred",
            ContactSearch(
                index,
                value=self.referred.name if self.referred else r.referred_name,
                placeholder="a contact (enter picks) or any name typed in",
                id="referred",
            ),
        )
        yield row(
            "They agreed",
            Select(CONSENT_OPTIONS, value=r.consent, allow_blank=False, id="consent"),
        )
        yield row(
            "Status",
            Select(STATUS_OPTIONS, value=r.status, allow_blank=False, id="status"),
        )
        yield row(
            "Value",
            StoredInput(r.value, id="value", placeholder="optional: a six-month contract"),
        )

    def on_mount(self) -> None:
        """Started from a person, the first field left empty comes next: the need, or who
        was referred (after Form's own on_mount, which Textual runs too and which focuses
        the first field)."""
        if self.other is not None:
            later = "#referred Input" if self.referral.need.strip() else "#need"
            self.call_after_refresh(self.query_one(later, Input).focus)

    def on_contact_search_picked(self, event: ContactSearch.Picked) -> None:
        event.stop()
        contact = event.contact
        if contact is None:
            return
        if event.search.id == "other":
            self.other = contact
        else:
            self.referred = contact
        event.search.set_value(contact.name)
        self.focus_next()

    def _typed(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", ContactSearch).input.value.strip()

    def build(self) -> Referral:
        side = "Given to" if self.given else "From"
        other = self.other
        if other is None or self._typed("other") != editable(other.name).strip():
            raise FormError(f"{side}: pick one of your contacts from the list (type, then enter).")
        referred_text = self._typed("referred")
        referred = self.referred
        if referred is not None and referred_text == editable(referred.name).strip():
            referred_id, referred_name = referred.id, ""
        elif referred_text == editable(self.referral.referred_name).strip():
            referred_id, referred_name = None, self.referral.referred_name  # kept as stored
        else:
            referred_id, referred_name = None, referred_text
        giver, receiver = (None, other.id) if self.given else (other.id, None)
        typed = replace(
            self.referral,
            giver_id=giver,
            receiver_id=receiver,
            need=self.value("need"),
            referred_id=referred_id,
            referred_name=referred_name,
            consent=bool(self.choice("consent")),
            status=ReferralStatus(self.choice("status")),
            value=self.value("value"),
        )
        try:
            if typed.id:
                return self.repo.edit_referral(typed, self.now())
            return self.repo.add_referral(typed, self.now())
        except ValueError as exc:
            raise FormError(str(exc)) from None
