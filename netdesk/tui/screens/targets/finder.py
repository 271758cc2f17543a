"""The finder for one hard target: its introducers ranked by the odds of the two-hop path
(DESIGN §5) next to the 4 % of a blind ask, how often you asked each of them lately, and the
request drafted with a note they can forward as it is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.introducers import (
    ASK_WINDOW_DAYS,
    BLIND_BASELINE,
    MAX_RESTFUL_ASKS,
    RankedIntroducer,
    best_path,
    intro_requests,
    rank,
    request_text,
    target_label,
)
from netdesk.domain.models import Contact, MessageKind, Stage, Target, TargetStatus
from netdesk.domain.templates import INTRO_REQUEST, LIMITS, SendCheck, check_send
from netdesk.tui.clipboard import copy_checked
from netdesk.tui.commands import FINDER, bindings_for
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.pickers import ChoicePrompt, ContactPicker
from netdesk.tui.screens.targets.finder_lines import (
    baseline_option,
    default_blurb,
    introducer_option,
    odds_line,
    target_summary,
)
from netdesk.tui.screens.targets.form import TargetForm
from netdesk.tui.screens.targets.introducers import IntroducerActions
from netdesk.tui.screens.targets.request import RequestPane
from netdesk.tui.screens.targets.status import ASK_CHOICES, STATUS_CHOICES, AskOutcome
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar


class FinderScreen(IntroducerActions):
    """One target: introducers ranked by odds, the blind baseline, and the request draft."""

    BINDINGS = [*bindings_for(FINDER), Binding("escape", "back", "Back")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    DEFAULT_CSS = """
    FinderScreen #target-summary { height: auto; max-height: 4; padding: 0 1; }
    FinderScreen #finder-panes { height: 1fr; }
    FinderScreen #introducers-pane, FinderScreen #request-pane {
        border: round $primary 50%; border-title-color: $text-muted;
    }
    FinderScreen #introducers-pane:focus-within, FinderScreen #request-pane:focus-within {
        border: round $accent; border-title-color: $accent;
    }
    FinderScreen #introducers-pane { width: 55%; }
    FinderScreen #request-pane { width: 1fr; }
    FinderScreen #introducers { height: 1fr; border: none; padding: 0; }
    FinderScreen #request { height: 1fr; border: none; padding: 0 1; }
    FinderScreen #request-status { height: auto; max-height: 3; padding: 0 1; }
    FinderScreen #learned-odds { height: auto; padding: 0 1; color: $text-muted; }
    FinderScreen.-narrow #finder-panes { layout: vertical; }
    FinderScreen.-narrow #introducers-pane { width: 100%; height: 1fr; }
    FinderScreen.-narrow #request-pane { width: 100%; height: 1fr; }
    """

    def __init__(self, target_id: int) -> None:
        super().__init__()
        self.target_id = target_id
        self.target = Target()
        self.ranked: list[RankedIntroducer] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="target-summary")
        with Horizontal(id="finder-panes"):
            with Vertical(id="introducers-pane") as pane:
                pane.border_title = "Introducers, best odds first"
                yield OptionList(id="introducers")
                yield Static(id="learned-odds")
            yield RequestPane()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#introducers", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    # --- data -----------------------------------------------------------------------------

    def refresh_data(self, select: int | None = None) -> None:
        repo, app = self.repo, self.app
        target = repo.targets.get(self.target_id)
        if target is None:
            self.dismiss(None)
            return
        self.target = target
        today = app.today()
        people = repo.contacts.by_id()
        self.ranked = rank(target, people, intro_requests(repo.messages), today)
        previous = select or self.current_id or self.request.shown
        self.query_one("#target-summary", Static).update(
            target_summary(target, self.ranked, people, today)
        )
        self.query_one("#learned-odds", Static).update(odds_line(repo.targets))
        options: list[Option] = []
        baseline_shown = False
        for ranked in self.ranked:
            if not baseline_shown and ranked.odds < BLIND_BASELINE:
                options.append(baseline_option())
                baseline_shown = True
            options.append(introducer_option(ranked, target))
        if not baseline_shown:
            options.append(baseline_option())
        if not self.ranked:
            options.append(
                Option(
                    Content.styled(
                        "No introducers yet: a adds one from your contacts, m pastes a "
                        "mutual-connections list.",
                        MUTED,
                    ),
                    disabled=True,
                )
            )
        introducers = self.query_one("#introducers", OptionList)
        introducers.set_options(options)
        ids = [r.introducer.contact_id for r in self.ranked]
        if ids:
            best = best_path(self.ranked)
            first = best.introducer.contact_id if best else ids[0]
            wanted = previous if previous in ids else first
            introducers.highlighted = introducers.get_option_index(str(wanted))
            self._show_request(wanted)
        else:
            self._show_request(None)

    # --- the request ----------------------------------------------------------------------

    def _request_body(self) -> str:
        kinds = [t for t in self.repo.templates if t.kind is MessageKind.INTRO_REQUEST]
        return kinds[0].body if kinds else INTRO_REQUEST

    def _show_request(self, contact_id: int | None) -> None:
        def draft(contact: Contact) -> str:
            my_name = self.repo.settings().my_name
            blurb = default_blurb(self.target, my_name)
            return request_text(contact, self.target, my_name, blurb, body=self._request_body())

        self.request.show(contact_id, self._ranked(contact_id), draft)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._show_request(int(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_draft_request()

    def action_draft_request(self) -> None:
        ranked = self._selected()
        if ranked is None:
            return
        self._show_request(ranked.introducer.contact_id)
        self.request.area.focus()

    def _check_request(self, text: str, contact: Contact) -> SendCheck:
        """What marking the request asked checks, and copying it too."""
        now = self.app.now()
        return check_send(
            text,
            limit=LIMITS["message"],
            recent=self.repo.recent_messages(now),
            contact_id=contact.id,
            now=now,
        )

    def action_copy_request(self) -> None:
        ranked = self._ranked(self.request.shown)
        if ranked is None or ranked.contact is None:
            self.notify("Select an introducer first.", severity="warning")
            return
        text = self.request.area.text
        check = self._check_request(text, ranked.contact)
        copy_checked(self, text, check.problems, f"the request to {ranked.contact.name}")

    def action_mark_asked(self) -> None:
        ranked = self._ranked(self.request.shown)
        if ranked is None or ranked.contact is None:
            self.notify("Select an introducer first.", severity="warning")
            return
        contact = ranked.contact
        if contact.stage is Stage.DO_NOT_CONTACT:
            self.notify(f"{contact.name} is marked do not contact.", severity="error")
            return
        now = self.app.now()
        text = self.request.area.text
        check = self._check_request(text, contact)
        if not check.ok:
            self.notify("Not marked: " + " ".join(check.problems), severity="error", timeout=8)
            return
        questions: list[str] = []
        if ranked.asks_90d >= MAX_RESTFUL_ASKS:
            questions.append(
                f"You already asked {contact.name} for introductions {ranked.asks_90d} times in "
                f"{ASK_WINDOW_DAYS} days."
            )
        target = self.target
        if target.status is TargetStatus.ASKED and target.asked_via not in (None, contact.id):
            via = self.repo.contacts.get(target.asked_via or 0)
            questions.append(f"You already asked {via.name if via else 'someone'} about them.")

        def ask(yes: bool | None = True) -> None:
            if not yes:
                return
            self.repo.mark_target_asked(target.id, contact.id, text, now)
            request = self.request
            request.drafts.pop(contact.id, None)
            request.shown = None
            self.notify(
                f"Marked asked: {contact.name}, about {target_label(target)}. "
                f"Record what comes of it with {self.key_for('finder.status')}."
            )
            self.refresh_data(select=contact.id)
            if request.shown == contact.id:  # show what was sent, not a fresh draft
                request.generated[contact.id] = text
                request.area.load_text(text)
            self.query_one("#introducers", OptionList).focus()

        if questions:
            self.app.push_screen(
                ConfirmDialog(" ".join(questions) + " Ask anyway?"),
                ask,
            )
        else:
            ask()

    # --- the target -----------------------------------------------------------------------

    def action_record_ask(self) -> None:
        """How asking the selected introducer went: it counts towards the learned odds."""
        ranked = self._ranked(self.current_id)
        if ranked is None:
            self.notify("Select an introducer first.", severity="warning")
            return
        target, introducer = self.target, ranked.introducer
        recorded = (introducer.answer, introducer.introduced, introducer.call_held)
        outcomes = [o for _, o in ASK_CHOICES]
        current = recorded if recorded in outcomes and introducer.asked_at else None

        def chosen(outcome: AskOutcome | None) -> None:
            if outcome is None:
                return
            answer, introduced, call_held = outcome
            try:
                self.repo.record_ask(
                    target.id,
                    introducer.contact_id,
                    self.app.now(),
                    answer=answer,
                    introduced=introduced,
                    call_held=call_held,
                )
            except (KeyError, ValueError) as exc:
                self.notify(str(exc).strip("'\""), severity="error")
                return
            went = next(label for label, o in ASK_CHOICES if o == outcome)
            self.notify_undoable(f"Asking {ranked.name}: {went[0].lower()}{went[1:]}.")
            self.refresh_data(select=introducer.contact_id)

        self.app.push_screen(
            ChoicePrompt(
                f"How did asking {ranked.name} about {target_label(target)} go?",
                ASK_CHOICES,
                current,
            ),
            chosen,
        )

    def action_set_status(self) -> None:
        target = self.target

        def chosen(status: TargetStatus | None) -> None:
            if status is None:
                return
            self.repo.set_target_status(target.id, status)
            hint = ""
            if status is TargetStatus.REACHED and not target.contact_id:
                link = self.key_for("finder.link")
                hint = f" Link them to their contact with {link} once you are connected."
            self.notify(f"{target.name}: {status.value}.{hint}")
            self.refresh_data()

        self.app.push_screen(
            ChoicePrompt(f"What came of reaching {target.name}?", STATUS_CHOICES, target.status),
            chosen,
        )

    def action_link_contact(self) -> None:
        target = self.target

        def picked(result: object) -> None:
            now = self.app.now()
            if isinstance(result, Contact):
                contact = result
                self.repo.link_target(target.id, contact.id)
            elif result == ContactPicker.EXTRA_CHOSEN:
                contact = self.repo.link_target_to_new_contact(target.id, now)
            else:
                return
            self.notify(f"{target.name} is linked to your contact {contact.name}.")
            self.refresh_data()

        self.app.push_screen(
            ContactPicker(
                f"Which contact is {target.name}?",
                query=target.name,
                extra=f"+ Add {target.name} as a new contact",
            ),
            picked,
        )

    def action_edit_target(self) -> None:
        def saved(edited: Target | None) -> None:
            if edited is not None:
                self.repo.save_target(edited)
                self.request.stash()
                self.request.shown = None
                self.notify(f"Saved {edited.name}.")
                self.refresh_data()

        self.app.push_screen(TargetForm(self.target), saved)

    def _unsent(self) -> list[str]:
        self.request.stash()
        people = self.repo.contacts.by_id()
        return [people[cid].name for cid in self.request.drafts if cid in people]

    def action_back(self) -> None:
        if self.request.area.has_focus:
            self.query_one("#introducers", OptionList).focus()
            return
        unsent = self._unsent()

        def leave(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        if unsent:
            self.app.push_screen(
                ConfirmDialog(
                    f"Your request to {' and '.join(unsent)} is not marked asked and will be "
                    "lost. Go back anyway?"
                ),
                leave,
            )
        else:
            self.dismiss(None)
