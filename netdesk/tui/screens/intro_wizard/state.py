"""The introduction being made and every text typed for it, whichever step is shown.

The wizard mounts one step at a time, so what the steps' fields hold lives here (`Kept`);
the draft, the asks, the preview and saving read it from here, never from a step's widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from netdesk.domain.dates import format_day
from netdesk.domain.intro import (
    WHY,
    draft_intro,
    intro_message,
    opt_in_ask,
    parse_met_on,
    resume_step,
    split_message,
)
from netdesk.domain.models import Contact, Intro, IntroStatus, MessageKind, OptIn, OptInAnswer
from netdesk.domain.templates import INTRO_ASK
from netdesk.store.repo import Repo
from netdesk.tui.literal import editable, one_line
from netdesk.tui.screens.intro_wizard.kept import Kept

SIDES = ("a", "b")


class WizardState:
    def __init__(
        self,
        repo: Repo,
        clock: Callable[[], datetime],
        *,
        intro_id: int | None,
        a_id: int | None,
        b_id: int | None,
        reason: str,
    ) -> None:
        """The introduction `intro_id`, or a new one with whatever of A, B and why is given."""
        self.repo = repo
        self.clock = clock
        self.intro = Intro()
        self.a: Contact | None = None
        self.b: Contact | None = None
        self.step = 0
        """The step to open on: where the introduction is waiting."""
        intro = repo.intros.get(intro_id) if intro_id else None
        if intro is not None:
            self.intro = intro
            self.a = repo.contacts.get(intro.a_id)
            self.b = repo.contacts.get(intro.b_id)
            self.step = resume_step(intro)
        else:
            self.a = repo.contacts.get(a_id) if a_id else None
            self.b = repo.contacts.get(b_id) if b_id else None
            self.intro = replace(self.intro, reason=reason)
            if self.a is not None and self.b is not None:
                self.step = WHY
        self.texts: dict[str, Kept] = {
            "reason": Kept(self.intro.reason),
            "outcome": Kept(self.intro.outcome),
            "intro-text": Kept(multiline=True),
            **{f"ask-{side}": Kept(multiline=True) for side in SIDES},
        }
        """Every text field of the steps by widget id."""
        self.searched = {side: c.name if c else "" for side, c in self.sides()}
        """What each side's search shows (as the people step last left it)."""
        for side in SIDES:
            self.load_side_fields(side)
        self.ask_side = "a"
        """The side whose ask has (or last had) focus: ctrl+s, ctrl+r and ctrl+y act on it."""
        self.generated_asks = {"a": "", "b": ""}
        self.generated_intro = ""
        self.intro_loaded = False
        self.created_now = False

    def today(self) -> date:
        return self.clock().date()

    def side(self, side: str) -> Contact | None:
        return self.a if side == "a" else self.b

    def sides(self) -> list[tuple[str, Contact | None]]:
        return [("a", self.a), ("b", self.b)]

    def optin(self, side: str) -> OptIn:
        return self.intro.a_optin if side == "a" else self.intro.b_optin

    def side_name(self, side: str) -> str:
        """The name to show for one side (safe to draw)."""
        contact = self.side(side)
        return one_line(contact.name) if contact else f"person {side.upper()}"

    def side_first(self, side: str) -> str:
        """The first name to show for one side (safe to draw)."""
        contact = self.side(side)
        return one_line(contact.first_name.strip() or contact.name) if contact else side.upper()

    def load_side_fields(self, side: str) -> None:
        """The met-on / how-met / stands-out fields of one side, as the contact has them."""
        contact = self.side(side)
        values = {
            f"met-{side}": format_day(contact.met_on) if contact and contact.met_on else "",
            f"how-{side}": contact.how_met if contact else "",
            f"cred-{side}": contact.credential if contact else "",
        }
        for widget_id, value in values.items():
            self.texts.setdefault(widget_id, Kept()).show(value)

    def value(self, widget_id: str) -> str:
        return self.texts[widget_id].text

    def side_contact(self, side: str) -> Contact | None:
        """The person on one side with the met-on / how-met / stands-out typed here."""
        base = self.side(side)
        if base is None:
            return base
        try:
            met_on = parse_met_on(self.value(f"met-{side}"), self.today())
        except ValueError:
            met_on = base.met_on
        return replace(
            base,
            met_on=met_on,
            how_met=self.value(f"how-{side}"),
            credential=self.value(f"cred-{side}"),
        )

    def _contact_changes(self) -> dict[int, dict[str, Any]]:
        """Fields typed for each side that differ from the contact (ValueError for a bad date)."""
        changes: dict[int, dict[str, Any]] = {}
        for side, base in self.sides():
            if base is None:
                continue
            typed = {
                "met_on": parse_met_on(self.value(f"met-{side}"), self.today()),
                "how_met": self.value(f"how-{side}"),
                "credential": self.value(f"cred-{side}"),
            }
            changed = {k: v for k, v in typed.items() if getattr(base, k) != v}
            if changed:
                changes[base.id] = changed
        return changes

    def save(self) -> None:
        """Save the introduction and the contact fields (ValueError for a bad date)."""
        if self.a is None or self.b is None:
            return
        changes = self._contact_changes()
        intro = replace(self.intro, a_id=self.a.id, b_id=self.b.id, reason=self.value("reason"))
        if self.intro_loaded and intro.status not in (IntroStatus.SENT, IntroStatus.MET):
            text = self.texts["intro-text"].kept
            edited = text.strip() != self.generated_intro.strip()
            a_text, b_text, closing = split_message(text) if edited else ("", "", "")
            intro = replace(intro, a_text=a_text, b_text=b_text, closing=closing)
        if intro == self.intro and not changes and intro.id:
            return
        created = not intro.id
        self.intro = self.repo.save_intro(intro, self.clock(), changes)
        self.created_now = self.created_now or created
        self.a = self.repo.contacts.get(self.intro.a_id)
        self.b = self.repo.contacts.get(self.intro.b_id)

    def _saved_intro_text(self) -> str:
        intro = self.intro
        if intro.a_text or intro.b_text or intro.closing:
            return intro_message(intro.a_text, intro.b_text, intro.closing)
        return ""

    def draft_text(self) -> str:
        a, b = self.side_contact("a"), self.side_contact("b")
        if a is None or b is None:
            return ""
        my_name = self.repo.settings().my_name
        return intro_message(*draft_intro(a, b, self.value("reason"), self.today(), my_name))

    def intro_text(self) -> str:
        """The introduction as it stands: being edited, as saved, or the fresh draft."""
        if self.intro_loaded:
            return self.texts["intro-text"].shown
        return editable(self._saved_intro_text() or self.draft_text(), multiline=True)

    def load_asks(self) -> None:
        """Draft both asks, keeping any text the user already edited."""
        a, b = self.side_contact("a"), self.side_contact("b")
        if a is None or b is None:
            return
        my_name = self.repo.settings().my_name
        kinds = [t for t in self.repo.templates if t.kind is MessageKind.INTRO_ASK]
        body = kinds[0].body if kinds else INTRO_ASK
        for side, asked, other in (("a", a, b), ("b", b, a)):
            ask = opt_in_ask(asked, other, self.value("reason"), my_name, body=body)
            kept = self.texts[f"ask-{side}"]
            if kept.shown in ("", self.generated_asks[side]):
                kept.show(ask)
            self.generated_asks[side] = editable(ask, multiline=True)  # as the field shows it

    def load_intro_text(self) -> None:
        """The introduction to edit: as saved, else a draft that follows the facts until edited."""
        kept = self.texts["intro-text"]
        sent = self.intro.status in (IntroStatus.SENT, IntroStatus.MET)
        fresh = self.draft_text()
        if not self.intro_loaded:
            kept.show(self._saved_intro_text() or fresh)
            self.intro_loaded = True
        elif not sent and kept.kept == self.generated_intro:
            kept.show(fresh)  # untouched: the why or how-you-met changed since
        self.generated_intro = fresh

    def unsent_asks(self, asking: bool) -> list[str]:
        """Who has an edited ask not marked asked (`asking`: the ask step is shown)."""
        if not asking and not any(self.generated_asks.values()):
            return []
        names = []
        for side in SIDES:
            text = self.texts[f"ask-{side}"].shown
            edited = text.strip() and text != self.generated_asks[side]
            if edited and self.optin(side).asked_at is None:
                names.append(self.side_name(side))
        return names

    def ask_blocker(self) -> str:
        if self.intro.status is IntroStatus.DECLINED:
            return "One side declined, so there is nothing to send."
        waiting = [
            self.side_name(side)
            for side in SIDES
            if self.optin(side).answer is not OptInAnswer.AGREED
        ]
        return f"Both need to say yes first; waiting on {' and '.join(waiting)}."
