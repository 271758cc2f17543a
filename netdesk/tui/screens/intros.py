"""Every introduction, grouped by whom it is waiting on; enter resumes the wizard there.

Above the closed ones, suggested pairs: one person seeks what another offers (matchmaking,
the finder's ranking; A network first). Enter on one opens the wizard with both people and
why already filled; x dismisses it for good. The matches are first worked out in a worker
at scale (about two seconds at 30,000 people), then kept current by the repo.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.dates import ago
from netdesk.domain.models import Contact, Intro, IntroStatus, OptInAnswer
from netdesk.tui.background import build_in_place
from netdesk.tui.commands import INTROS, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.snippet import snippet_content
from netdesk.tui.widgets.title_bar import TitleBar
from netdesk.tui.widgets.wrapped import Wrapped

if TYPE_CHECKING:  # the matchmaking and the wizard load once there is one to show (~25 ms)
    from netdesk.domain.matchmaking import Match

ON_YOU, ON_THEM, SENT, CLOSED = range(4)
GROUPS = ("Waiting on you", "Waiting on them", "Sent: did they meet?", "Closed")
SUGGESTED = "Suggested: one seeks what the other offers"
SUGGESTIONS_SHOWN = 8
MATCH_PREFIX = "m"
"""Option ids of suggestions: "m0", "m1" … (an introduction's option id is its number)."""

STATUS_STYLES = {
    IntroStatus.DRAFT: MUTED,
    IntroStatus.ASKING: "$warning",
    IntroStatus.AGREED: "bold $success",
    IntroStatus.SENT: "$accent",
    IntroStatus.MET: "$success",
    IntroStatus.DECLINED: "$error",
}


def _last_activity(intro: Intro) -> datetime | None:
    """The latest ask, answer or edit: the queue counts a quiet introduction from here too."""
    moments = (
        intro.a_optin.asked_at,
        intro.a_optin.answered_at,
        intro.b_optin.asked_at,
        intro.b_optin.answered_at,
        intro.updated_at,
    )
    return max((m for m in moments if m is not None), default=None)


def next_step(
    intro: Intro, people: Mapping[int, Contact], today: date, follow_up_days: int
) -> tuple[int, str]:
    """(group, one line saying what happens next and who is waiting on whom)."""

    def name(contact_id: int) -> str:
        person = people.get(contact_id)
        return person.name if person else "(deleted contact)"

    status = intro.status
    sides = ((intro.a_id, intro.a_optin), (intro.b_id, intro.b_optin))
    if status is IntroStatus.DRAFT:
        if not intro.reason.strip():
            return ON_YOU, "Draft: say why they should meet"
        return ON_YOU, "Draft: ask both sides first"
    if status is IntroStatus.AGREED:
        return ON_YOU, "Both said yes: send the introduction"
    if status is IntroStatus.SENT:
        return SENT, f"Sent {ago(intro.sent_at, today) or 'some time ago'}: did they meet?"
    if status is IntroStatus.MET:
        return CLOSED, f"Met. {intro.outcome}".strip()
    if status is IntroStatus.DECLINED:
        declined = [name(i) for i, o in sides if o.answer is OptInAnswer.DECLINED]
        return CLOSED, f"{' and '.join(declined) or 'One side'} declined"
    # Asking: the first thing not yet done, yours before theirs.
    for contact_id, optin in sides:
        if optin.asked_at is None and optin.answer is OptInAnswer.PENDING:
            return ON_YOU, f"Ask {name(contact_id)} too"
    for contact_id, optin in sides:
        if optin.answer is OptInAnswer.NO_ANSWER:
            return ON_YOU, f"{name(contact_id)} never answered: ask again or let it go"
    waiting = [(i, o) for i, o in sides if o.answer is OptInAnswer.PENDING]
    if not waiting:
        return ON_YOU, "Record the answers"
    contact_id, optin = waiting[0]
    days = (today - last.date()).days if (last := _last_activity(intro)) else 0
    if days >= follow_up_days:
        return ON_YOU, f"No answer from {name(contact_id)} for {days} days: nudge or let it go"
    asked = ago(optin.asked_at, today) or "some time ago"
    return ON_THEM, f"Waiting on {name(contact_id)}: asked {asked}"


class IntrosScreen(NetdeskScreen[None]):
    BINDINGS = [*bindings_for(INTROS)]  # a list of BindingType, as Textual declares it
    DEFAULT_CSS = """
    IntrosScreen #intros-pane {
        border: round $primary 50%; border-title-color: $text-muted; height: 1fr;
    }
    IntrosScreen #intros-pane:focus-within { border: round $accent; border-title-color: $accent; }
    IntrosScreen #intros-summary { height: 1; padding: 0 1; color: $text-muted; }
    IntrosScreen #intros { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.intros: list[Intro] = []
        self.matches: list[Match] = []
        self.matches_ready = False
        """False until the worker has built the matchmaking (once per session)."""
        self.building_matches = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="intros-pane") as pane:
            pane.border_title = "Introductions"
            yield Static(id="intros-summary")
            yield OptionList(id="intros")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#intros", OptionList).focus()
        if build_in_place(self.repo):
            self._matches_built()
        else:  # started once the list is drawn: the worker holds the interpreter half the time
            self.building_matches = True
            self.call_after_refresh(self._build_matches)

    def on_screen_resume(self) -> None:
        if not self.matches_ready and not self.building_matches:
            self._start_matches()  # the last try failed: try again on each visit
        self.refresh_if_changed()

    def _start_matches(self) -> None:
        self.building_matches = True
        self._build_matches()

    @work(thread=True, group="matchmaking", description="matchmaking", exit_on_error=False)
    def _build_matches(self) -> None:
        try:
            self.repo.matchmaker()
        except Exception as exc:  # a worker error would otherwise go unreported
            self.app.call_from_thread(self._matches_failed, str(exc))
            return
        self.app.call_from_thread(self._matches_built)

    def _matches_failed(self, error: str) -> None:
        self.building_matches = False
        self.notify(
            f"Suggested matches could not be worked out ({error}); they are tried again the"
            " next time you come to this screen.",
            severity="error",
        )

    def _matches_built(self) -> None:
        self.matches_ready = True
        self.building_matches = False
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        repo = app.repo
        today = app.today()
        follow_up = repo.settings().follow_up_days
        people = repo.contacts.by_id()
        previous = self._highlighted_id()
        if self.matches_ready:
            self.matches = repo.suggested_matches(SUGGESTIONS_SHOWN)
        rows = [(next_step(i, people, today, follow_up), i) for i in repo.intros]
        rows.sort(key=lambda row: row[1].updated_at or datetime.min, reverse=True)
        rows.sort(key=lambda row: row[0][0])  # stable: newest first within each group
        self.intros = [intro for _, intro in rows]
        options: list[Option] = []
        for group, title in enumerate(GROUPS):
            if group == CLOSED:
                options += self._match_options()
            members = [(text, intro) for (g, text), intro in rows if g == group]
            if not members:
                continue
            options.append(
                Option(Content.styled(f"{title} ({len(members)})", "bold $accent"), disabled=True)
            )
            for text, intro in members:
                row = Wrapped(self._row(intro, text, people))  # its height: quick when it fits
                options.append(Option(row, id=str(intro.id)))
        intro_list = self.query_one("#intros", OptionList)
        intro_list.set_options(options)
        if not self.intros and not self.matches:
            intro_list.add_option(
                Option(
                    Content.styled(
                        "No introductions yet. Press n, or i on someone in the queue or contacts.",
                        MUTED,
                    ),
                    disabled=True,
                )
            )
        made = sum(i.status in (IntroStatus.SENT, IntroStatus.MET) for i in self.intros)
        met = sum(i.status is IntroStatus.MET for i in self.intros)
        self.query_one("#intros-summary", Static).update(
            Content.assemble(
                (f"{len(self.intros)} introductions", "bold"),
                (f"   {made} made, {met} met", MUTED),
                ("   enter resume · n new · D delete", MUTED),
                (f"   {len(self.matches)} suggested" if self.matches else "", MUTED),
            )
        )
        self._select(previous)

    def _match_options(self) -> list[Option]:
        """The suggested group: a heading, then one option per pair (or a line while the
        pairs are still being worked out)."""
        if not self.matches_ready:
            note = "Looking for people who seek what others offer…"
            return [Option(Content.styled(note, MUTED), disabled=True)]
        if not self.matches:
            return []
        options = [
            Option(
                Content.styled(f"{SUGGESTED} ({len(self.matches)})", "bold $accent"),
                disabled=True,
            )
        ]
        for n, match in enumerate(self.matches):
            options.append(Option(Wrapped(self._match_row(match)), id=f"{MATCH_PREFIX}{n}"))
        return options

    @staticmethod
    def _match_row(match: Match) -> Content:
        network = {2: "both A", 1: "one in A", 0: "both B"}[match.in_a]
        return Content.assemble(
            " ",
            (f"{'suggest':<8}", "$accent"),
            " ",
            (one_line(match.seeker_name), "bold"),
            (" ↔ ", MUTED),
            (one_line(match.provider_name), "bold"),
            (f"  {network} · matched: {', '.join(match.words)}", MUTED),
            "\n          ",
            ("seeks ", MUTED),
            snippet_content(match.seeks),
            "\n          ",
            ("offers ", MUTED),
            snippet_content(match.offers),
        )

    @staticmethod
    def _row(intro: Intro, text: str, people: Mapping[int, Contact]) -> Content:
        a, b = people.get(intro.a_id), people.get(intro.b_id)
        return Content.assemble(
            " ",
            (f"{intro.status.value:<8}", STATUS_STYLES[intro.status]),
            " ",
            (one_line(a.name) if a else "?", "bold"),
            (" ↔ ", MUTED),
            (one_line(b.name) if b else "?", "bold"),
            "\n          ",
            (one_line(text), MUTED),
        )

    def _select(self, option_id: str | None) -> None:
        intro_list = self.query_one("#intros", OptionList)
        ids = [str(i.id) for i in self.intros] + [
            f"{MATCH_PREFIX}{n}" for n in range(len(self.matches))
        ]
        if not ids:
            return
        wanted = option_id if option_id in ids else ids[0]
        intro_list.highlighted = intro_list.get_option_index(wanted)

    def _highlighted_id(self) -> str | None:
        if not self.is_mounted:
            return None
        intro_list = self.query_one("#intros", OptionList)
        if intro_list.highlighted is None or intro_list.option_count == 0:
            return None
        return intro_list.get_option_at_index(intro_list.highlighted).id

    @property
    def current_intro(self) -> int | None:
        option_id = self._highlighted_id()
        return int(option_id) if option_id and option_id.isdigit() else None

    @property
    def current_match(self) -> Match | None:
        option_id = self._highlighted_id()
        if option_id and option_id.startswith(MATCH_PREFIX):
            return self.matches[int(option_id[len(MATCH_PREFIX) :])]
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_intro()

    def action_open_intro(self) -> None:
        match = self.current_match
        if match is not None:
            self._accept(match)
            return
        intro_id = self.current_intro
        if intro_id is None:
            self.notify("No introduction selected.", severity="warning")
            return
        from netdesk.tui.screens.intro_wizard import IntroWizard

        self.app.push_screen(IntroWizard(intro_id=intro_id))

    def action_new_intro(self) -> None:
        from netdesk.tui.screens.intro_wizard import IntroWizard

        self.app.push_screen(IntroWizard())

    def _accept(self, match: Match) -> None:
        """The wizard with the seeker as A, the provider as B, and why already filled."""
        from netdesk.domain.matchmaking import why_meet
        from netdesk.tui.screens.intro_wizard import IntroWizard

        people = self.repo.contacts.by_id()
        seeker, provider = people.get(match.seeker_id), people.get(match.provider_id)
        if seeker is None or provider is None:
            return
        reason = why_meet(
            match,
            seeker.first_name.strip() or seeker.name,
            provider.first_name.strip() or provider.name,
        )
        self.app.push_screen(IntroWizard(a_id=seeker.id, b_id=provider.id, reason=reason))

    def action_dismiss_match(self) -> None:
        match = self.current_match
        if match is None:
            self.notify("Select a suggested match to dismiss it.", severity="warning")
            return
        self.repo.dismiss_match(match.seeker_id, match.provider_id, self.app.now())
        self.notify_undoable(
            f"{match.seeker_name} and {match.provider_name} will not be suggested again."
        )
        self.refresh_data()

    def action_delete_intro(self) -> None:
        intro_id = self.current_intro
        repo = self.app.repo
        intro = repo.intros.get(intro_id or 0)
        if intro is None:
            return
        people = repo.contacts.by_id()
        a, b = people.get(intro.a_id), people.get(intro.b_id)
        pair = f"{a.name if a else '?'} and {b.name if b else '?'}"

        def delete(yes: bool | None) -> None:
            if yes:
                repo.delete_intro(intro.id, self.app.now())
                self.notify(f"Deleted the introduction of {pair}.")
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(
                f"Delete the introduction of {pair}? The messages already sent stay in "
                "their history."
            ),
            delete,
        )
