"""Every introduction, grouped by whom it is waiting on; enter resumes the wizard there."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.dates import relative_day
from netdesk.domain.models import Contact, Intro, IntroStatus, OptInAnswer
from netdesk.tui.commands import INTROS, bindings_for
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.intro_wizard import IntroWizard
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.title_bar import TitleBar

_DIM = "$text-muted"

ON_YOU, ON_THEM, SENT, CLOSED = range(4)
GROUPS = ("Waiting on you", "Waiting on them", "Sent: did they meet?", "Closed")

STATUS_STYLES = {
    IntroStatus.DRAFT: _DIM,
    IntroStatus.ASKING: "$warning",
    IntroStatus.AGREED: "bold $success",
    IntroStatus.SENT: "$accent",
    IntroStatus.MET: "$success",
    IntroStatus.DECLINED: "$error",
}


def _ago(moment: datetime | None, today: date) -> str:
    return relative_day(moment.date(), today) if moment else "some time ago"


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
        return SENT, f"Sent {_ago(intro.sent_at, today)}: did they meet?"
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
    return ON_THEM, f"Waiting on {name(contact_id)}: asked {_ago(optin.asked_at, today)}"


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

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="intros-pane") as pane:
            pane.border_title = "Introductions"
            yield Static(id="intros-summary")
            yield OptionList(id="intros")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#intros", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        repo = app.repo
        today = app.today()
        follow_up = repo.settings().follow_up_days
        people = repo.contacts.by_id()
        previous = self.current_intro
        rows = [(next_step(i, people, today, follow_up), i) for i in repo.intros]
        rows.sort(key=lambda row: row[1].updated_at or datetime.min, reverse=True)
        rows.sort(key=lambda row: row[0][0])  # stable: newest first within each group
        self.intros = [intro for _, intro in rows]
        options: list[Option] = []
        for group, title in enumerate(GROUPS):
            members = [(text, intro) for (g, text), intro in rows if g == group]
            if not members:
                continue
            options.append(
                Option(Content.styled(f"{title} ({len(members)})", "bold $accent"), disabled=True)
            )
            for text, intro in members:
                options.append(Option(self._row(intro, text, people), id=str(intro.id)))
        intro_list = self.query_one("#intros", OptionList)
        intro_list.set_options(options)
        if not self.intros:
            intro_list.add_option(
                Option(
                    Content.styled(
                        "No introductions yet. Press n, or i on someone in the queue or contacts.",
                        _DIM,
                    ),
                    disabled=True,
                )
            )
        made = sum(i.status in (IntroStatus.SENT, IntroStatus.MET) for i in self.intros)
        met = sum(i.status is IntroStatus.MET for i in self.intros)
        self.query_one("#intros-summary", Static).update(
            Content.assemble(
                (f"{len(self.intros)} introductions", "bold"),
                (f"   {made} made, {met} met", _DIM),
                ("   enter resume · n new · D delete", _DIM),
            )
        )
        self._select(previous)

    @staticmethod
    def _row(intro: Intro, text: str, people: Mapping[int, Contact]) -> Content:
        a, b = people.get(intro.a_id), people.get(intro.b_id)
        return Content.assemble(
            " ",
            (f"{intro.status.value:<8}", STATUS_STYLES[intro.status]),
            " ",
            (a.name if a else "?", "bold"),
            (" ↔ ", _DIM),
            (b.name if b else "?", "bold"),
            "\n          ",
            (text, _DIM),
        )

    def _select(self, intro_id: int | None) -> None:
        intro_list = self.query_one("#intros", OptionList)
        if not self.intros:
            return
        wanted = intro_id if intro_id in {i.id for i in self.intros} else self.intros[0].id
        intro_list.highlighted = intro_list.get_option_index(str(wanted))

    @property
    def current_intro(self) -> int | None:
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#intros", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_intro()

    def action_open_intro(self) -> None:
        intro_id = self.current_intro
        if intro_id is None:
            self.notify("No introduction selected.", severity="warning")
            return
        self.app.push_screen(IntroWizard(intro_id=intro_id))

    def action_new_intro(self) -> None:
        self.app.push_screen(IntroWizard())

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
