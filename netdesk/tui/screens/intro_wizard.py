"""The intro wizard: two people, why they should meet, a litmus check, ask both, introduce.

An introduction spends your credibility with both people, so each side is asked privately
first (double opt-in) and the two-sided introduction goes out only when both said yes.
Every step is on the keyboard (ctrl+n / ctrl+b move between steps, as the steps have text
fields), every text is editable, and the preview shows the introduction as it stands.
The wizard saves as you move between steps and when you close it; nothing is lost on escape.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, Label, Static, TextArea

from netdesk.domain.dates import format_day, parse_past_day, relative_day
from netdesk.domain.intro import (
    draft_intro,
    in_flight,
    intro_message,
    known_for,
    known_phrase,
    litmus_questions,
    litmus_warnings,
    opt_in_ask,
)
from netdesk.domain.models import (
    Contact,
    Intro,
    IntroStatus,
    MessageKind,
    OptIn,
    OptInAnswer,
    Stage,
    closeness_label,
)
from netdesk.domain.templates import INTRO_ASK, LIMITS, text_problems, unfilled
from netdesk.tui.clipboard import copy_checked
from netdesk.tui.commands import WIZARD, bindings_for
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.pickers import ChoicePrompt
from netdesk.tui.widgets.contact_search import ContactSearch, shared_index
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar

STEPS = ("People", "Why", "Litmus", "Ask first", "Introduce", "Met")
PEOPLE, WHY, LITMUS, ASK, INTRODUCE, MET = range(len(STEPS))
SIDES = ("a", "b")

ANSWER_CHOICES: list[tuple[str, OptInAnswer]] = [
    ("Agreed: happy to be introduced", OptInAnswer.AGREED),
    ("Declined", OptInAnswer.DECLINED),
    ("No answer: I stopped waiting", OptInAnswer.NO_ANSWER),
    ("Still waiting", OptInAnswer.PENDING),
]

_DIM = "$text-muted"
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def resume_step(intro: Intro) -> int:
    """The step an introduction is waiting on, for the list's enter and the queue's d."""
    status = intro.status
    if status is IntroStatus.DRAFT:
        return ASK if intro.reason.strip() else WHY
    if status in (IntroStatus.ASKING, IntroStatus.DECLINED):
        return ASK
    if status is IntroStatus.AGREED:
        return INTRODUCE
    return MET


def parse_met_on(text: str, today: date) -> date | None:
    """When you met: '2019-03-14', '14 Mar 2019', 'mar 2019' (the 1st), '2019' (1 January)."""
    return parse_past_day(text, today) if text.strip() else None


def split_message(text: str) -> tuple[str, str, str]:
    """An edited introduction back into (to A, to B, closing) at its blank lines.

    `intro_message` joins the three parts with blank lines, so joining the split again gives
    the same text, whatever the user did to the paragraphs.
    """
    parts = [part.strip() for part in _PARAGRAPHS.split(text.strip()) if part.strip()]
    a_text = parts[0] if parts else ""
    b_text = parts[1] if len(parts) > 1 else ""
    return a_text, b_text, "\n\n".join(parts[2:])


def marked(text: str) -> Content:
    """Plain text with every unfilled {placeholder} highlighted."""
    content = Content(text)
    for match in _PLACEHOLDER.finditer(text):
        content = content.stylize("bold $warning", match.start(), match.end())
    return content


def optin_text(optin: OptIn, today: date) -> tuple[str, str]:
    """(what happened on one side, style) for the ask step and the list."""
    if optin.answer is OptInAnswer.AGREED:
        return f"agreed {_on(optin.answered_at, today)}", "$success"
    if optin.answer is OptInAnswer.DECLINED:
        return f"declined {_on(optin.answered_at, today)}", "$error"
    if optin.answer is OptInAnswer.NO_ANSWER:
        return f"no answer (asked {_on(optin.asked_at, today)})", "$warning"
    if optin.asked_at is not None:
        return f"asked {_on(optin.asked_at, today)}, waiting for an answer", "$warning"
    return "not asked yet", _DIM


def _on(moment: datetime | None, today: date) -> str:
    if moment is None:
        return ""
    day = moment.date()
    return "today" if day == today else f"{format_day(day)} ({relative_day(day, today)})"


def _answer_default(answer: OptInAnswer) -> OptInAnswer:
    """The choice highlighted first: the answer so far, or 'agreed' while still waiting."""
    return OptInAnswer.AGREED if answer is OptInAnswer.PENDING else answer


def _known_note(known: str) -> str:
    if not known:
        return ""
    return f" · known {known}" if known.startswith("since") else f" · known for {known}"


def _row(label: str, widget: Any) -> Horizontal:
    return Horizontal(Label(Content(label)), widget, classes="wiz-row")


class IntroWizard(NetdeskScreen[None]):
    DEFAULT_CSS = """
    IntroWizard #wiz-bar { height: 2; padding: 0 1; }
    IntroWizard #wiz-panes { height: 1fr; }
    IntroWizard #wiz-steps {
        width: 1fr; height: 1fr; border: round $primary 50%; border-title-color: $text-muted;
    }
    IntroWizard #wiz-steps:focus-within { border: round $accent; border-title-color: $accent; }
    IntroWizard #wiz-steps > * { height: 1fr; padding: 0 1; }
    IntroWizard #wiz-preview {
        width: 45%; height: 1fr; border: round $primary 50%; padding: 0 1;
        border-title-color: $text-muted;
    }
    IntroWizard.-narrow #wiz-panes { layout: vertical; }
    IntroWizard.-narrow #wiz-preview { width: 100%; height: 40%; }
    IntroWizard.-no-preview #wiz-preview { display: none; }
    IntroWizard .wiz-label { color: $text-muted; margin-top: 1; }
    IntroWizard .wiz-head { margin-top: 1; }
    IntroWizard .wiz-note { color: $text-muted; height: auto; }
    IntroWizard .wiz-help { color: $text-muted; height: auto; margin-top: 1; }
    IntroWizard .wiz-row { height: auto; }
    IntroWizard .wiz-row > Label { width: 13; color: $text-muted; }
    IntroWizard .wiz-row > Input { width: 1fr; }
    IntroWizard #ask-a, IntroWizard #ask-b { height: 8; }
    IntroWizard #intro-text { height: 1fr; min-height: 6; }
    IntroWizard #intro-status { height: auto; max-height: 2; }
    """
    BINDINGS = [*bindings_for(WIZARD), Binding("escape", "close", "Close")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, *, intro_id: int | None = None, a_id: int | None = None) -> None:
        super().__init__()
        self.intro_id = intro_id
        self.start_a = a_id
        self.intro = Intro()
        self.a: Contact | None = None
        self.b: Contact | None = None
        self.step = PEOPLE
        self.ask_side = "a"
        self.generated_asks = {"a": "", "b": ""}
        self.generated_intro = ""
        self.intro_loaded = False
        self.created_now = False

    # --- data ----------------------------------------------------------------------------

    def _today(self) -> date:
        return self.app.today()

    def _now(self) -> datetime:
        return self.app.now()

    def _load(self) -> None:
        repo = self.repo
        intro = repo.intros.get(self.intro_id) if self.intro_id else None
        if intro is not None:
            self.intro = intro
            self.a = repo.contacts.get(intro.a_id)
            self.b = repo.contacts.get(intro.b_id)
            self.step = resume_step(intro)
        else:
            self.intro_id = None
            self.a = repo.contacts.get(self.start_a) if self.start_a else None

    def side_contact(self, side: str) -> Contact | None:
        """The person on one side with the met-on / how-met / stands-out typed here."""
        base = self.a if side == "a" else self.b
        if base is None or not self.is_mounted:
            return base
        try:
            met_on = parse_met_on(self._value(f"met-{side}"), self._today())
        except ValueError:
            met_on = base.met_on
        return replace(
            base,
            met_on=met_on,
            how_met=self._value(f"how-{side}"),
            credential=self._value(f"cred-{side}"),
        )

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _reason(self) -> str:
        return self._value("reason")

    def _contact_changes(self) -> dict[int, dict[str, Any]]:
        """Fields typed for each side that differ from the contact (ValueError for a bad date)."""
        changes: dict[int, dict[str, Any]] = {}
        for side in SIDES:
            base = self.a if side == "a" else self.b
            if base is None:
                continue
            typed = {
                "met_on": parse_met_on(self._value(f"met-{side}"), self._today()),
                "how_met": self._value(f"how-{side}"),
                "credential": self._value(f"cred-{side}"),
            }
            changed = {k: v for k, v in typed.items() if getattr(base, k) != v}
            if changed:
                changes[base.id] = changed
        return changes

    def _persist(self) -> bool:
        """Save the introduction and the contact fields; False (and a message) on a bad date."""
        if self.a is None or self.b is None:
            return True
        try:
            changes = self._contact_changes()
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return False
        intro = replace(self.intro, a_id=self.a.id, b_id=self.b.id, reason=self._reason())
        if self.intro_loaded and intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            text = self.query_one("#intro-text", TextArea).text
            edited = text.strip() != self.generated_intro.strip()
            a_text, b_text, closing = split_message(text) if edited else ("", "", "")
            intro = replace(intro, a_text=a_text, b_text=b_text, closing=closing)
        if intro == self.intro and not changes and intro.id:
            return True
        created = not intro.id
        self.intro = self.repo.save_intro(intro, self._now(), changes)
        self.intro_id = self.intro.id
        self.created_now = self.created_now or created
        self.a = self.repo.contacts.get(self.intro.a_id)
        self.b = self.repo.contacts.get(self.intro.b_id)
        return True

    def _saved_intro_text(self) -> str:
        intro = self.intro
        if intro.a_text or intro.b_text or intro.closing:
            return intro_message(intro.a_text, intro.b_text, intro.closing)
        return ""

    def _draft_text(self) -> str:
        a, b = self.side_contact("a"), self.side_contact("b")
        if a is None or b is None:
            return ""
        my_name = self.repo.settings().my_name
        return intro_message(*draft_intro(a, b, self._reason(), self._today(), my_name))

    def _intro_text(self) -> str:
        """The introduction as it stands: being edited, as saved, or the fresh draft."""
        if self.intro_loaded:
            return self.query_one("#intro-text", TextArea).text
        return self._saved_intro_text() or self._draft_text()

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._load()
        index = shared_index(self.repo)
        locked = self.intro.status is not IntroStatus.DRAFT
        yield TitleBar()
        yield Static(id="wiz-bar")
        with Horizontal(id="wiz-panes"):
            with ContentSwitcher(id="wiz-steps", initial=f"step-{self.step}"):
                with VerticalScroll(id=f"step-{PEOPLE}"):
                    yield Static(
                        Content("Who should meet? Type to search, ↑↓ to choose, enter to pick."),
                        classes="wiz-note",
                    )
                    for side, who in (("a", self.a), ("b", self.b)):
                        yield Label(Content(f"Person {side.upper()}"), classes="wiz-label")
                        yield ContactSearch(
                            index, value=who.name if who else "", id=f"pick-{side}", disabled=locked
                        )
                        yield Static(id=f"picked-{side}", classes="wiz-note")
                    yield Static(id="people-next", classes="wiz-help")
                    if locked:
                        yield Static(
                            Content("The asks have gone out, so the two people stay as they are."),
                            classes="wiz-help",
                        )
                with VerticalScroll(id=f"step-{WHY}"):
                    yield Label(
                        Content("Why should they meet? One line; it completes '… because'."),
                        classes="wiz-note",
                    )
                    yield Input(
                        self.intro.reason,
                        id="reason",
                        placeholder="both are rethinking how they buy freight",
                        compact=True,
                    )
                    for side in SIDES:
                        yield Static(id=f"how-head-{side}", classes="wiz-head")
                        yield _row(
                            "Met on",
                            Input(
                                id=f"met-{side}",
                                placeholder="2019-03-14, mar 2019 or 2019",
                                compact=True,
                            ),
                        )
                        yield _row(
                            "How you met",
                            Input(
                                id=f"how-{side}",
                                placeholder="completes 'since …': we worked on a tender together",
                                compact=True,
                            ),
                        )
                        yield _row(
                            "Stands out",
                            Input(
                                id=f"cred-{side}",
                                placeholder="one line: what sets them apart",
                                compact=True,
                            ),
                        )
                        yield Static(id=f"known-{side}", classes="wiz-note")
                with VerticalScroll(id=f"step-{LITMUS}"):
                    yield Static(id="litmus")
                with VerticalScroll(id=f"step-{ASK}"):
                    yield Static(id="ask-note", classes="wiz-note")
                    for side in SIDES:
                        yield Static(id=f"ask-head-{side}", classes="wiz-head")
                        yield TextArea(id=f"ask-{side}", soft_wrap=True, compact=True)
                    yield Static(
                        Content(
                            "tab other side · ctrl+y copy · ctrl+s mark asked · "
                            "ctrl+r record the answer"
                        ),
                        classes="wiz-help",
                    )
                with Vertical(id=f"step-{INTRODUCE}"):
                    yield Static(id="intro-head", classes="wiz-note")
                    yield TextArea(id="intro-text", soft_wrap=True, compact=True)
                    yield Static(id="intro-status", classes="wiz-note")
                with VerticalScroll(id=f"step-{MET}"):
                    yield Static(id="met-head", classes="wiz-note")
                    yield Label(Content("What came of it?"), classes="wiz-label")
                    yield Input(
                        self.intro.outcome,
                        id="outcome",
                        placeholder="coffee in December; they are planning a pilot",
                        compact=True,
                    )
                    yield Static(Content("ctrl+s marks them met."), classes="wiz-help")
            with VerticalScroll(id="wiz-preview") as preview:
                preview.border_title = "Preview: the introduction both will get"
                yield Static(id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        for side in SIDES:
            self._load_side_fields(side)
        self._refresh_people()
        self._show_step(self.step)

    def on_screen_resume(self) -> None:
        if self.intro.id:
            self.intro = self.repo.intros.get(self.intro.id) or self.intro
        self._refresh_step()

    def _load_side_fields(self, side: str) -> None:
        contact = self.a if side == "a" else self.b
        values = {
            f"met-{side}": contact.met_on.isoformat() if contact and contact.met_on else "",
            f"how-{side}": contact.how_met if contact else "",
            f"cred-{side}": contact.credential if contact else "",
        }
        for widget_id, value in values.items():
            self.query_one(f"#{widget_id}", Input).value = value

    # --- steps ----------------------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.step = step
        switcher = self.query_one("#wiz-steps", ContentSwitcher)
        switcher.current = f"step-{step}"
        switcher.border_title = f"{step + 1} · {STEPS[step]}"
        self.set_class(step in (PEOPLE, INTRODUCE), "-no-preview")
        if step == ASK:
            self._load_asks()
        if step == INTRODUCE:
            self._load_intro_text()
        self._refresh_step()
        self.refresh_bindings()
        self._focus_step()

    def _refresh_step(self) -> None:
        """Everything shown that depends on the data: bar, current step, preview."""
        self._refresh_bar()
        if self.step == WHY:
            self._refresh_how()
        elif self.step == LITMUS:
            self._refresh_litmus()
        elif self.step == ASK:
            self._refresh_asks()
        elif self.step == INTRODUCE:
            self._refresh_intro_status()
        elif self.step == MET:
            self._refresh_met()
        self._refresh_preview()

    def _focus_step(self) -> None:
        step = self.step
        if step == PEOPLE:
            if self.intro.status is IntroStatus.DRAFT:
                side = "b" if self.a is not None and self.b is None else "a"
                self.query_one(f"#pick-{side}", ContactSearch).focus_input()
            else:
                self.query_one(f"#step-{PEOPLE}").focus()
        elif step == WHY:
            self.query_one("#reason", Input).focus()
        elif step == LITMUS:
            self.query_one(f"#step-{LITMUS}").focus()
        elif step == ASK:
            side = self.ask_side
            for candidate in SIDES:
                if self._optin(candidate).asked_at is None:
                    side = candidate
                    break
            self.query_one(f"#ask-{side}", TextArea).focus()
        elif step == INTRODUCE:
            self.query_one("#intro-text", TextArea).focus()
        else:
            self.query_one("#outcome", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        only_in = {
            "mark_asked": ASK,
            "answer": ASK,
            "mark_sent": INTRODUCE,
            "redraft": INTRODUCE,
            "mark_met": MET,
        }
        if action in only_in:
            return self.step == only_in[action]
        if action == "copy":
            return self.step in (ASK, INTRODUCE, MET)
        if action == "prev_step":
            return self.step > PEOPLE
        if action == "next_step":
            return self.step < MET
        return True

    def action_next_step(self) -> None:
        step = self.step
        if step == PEOPLE and (self.a is None or self.b is None):
            self.notify("Pick both people first.", severity="warning")
            return
        if step == PEOPLE and not self.intro.id and self._open_existing():
            return
        if step == WHY and not self._reason():
            self.notify("Say in one line why they should meet.", severity="warning")
            self.query_one("#reason", Input).focus()
            return
        if step == ASK and self.intro.status not in (
            IntroStatus.AGREED,
            IntroStatus.SENT,
            IntroStatus.MET,
        ):
            self.notify(self._ask_blocker(), severity="warning")
            return
        if step == INTRODUCE and self.intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            self.notify("Send it to both, then mark it sent with ctrl+s.", severity="warning")
            return
        if self._persist():
            self._show_step(step + 1)

    def _open_existing(self) -> bool:
        """Open, in place of this new one, the introduction already under way for the pair."""
        assert self.a is not None and self.b is not None
        existing = in_flight(self.repo.intros, self.a.id, self.b.id)
        if existing is None:
            return False
        self.notify(
            f"{self.a.name} and {self.b.name} already have an introduction under way "
            f"({existing.status.value}): opened it."
        )
        self.app.switch_screen(IntroWizard(intro_id=existing.id))
        return True

    def action_prev_step(self) -> None:
        if self.step > PEOPLE and self._persist():
            self._show_step(self.step - 1)

    def _ask_blocker(self) -> str:
        if self.intro.status is IntroStatus.DECLINED:
            return "One side declined, so there is nothing to send."
        waiting = [
            self.side_name(side)
            for side in SIDES
            if self._optin(side).answer is not OptInAnswer.AGREED
        ]
        return f"Both need to say yes first; waiting on {' and '.join(waiting)}."

    def _optin(self, side: str) -> OptIn:
        return self.intro.a_optin if side == "a" else self.intro.b_optin

    def side_name(self, side: str) -> str:
        contact = self.a if side == "a" else self.b
        return contact.name if contact else f"person {side.upper()}"

    def side_first(self, side: str) -> str:
        contact = self.a if side == "a" else self.b
        return (contact.first_name.strip() or contact.name) if contact else side.upper()

    # --- step 1: people -------------------------------------------------------------------

    def on_contact_search_picked(self, event: ContactSearch.Picked) -> None:
        event.stop()
        contact = event.contact
        search = event.search
        if contact is None or search.id not in ("pick-a", "pick-b"):
            return
        side = search.id[-1]
        current, other = (self.a, self.b) if side == "a" else (self.b, self.a)
        if other is not None and other.id == contact.id:
            self.notify("Pick two different people.", severity="warning")
            return
        if current is not None and current.id == contact.id and other is not None:
            self.action_next_step()  # enter again on the person shown as picked: go on
            return
        if side == "a":
            self.a = contact
        else:
            self.b = contact
        search.set_value(contact.name)
        self._load_side_fields(side)
        self._refresh_people()
        self._refresh_step()
        if self.a is None or self.b is None:
            self.query_one(f"#pick-{'b' if side == 'a' else 'a'}", ContactSearch).focus_input()

    def _refresh_people(self) -> None:
        """Each side's pick with its headline, and once both are picked, how to go on: the
        step waits for you to see who was picked instead of moving on by itself."""
        if self.a is not None and self.b is not None and self.intro.status is IntroStatus.DRAFT:
            self.query_one("#people-next", Static).update(
                Content.assemble(
                    (self.a.name, "bold"),
                    " ↔ ",
                    (self.b.name, "bold"),
                    ("  enter again or ctrl+n: on to why they should meet", _DIM),
                )
            )
        today = self._today()
        for side in SIDES:
            contact = self.a if side == "a" else self.b
            picked = self.query_one(f"#picked-{side}", Static)
            if contact is None:
                picked.update(Content.styled("nobody picked yet", _DIM))
                continue
            talked = contact.id in self.repo.a_network()
            known = known_for(contact.met_on, today)
            picked.update(
                Content.assemble(
                    ("✓ ", "$success"),
                    (contact.name, "bold"),
                    "  ",
                    (contact.headline or "—", _DIM),
                    "\n  ",
                    (f"you: {closeness_label(contact.closeness)}", _DIM),
                    (" · A network" if talked else " · B network (never talked)", _DIM),
                    (_known_note(known), _DIM),
                )
            )

    # --- step 2: why, and how you know each side ----------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("reason", "met-a", "met-b", "how-a", "how-b", "cred-a", "cred-b"):
            if self.step == WHY:
                self._refresh_how()
            self._refresh_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field of the step, and from the last one to the next step."""
        if event.input.id == "outcome":
            self.action_mark_met()
            return
        if self.step == WHY:
            order = ["reason", *(f"{f}-{s}" for s in SIDES for f in ("met", "how", "cred"))]
            if event.input.id in order[:-1]:
                self.query_one(f"#{order[order.index(event.input.id) + 1]}", Input).focus()
            else:
                self.action_next_step()

    def _refresh_how(self) -> None:
        today = self._today()
        for side in SIDES:
            contact = self.a if side == "a" else self.b
            self.query_one(f"#how-head-{side}", Static).update(
                Content.assemble(("How you know ", _DIM), (self.side_name(side), "bold"))
            )
            note = self.query_one(f"#known-{side}", Static)
            if contact is None:
                note.update("")
                continue
            try:
                parse_met_on(self._value(f"met-{side}"), today)
            except ValueError as exc:
                note.update(Content.styled(str(exc), "$error"))
                continue
            effective = self.side_contact(side)
            assert effective is not None
            phrase = known_phrase(self.side_first(side), effective.met_on, effective.how_met, today)
            note.update(
                Content.assemble(("→ ", _DIM), (phrase, ""))
                if phrase
                else Content.styled("→ add when or how you met, so the intro can say so", _DIM)
            )

    # --- step 3: litmus -------------------------------------------------------------------

    def _refresh_litmus(self) -> None:
        a, b = self.side_contact("a"), self.side_contact("b")
        litmus = self.query_one("#litmus", Static)
        if a is None or b is None:
            litmus.update(Content.styled("Pick both people first.", _DIM))
            return
        first, second = litmus_questions(a, b)
        warnings = litmus_warnings(a, b)
        lines: list[Content] = [
            Content.styled("Before you ask anyone, answer these honestly:", _DIM),
            Content(""),
            Content.assemble("• ", first),
            Content.styled(f"  (You know {b.name} as '{closeness_label(b.closeness)}'.)", _DIM),
            Content(""),
            Content.assemble("• ", second),
            Content.styled(f"  (You know {a.name} as '{closeness_label(a.closeness)}'.)", _DIM),
            Content(""),
        ]
        if warnings:
            lines.extend(Content.styled(f"⚠ {warning}", "$warning") for warning in warnings)
        else:
            lines.append(Content.styled("You know both well enough to vouch for them.", "$success"))
        lines.extend(
            [
                Content(""),
                Content.styled(
                    "If either answer makes you uneasy, go back (ctrl+b) or close (escape). "
                    "Otherwise ctrl+n: next you ask each of them privately.",
                    _DIM,
                ),
            ]
        )
        litmus.update(Content("\n").join(lines))

    # --- step 4: ask first ----------------------------------------------------------------

    def _ask_body(self) -> str:
        kinds = [t for t in self.repo.templates if t.kind is MessageKind.INTRO_ASK]
        return kinds[0].body if kinds else INTRO_ASK

    def _load_asks(self) -> None:
        """Draft both asks, keeping any text the user already edited."""
        a, b = self.side_contact("a"), self.side_contact("b")
        if a is None or b is None:
            return
        my_name = self.repo.settings().my_name
        body = self._ask_body()
        for side, asked, other in (("a", a, b), ("b", b, a)):
            area = self.query_one(f"#ask-{side}", TextArea)
            fresh = opt_in_ask(asked, other, self._reason(), my_name, body=body)
            if area.text in ("", self.generated_asks[side]):
                area.load_text(fresh)
            self.generated_asks[side] = fresh

    def _refresh_asks(self) -> None:
        today = self._today()
        for side in SIDES:
            text, style = optin_text(self._optin(side), today)
            self.query_one(f"#ask-head-{side}", Static).update(
                Content.assemble(
                    ("Ask ", _DIM), (self.side_name(side), "bold"), "  ", (text, style)
                )
            )
        status = self.intro.status
        note = self.query_one("#ask-note", Static)
        if status is IntroStatus.DECLINED:
            declined = [s for s in SIDES if self._optin(s).answer is OptInAnswer.DECLINED]
            who = " and ".join(self.side_name(s) for s in declined)
            note.update(
                Content.styled(
                    f"{who} declined, so this introduction is closed. If they change their "
                    "mind, record the new answer with ctrl+r.",
                    "$warning",
                )
            )
        elif status in (IntroStatus.AGREED, IntroStatus.SENT, IntroStatus.MET):
            note.update(Content.styled("Both said yes. ctrl+n: write the introduction.", _DIM))
        else:
            note.update(
                Content.styled(
                    "Ask each side privately first; introduce them only when both say yes.",
                    _DIM,
                )
            )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id in ("ask-a", "ask-b"):
            self.ask_side = event.widget.id[-1]

    def _ensure_saved(self) -> bool:
        return self._persist() and bool(self.intro.id)

    def action_mark_asked(self) -> None:
        side = self.ask_side
        person = self.side_contact(side)
        if person is None:
            return
        text = self.query_one(f"#ask-{side}", TextArea).text
        if person.stage is Stage.DO_NOT_CONTACT:
            self.notify(f"{person.name} is marked do not contact.", severity="error")
            return
        problems = text_problems(text, LIMITS["message"])
        if problems:
            self.notify(
                f"The ask to {person.name} is not marked asked: " + " ".join(problems),
                severity="error",
                markup=False,
            )
            return
        optin = self._optin(side)

        def ask(go: bool | None = True) -> None:
            if not go or not self._ensure_saved():
                return
            self.intro = self.repo.mark_intro_asked(self.intro.id, side, text, self._now())
            self.notify(
                f"Marked asked: {person.name}. Record the answer with ctrl+r when it comes."
            )
            self._refresh_step()
            other = "b" if side == "a" else "a"
            if self._optin(other).asked_at is None:
                self.query_one(f"#ask-{other}", TextArea).focus()

        if optin.asked_at is not None or optin.answer is not OptInAnswer.PENDING:
            self.app.push_screen(
                ConfirmDialog(
                    f"{person.name} was already asked ({optin_text(optin, self._today())[0]}). "
                    "Ask again? Their answer goes back to waiting."
                ),
                ask,
            )
        else:
            ask()

    def action_answer(self) -> None:
        side = self.ask_side
        if self.a is None or self.b is None:
            return
        other = "b" if side == "a" else "a"

        def answered(answer: OptInAnswer | None) -> None:
            if answer is None or not self._ensure_saved():
                return
            self.intro = self.repo.record_optin(self.intro.id, side, answer, self._now())
            status = self.intro.status
            if status is IntroStatus.AGREED:
                self.notify("Both said yes. Now write the introduction.")
                self._show_step(INTRODUCE)
                return
            if status is IntroStatus.DECLINED:
                self.notify(
                    f"{self.side_name(side)} declined; the introduction is closed. "
                    f"Let {self.side_first(other)} know kindly if they were asked."
                )
            else:
                self.notify(f"Recorded: {self.side_name(side)}, {answer.value.replace('_', ' ')}.")
            self._refresh_step()

        self.app.push_screen(
            ChoicePrompt(
                f"What did {self.side_first(side)} say about meeting {self.side_first(other)}?",
                ANSWER_CHOICES,
                selected=_answer_default(self._optin(side).answer),
            ),
            answered,
        )

    # --- step 5: introduce ----------------------------------------------------------------

    def _load_intro_text(self) -> None:
        """The introduction to edit: as saved, else a draft that follows the facts until edited."""
        area = self.query_one("#intro-text", TextArea)
        sent = self.intro.status in (IntroStatus.SENT, IntroStatus.MET)
        fresh = self._draft_text()
        if not self.intro_loaded:
            area.load_text(self._saved_intro_text() or fresh)
            self.intro_loaded = True
        elif not sent and area.text == self.generated_intro:
            area.load_text(fresh)  # untouched: the why or how-you-met changed since
        self.generated_intro = fresh
        area.read_only = sent

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "intro-text":
            self._refresh_intro_status()

    def _refresh_intro_status(self) -> None:
        status = self.intro.status
        head = self.query_one("#intro-head", Static)
        if status in (IntroStatus.SENT, IntroStatus.MET):
            head.update(
                Content.styled(
                    f"Sent {_on(self.intro.sent_at, self._today())} to {self.side_name('a')} and "
                    f"{self.side_name('b')}.",
                    _DIM,
                )
            )
        else:
            head.update(
                Content.styled(
                    f"Both said yes. Edit it, copy it (ctrl+y), send it to {self.side_first('a')} "
                    f"and {self.side_first('b')} together, then mark it sent (ctrl+s).",
                    _DIM,
                )
            )
        text = self._intro_text()
        limit = LIMITS["message"]
        parts = [Content.styled(f"{len(text)}/{limit}", "$error" if len(text) > limit else _DIM)]
        left = unfilled(text)
        if left:
            parts.append(
                Content.styled(
                    "fill in " + ", ".join("{" + name + "}" for name in left), "$warning"
                )
            )
        self.query_one("#intro-status", Static).update(Content("  ·  ").join(parts))

    def action_mark_sent(self) -> None:
        text = self.query_one("#intro-text", TextArea).text
        problems = text_problems(text, LIMITS["message"])
        if problems:
            self.notify("Not sent: " + " ".join(problems), severity="error")
            return
        if self.intro.status is not IntroStatus.AGREED:
            self.notify(self._ask_blocker(), severity="warning")
            return
        if not self._persist():
            return
        a_text, b_text, closing = split_message(text)
        self.intro = self.repo.mark_intro_sent(self.intro.id, a_text, b_text, closing, self._now())
        self.notify(
            f"Introduction marked sent to {self.side_name('a')} and {self.side_name('b')}. "
            "When they have met, say how it went."
        )
        self._show_step(MET)

    def action_redraft(self) -> None:
        def redraft(yes: bool | None) -> None:
            if yes:
                self.query_one("#intro-text", TextArea).load_text(self._draft_text())
                self.generated_intro = self._draft_text()
                self._persist()
                self._refresh_intro_status()

        self.app.push_screen(
            ConfirmDialog("Replace the introduction with a fresh draft? Your edits to it go."),
            redraft,
        )

    # --- step 6: met ----------------------------------------------------------------------

    def _refresh_met(self) -> None:
        head = self.query_one("#met-head", Static)
        intro = self.intro
        if intro.status is IntroStatus.MET:
            head.update(Content.styled("They met. You can still change what came of it.", _DIM))
        elif intro.status is IntroStatus.SENT:
            head.update(
                Content.styled(
                    f"Sent {_on(intro.sent_at, self._today())}. Did {self.side_first('a')} and "
                    f"{self.side_first('b')} meet?",
                    _DIM,
                )
            )
        else:
            head.update(Content.styled("Not sent yet.", _DIM))

    def action_mark_met(self) -> None:
        if self.intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            self.notify("Mark the introduction sent first.", severity="warning")
            return
        outcome = self._value("outcome")
        self.intro = self.repo.mark_intro_met(self.intro.id, outcome, self._now())
        self.notify(f"{self.side_name('a')} and {self.side_name('b')} met. Nicely done.")
        self.dismiss(None)

    # --- preview, bar, copy, close --------------------------------------------------------

    def _refresh_bar(self) -> None:
        steps: list[Content] = []
        for n, name in enumerate(STEPS):
            style = "bold reverse" if n == self.step else ("" if n < self.step else _DIM)
            steps.append(Content.styled(f" {n + 1} {name} ", style))
        who: list[Content | str | tuple[str, str]] = [
            (self.side_name("a"), "bold"),
            (" ↔ ", _DIM),
            (self.side_name("b"), "bold"),
            (f"   {self.intro.status.value}", "$accent"),
        ]
        self.query_one("#wiz-bar", Static).update(
            Content("\n").join([Content(" ›").join(steps), Content.assemble(" ", *who)])
        )

    def _refresh_preview(self) -> None:
        preview = self.query_one("#preview", Static)
        if self.a is None or self.b is None:
            preview.update(Content.styled("Pick two people to see the introduction.", _DIM))
            return
        header = Content.assemble(
            ("To ", _DIM), (self.a.name, "bold"), (" and ", _DIM), (self.b.name, "bold")
        )
        preview.update(Content("\n").join([header, Content(""), marked(self._intro_text())]))

    def action_copy(self) -> None:
        if self.step == ASK:
            text = self.query_one(f"#ask-{self.ask_side}", TextArea).text
            what = f"the ask to {self.side_name(self.ask_side)}"
        else:
            text = self._intro_text()
            what = "the introduction"
        copy_checked(self, text, text_problems(text, LIMITS["message"]), what)

    def _unsent_asks(self) -> list[str]:
        if self.step != ASK and not any(self.generated_asks.values()):
            return []
        names = []
        for side in SIDES:
            text = self.query_one(f"#ask-{side}", TextArea).text
            edited = text.strip() and text != self.generated_asks[side]
            if edited and self._optin(side).asked_at is None:
                names.append(self.side_name(side))
        return names

    def action_close(self) -> None:
        unsent = self._unsent_asks()

        def close(yes: bool | None = True) -> None:
            if not yes:
                return
            saved = self._persist()
            if not saved:

                def leave(answer: bool | None) -> None:
                    if answer:
                        self.dismiss(None)

                self.app.push_screen(
                    ConfirmDialog("Close without saving your changes to this introduction?"),
                    leave,
                )
                return
            if self.created_now and self.intro.status is IntroStatus.DRAFT:
                self.notify("Draft kept under Introductions (press 4).")
            self.dismiss(None)

        if unsent:
            self.app.push_screen(
                ConfirmDialog(
                    f"Your edited ask to {' and '.join(unsent)} is not marked asked and will be "
                    "lost. Close anyway?"
                ),
                close,
            )
        else:
            close()
