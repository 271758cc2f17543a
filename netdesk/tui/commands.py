"""Every netdesk action, declared once.

Each entry carries its key, footer label, palette title, help text and the screens it belongs
to. Screens build their BINDINGS from here, the command palette lists the same entries, and
the help screen prints them, so nothing bindable is missing from help or the palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

GLOBAL = "global"
WORKSPACE = "workspace"
CONTACTS = "contacts"
CALLS = "calls"
COMPOSER = "composer"
PLACEHOLDER = "placeholder"
AREAS = {
    GLOBAL: "Everywhere",
    WORKSPACE: "Workspace (queue)",
    COMPOSER: "Composer",
    CONTACTS: "Contacts",
    CALLS: "Calls",
}


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    key: str
    label: str
    """Short footer text."""
    description: str
    """One sentence for the palette and the help screen."""
    action: str
    areas: tuple[str, ...]
    show: bool = True
    priority: bool = False

    @property
    def title(self) -> str:
        """Palette title, "area: action"."""
        return f"{AREAS[self.areas[0]].split(' ')[0].lower()}: {self.description.rstrip('.')}"

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            id=self.id,
            tooltip=self.description,
        )


def _cmd(
    id: str,
    key: str,
    label: str,
    description: str,
    action: str,
    *areas: str,
    show: bool = True,
    priority: bool = False,
) -> Command:
    return Command(id, key, label, description, action, areas, show, priority)


COMMANDS: tuple[Command, ...] = (
    # Navigation, everywhere.
    _cmd(
        "go.queue", "1", "Queue", "Go to today's queue.", "app.go('workspace')", GLOBAL, show=False
    ),
    _cmd(
        "go.contacts",
        "2",
        "Contacts",
        "Go to all contacts.",
        "app.go('contacts')",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "go.calls",
        "3",
        "Calls",
        "Go to upcoming and past calls.",
        "app.go('calls')",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "go.intros", "4", "Intros", "Go to introductions.", "app.go('intros')", GLOBAL, show=False
    ),
    _cmd(
        "go.targets", "5", "Targets", "Go to hard targets.", "app.go('targets')", GLOBAL, show=False
    ),
    _cmd("go.stats", "6", "Stats", "Go to your numbers.", "app.go('stats')", GLOBAL, show=False),
    _cmd("app.help", "question_mark", "Help", "Show every key.", "app.help", GLOBAL),
    _cmd("app.quit", "q", "Quit", "Quit netdesk (everything is saved).", "app.quit", GLOBAL),
    # The routine, on the selected person (workspace and contacts).
    _cmd(
        "person.compose",
        "c",
        "Compose",
        "Write a personal note to the selected person.",
        "compose",
        WORKSPACE,
        CONTACTS,
    ),
    _cmd(
        "person.log_call",
        "l",
        "Log call",
        "Log a call you held with the selected person.",
        "log_call",
        WORKSPACE,
        CONTACTS,
        CALLS,
    ),
    _cmd(
        "person.replied",
        "r",
        "Replied",
        "Mark that the selected person replied.",
        "replied",
        WORKSPACE,
        CONTACTS,
    ),
    _cmd(
        "person.schedule",
        "t",
        "Schedule",
        "Schedule a 15-minute call with the selected person.",
        "schedule",
        WORKSPACE,
        CONTACTS,
        CALLS,
    ),
    _cmd(
        "person.snooze",
        "s",
        "Snooze",
        "Hide the selected person until a date you choose.",
        "snooze",
        WORKSPACE,
        CONTACTS,
    ),
    _cmd("queue.skip", "x", "Skip", "Skip the selected item until tomorrow.", "skip", WORKSPACE),
    _cmd("queue.done", "d", "Done", "Mark the selected item's next step done.", "done", WORKSPACE),
    _cmd(
        "person.open",
        "enter",
        "Open",
        "Open the selected person's details.",
        "open",
        WORKSPACE,
        CONTACTS,
        show=False,
    ),
    _cmd(
        "person.edit",
        "e",
        "Edit",
        "Edit the selected person.",
        "edit",
        WORKSPACE,
        CONTACTS,
        show=False,
    ),
    _cmd(
        "person.profile",
        "o",
        "Profile",
        "Open the selected person's profile in a browser.",
        "open_profile",
        WORKSPACE,
        CONTACTS,
        show=False,
    ),
    _cmd("person.new", "n", "New", "Add a new contact.", "new_contact", CONTACTS),
    _cmd(
        "person.dnc",
        "D",
        "Do not contact",
        "Mark the selected person do-not-contact (asks first).",
        "do_not_contact",
        CONTACTS,
        show=False,
    ),
    _cmd(
        "contacts.filter",
        "slash",
        "Filter",
        "Filter contacts by name, company, tags.",
        "filter",
        CONTACTS,
    ),
    _cmd("contacts.sort", "O", "Sort", "Cycle the sort order.", "cycle_sort", CONTACTS),
    _cmd("contacts.stage", "g", "Stage", "Cycle the stage filter.", "cycle_stage", CONTACTS),
    _cmd(
        "contacts.network",
        "a",
        "A/B",
        "Cycle all / A network / B network.",
        "cycle_network",
        CONTACTS,
    ),
    # The composer: ctrl keys that TextArea does not consume.
    _cmd(
        "composer.send",
        "ctrl+s",
        "Mark sent",
        "Mark the message sent and set the follow-up date.",
        "mark_sent",
        COMPOSER,
        priority=True,
    ),
    _cmd(
        "composer.copy",
        "ctrl+y",
        "Copy",
        "Copy the message to the clipboard.",
        "copy",
        COMPOSER,
        priority=True,
    ),
    _cmd(
        "composer.editor",
        "ctrl+e",
        "$EDITOR",
        "Edit the message in your $EDITOR.",
        "external_editor",
        COMPOSER,
        priority=True,
    ),
    _cmd(
        "composer.template",
        "ctrl+g",
        "Template",
        "Switch to the next template.",
        "next_template",
        COMPOSER,
        priority=True,
    ),
    _cmd(
        "composer.limit",
        "ctrl+l",
        "Limit",
        "Toggle connection note / message length limit.",
        "toggle_limit",
        COMPOSER,
        priority=True,
    ),
    _cmd(
        "composer.profile",
        "ctrl+o",
        "Profile",
        "Open the person's profile in a browser.",
        "open_profile",
        COMPOSER,
        priority=True,
        show=False,
    ),
)


def commands_for(area: str) -> list[Command]:
    return [c for c in COMMANDS if area in c.areas]


def bindings_for(*areas: str) -> list[Binding]:
    return [c.binding() for area in areas for c in commands_for(area)]
