"""Colour themes: the shipped TOML files plus the user's own, validated into Textual Themes.

A theme file that cannot be used is skipped, and every such file is named with the field at
fault in one warning, so a typo in someone's own theme never stops netdesk from starting.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from netdesk import locations
from netdesk.domain.models import Settings, Stage

DEFAULT_THEME = Settings().theme


def stage_variable(stage: Stage) -> str:
    """The CSS variable holding a stage's colour, e.g. `stage-no-response`."""
    return "stage-" + stage.value.replace("_", "-")


_STAGE_DEFAULTS = {
    Stage.NEW: "#8b95a7",
    Stage.CONTACTED: "#4a90d9",
    Stage.REPLIED: "#c9a227",
    Stage.SCHEDULED: "#9b72cf",
    Stage.TALKED: "#4caf6e",
    Stage.NO_RESPONSE: "#80868f",
    Stage.DECLINED: "#c97b57",
    Stage.DO_NOT_CONTACT: "#d9534f",
}
VARIABLE_DEFAULTS: dict[str, str] = {
    stage_variable(stage): colour for stage, colour in _STAGE_DEFAULTS.items()
}
"""netdesk's own CSS variables, for themes that leave them out (Textual's, or a user's).
Mid-tone colours, readable on dark and light backgrounds alike."""

REQUIRED = ("name", "dark", "primary", "background", "foreground")
COLOURS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "success",
    "warning",
    "error",
)
FRACTIONS = ("luminosity_spread", "text_alpha")
FIELDS = frozenset({"name", "dark", "variables", *COLOURS, *FRACTIONS})

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
"""Textual turns the name into a CSS class (`-theme-<name>`), so it must be an identifier."""
_ALPHA = re.compile(r"\s+\d{1,3}(?:\.\d+)?%$")
_KEYWORDS = frozenset({"auto", "initial"})
"""Colour values Textual's CSS accepts that are not colours themselves."""


def user_themes_dir() -> Path:
    return locations.config_dir() / "themes"


@dataclass
class Themes:
    """Every usable theme by name, and one line per problem with a file that was skipped."""

    by_name: dict[str, Theme] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def warning(self) -> str | None:
        """The single message naming every skipped file and what is wrong with it."""
        if not self.problems:
            return None
        return "These theme files were skipped:\n" + "\n".join(
            f"• {problem}" for problem in self.problems
        )


def load_themes(user_dir: Path | None = None) -> Themes:
    """The shipped themes, then the user's (`<config dir>/themes/*.toml`).

    A user theme with the name of a shipped one replaces it, so copying a shipped file and
    editing it is the way to adjust it.
    """
    themes = Themes()
    shipped = resources.files("netdesk.themes")
    for entry in sorted(shipped.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _load(entry.read_bytes, f"{entry.name} (shipped)", themes)
    folder = user_themes_dir() if user_dir is None else user_dir
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            _load(path.read_bytes, str(path), themes)
    return themes


def _load(read: Callable[[], bytes], label: str, themes: Themes) -> None:
    try:
        data = tomllib.loads(read().decode("utf-8"))
    except OSError as exc:
        themes.problems.append(f"{label}: cannot be read ({exc.strerror or exc})")
        return
    except UnicodeDecodeError:
        themes.problems.append(f"{label}: not UTF-8 text")
        return
    except tomllib.TOMLDecodeError as exc:
        themes.problems.append(f"{label}: not valid TOML ({exc})")
        return
    theme, problems = theme_from_toml(data)
    if theme is None:
        themes.problems.extend(f"{label}: {problem}" for problem in problems)
    else:
        themes.by_name[theme.name] = theme


def theme_from_toml(data: dict[str, Any]) -> tuple[Theme | None, list[str]]:
    """A Theme from one parsed file, or None and "field: what is wrong" for each bad field."""
    problems = [f"{key}: required" for key in REQUIRED if key not in data]
    problems += [
        f"{key}: not a theme field (expected one of {', '.join(sorted(FIELDS))})"
        for key in sorted(set(data) - FIELDS)
    ]
    name = data.get("name")
    if "name" in data and not (isinstance(name, str) and _NAME.fullmatch(name)):
        problems.append(
            f"name: {name!r} must start with a letter and use only letters, digits, - and _"
        )
    if "dark" in data and not isinstance(data["dark"], bool):
        problems.append(f"dark: {data['dark']!r} must be true or false")
    for key in COLOURS:
        if key in data and (problem := _colour_problem(data[key])):
            problems.append(f"{key}: {problem}")
    for key in FRACTIONS:
        value = data.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            problems.append(f"{key}: {value!r} must be a number from 0 to 1")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        problems.append("variables: must be a table of name = value")
        variables = {}
    for key, value in variables.items():
        if problem := _variable_problem(key, value):
            problems.append(f"variables.{key}: {problem}")
    if problems:
        return None, problems
    given = {key: data[key] for key in FIELDS - {"variables"} if key in data}
    return Theme(**given, variables=variables), []


def _colour_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f'{value!r} must be a colour in quotes, e.g. "#5aa9e6"'
    try:
        Color.parse(value)
    except ColorParseError as exc:
        return str(exc)
    return None


def _variable_problem(key: str, value: object) -> str | None:
    """Variables are colours (optionally with an opacity: `#5aa9e6 40%`, `auto 60%`) or, for
    names with a `style` part (`link-style`, `block-cursor-text-style`), style words; anything
    else would stop the stylesheet from loading."""
    if not isinstance(value, str):
        return f"{value!r} must be text in quotes"
    if "style" in key.split("-"):
        unknown = [word for word in value.split() if word not in VALID_STYLE_FLAGS]
        if unknown or not value.split():
            return f"{value!r} must be style words ({', '.join(sorted(VALID_STYLE_FLAGS))})"
        return None
    colour = _ALPHA.sub("", value.strip())
    return None if colour in _KEYWORDS else _colour_problem(colour)


def choose_theme(wanted: str, available: dict[str, Theme]) -> tuple[str, str | None]:
    """The theme to start with, and a warning when the saved choice is not available."""
    if wanted in available:
        return wanted, None
    return DEFAULT_THEME, (
        f"The theme {wanted!r} chosen in settings is not installed, so {DEFAULT_THEME} is used. "
        f"Available: {', '.join(sorted(available))}."
    )
