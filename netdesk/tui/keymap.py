"""Your own keys: `keymap.toml` in netdesk's config folder maps command ids to keys.

    "queue.skip" = "z"
    "person.compose" = "w"
    "app.undo" = "u,ctrl+z"      # two keys for one command

The ids are those help (?) lists beside each command. Textual's keymap applies the keys to
the bindings that carry those ids, so the key bar, help and the palette show them. An entry
that cannot be used (an unknown id, a key that is not a key, a key another command already
takes where both work, a letter for a command that works while you type) is left out and
named in one warning; the rest still apply. The file is read only if it exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from netdesk import locations
from netdesk.tui.commands import COMMANDS, GLOBAL, Command, key_text

FILE_NAME = "keymap.toml"
MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})
RESERVED = frozenset(
    {"escape", "tab", "shift+tab", "up", "down", "left", "right", "pageup", "pagedown"}
    | {"ctrl+p", "ctrl+q", "ctrl+c"}
)
"""Keys netdesk and its lists use for themselves: back, focus, moving, the palette, quit."""
NAMED_KEYS = frozenset(
    {"enter", "backspace", "delete", "insert", "home", "end", "space", "escape", "tab"}
    | {f"f{n}" for n in range(1, 25)}
)


class UserKeys(NamedTuple):
    """The entries that apply (command id → Textual key string) and one line about those
    that do not ("" when every entry applies). A NamedTuple: it is made at every start."""

    keys: Mapping[str, str] = MappingProxyType({})
    warning: str = ""


def keymap_path() -> Path:
    return locations.config_dir() / FILE_NAME


def load_user_keys(path: Path | None = None) -> UserKeys:
    """The user's keys from `path` (keymap.toml in the config folder); none if it is absent."""
    path = keymap_path() if path is None else path
    if not path.is_file():
        return UserKeys()
    import tomllib

    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return UserKeys(warning=f"{path} could not be read ({exc}); the usual keys apply.")
    except tomllib.TOMLDecodeError as exc:
        return UserKeys(warning=f"{path} is not valid TOML ({exc}); the usual keys apply.")
    keys, problems = check_keys(entries)
    if not problems:
        return UserKeys(keys)
    return UserKeys(keys, f"{path}: left out {'; '.join(problems)}. The other keys apply.")


def _key_name(key: str) -> str:
    """Textual's name for a key as typed: '?' is question_mark, 'Z' stays 'Z'."""
    from textual.keys import _character_to_key

    key = key.strip()
    return _character_to_key(key) if len(key) == 1 else key


def _is_key(key: str) -> bool:
    *modifiers, name = key.split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(name) == 1 or name in NAMED_KEYS:
        return True
    from textual.keys import Keys, key_to_character

    return name in {k.value for k in Keys} or key_to_character(name) is not None


def _types_text(key: str) -> bool:
    """Whether a key types a character in a text field (no ctrl or alt held)."""
    *modifiers, name = key.split("+")
    if {"ctrl", "alt", "meta", "super", "hyper"} & set(modifiers):
        return False
    from textual.keys import key_to_character

    return len(name) == 1 or name == "space" or key_to_character(name) is not None


def _keys(value: object) -> list[str] | None:
    """The keys of an entry ("z", "u,ctrl+z" or ["u", "ctrl+z"]), None if it holds none."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        parts = [str(v) for v in value]
    else:
        return None
    keys = [_key_name(part) for part in parts if part.strip()]
    return keys or None


def _together(a: Command, b: Command) -> bool:
    """Whether two commands can be offered at once (one of them everywhere, or a shared
    screen area), so one key cannot run both."""
    return GLOBAL in a.areas or GLOBAL in b.areas or bool(set(a.areas) & set(b.areas))


def check_keys(entries: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """The entries that can apply, and a short reason for each that cannot."""
    by_id = {command.id: command for command in COMMANDS}
    problems: list[str] = []
    wanted: dict[str, list[str]] = {}
    for command_id, value in entries.items():
        command = by_id.get(command_id)
        keys = _keys(value)
        if command is None:
            problems.append(f'"{command_id}" (no command has that id; help, ?, lists them)')
        elif keys is None:
            problems.append(f'"{command_id}" (give a key as text, e.g. "z" or "ctrl+k")')
        elif bad := [key for key in keys if not _is_key(key)]:
            problems.append(f'"{command_id}" ("{bad[0]}" is not a key)')
        elif taken := [key for key in keys if key in RESERVED]:
            problems.append(
                f'"{command_id}" ({key_text(taken[0])} is kept for moving about and going back)'
            )
        elif command.priority and (typed := [key for key in keys if _types_text(key)]):
            problems.append(
                f'"{command_id}" ({key_text(typed[0])} would type into the text; use a ctrl key)'
            )
        else:
            wanted[command_id] = keys
    while clashes := _clashes(wanted, by_id):  # leaving one out may free or take a key
        for command_id, other in clashes.items():
            key = wanted.pop(command_id)
            problems.append(f'"{command_id}" ({key_text(",".join(key))} already runs {other.id})')
    return {command_id: ",".join(keys) for command_id, keys in wanted.items()}, problems


def _clashes(wanted: Mapping[str, list[str]], by_id: Mapping[str, Command]) -> dict[str, Command]:
    """The wanted entries whose key another command takes where both can be offered."""
    current = {c.id: set(wanted.get(c.id, _keys(c.key) or [])) for c in COMMANDS}
    clashes: dict[str, Command] = {}
    for command_id, keys in wanted.items():
        command = by_id[command_id]
        if set(keys) == set(_keys(command.key) or []):
            continue  # its own key: as shipped, whatever it shares by design
        for other in COMMANDS:
            if (
                other.id != command_id
                and _together(command, other)
                and current[other.id] & set(keys)
            ):
                clashes[command_id] = other
                break
    return clashes
