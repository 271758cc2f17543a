"""What a command is (key, labels, action, the areas it belongs to) and the areas."""

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


def cmd(
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
