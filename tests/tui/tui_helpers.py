"""Helpers for the TUI tests: the frozen demo database and reading what is on screen."""

from __future__ import annotations

import dataclasses
import io
import weakref
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from textual import events
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea

from netdesk.io import demo
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.contacts import ContactsScreen

FROZEN = datetime(2026, 11, 23, 9, 30)
"""A Monday morning; the demo data is generated relative to this day."""
SIZE = (120, 40)


def build_demo_db(path: Path, *, count: int = 60, referrals: bool = False) -> Path:
    """Write the frozen demo network to `path` (signed by the demo name) and close it;
    with `referrals`, the demo's referrals too (the queue then owes some thank-yous)."""
    data = demo.generate(count, seed=7, today=FROZEN.date())
    with Repo.open(path) as repo:
        repo.replace_all(
            data.contacts,
            data.messages,
            data.calls,
            data.intros,
            data.targets,
            data.referrals if referrals else (),
        )
        repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
    return path


# --- reading the screen ---------------------------------------------------------------------


def contacts_screen(app: NetdeskApp) -> ContactsScreen:
    """The current screen, which must be the contacts list."""
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


def plain(widget: Widget) -> str:
    """The text a Static-like widget shows, without styles."""
    visual = widget.render()
    if isinstance(visual, Content):
        return visual.plain
    return str(visual)


def prompt_text(option_list: OptionList, index: int) -> str:
    prompt = option_list.get_option_at_index(index).prompt
    return prompt.plain if isinstance(prompt, Content) else str(prompt)


def option_texts(option_list: OptionList) -> list[str]:
    return [prompt_text(option_list, n) for n in range(option_list.option_count)]


def screen_text(app: NetdeskApp) -> str:
    """Everything on the terminal as plain text, the way `export_screenshot` composes it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


_RECORDED: weakref.WeakKeyDictionary[NetdeskApp, list[str]] = weakref.WeakKeyDictionary()


def record_notifications(app: NetdeskApp) -> NetdeskApp:
    """Keep every notification `app` shows, so a slow test never misses an expired toast."""
    recorded: list[str] = []
    _RECORDED[app] = recorded
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        recorded.append(message)
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return app


def notes(app: NetdeskApp) -> list[str]:
    """Every notification's message so far (or, for an app not recorded, those still shown)."""
    recorded = _RECORDED.get(app)
    if recorded is not None:
        return list(recorded)
    return [n.message for n in app._notifications]


async def enter_text(pilot: Pilot[int], text: str) -> None:
    """Leave in the focused Input or TextArea what typing `text` would (at the cursor, over a
    selection), in one change instead of one key press per character (about 50 ms each).
    A test of typing itself presses the keys."""
    await pilot.pause()  # a focus() just asked for takes effect first, as before a key press
    widget = pilot.app.focused
    if isinstance(widget, TextArea):
        widget.replace(text, *widget.selection, maintain_selection_offset=False)
    elif isinstance(widget, Input):
        assert "\n" not in text, "enter in an Input submits it: press it separately"
        widget.replace(text, *widget.selection)
    else:
        raise AssertionError(f"{widget!r} is not a text field")
    await pilot.pause()


async def paste(pilot: Pilot[int], text: str) -> None:
    """Paste `text` as a terminal does: the app hands it to the focused widget."""
    assert pilot.app.focused is not None, "nothing has focus"
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()  # the app forwards it to the focused widget: one more hop
    await pilot.pause()


async def wait_for(pilot: Pilot[int], condition: Callable[[], bool], tries: int = 500) -> None:
    """Let the app work until `condition` holds; fails after `tries` short pauses (~5 s)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("condition not reached")
