"""Merging two people: what each has, side by side, and a choice only where both differ.

The screen asks; `start_merge` checks the pair first (a refusal is said before any question),
opens it and writes the merge the user confirmed, as one step that `u` undoes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, RadioButton, RadioSet, Static

from netdesk.domain.dates import format_day
from netdesk.domain.merge import ASKED_FIELDS, KEEP, OTHER, field_label, merge_contacts
from netdesk.domain.models import Contact, closeness_label
from netdesk.store.repo import MergePlan
from netdesk.tui.commands import MERGE, bindings_for
from netdesk.tui.literal import first_line
from netdesk.tui.screens.base import NetdeskModal, NetdeskScreen

SHOWN = (*ASKED_FIELDS, "tags", "notes", "stage")
"""The fields shown side by side, when either of the two has a value."""
HELD_LABELS = {
    "messages": "Messages",
    "calls": "Calls",
    "intros": "Introductions",
    "targets": "Targets",
    "referrals": "Referrals",
}
VALUE_WIDTH = 40


def shown(name: str, value: Any) -> str:
    """A field's value as one line of text; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if name == "closeness":
        return closeness_label(value) if value else "—"
    if name == "keep_in_touch_days":
        return f"every {value} days"
    if isinstance(value, date):
        return format_day(value)  # as every screen writes a day
    if isinstance(value, list):
        value = ", ".join(value)
    if name == "stage":
        value = value.value.replace("_", " ")
    return first_line(str(value), VALUE_WIDTH)


class MergeScreen(NetdeskModal[dict[str, str] | None]):
    """Dismisses with the choices (field → "keep" / "other"), or None when cancelled."""

    DEFAULT_CSS = """
    MergeScreen { align: center middle; }
    MergeScreen > VerticalScroll {
        width: 110; max-width: 95%; height: auto; max-height: 95%; border: thick $accent;
        background: $panel; padding: 0 2; border-subtitle-color: $text-muted;
    }
    MergeScreen #sides { height: auto; margin: 1 0; }
    MergeScreen #labels { width: 21; color: $text-muted; }
    MergeScreen .side { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; padding: 0 1; }
    MergeScreen .choice { height: auto; }
    MergeScreen .choice > Label { width: 21; padding: 0 1 0 0; }
    MergeScreen RadioSet { layout: horizontal; width: 1fr; }
    MergeScreen RadioButton { width: 1fr; }
    """
    BINDINGS = [*bindings_for(MERGE), Binding("escape", "cancel", "Cancel")]

    def __init__(self, plan: MergePlan) -> None:
        super().__init__()
        self.plan = plan
        keep, other = plan.keep, plan.other
        self.rows = [n for n in SHOWN if _filled(keep, n) or _filled(other, n)]
        """The fields either of the two has, in `SHOWN` order."""

    def _column(self, title: str, contact: Contact, counts: Iterable[int]) -> Content:
        """One side's values, row by row; those the user chooses between stand out."""
        lines = [Content.styled(title, "bold")]
        for name in self.rows:
            value = shown(name, getattr(contact, name))
            differs = name in self.plan.merged.conflicts
            lines.append(Content.styled(value, "$warning") if differs else Content(value))
        lines += [Content(str(count)) for count in counts]
        return Content("\n").join(lines)

    def _show_result(self) -> None:
        merged = merge_contacts(self.plan.keep, self.plan.other, self.choices()).contact
        result = self._column("After the merge", merged, self.plan.after.values())
        self.query_one("#result", Static).update(result)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._show_result()

    def compose(self) -> ComposeResult:
        keep, other = self.plan.keep, self.plan.other
        differ = self.plan.merged.conflicts
        with VerticalScroll() as frame:
            frame.border_title = "Merge two people"
            frame.border_subtitle = "ctrl+s merge · escape cancel" + (
                " · tab next choice · ←→ enter choose" if differ else ""
            )
            yield Static(
                Content(
                    f"{first_line(keep.name, 40)} (#{keep.id}) stays. "
                    f"{first_line(other.name, 40)} (#{other.id}) is merged in and deleted: "
                    "what only they have is kept, and everything of theirs moves over."
                )
            )
            with Horizontal(id="sides"):
                held = [HELD_LABELS[table] for table in self.plan.held[0]]
                labels = ["", *(field_label(n) for n in self.rows), *held]
                yield Static(Content("\n".join(labels)), id="labels")
                for side, contact, counts in (
                    ("keep", keep, self.plan.held[0]),
                    ("other", other, self.plan.held[1]),
                ):
                    yield Static(
                        self._column(f"#{contact.id}", contact, counts.values()),
                        id=side,
                        classes="side",
                    )
                yield Static(id="result", classes="side")
            if differ:
                yield Static(Content("Both have a different value here: choose which to keep."))
            for name in differ:
                with Horizontal(classes="choice"):
                    yield Label(Content(field_label(name)))
                    yield RadioSet(
                        RadioButton(Content(shown(name, getattr(keep, name))), value=True),
                        RadioButton(Content(shown(name, getattr(other, name)))),
                        id=f"choice-{name}",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self._show_result()
        choices = self.query(RadioSet)
        if choices:
            choices.first().focus()

    def choices(self) -> dict[str, str]:
        return {
            name: OTHER if self.query_one(f"#choice-{name}", RadioSet).pressed_index == 1 else KEEP
            for name in self.plan.merged.conflicts
        }

    def action_merge(self) -> None:
        self.dismiss(self.choices())

    def action_cancel(self) -> None:
        self.dismiss(None)


def _filled(contact: Contact, name: str) -> bool:
    return shown(name, getattr(contact, name)) != "—"


def start_merge(
    screen: NetdeskScreen[Any], keep_id: int, other_id: int, after: Callable[[], None]
) -> None:
    """Ask about merging `other_id` into `keep_id`, then merge; `after` runs once merged."""
    repo = screen.repo
    try:
        plan = repo.plan_merge(keep_id, other_id)
    except ValueError as exc:
        screen.notify(f"Cannot merge: {exc}.", severity="error")
        return

    def merge(choices: dict[str, str] | None) -> None:
        if choices is None:
            return
        try:
            repo.merge_contacts(keep_id, other_id, choices, screen.app.now())
        except ValueError as exc:  # changed since the screen opened
            screen.notify(f"Cannot merge: {exc}.", severity="error")
            return
        screen.notify_undoable(f"Merged {plan.other.name} into {plan.keep.name}.")
        after()

    screen.app.push_screen(MergeScreen(plan), merge)
