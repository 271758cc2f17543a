"""Hard targets: people you cannot reach directly, and who could introduce you.

The list shows each target's best path; enter opens the finder for one target, which ranks
its introducers by the odds of the two-hop path (DESIGN §5) next to the 4 % of a blind ask,
counts how often you asked each of them lately, and drafts the request with a note they can
forward as it is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from netdesk.domain.dates import format_day, plural, relative_day
from netdesk.domain.introducers import (
    ASK_WINDOW_DAYS,
    BLIND_BASELINE,
    MAX_RESTFUL_ASKS,
    RankedIntroducer,
    best_path,
    path_summary,
    rank,
    request_text,
    target_label,
)
from netdesk.domain.models import (
    Contact,
    Message,
    MessageKind,
    OptInAnswer,
    Stage,
    Target,
    TargetStatus,
    closeness_label,
)
from netdesk.domain.odds import learned_odds
from netdesk.domain.templates import INTRO_REQUEST, LIMITS, SendCheck, check_send, unfilled
from netdesk.store.repo import Repo
from netdesk.tui.clipboard import copy_checked
from netdesk.tui.commands import FINDER, TARGETS, bindings_for
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.form import Form, FormError, row
from netdesk.tui.screens.mutuals import MutualsDialog, MutualsResult, contact_from_name
from netdesk.tui.screens.pickers import CLOSENESS_CHOICES, ChoicePrompt, ContactPicker
from netdesk.tui.widgets.composer import PERSONAL, load_for_personal_sentence
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.title_bar import TitleBar

_DIM = "$text-muted"

STATUS_CHOICES: list[tuple[str, TargetStatus]] = [
    ("Open: not asked yet", TargetStatus.OPEN),
    ("Asked: waiting on the introducer", TargetStatus.ASKED),
    ("Introduced: the introducer connected you", TargetStatus.INTRODUCED),
    ("Reached: you are in touch", TargetStatus.REACHED),
    ("Dropped", TargetStatus.DROPPED),
]
STATUS_STYLES = {
    TargetStatus.OPEN: _DIM,
    TargetStatus.ASKED: "$warning",
    TargetStatus.INTRODUCED: "$accent",
    TargetStatus.REACHED: "bold $success",
    TargetStatus.DROPPED: _DIM,
}
STATUS_ORDER = {status: n for n, (_, status) in enumerate(STATUS_CHOICES)}
AskOutcome = tuple[OptInAnswer, bool | None, bool | None]
"""(answer, the introduction happened, a call with the target followed); None: unknown."""
ASK_CHOICES: list[tuple[str, AskOutcome]] = [
    ("Agreed to introduce me", (OptInAnswer.AGREED, None, None)),
    ("Agreed, and the introduction happened", (OptInAnswer.AGREED, True, None)),
    ("Introduced, and I held a call with them", (OptInAnswer.AGREED, True, True)),
    ("Declined", (OptInAnswer.DECLINED, False, False)),
    ("No answer: I stopped waiting", (OptInAnswer.NO_ANSWER, False, False)),
    ("Still waiting", (OptInAnswer.PENDING, None, None)),
]


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def default_blurb(target: Target, my_name: str) -> str:
    """The note the introducer can forward; {personal} is yours to write (who you are, why)."""
    me = my_name or "{my_name}"
    return (
        f"Hi {first_name(target.name) or 'there'}, I'm {me}. {PERSONAL} Would you have "
        "15 minutes for a phone or Skype call in the next few weeks? I'd be grateful.\n"
        f"{me}"
    )


def intro_requests(repo: Repo) -> list[Message]:
    """The only messages ranking counts: requests for introductions (read once per refresh)."""
    return [m for m in repo.messages if m.kind is MessageKind.INTRO_REQUEST]


def _ago(moment: datetime | None, today: datetime) -> str:
    return relative_day(moment.date(), today.date()) if moment else ""


class TargetForm(Form[Target]):
    def __init__(self, target: Target | None) -> None:
        super().__init__()
        self.target = target or Target()
        self.title_text = f"Edit {target.name}" if target else "New hard target"

    def fields(self) -> ComposeResult:
        t = self.target
        yield row("Name", Input(t.name, id="name", placeholder="Margit Halvorsen"))
        yield row("Company", Input(t.company, id="company", placeholder="Zephyr Air"))
        yield row("Profile URL", Input(t.url, id="url"))
        yield row(
            "Why them",
            Input(
                t.why,
                id="why",
                placeholder="completes '… because': she runs the cargo division I sell to",
            ),
        )

    def build(self) -> Target:
        name = self.value("name")
        if not name:
            raise FormError("Name: who do you want to reach?")
        return replace(
            self.target,
            name=name,
            company=self.value("company"),
            url=self.value("url"),
            why=self.value("why"),
        )


class TargetsScreen(NetdeskScreen[None]):
    BINDINGS = [*bindings_for(TARGETS)]  # a list of BindingType, as Textual declares it
    DEFAULT_CSS = """
    TargetsScreen #targets-pane {
        border: round $primary 50%; border-title-color: $text-muted; height: 1fr;
    }
    TargetsScreen #targets-pane:focus-within { border: round $accent; border-title-color: $accent; }
    TargetsScreen #targets-summary { height: auto; padding: 0 1; color: $text-muted; }
    TargetsScreen #targets { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[Target] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="targets-pane") as pane:
            pane.border_title = "Hard targets"
            yield Static(id="targets-summary")
            yield OptionList(id="targets")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#targets", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self, select: int | None = None) -> None:
        repo, app = self.repo, self.app
        today = app.today()
        now = app.now()
        previous = select or self.current_target
        people = repo.contacts.by_id()
        messages = intro_requests(repo)
        self.targets = sorted(
            repo.targets, key=lambda t: (STATUS_ORDER[t.status], t.name.casefold(), t.id)
        )
        options: list[Option] = []
        for target in self.targets:
            ranked = rank(target, people, messages, today)
            if target.status is TargetStatus.ASKED and target.asked_via:
                via = people.get(target.asked_via)
                asked = f"asked via {via.name if via else '?'} {_ago(target.asked_at, now)}"
                detail = f"{asked} · {path_summary(ranked)}"
            else:
                detail = path_summary(ranked)
            if target.contact_id and target.contact_id in people:
                detail += f" · now a contact: {people[target.contact_id].name}"
            options.append(
                Option(
                    Content.assemble(
                        " ",
                        (target.name, "bold"),
                        (f" · {target.company}" if target.company else "", _DIM),
                        "  ",
                        (target.status.value, STATUS_STYLES[target.status]),
                        "\n   ",
                        (detail, _DIM),
                    ),
                    id=str(target.id),
                )
            )
        target_list = self.query_one("#targets", OptionList)
        target_list.set_options(options)
        if not self.targets:
            target_list.add_option(
                Option(
                    Content.styled(
                        "No hard targets yet. n adds one; p promotes a lead from a call.", _DIM
                    ),
                    disabled=True,
                )
            )
        leads = len(repo.open_leads())
        self.query_one("#targets-summary", Static).update(
            Content.assemble(
                (f"{len(self.targets)} targets", "bold"),
                (f"   a blind ask works about {BLIND_BASELINE:.0%} of the time", _DIM),
                (f"   {plural(leads, 'lead')} from calls to promote (p)" if leads else "", _DIM),
            )
        )
        if self.targets:
            ids = [t.id for t in self.targets]
            wanted = previous if previous in ids else ids[0]
            target_list.highlighted = target_list.get_option_index(str(wanted))

    @property
    def current_target(self) -> int | None:
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#targets", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_target()

    def action_open_target(self) -> None:
        target_id = self.current_target
        if target_id is None:
            self.notify("No target selected: n adds one.", severity="warning")
            return
        self.app.push_screen(FinderScreen(target_id))

    def action_new_target(self) -> None:
        def saved(target: Target | None) -> None:
            if target is None:
                return
            target = self.repo.save_target(target)
            self.notify(f"Added {target.name}. Now add who could introduce you.")
            self.refresh_data(select=target.id)
            self.app.push_screen(FinderScreen(target.id))

        self.app.push_screen(TargetForm(None), saved)

    def action_edit_target(self) -> None:
        target = self.repo.targets.get(self.current_target or 0)
        if target is None:
            return

        def saved(edited: Target | None) -> None:
            if edited is not None:
                self.repo.save_target(edited)
                self.notify(f"Saved {edited.name}.")
                self.refresh_data()

        self.app.push_screen(TargetForm(target), saved)

    def action_delete_target(self) -> None:
        target = self.repo.targets.get(self.current_target or 0)
        if target is None:
            return

        def delete(yes: bool | None) -> None:
            if yes:
                self.repo.delete_target(target.id)
                self.notify(f"Deleted {target.name} from your targets.")
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(f"Delete {target.name} and their introducers from your targets?"),
            delete,
        )

    def action_promote_lead(self) -> None:
        leads = self.repo.open_leads()
        if not leads:
            self.notify(
                "No leads waiting: people named on a logged call appear here.", severity="warning"
            )
            return
        people = self.repo.contacts.by_id()
        choices = []
        for n, (call, lead) in enumerate(leads):
            who = people.get(call.contact_id)
            label = lead.name + (f" ({lead.company})" if lead.company else "")
            label += f", from your call with {who.name if who else '?'}"
            if lead.why:
                label += f": {lead.why}"
            choices.append((label, n))

        def promote(choice: int | None) -> None:
            if choice is None:
                return
            call, lead = leads[choice]
            target = self.repo.promote_lead(call.id, lead)
            self.notify(f"{target.name} is now a target.")
            self.refresh_data(select=target.id)

        self.app.push_screen(ChoicePrompt("Which lead becomes a target?", choices), promote)


