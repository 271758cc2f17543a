"""Paste a mutual-connections list, see who you know, and pick the introducers to add.

LinkedIn shows the people you and a target both know; copying that list gives names mixed
with headlines, degree markers and buttons, which `parse_mutual_list` sorts out. Names of
your contacts become introducers; the others can be added as new contacts in the same step.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import ContentSwitcher, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from netdesk.domain.introducers import match_names, parse_mutual_list
from netdesk.domain.models import Contact, Target
from netdesk.tui.literal import one_line
from netdesk.tui.styles import MUTED

MutualsResult = tuple[list[int], list[str]]
"""(contact ids to add as introducers, pasted names to add as new contacts first)."""


def contact_from_name(name: str, target: Target) -> Contact:
    """A new contact for a pasted name: 'Mary Ann Smith, PhD' → Mary Ann / Smith."""
    clean = re.split(r"[,(\[]", name, maxsplit=1)[0].strip() or name.strip()
    first, _, last = clean.rpartition(" ")
    if not first:
        first, last = last, ""
    return Contact(
        first_name=first,
        last_name=last,
        source="mutual list",
        notes=f"A mutual connection with {target.name}.",
    )


class MutualsDialog(ModalScreen[MutualsResult | None]):
    DEFAULT_CSS = """
    MutualsDialog { align: center middle; }
    MutualsDialog > Vertical {
        width: 96; max-width: 100%; height: 90%; border: thick $accent; background: $panel;
        padding: 0 1;
    }
    MutualsDialog ContentSwitcher { height: 1fr; }
    MutualsDialog ContentSwitcher > * { height: 1fr; }
    MutualsDialog #paste-text { height: 1fr; }
    MutualsDialog SelectionList { height: auto; max-height: 12; }
    MutualsDialog .hint { color: $text-muted; }
    MutualsDialog .head { margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "accept", "Continue", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, target: Target, contacts: Collection[Contact]) -> None:
        super().__init__()
        self.target = target
        self.contacts = contacts
        self.listed = {i.contact_id for i in target.introducers}
        if target.contact_id:
            self.listed.add(target.contact_id)

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            # A str would be parsed as markup; the name may hold anything.
            frame.border_title = Content(f"Mutual connections with {one_line(self.target.name)}")
            with ContentSwitcher(initial="paste"):
                with Vertical(id="paste"):
                    yield Static(
                        Content(
                            f"Open {one_line(self.target.name)}'s profile on LinkedIn, click the "
                            "mutual connections, select the list and copy it; paste it here as "
                            "it is (or type one name a line)."
                        )
                    )
                    yield TextArea(id="paste-text", soft_wrap=True)
                    yield Label("ctrl+s find the names   escape cancel", classes="hint")
                with VerticalScroll(id="review"):
                    yield Static(id="review-summary")
                    yield Static(Content("Your contacts: add as introducers"), classes="head")
                    yield SelectionList[int](id="matched")
                    yield Static(
                        Content("Not in your contacts: tick to add them as contacts too"),
                        classes="head",
                    )
                    yield SelectionList[str](id="unmatched")
                    yield Label(
                        "space tick   tab next list   ctrl+s add the ticked   escape back",
                        classes="hint",
                    )

    def on_mount(self) -> None:
        self.query_one("#paste-text", TextArea).focus()

    @property
    def reviewing(self) -> bool:
        return self.query_one(ContentSwitcher).current == "review"

    def action_accept(self) -> None:
        if self.reviewing:
            matched = self.query_one("#matched", SelectionList)
            unmatched = self.query_one("#unmatched", SelectionList)
            ids, names = list(matched.selected), list(unmatched.selected)
            if not ids and not names:
                self.notify("Nothing ticked: space ticks a name.", severity="warning")
                return
            self.dismiss((ids, names))
            return
        names = parse_mutual_list(self.query_one("#paste-text", TextArea).text)
        if not names:
            self.notify("No names found in what you pasted.", severity="warning")
            return
        self._review(names)

    def _review(self, names: list[str]) -> None:
        matched, unmatched = match_names(names, self.contacts)
        shared = Counter(name for name, _ in matched)
        selections: list[Selection[int]] = []
        for name, contact in matched:
            listed = contact.id in self.listed
            twin = shared[name] > 1
            note = (
                " (already an introducer)"
                if listed
                else " (same name as another contact: tick the right one)"
                if twin
                else ""
            )
            prompt = Content.assemble(
                (one_line(contact.name), "bold"),
                "  ",
                (one_line(contact.headline) or "—", MUTED),
                (note, "$warning" if twin and not listed else MUTED),
            )
            selections.append(
                Selection(
                    prompt, contact.id, initial_state=not listed and not twin, disabled=listed
                )
            )
        matched_list = self.query_one("#matched", SelectionList)
        matched_list.clear_options()
        matched_list.add_options(selections)
        unmatched_list = self.query_one("#unmatched", SelectionList)
        unmatched_list.clear_options()
        unmatched_list.add_options(
            Selection(Content.assemble("Add ", (one_line(name), "bold"), " as a new contact"), name)
            for name in unmatched
        )
        known = len({name for name, _ in matched})
        self.query_one("#review-summary", Static).update(
            Content.assemble(
                (f"{len(names)} names found", "bold"),
                f": {known} in your contacts, {len(unmatched)} not.",
            )
        )
        for selection_list in (matched_list, unmatched_list):
            if selection_list.option_count:
                selection_list.highlighted = 0
        self.query_one(ContentSwitcher).current = "review"
        (matched_list if selections else unmatched_list).focus()

    def action_back(self) -> None:
        if self.reviewing:
            self.query_one(ContentSwitcher).current = "paste"
            self.query_one("#paste-text", TextArea).focus()
        else:
            self.dismiss(None)
