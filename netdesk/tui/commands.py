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
INTROS = "intros"
WIZARD = "wizard"
TARGETS = "targets"
FINDER = "finder"
SETTINGS = "settings"
SETTINGS_FIELDS = "settings_fields"
DUPLICATES = "duplicates"
FITS = "fits"
REFERRALS = "referrals"
MERGE = "merge"
AREAS = {
    GLOBAL: "Everywhere",
    WORKSPACE: "Workspace (queue)",
    COMPOSER: "Composer",
    CONTACTS: "Contacts",
    DUPLICATES: "Possible duplicates",
    MERGE: "Merge two people",
    CALLS: "Calls",
    FITS: "Who fits? (people for a need, or all text)",
    REFERRALS: "Referrals (given and received)",
    INTROS: "Introductions",
    WIZARD: "Intro wizard",
    TARGETS: "Targets (hard-to-reach people)",
    FINDER: "Finder (introducers for one target)",
    SETTINGS_FIELDS: "Settings (the fields)",
    SETTINGS: "Settings (templates list)",
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
    _cmd(
        "go.stats",
        "6",
        "Stats",
        "Go to your stats: people contacted, replied, talked.",
        "app.go('stats')",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "go.referrals",
        "7",
        "Referrals",
        "Go to referrals: given and received, and what waits on you.",
        "app.go('referrals')",
        GLOBAL,
        show=False,
    ),
    _cmd("app.help", "question_mark", "Help", "Show every key.", "app.help", GLOBAL),
    _cmd(
        "app.settings",
        "comma",
        "Settings",
        "Open settings: daily cap, follow-ups, your name, theme, templates.",
        "app.go('settings')",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "app.theme",
        "ctrl+t",
        "Theme",
        "Change the colour theme (remembered for next time).",
        "app.change_theme",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "app.import",
        "less_than_sign",
        "Import",
        "Import a LinkedIn Connections.csv file.",
        "app.import_connections",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "app.export",
        "greater_than_sign",
        "Export",
        "Export all contacts to a CSV file.",
        "app.export_contacts",
        GLOBAL,
        show=False,
    ),
    _cmd(
        "app.undo",
        "u,ctrl+z",
        "Undo",
        "Undo the last change (again for the one before; kept across restarts).",
        "app.undo",
        GLOBAL,
        show=False,  # every change's toast names the key ("… · u undo")
    ),
    _cmd(
        "app.quit",
        "q",
        "Quit",
        "Quit netdesk (everything is saved).",
        "app.quit",
        GLOBAL,
        show=False,  # as everywhere; the bar keeps its room for the routine's keys
    ),
    _cmd(
        "app.retry_save",
        "ctrl+r",
        "Retry save",
        "Save again after a save failed (the key shows only then).",
        "app.retry_save",
        GLOBAL,
    ),
    _cmd(
        "app.retry_save",
        "ctrl+r",
        "Retry save",
        "Save again after a save failed (the key shows only then).",
        "app.retry_save",
        GLOBAL,
    ),
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
        "calls.ics",
        "I",
        "Export .ics",
        "Save the selected call as a calendar file in Downloads.",
        "export_ics",
        CALLS,
    ),
    _cmd(
        "calls.move",
        "m",
        "Move",
        "Move the selected upcoming call to another time.",
        "move_call",
        CALLS,
    ),
    _cmd(
        "calls.cancel",
        "x",
        "Cancel call",
        "Cancel the selected upcoming call (they are back to replied).",
        "cancel_call",
        CALLS,
    ),
    _cmd(
        "calls.no_show",
        "N",
        "No-show",
        "They did not turn up: back to replied, with a note on their card.",
        "no_show",
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
    _cmd(
        "person.introduce",
        "i",
        "Introduce",
        "Introduce the selected person to someone (both are asked first).",
        "introduce",
        WORKSPACE,
        CONTACTS,
    ),
    _cmd("queue.skip", "x", "Skip", "Skip the selected item until tomorrow.", "skip", WORKSPACE),
    _cmd(
        "queue.next_section",
        "right_square_bracket",
        "Next section",
        "Jump to the first person of the next section of the queue.",
        "next_section",
        WORKSPACE,
        show=False,
    ),
    _cmd(
        "queue.previous_section",
        "left_square_bracket",
        "Previous section",
        "Jump to the start of this section of the queue, then of the one before.",
        "previous_section",
        WORKSPACE,
        show=False,
    ),
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
        "person.history",
        "h",
        "History",
        "Show every message in the history in full (h again: first lines only).",
        "toggle_history",
        WORKSPACE,
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
        "fits.open",
        "f",
        "Who fits?",
        "Find who fits a need, typed in words: people ranked by what they offer and what you"
        " know of them.",
        "who_fits",
        WORKSPACE,
        CONTACTS,
        CALLS,
        REFERRALS,
        show=False,  # the queue's bar is full; the referrals screen shows it (see there)
    ),
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
    _cmd(
        "contacts.sort",
        "O",
        "Sort",
        "Cycle the sort order: name, company, connected, last contact, stage, closeness.",
        "cycle_sort",
        CONTACTS,
    ),
    _cmd(
        "contacts.reverse",
        "R",
        "Reverse",
        "Reverse the sort order (Z to A, oldest first, least close first).",
        "reverse_sort",
        CONTACTS,
        show=False,
    ),
    _cmd(
        "contacts.pick_stage",
        "G",
        "Pick stage",
        "Pick the stage to list (or all) from a list; a digit picks at once.",
        "pick_stage",
        CONTACTS,
    ),
    _cmd(
        "contacts.stage",
        "g",
        "Stage",
        "Cycle the stage filter.",
        "cycle_stage",
        CONTACTS,
        show=False,
    ),
    _cmd(
        "contacts.network",
        "a",
        "A/B",
        "Cycle all / A network / B network / no longer connected.",
        "cycle_network",
        CONTACTS,
    ),
    _cmd(
        "contacts.merge",
        "M",
        "Merge",
        "Merge the selected person with another contact (asks where the two differ).",
        "merge",
        CONTACTS,
        show=False,
    ),
    _cmd(
        "contacts.duplicates",
        "equals_sign",
        "Duplicates",
        "List possible duplicates: the same email, profile, name, or name and company.",
        "duplicates",
        CONTACTS,
        show=False,
    ),
    _cmd(
        "duplicates.merge",
        "enter",
        "Merge",
        "Merge the selected pair (asks where the two differ).",
        "merge_pair",
        DUPLICATES,
    ),
    _cmd(
        "duplicates.dismiss",
        "x",
        "Not the same",
        "Mark the selected pair as two people: they are not suggested again.",
        "dismiss_pair",
        DUPLICATES,
    ),
    _cmd(
        "merge.save",
        "ctrl+s",
        "Merge",
        "Merge the two with the values chosen; the first keeps its id, the second is deleted.",
        "merge",
        MERGE,
        priority=True,
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
    _cmd(
        "composer.email",
        "ctrl+n",
        "Email",
        "Open your mail client with the note to the person's email address (ctrl+s after it "
        "records the note as sent by email).",
        "email",
        COMPOSER,
        priority=True,
        show=False,
    ),
    # Who fits?: type a need, then act on a result from the list.
    _cmd(
        "fits.everything",
        "ctrl+f",
        "Everything",
        "Switch between who fits a need and a search of all text netdesk holds.",
        "toggle_mode",
        FITS,
        priority=True,
    ),
    _cmd(
        "fits.referral",
        "r",
        "Referral",
        "Record a referral you gave to the selected person, for the need typed.",
        "referral",
        FITS,
    ),
    _cmd(
        "fits.introduce",
        "i",
        "Introduce",
        "Start an introduction with the selected person.",
        "introduce",
        FITS,
    ),
    _cmd("fits.open_person", "enter", "Open", "Open the selected person.", "open", FITS),
    _cmd("fits.need", "slash", "Need", "Back to the need, to change it.", "edit_need", FITS),
    # Referrals: both ways, and what waits on you.
    _cmd(
        "referrals.given",
        "g",
        "Gave",
        "Record a referral you gave to one of your contacts.",
        "add_given",
        REFERRALS,
    ),
    _cmd(
        "referrals.received",
        "r",
        "Received",
        "Record a referral a contact sent your way.",
        "add_received",
        REFERRALS,
    ),
    _cmd(
        "referrals.status",
        "s",
        "Status",
        "Move the selected referral on: passed, contacted, met, closed won or lost, dropped.",
        "set_status",
        REFERRALS,
    ),
    _cmd(
        "referrals.thanked",
        "t",
        "Thanked",
        "Record that you thanked the person who sent the selected referral your way.",
        "thanked",
        REFERRALS,
    ),
    _cmd("referrals.edit", "e", "Edit", "Edit the selected referral.", "edit", REFERRALS),
    _cmd(
        "referrals.delete",
        "D",
        "Delete",
        "Delete the selected referral (asks first).",
        "delete",
        REFERRALS,
        show=False,
    ),
    _cmd(
        "referrals.open",
        "enter",
        "Open",
        "Open the person on the other side of the selected referral.",
        "open",
        REFERRALS,
        show=False,
    ),
    # Introductions: the list, and the wizard (ctrl keys, as its steps have text fields).
    _cmd("intros.new", "n", "New", "Start a new introduction.", "new_intro", INTROS),
    _cmd(
        "intros.open",
        "enter",
        "Open",
        "Resume the selected introduction at the step it is waiting on; on a suggested"
        " match, start it with the two people and why already filled.",
        "open_intro",
        INTROS,
    ),
    _cmd(
        "intros.dismiss_match",
        "x",
        "Not a match",
        "Dismiss the selected suggested match: the two are not suggested again.",
        "dismiss_match",
        INTROS,
    ),
    _cmd(
        "intros.delete",
        "D",
        "Delete",
        "Delete the selected introduction (asks first).",
        "delete_intro",
        INTROS,
        show=False,
    ),
    _cmd(
        "wizard.next", "ctrl+n", "Next", "Go to the next step.", "next_step", WIZARD, priority=True
    ),
    _cmd(
        "wizard.back",
        "ctrl+b",
        "Back",
        "Go to the previous step.",
        "prev_step",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.copy",
        "ctrl+y",
        "Copy",
        "Copy the ask or the introduction in focus.",
        "copy",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.asked",
        "ctrl+s",
        "Mark asked",
        "Mark the ask in focus as sent to that side.",
        "mark_asked",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.answer",
        "ctrl+r",
        "Answer",
        "Record the answer of the side in focus: agreed, declined or no answer.",
        "answer",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.sent",
        "ctrl+s",
        "Mark sent",
        "Mark the introduction sent to both.",
        "mark_sent",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.met",
        "ctrl+s",
        "Mark met",
        "Mark that they met, with what came of it.",
        "mark_met",
        WIZARD,
        priority=True,
    ),
    _cmd(
        "wizard.redraft",
        "ctrl+g",
        "Redraft",
        "Draft the introduction again from the facts (asks first).",
        "redraft",
        WIZARD,
        priority=True,
    ),
    # Hard targets: the list, and the introducer finder for one target.
    _cmd(
        "targets.new",
        "n",
        "New",
        "Add a hard target you cannot reach directly.",
        "new_target",
        TARGETS,
    ),
    _cmd(
        "targets.lead",
        "p",
        "Promote lead",
        "Make a lead from a logged call into a target.",
        "promote_lead",
        TARGETS,
    ),
    _cmd(
        "targets.open",
        "enter",
        "Open",
        "Find and rank introducers for the selected target.",
        "open_target",
        TARGETS,
    ),
    _cmd("targets.edit", "e", "Edit", "Edit the target.", "edit_target", TARGETS, FINDER),
    _cmd(
        "targets.delete",
        "D",
        "Delete",
        "Delete the selected target (asks first).",
        "delete_target",
        TARGETS,
        show=False,
    ),
    _cmd(
        "finder.add",
        "a",
        "Add",
        "Add an introducer from your contacts.",
        "add_introducer",
        FINDER,
    ),
    _cmd(
        "finder.paste",
        "m",
        "Mutuals",
        "Paste a mutual-connections list copied from LinkedIn.",
        "paste_mutuals",
        FINDER,
    ),
    _cmd(
        "finder.they_know",
        "k",
        "They know",
        "Set how well the selected introducer knows the target (0–4).",
        "they_know",
        FINDER,
    ),
    _cmd(
        "finder.you_know",
        "y",
        "You know",
        "Set how well you know the selected introducer (their closeness).",
        "you_know",
        FINDER,
        show=False,
    ),
    _cmd(
        "finder.remove",
        "x",
        "Remove",
        "Remove the selected introducer (asks first).",
        "remove_introducer",
        FINDER,
        show=False,
    ),
    _cmd(
        "finder.request",
        "r",
        "Request",
        "Write the request to the selected introducer.",
        "draft_request",
        FINDER,
    ),
    _cmd(
        "finder.copy",
        "ctrl+y",
        "Copy",
        "Copy the request to the clipboard.",
        "copy_request",
        FINDER,
        priority=True,
    ),
    _cmd(
        "finder.asked",
        "ctrl+s",
        "Mark asked",
        "Mark the request sent: the target is now asked via this introducer.",
        "mark_asked",
        FINDER,
        priority=True,
    ),
    _cmd(
        "finder.outcome",
        "w",
        "How it went",
        "Record how asking the selected introducer went: agreed, declined, no answer, then"
        " whether the introduction and a call followed (this teaches the odds).",
        "record_ask",
        FINDER,
    ),
    _cmd(
        "finder.status",
        "s",
        "Result",
        "Record what came of it: open, asked, introduced, reached or dropped.",
        "set_status",
        FINDER,
    ),
    _cmd(
        "finder.link",
        "L",
        "Link",
        "Link the target to their contact once you are connected.",
        "link_contact",
        FINDER,
        show=False,
    ),
    # Settings: the fields save on ctrl+s, and the templates list has keys of its own.
    _cmd(
        "settings.save",
        "ctrl+s",
        "Save",
        "Save the settings typed above.",
        "save_settings",
        SETTINGS_FIELDS,
        priority=True,
    ),
    _cmd("templates.new", "n", "New", "Add a message template.", "add_template", SETTINGS),
    _cmd(
        "templates.edit",
        "e",
        "Edit",
        "Edit the selected template (enter does the same).",
        "edit_template",
        SETTINGS,
    ),
    _cmd(
        "templates.delete",
        "delete",
        "Delete",
        "Delete the selected template (asks first).",
        "delete_template",
        SETTINGS,
    ),
    _cmd(
        "templates.restore",
        "R",
        "Restore built-ins",
        "Put back the shipped templates; templates you added are kept (asks first).",
        "restore_templates",
        SETTINGS,
    ),
)


HELP_KEY_NAMES = frozenset({"enter", "escape", "delete", "tab", "home", "end", "space"})
"""Keys help spells out, as the hints in dialogs do ("enter", not "⏎")."""


def key_text(keys: str) -> str:
    """A binding's keys as help writes them: '?' for question_mark, 'ctrl+s', 'u/ctrl+z'."""
    from textual.keys import format_key

    shown = []
    for key in keys.split(","):
        *modifiers, name = key.strip().split("+")
        shown.append("+".join([*modifiers, name if name in HELP_KEY_NAMES else format_key(name)]))
    return "/".join(shown)


def commands_for(area: str) -> list[Command]:
    return [c for c in COMMANDS if area in c.areas]


def bindings_for(*areas: str) -> list[Binding]:
    return [c.binding() for area in areas for c in commands_for(area)]
