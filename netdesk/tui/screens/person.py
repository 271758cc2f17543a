"""Actions on "the selected person", shared by every screen that has one.

A subclass says who is selected (`current_id`) and what to do after a change
(`after_action`); compose, log call, schedule, snooze, replied, edit and the rest are
written once here.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from netdesk.domain.calls import overlap_warning, overlapping, upcoming, usual_medium
from netdesk.domain.dates import DateParseError, format_day, format_when, parse_day, parse_when
from netdesk.domain.models import Call, Contact, MessageKind, Stage
from netdesk.domain.referrals import for_person
from netdesk.domain.templates import values_for, with_builtins
from netdesk.tui.browser import open_in_browser
from netdesk.tui.commands import WORKSPACE, bindings_for
from netdesk.tui.date_order import day_first
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog, WhenPrompt
from netdesk.tui.widgets.card import ContactCard
from netdesk.tui.widgets.composer import Composer, Draft
from netdesk.tui.widgets.history import History
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from netdesk.tui.screens.call_form import CallLog  # forms load on first use

KIND_FOR_STAGE = {
    Stage.NEW: MessageKind.OUTREACH,
    Stage.CONTACTED: MessageKind.FOLLOW_UP,
    Stage.REPLIED: MessageKind.SCHEDULING,
    Stage.SCHEDULED: MessageKind.SCHEDULING,
    Stage.TALKED: MessageKind.THANKS,
}


class PersonScreen(NetdeskScreen[None]):
    """Base for screens with a selected person; subclasses set `current_id`."""

    @property
    def current_id(self) -> int | None:
        raise NotImplementedError

    def after_action(self) -> None:
        """Called after a change to the selected person; refresh what the screen shows."""

    def composer_kind(self) -> MessageKind | None:
        return None

    def composer_values(self) -> dict[str, str]:
        """Placeholder values the selected item adds (a thank-you's `{happened}`)."""
        return {}

    def _person(self) -> Contact | None:
        contact_id = self.current_id
        contact = self.app.repo.contacts.get(contact_id) if contact_id else None
        if contact is None:
            self.notify("Select a person first.", severity="warning")
        return contact

    def show_person(self, contact_id: int | None) -> None:
        """Fill this screen's contact card and history with one person (or nobody)."""
        repo = self.app.repo
        contact = repo.contacts.get(contact_id) if contact_id else None
        self.query_one(ContactCard).show(
            contact,
            talked=contact is not None and contact.id in repo.a_network(),
            today=self.app.today(),
            referrals=for_person(repo.referrals, contact.id) if contact else None,
            people=repo.contacts.by_id(),
        )
        history = self.query_one(History)
        if contact is None:
            history.update("")
        else:
            history.show(
                repo.messages_for(contact.id), repo.calls_for(contact.id), contact.job_changes
            )

    def action_toggle_history(self) -> None:
        """Every message in full in the history, or first lines again; on a narrow queue the
        history shows only while it is full."""
        for history in self.query(History):
            history.toggle_full()
            self.set_class(history.full, "-full-history")

    def person_name(self) -> str:
        contact = self.app.repo.contacts.get(self.current_id or 0)
        return contact.name if contact else ""

    # --- compose --------------------------------------------------------------------------

    def action_compose(self) -> None:
        contact = self._person()
        if contact is None:
            return
        if contact.stage is Stage.DO_NOT_CONTACT:
            self.notify(f"{contact.name} is marked do-not-contact.", severity="warning")
            return
        composers = self.query(Composer)
        if not composers:
            self.app.push_screen(PersonDetailScreen(contact.id, compose=True))
            return
        repo, app = self.app.repo, self.app
        kind = self.composer_kind() or KIND_FOR_STAGE.get(contact.stage, MessageKind.OUTREACH)
        composer = composers.first()
        composer.load(
            Draft(
                contact=contact,
                kind=kind,
                values={**values_for(contact, repo.settings()), **self.composer_values()},
                templates=with_builtins(repo.templates),
                recent=repo.recent_messages(app.now()),
            )
        )
        composer.take_focus()

    def on_composer_send(self, event: Composer.Send) -> None:
        app = self.app
        app.repo.mark_sent(
            event.contact.id,
            event.kind,
            event.body,
            event.template,
            app.now(),
            channel=event.channel,
        )
        contact = app.repo.contacts.get(event.contact.id)
        follow = contact.next_action_on if contact else None
        by_email = " by email" if event.channel == "email" else ""
        self.notify_undoable(
            f"Marked sent to {event.contact.name}{by_email}."
            + (f" Follow up on {format_day(follow)}." if follow else "")
        )
        event.composer.sent()
        self.set_focus(None)  # out of the emptied composer, so r/t/l act instead of typing
        self.after_action()

    # --- the routine ----------------------------------------------------------------------

    def action_replied(self) -> None:
        contact = self._person()
        if contact:
            self.app.repo.mark_replied(contact.id, self.app.now())
            schedule = self.key_for("person.schedule")
            self.notify_undoable(f"{contact.name} replied. Press {schedule} to schedule the call.")
            self.after_action()

    def action_schedule(self) -> None:
        """Book a call, or move the one already booked: a person never has two."""
        contact = self._person()
        if contact is not None:
            booked = upcoming(self.app.repo.calls_for(contact.id))
            self.book_call(contact, booked[0] if booked else None)

    def book_call(self, contact: Contact, booked: Call | None) -> None:
        """Ask when (and how) the call with `contact` is; moves `booked` when given."""
        from netdesk.tui.screens.schedule import Booking, CallPrompt  # loaded on first use

        repo, now = self.app.repo, self.app.now()
        order = day_first(repo.settings())

        def parse(text: str) -> datetime:
            when = parse_when(text, now, field="Call time", day_first=order)
            if when < now:
                raise DateParseError(
                    f"Call time: {format_when(when)} has passed; to record a call you held, "
                    "press l."
                )
            return when

        def clashes(when: datetime) -> str:
            minutes = booked.minutes if booked else Call().minutes
            found = overlapping(repo.calls, when, minutes, skip=booked.id if booked else 0)
            names = {c.contact_id: self._name_of(c.contact_id) for c in found}
            return overlap_warning(found, names)

        def done(booking: Booking | None) -> None:
            if booking is None:
                return
            warning = clashes(booking.when)
            when = format_when(booking.when)
            if booked:
                repo.reschedule_call(
                    booked.id, booking.when, now, medium=booking.medium, link=booking.link
                )
                message = f"Moved the call with {contact.name} to {when}."
            else:
                repo.schedule_call(contact.id, booking.when, now, booking.medium, booking.link)
                message = f"Call with {contact.name} on {when}."
            self.notify_undoable(f"{message} {warning}".strip())
            self.after_action()

        if booked and booked.scheduled_for:
            title = (
                f"Move the call with {contact.name}, now on {format_when(booked.scheduled_for)}, "
                "to when?"
            )
            initial = format_when(booked.scheduled_for)
        else:
            title, initial = f"When is the 15-minute call with {contact.name}?", ""
        self.app.push_screen(
            CallPrompt(
                title,
                parse,
                medium=booked.medium if booked else usual_medium(repo.calls_for(contact.id)),
                link=booked.link if booked else "",
                initial=initial,
                clashes=clashes,
            ),
            done,
        )

    def _name_of(self, contact_id: int) -> str:
        contact = self.app.repo.contacts.get(contact_id)
        return contact.name if contact else f"contact #{contact_id}"

    def action_snooze(self) -> None:
        contact = self._person()
        if contact is None:
            return
        today = self.app.today()
        order = day_first(self.app.repo.settings())

        def parse(text: str) -> datetime:
            day = parse_day(text, today, field="Snooze until", day_first=order)
            if day < today:
                raise DateParseError(
                    f"Snooze until: {format_day(day)} is in the past; pick today or a later day."
                )
            return datetime.combine(day, datetime.min.time())

        def done(when: datetime | None) -> None:
            if when is not None:
                self.app.repo.snooze(contact.id, when.date(), self.app.now())
                self.notify_undoable(f"{contact.name} snoozed until {format_day(when.date())}.")
                self.after_action()

        self.app.push_screen(
            WhenPrompt(
                f"Snooze {contact.name} until when?",
                parse,
                lambda when: format_day(when.date()),
                initial="mon",
            ),
            done,
        )

    def action_skip(self) -> None:
        contact = self._person()
        if contact:
            self.app.repo.skip(contact.id, self.app.now())
            self.notify_undoable(f"Skipped {contact.name} until tomorrow.")
            self.after_action()

    def action_log_call(self) -> None:
        from netdesk.tui.screens.call_form import CallForm  # forms load on first use

        contact = self._person()
        if contact is None:
            return
        now = self.app.now()
        calls = self.app.repo.calls_for(contact.id)
        booked = upcoming(calls)
        self.app.push_screen(
            CallForm(
                contact,
                now=now,
                follow_up=now.date() + timedelta(days=30),
                medium=booked[0].medium if booked else usual_medium(calls),
                day_first=day_first(self.app.repo.settings()),
            ),
            self._call_logged,
        )

    def _call_logged(self, result: CallLog | None) -> None:
        if result is None:
            return
        call = result.call
        self.app.repo.log_call(
            call, self.app.now(), result.closeness, offers=result.offers, seeks=result.seeks
        )
        count = len(call.leads)
        leads = {0: "", 1: " 1 lead added as a target."}.get(
            count, f" {count} leads added as targets."
        )
        self.notify_undoable(f"Call logged: {self.person_name()} is now in your A network.{leads}")
        self.after_action()

    def action_edit(self) -> None:
        contact = self._person()
        if contact:
            self._open_contact_form(contact)

    def action_new_contact(self) -> None:
        self._open_contact_form(None)

    def _open_contact_form(self, contact: Contact | None) -> None:
        from netdesk.tui.screens.contact_form import ContactForm  # forms load on first use

        form = ContactForm(
            contact, today=self.app.today(), day_first=day_first(self.app.repo.settings())
        )
        self.app.push_screen(form, self._contact_saved)

    def _contact_saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        verb = "Updated" if contact.id else "Added"
        contact = self.app.repo.save_contact(contact, self.app.now())
        self.notify_undoable(f"{verb} {contact.name}.")
        self.after_action()

    def action_do_not_contact(self) -> None:
        contact = self._person()
        if contact is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.app.repo.set_do_not_contact(contact.id, self.app.now())
                self.notify_undoable(f"{contact.name} will not be suggested again.")
                self.after_action()

        self.app.push_screen(
            ConfirmDialog(f"Mark {contact.name} do-not-contact? They leave the queue for good."),
            done,
        )

    def action_open_profile(self) -> None:
        contact = self._person()
        if contact and contact.url:
            open_in_browser(
                self, contact.url, f"No browser could be started for {contact.name}'s profile."
            )
        elif contact:
            self.notify(f"No profile URL for {contact.name}.", severity="warning")

    def action_open(self) -> None:
        contact = self._person()
        if contact:
            self.app.push_screen(PersonDetailScreen(contact.id))

    def action_introduce(self) -> None:
        """Start the intro wizard with the selected person as A."""
        contact = self._person()
        if contact:
            from netdesk.tui.screens.intro_wizard import IntroWizard  # a big screen, loaded on use

            self.app.push_screen(IntroWizard(a_id=contact.id), lambda _: self.after_action())


class PersonDetailScreen(PersonScreen):
    """One person: card, composer and full history; escape goes back."""

    BINDINGS = [
        *[b for b in bindings_for(WORKSPACE) if b.action not in ("skip", "done", "open")],
        Binding("escape", "app.pop_screen", "Back"),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, contact_id: int, *, compose: bool = False) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.start_composing = compose

    @property
    def current_id(self) -> int | None:
        return self.contact_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            with VerticalScroll(id="detail-left") as left:
                left.border_title = "Contact"
                yield ContactCard(id="card")
                yield History(id="history")
            composer = Composer(now=self.app.now, id="composer")
            composer.border_title = "Composer"
            yield composer
        yield KeyBar()

    def on_mount(self) -> None:
        self.after_action()
        if self.start_composing:
            self.action_compose()

    def after_action(self) -> None:
        self.show_person(self.contact_id)
