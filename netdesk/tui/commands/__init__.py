"""Every netdesk action, declared once.

Each entry carries its key, footer label, palette title, help text and the screens it belongs
to. Screens build their BINDINGS from here, the command palette lists the same entries, and
the help screen prints them, so nothing bindable is missing from help or the palette.

The entries live in one module per part of the app (navigation, routine, composer, fits,
referrals, intros, targets, settings), joined below in that order, the order help and the
palette show them in; `command.py` says what a command is and names the areas.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding

from netdesk.tui.commands import (
    composer,
    fits,
    intros,
    navigation,
    referrals,
    routine,
    settings,
    targets,
)
from netdesk.tui.commands.command import (
    AREAS,
    CALLS,
    COMPOSER,
    CONTACTS,
    DUPLICATES,
    FINDER,
    FITS,
    GLOBAL,
    INTROS,
    MERGE,
    PLACEHOLDER,
    REFERRALS,
    SETTINGS,
    SETTINGS_FIELDS,
    TARGETS,
    WIZARD,
    WORKSPACE,
    Command,
)

COMMANDS: tuple[Command, ...] = (
    *navigation.COMMANDS,
    *routine.COMMANDS,
    *composer.COMMANDS,
    *fits.COMMANDS,
    *referrals.COMMANDS,
    *intros.COMMANDS,
    *targets.COMMANDS,
    *settings.COMMANDS,
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


def first_key(command_id: str, user_keys: Mapping[str, str]) -> str:
    """The first key that runs a command, the user's own (keymap.toml) or as shipped, as help
    writes it: the key a toast names ("· u undo")."""
    keys = user_keys.get(command_id) or next(c.key for c in COMMANDS if c.id == command_id)
    return key_text(keys.split(",")[0])


def commands_for(area: str) -> list[Command]:
    return [c for c in COMMANDS if area in c.areas]


def bindings_for(*areas: str) -> list[Binding]:
    return [c.binding() for area in areas for c in commands_for(area)]


__all__ = [
    "AREAS",
    "CALLS",
    "COMMANDS",
    "COMPOSER",
    "CONTACTS",
    "DUPLICATES",
    "FINDER",
    "FITS",
    "GLOBAL",
    "HELP_KEY_NAMES",
    "INTROS",
    "MERGE",
    "PLACEHOLDER",
    "REFERRALS",
    "SETTINGS",
    "SETTINGS_FIELDS",
    "TARGETS",
    "WIZARD",
    "WORKSPACE",
    "Command",
    "bindings_for",
    "commands_for",
    "first_key",
    "key_text",
]
