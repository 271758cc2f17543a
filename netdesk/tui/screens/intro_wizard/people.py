"""Step 1: the two people to introduce, found by typing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from netdesk.domain.intro import PEOPLE, known_for
from netdesk.domain.models import IntroStatus, closeness_label
from netdesk.tui.literal import one_line
from netdesk.tui.screens.intro_wizard.step import Step
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.contact_search import ContactSearch, shared_index


def _known_note(known: str) -> str:
    if not known:
        return ""
    return f" · known {known}" if known.startswith("since") else f" · known for {known}"


class PeopleStep(VerticalScroll, Step):
    NUMBER = PEOPLE

    @property
    def locked(self) -> bool:
        """Once the asks have gone out, the two people stay as they are."""
        return self.state.intro.status is not IntroStatus.DRAFT

    def compose(self) -> ComposeResult:
        state = self.state
        index = shared_index(state.repo)
        yield Static(
            Content("Who should meet? Type to search, ↑↓ to choose, enter to pick."),
            classes="wiz-note",
        )
        for side in ("a", "b"):
            who = state.side(side)
            yield Label(Content(f"Person {side.upper()}"), classes="wiz-label")
            search = ContactSearch(
                index, value=state.searched[side], id=f"pick-{side}", disabled=self.locked
            )
            search.picked_id = who.id if who else None
            yield search
            yield Static(id=f"picked-{side}", classes="wiz-note")
        yield Static(id="people-next", classes="wiz-help")
        if self.locked:
            yield Static(
                Content("The asks have gone out, so the two people stay as they are."),
                classes="wiz-help",
            )

    def focus_step(self) -> None:
        state = self.state
        if self.locked:
            self.focus()
            return
        side = "b" if state.a is not None and state.b is None else "a"
        self.query_one(f"#pick-{side}", ContactSearch).focus_input()

    def release(self) -> None:
        for side in ("a", "b"):
            self.state.searched[side] = self.query_one(f"#pick-{side}", ContactSearch).input.value

    def on_contact_search_picked(self, event: ContactSearch.Picked) -> None:
        event.stop()
        wizard, state = self.wizard, self.state
        contact = event.contact
        search = event.search
        if contact is None or search.id not in ("pick-a", "pick-b"):
            return
        side = search.id[-1]
        current, other = (state.a, state.b) if side == "a" else (state.b, state.a)
        if other is not None and other.id == contact.id:
            self.notify("Pick two different people.", severity="warning")
            return
        if current is not None and current.id == contact.id and other is not None:
            wizard.action_next_step()  # enter again on the person shown as picked: go on
            return
        if side == "a":
            state.a = contact
        else:
            state.b = contact
        search.set_value(contact.name)
        state.load_side_fields(side)
        wizard.refresh_step()
        if state.a is None or state.b is None:
            self.query_one(f"#pick-{'b' if side == 'a' else 'a'}", ContactSearch).focus_input()

    def refresh_step(self) -> None:
        """Each side's pick with its headline, and once both are picked, how to go on: the
        step waits for you to see who was picked instead of moving on by itself."""
        state = self.state
        a, b = state.a, state.b
        if a is not None and b is not None and state.intro.status is IntroStatus.DRAFT:
            self.query_one("#people-next", Static).update(
                Content.assemble(
                    (one_line(a.name), "bold"),
                    " ↔ ",
                    (one_line(b.name), "bold"),
                    ("  enter again or ctrl+n: on to why they should meet", MUTED),
                )
            )
        today = state.today()
        for side in ("a", "b"):
            contact = state.side(side)
            picked = self.query_one(f"#picked-{side}", Static)
            if contact is None:
                picked.update(Content.styled("nobody picked yet", MUTED))
                continue
            talked = contact.id in state.repo.a_network()
            known = known_for(contact.met_on, today)
            picked.update(
                Content.assemble(
                    ("✓ ", "$success"),
                    (one_line(contact.name), "bold"),
                    "  ",
                    (one_line(contact.headline) or "—", MUTED),
                    "\n  ",
                    (f"you: {closeness_label(contact.closeness)}", MUTED),
                    (" · A network" if talked else " · B network (never talked)", MUTED),
                    (_known_note(known), MUTED),
                )
            )
