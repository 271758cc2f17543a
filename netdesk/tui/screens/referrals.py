"""Referrals both ways: what waits on you first (a thank-you, a check on how one went), then
the open ones given and received, then the closed.

The card beside the list is the person on the other side, with every referral between you.
Each key is one repo action, one undo step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.dates import format_day
from netdesk.domain.models import Contact, Referral, ReferralDirection, ReferralStatus
from netdesk.domain.referrals import (
    STATUS_LABELS,
    for_person,
    groups,
    other_side,
    referred_label,
    waiting,
)
from netdesk.tui.commands import REFERRALS, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.card import ContactCard
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.title_bar import TitleBar

STATUS_STYLES = {
    ReferralStatus.PASSED: MUTED,
    ReferralStatus.CONTACTED: "$warning",
    ReferralStatus.MET: "$accent",
    ReferralStatus.CLOSED_WON: "bold $success",
    ReferralStatus.CLOSED_LOST: "$error",
    ReferralStatus.DROPPED: MUTED,
}
STATUS_CHOICES = [(label, status) for status, label in STATUS_LABELS.items()]
LIST_ACTIONS = ("add_given", "add_received", "set_status", "thanked", "edit")


def _name(people: Mapping[int, Contact], contact_id: int | None) -> str:
    person = people.get(contact_id or 0)
    return person.name if person else "(deleted contact)"


def referral_content(
    referral: Referral, people: Mapping[int, Contact], reasons: list[str]
) -> Content:
    """Who, which way and where it stands; who was referred and for what; why it waits."""
    given = referral.direction is ReferralDirection.GIVEN
    status = referral.status
    parts: list[Content | str | tuple[str, str]] = [
        " ",
        ("to " if given else "from ", MUTED),
        (one_line(_name(people, other_side(referral))), "bold"),
        "  ",
        (STATUS_LABELS[status], STATUS_STYLES[status]),
    ]
    if not given and referral.thanked_at is not None:
        parts.append((f" · thanked {format_day(referral.thanked_at.date())}", MUTED))
    parts += [
        "\n   ",
        one_line(referred_label(referral, people)),
        (": ", MUTED),
        one_line(referral.need),
    ]
    if referral.value:
        parts += [(" · ", MUTED), one_line(referral.value)]
    for reason in reasons:
        parts += ["\n   ", (f"→ {one_line(reason)}", "$accent")]
    return Content.assemble(*parts)


class ReferralsScreen(NetdeskScreen[None]):
    BINDINGS = [
        # The list's own keys first, so a narrow key bar still shows them; f (hidden on the
        # full queue bar) is shown here, where there is room.
        *sorted(
            [
                replace(b, show=True) if b.action == "who_fits" else b
                for b in bindings_for(REFERRALS)
            ],
            key=lambda b: b.action not in LIST_ACTIONS,
        ),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    DEFAULT_CSS = """
    ReferralsScreen #referrals-pane, ReferralsScreen #referral-card-pane {
        border: round $primary 50%; border-title-color: $text-muted;
    }
    ReferralsScreen #referrals-pane:focus-within {
        border: round $accent; border-title-color: $accent;
    }
    ReferralsScreen #referrals-pane { width: 60%; }
    ReferralsScreen #referral-card-pane { width: 1fr; }
    ReferralsScreen #referrals-summary { height: 1; padding: 0 1; color: $text-muted; }
    ReferralsScreen #referrals { height: 1fr; border: none; padding: 0; }
    ReferralsScreen.-narrow #referrals-panes { layout: vertical; }
    ReferralsScreen.-narrow #referrals-pane { width: 100%; height: 1fr; }
    ReferralsScreen.-narrow #referral-card-pane { width: 100%; height: auto; max-height: 7; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.referrals: list[Referral] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="referrals-panes"):
            with Vertical(id="referrals-pane") as pane:
                pane.border_title = "Referrals"
                yield Static(id="referrals-summary")
                yield OptionList(id="referrals")
            with VerticalScroll(id="referral-card-pane") as card:
                card.border_title = "The other side"
                yield ContactCard(id="referral-card")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#referrals", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    # --- data -----------------------------------------------------------------------------

    def refresh_data(self, select: int | None = None) -> None:
        repo = self.repo
        today = self.app.today()
        people = repo.contacts.by_id()
        previous = select or self.current_id
        reasons: dict[int, list[str]] = {}
        for item in waiting(repo.referrals, people, today):
            reasons.setdefault(item.referral.id, []).append(item.reason)
        options: list[Option] = []
        self.referrals = []
        for group in groups(repo.referrals, people, today):
            options.append(
                Option(
                    Content.styled(f"{group.title} ({len(group.referrals)})", "bold $accent"),
                    disabled=True,
                )
            )
            for referral in group.referrals:
                self.referrals.append(referral)
                content = referral_content(referral, people, reasons.get(referral.id, []))
                options.append(Option(content, id=str(referral.id)))
        if not self.referrals:
            options.append(
                Option(
                    Content.styled(
                        "No referrals yet. g records one you gave, r one you received; f finds"
                        " who fits a need.",
                        MUTED,
                    ),
                    disabled=True,
                )
            )
        referral_list = self.query_one("#referrals", OptionList)
        referral_list.set_options(options)
        given = sum(r.direction is ReferralDirection.GIVEN for r in self.referrals)
        self.query_one("#referrals-summary", Static).update(
            Content.assemble(
                (f"{given} given", "bold"),
                (" · ", MUTED),
                (f"{len(self.referrals) - given} received", "bold"),
                (f" · {len(reasons)} waiting on you", MUTED),
            )
        )
        ids = [r.id for r in self.referrals]
        if ids:
            wanted = previous if previous in ids else ids[0]
            referral_list.highlighted = referral_list.get_option_index(str(wanted))
        self._show_card()

    def _show_card(self) -> None:
        repo = self.repo
        referral = self.current
        contact = repo.contacts.get(other_side(referral) or 0) if referral else None
        self.query_one("#referral-card", ContactCard).show(
            contact,
            talked=contact is not None and contact.id in repo.a_network(),
            today=self.app.today(),
            referrals=for_person(repo.referrals, contact.id) if contact else None,
            people=repo.contacts.by_id(),
        )

    @property
    def current_id(self) -> int | None:
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#referrals", OptionList))

    @property
    def current(self) -> Referral | None:
        return self.repo.referrals.get(self.current_id or 0)

    def _selected(self) -> Referral | None:
        referral = self.current
        if referral is None:
            self.notify("Select a referral first (or g / r to record one).", severity="warning")
        return referral

    def _other_name(self, referral: Referral) -> str:
        return _name(self.repo.contacts.by_id(), other_side(referral))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_card()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    # --- actions --------------------------------------------------------------------------

    def _open_form(self, referral: Referral) -> None:
        from netdesk.tui.screens.referral_form import ReferralForm  # forms load on first use

        editing = bool(referral.id)

        def saved(stored: Referral | None) -> None:
            if stored is None:
                return
            name = self._other_name(stored)
            if editing:
                message = f"Edited the referral with {name}."
            elif stored.direction is ReferralDirection.GIVEN:
                message = f"Recorded a referral to {name}."
            else:
                thanked = self.key_for("referrals.thanked")
                message = f"Recorded a referral from {name}. Thank them: {thanked} once you have."
            self.notify_undoable(message)
            self.refresh_data(select=stored.id)

        self.app.push_screen(ReferralForm(referral, self.repo, self.app.now), saved)

    def action_add_given(self) -> None:
        self._open_form(Referral(ReferralDirection.GIVEN))

    def action_add_received(self) -> None:
        self._open_form(Referral(ReferralDirection.RECEIVED))

    def action_edit(self) -> None:
        referral = self._selected()
        if referral is not None:
            self._open_form(referral)

    def action_set_status(self) -> None:
        referral = self._selected()
        if referral is None:
            return
        name = self._other_name(referral)
        who = referred_label(referral, self.repo.contacts.by_id())

        def chosen(status: ReferralStatus | None) -> None:
            if status is None or status is referral.status:
                return
            self.repo.set_referral_status(referral.id, status, self.app.now())
            self.notify_undoable(f"The referral of {who} with {name}: {STATUS_LABELS[status]}.")
            self.refresh_data(select=referral.id)

        self.app.push_screen(
            ChoicePrompt(
                f"Where does the referral of {who} with {name} stand?",
                STATUS_CHOICES,
                referral.status,
            ),
            chosen,
        )

    def action_thanked(self) -> None:
        referral = self._selected()
        if referral is None:
            return
        name = self._other_name(referral)
        if referral.direction is not ReferralDirection.RECEIVED:
            self.notify(
                f"You gave this one to {name}: there is nobody to thank.", severity="warning"
            )
            return
        if referral.thanked_at is not None:
            day = format_day(referral.thanked_at.date())
            self.notify(f"You thanked {name} on {day} already.")
            return
        self.repo.thank_referral(referral.id, self.app.now())
        self.notify_undoable(f"Thanked {name}.")
        self.refresh_data(select=referral.id)

    def action_delete(self) -> None:
        referral = self._selected()
        if referral is None:
            return
        name = self._other_name(referral)
        who = referred_label(referral, self.repo.contacts.by_id())

        def delete(yes: bool | None) -> None:
            if yes:
                self.repo.delete_referral(referral.id, self.app.now())
                self.notify_undoable(f"Deleted the referral of {who} with {name}.")
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(f"Delete the referral of {who} with {name}? It leaves your stats."),
            delete,
        )

    def action_open(self) -> None:
        from netdesk.tui.screens.person import PersonDetailScreen

        referral = self._selected()
        if referral is None:
            return
        contact_id = other_side(referral)
        if contact_id is None or contact_id not in self.repo.contacts.by_id():
            self.notify("The person on the other side is no longer a contact.", severity="warning")
            return
        self.app.push_screen(PersonDetailScreen(contact_id))