class FinderScreen(NetdeskScreen[None]):
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
        self.shown: int | None = None
        """Contact id of the introducer whose request is in the editor."""
        self.drafts: dict[int, str] = {}
        """Request text per introducer as last shown, kept while this screen is open."""
        self.generated: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="target-summary")
        with Horizontal(id="finder-panes"):
            with Vertical(id="introducers-pane") as pane:
                pane.border_title = "Introducers, best odds first"
                yield OptionList(id="introducers")
                yield Static(id="learned-odds")
            with Vertical(id="request-pane") as pane:
                pane.border_title = "Request"
                yield TextArea(id="request", soft_wrap=True, compact=True)
                yield Static(id="request-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#introducers", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    # --- data -----------------------------------------------------------------------------

    def refresh_data(self, select: int | None = None) -> None:
        repo, app = self.repo, self.app
        target = repo.targets.get(self.target_id)
        if target is None:
            self.dismiss(None)
            return
        self.target = target
        today = app.today()
        self.ranked = rank(target, repo.contacts.by_id(), intro_requests(repo), today)
        previous = select or self.current_id or self.shown
        self._show_summary()
        self._show_odds()
        options: list[Option] = []
        baseline_shown = False
        for ranked in self.ranked:
            if not baseline_shown and ranked.odds < BLIND_BASELINE:
                options.append(self._baseline_option())
                baseline_shown = True
            options.append(self._option(ranked))
        if not baseline_shown:
            options.append(self._baseline_option())
        if not self.ranked:
            options.append(
                Option(
                    Content.styled(
                        "No introducers yet: a adds one from your contacts, m pastes a "
                        "mutual-connections list.",
                        _DIM,
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

    def _baseline_option(self) -> Option:
        return Option(
            Content.assemble(
                (f" {BLIND_BASELINE:>4.0%}  ", _DIM),
                ("blind ask: a cold message, no introducer", f"italic {_DIM}"),
            ),
            disabled=True,
        )

    def _option(self, ranked: RankedIntroducer) -> Option:
        contact = ranked.contact
        you = closeness_label(contact.closeness if contact else ranked.introducer.you_know)
        they = closeness_label(ranked.introducer.they_know)
        target_first = first_name(self.target.name)
        asked_here = self.target.asked_via == ranked.introducer.contact_id
        odds_style = "bold $success" if ranked.odds > BLIND_BASELINE else "bold $warning"
        asks = ranked.asks_90d
        parts: list[Content | str | tuple[str, str]] = [
            (f" {ranked.odds:>4.0%}  ", odds_style),
            (ranked.name, "bold"),
            ("  · asked for this target" if asked_here else "", "$accent"),
            "\n      ",
            (f"you: {you} · {target_first}: {they} · ", _DIM),
            (f"{plural(asks, 'ask')} in {ASK_WINDOW_DAYS}d", "$warning" if asks else _DIM),
        ]
        answer = ranked.introducer.answer
        if answer is not OptInAnswer.PENDING:
            went = answer.value.replace("_", " ")
            if ranked.introducer.introduced:
                went += ", introduced" + (", call held" if ranked.introducer.call_held else "")
            parts.append((f" · {went}", _DIM))
        if ranked.warning:
            parts.extend(["\n      ", (f"⚠ {ranked.warning}", "$warning")])
        return Option(Content.assemble(*parts), id=str(ranked.introducer.contact_id))

    def _show_odds(self) -> None:
        """The assumed chance an introducer acts at each closeness level, your own rate
        beside it once a level has `odds.MIN_OUTCOMES` answers, and the blind baseline."""
        parts: list[Content | str | tuple[str, str]] = [("Odds by closeness: ", _DIM)]
        for n, level in enumerate(reversed(learned_odds(self.repo.targets))):
            parts.append((" · " if n else "", _DIM))
            parts.append((f"{level.label} {level.assumed:.0%}", _DIM))
            observed = level.observed
            if observed is not None:
                parts.append((f" → yours {observed:.0%} of {level.asks}", "bold $accent"))
        parts.append((f" · blind {BLIND_BASELINE:.0%}", _DIM))
        self.query_one("#learned-odds", Static).update(Content.assemble(*parts))

    def _show_summary(self) -> None:
        target = self.target
        people = self.repo.contacts.by_id()
        now = self.app.now()
        lines = [
            Content.assemble(
                (target.name, "bold"),
                (f" at {target.company}" if target.company else "", ""),
                "   ",
                (target.status.value, STATUS_STYLES[target.status]),
                (f"   {target.url}" if target.url else "", _DIM),
            ),
            Content.assemble(("Why: ", _DIM), target.why or "—"),
        ]
        facts = [path_summary(self.ranked)]
        if target.asked_via:
            via = people.get(target.asked_via)
            when = format_day(target.asked_at.date()) if target.asked_at else "?"
            facts.append(
                f"Asked via {via.name if via else '?'} on {when} ({_ago(target.asked_at, now)})"
            )
        if target.contact_id:
            linked = people.get(target.contact_id)
            facts.append(f"Linked to your contact {linked.name if linked else '?'}")
        facts.append(f"a blind ask: {BLIND_BASELINE:.0%}")  # short: fits 80 columns
        lines.append(Content.styled(" · ".join(facts), _DIM))
        self.query_one("#target-summary", Static).update(Content("\n").join(lines))

    @property
    def current_id(self) -> int | None:
        """Contact id of the highlighted introducer."""
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#introducers", OptionList))

    def _ranked(self, contact_id: int | None) -> RankedIntroducer | None:
        return next((r for r in self.ranked if r.introducer.contact_id == contact_id), None)

    def _selected(self) -> RankedIntroducer | None:
        ranked = self._ranked(self.current_id)
        if ranked is None:
            self.notify("Select an introducer first (a adds one).", severity="warning")
        return ranked

    # --- the request ----------------------------------------------------------------------

    def _request_body(self) -> str:
        kinds = [t for t in self.repo.templates if t.kind is MessageKind.INTRO_REQUEST]
        return kinds[0].body if kinds else INTRO_REQUEST

    def _stash(self) -> None:
        """Keep the request in the editor if the user changed it; forget an untouched draft."""
        if self.shown is None:
            return
        text = self.query_one("#request", TextArea).text
        if text.strip() and text != self.generated.get(self.shown):
            self.drafts[self.shown] = text
        else:
            self.drafts.pop(self.shown, None)

    def _show_request(self, contact_id: int | None) -> None:
        area = self.query_one("#request", TextArea)
        if self.shown != contact_id:
            self._stash()
        if contact_id == self.shown and contact_id is not None:
            self._refresh_request_status()
            return
        self.shown = contact_id
        ranked = self._ranked(contact_id)
        pane = self.query_one("#request-pane")
        if ranked is None or ranked.contact is None:
            area.load_text("")
            pane.border_title = "Request"
            self.query_one("#request-status", Static).update("")
            return
        my_name = self.repo.settings().my_name
        fresh = request_text(
            ranked.contact,
            self.target,
            my_name,
            default_blurb(self.target, my_name),
            body=self._request_body(),
        )
        self.generated[ranked.contact.id] = fresh
        text = self.drafts.get(ranked.contact.id) or fresh
        load_for_personal_sentence(area, text)
        pane.border_title = f"Request to {ranked.name}"
        self._refresh_request_status()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._refresh_request_status()

    def _refresh_request_status(self) -> None:
        ranked = self._ranked(self.shown)
        status = self.query_one("#request-status", Static)
        if ranked is None:
            status.update("")
            return
        text = self.query_one("#request", TextArea).text
        limit = LIMITS["message"]
        parts = [Content.styled(f"{len(text)}/{limit}", "$error" if len(text) > limit else _DIM)]
        left = unfilled(text)
        if left:
            parts.append(
                Content.styled("write " + ", ".join("{" + name + "}" for name in left), "$warning")
            )
        asks = ranked.asks_90d
        if asks >= MAX_RESTFUL_ASKS:
            parts.append(
                Content.styled(
                    f"you asked {first_name(ranked.name)} {asks} times in {ASK_WINDOW_DAYS} days",
                    "$warning",
                )
            )
        parts.append(Content.styled("ctrl+y copy · ctrl+s mark asked", _DIM))
        status.update(Content("  ·  ").join(parts))

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
        self.query_one("#request", TextArea).focus()

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
        ranked = self._ranked(self.shown)
        if ranked is None or ranked.contact is None:
            self.notify("Select an introducer first.", severity="warning")
            return
        text = self.query_one("#request", TextArea).text
        check = self._check_request(text, ranked.contact)
        copy_checked(self, text, check.problems, f"the request to {ranked.contact.name}")

    def action_mark_asked(self) -> None:
        ranked = self._ranked(self.shown)
        if ranked is None or ranked.contact is None:
            self.notify("Select an introducer first.", severity="warning")
            return
        contact = ranked.contact
        if contact.stage is Stage.DO_NOT_CONTACT:
            self.notify(f"{contact.name} is marked do not contact.", severity="error")
            return
        now = self.app.now()
        text = self.query_one("#request", TextArea).text
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
            self.drafts.pop(contact.id, None)
            self.shown = None
            self.notify(
                f"Marked asked: {contact.name}, about {target_label(target)}. "
                "Record what comes of it with s."
            )
            self.refresh_data(select=contact.id)
            if self.shown == contact.id:  # show what was sent, not a fresh draft
                self.generated[contact.id] = text
                self.query_one("#request", TextArea).load_text(text)
            self.query_one("#introducers", OptionList).focus()

        if questions:
            self.app.push_screen(
                ConfirmDialog(" ".join(questions) + " Ask anyway?"),
                ask,
            )
        else:
            ask()

    # --- introducers ----------------------------------------------------------------------

    def action_add_introducer(self) -> None:
        target = self.target
        exclude = {i.contact_id for i in target.introducers}
        if target.contact_id:
            exclude.add(target.contact_id)

        def picked(result: object) -> None:
            if not isinstance(result, Contact):
                return
            contact = result

            def rated(level: int | None) -> None:
                if level is None:
                    return
                now = self.app.now()
                self.repo.add_introducers(target.id, [contact.id], now, they_know=level)
                self.notify(f"Added {contact.name} as an introducer.")
                self.refresh_data(select=contact.id)

            self.app.push_screen(
                ChoicePrompt(
                    f"How well does {contact.name} know {target.name}?",
                    CLOSENESS_CHOICES,
                    selected=2,
                ),
                rated,
            )

        self.app.push_screen(
            ContactPicker(f"Who could introduce you to {target.name}?", exclude=exclude), picked
        )

    def action_paste_mutuals(self) -> None:
        target = self.target

        def add(result: MutualsResult | None) -> None:
            if result is None:
                return
            ids, names = result
            now = self.app.now()
            new_contacts = [contact_from_name(name, target) for name in names]
            self.repo.add_introducers(
                target.id, ids, now, new_contacts=new_contacts, note="mutual connection"
            )
            added = len(ids) + len(new_contacts)
            extra = f" ({plural(len(new_contacts), 'new contact')})" if new_contacts else ""
            self.notify(
                f"Added {plural(added, 'introducer')}{extra}. "
                f"k sets how well each knows {first_name(target.name)}."
            )
            self.refresh_data()

        self.app.push_screen(MutualsDialog(target, self.repo.contacts.all()), add)

    def action_they_know(self) -> None:
        ranked = self._selected()
        if ranked is None:
            return
        contact_id = ranked.introducer.contact_id

        def rated(level: int | None) -> None:
            if level is not None:
                self.repo.update_introducer(self.target.id, contact_id, they_know=level)
                self.refresh_data(select=contact_id)

        self.app.push_screen(
            ChoicePrompt(
                f"How well does {ranked.name} know {self.target.name}?",
                CLOSENESS_CHOICES,
                selected=ranked.introducer.they_know,
            ),
            rated,
        )

    def action_you_know(self) -> None:
        ranked = self._selected()
        if ranked is None or ranked.contact is None:
            return
        contact = ranked.contact

        def rated(level: int | None) -> None:
            if level is not None:
                now = self.app.now()
                self.repo.set_closeness(contact.id, level, now)
                self.refresh_data(select=contact.id)

        self.app.push_screen(
            ChoicePrompt(
                f"How well do you know {contact.name}?",
                CLOSENESS_CHOICES,
                selected=contact.closeness,
            ),
            rated,
        )

    def action_remove_introducer(self) -> None:
        ranked = self._selected()
        if ranked is None:
            return
        contact_id = ranked.introducer.contact_id

        def remove(yes: bool | None) -> None:
            if yes:
                self.repo.remove_introducer(self.target.id, contact_id)
                self.drafts.pop(contact_id, None)
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(f"Remove {ranked.name} from the introducers for {self.target.name}?"),
            remove,
        )

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
                hint = " Link them to their contact with L once you are connected."
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
                self._stash()
                self.shown = None
                self.notify(f"Saved {edited.name}.")
                self.refresh_data()

        self.app.push_screen(TargetForm(self.target), saved)

    def _unsent(self) -> list[str]:
        self._stash()
        people = self.repo.contacts.by_id()
        return [people[cid].name for cid in self.drafts if cid in people]

    def action_back(self) -> None:
        if self.query_one("#request", TextArea).has_focus:
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
