"""Focus is always visible: every focusable field, text box, list and button looks clearly
different with focus than without, in every shipped theme.

Each widget is drawn twice, once focused and once not, from the screen's own composited
output; at least one of its rows must change colour across nearly its whole width by a
clear amount. A one-cell cursor or a faint 5% tint does not count.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from conftest import MakeApp
from rich.color import Color as RichColor
from rich.style import Style
from test_intros import open_intro
from test_theme_snapshots import SHIPPED
from textual._context import visible_screen_stack
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, TextArea
from tui_helpers import SIZE, wait_for

from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.dialogs import WhenPrompt
from netdesk.tui.screens.intro_wizard import ASK, INTRODUCE, MET, PEOPLE, WHY, IntroWizard
from netdesk.tui.screens.pickers import ChoicePrompt, ContactPicker
from netdesk.tui.screens.settings import SettingsScreen

FOCUSABLE = (Input, TextArea, OptionList, Select, Button)
CLEAR = 40.0
"""The least colour change (RGB distance, 0–441) that reads as a different look."""
ROW_SHARE = 0.8
"""The share of a row's cells that must change."""

RGB = tuple[int, int, int]
Rows = list[list[tuple[RGB, RGB]]]
"""(background, foreground) of each cell, row by row."""


def _rgb(color: RichColor | None, fallback: RGB) -> RGB:
    if color is None:
        return fallback
    triplet = color.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _cells(app: App[Any], widget: Widget) -> Rows:
    """The colours of each cell of `widget`, as the screen draws it now."""
    visible_screen_stack.set(app._background_screens)
    strips = app.screen._compositor.render_strips()
    region = widget.region
    rows = []
    for y in range(region.y, region.bottom):
        cells: list[tuple[RGB, RGB]] = []
        for segment in strips[y]:
            style = segment.style or Style.null()
            bg = _rgb(style.bgcolor, (0, 0, 0))
            fg = _rgb(style.color, bg)
            if style.reverse:
                bg, fg = fg, bg
            cells.extend([(bg, fg)] * segment.cell_length)
        rows.append(cells[region.x : region.right])
    return rows


def _change(before: Rows, after: Rows) -> float:
    """The largest share of one row's cells whose colours moved by CLEAR or more."""
    best = 0.0
    for old_row, new_row in zip(before, after, strict=False):
        if not old_row or len(old_row) != len(new_row):
            continue
        moved = sum(
            1
            for (old_bg, old_fg), (new_bg, new_fg) in zip(old_row, new_row, strict=True)
            if math.dist(old_bg, new_bg) >= CLEAR or math.dist(old_fg, new_fg) >= CLEAR
        )
        best = max(best, moved / len(old_row))
    return best


async def unclear_focus(pilot: Pilot[int], where: str) -> list[str]:
    """Every focusable widget shown on the current screen whose focus cannot be seen."""
    app = pilot.app
    screen = app.screen
    widgets = [
        w
        for w in screen.query("*")
        if isinstance(w, FOCUSABLE) and w.focusable and w.region.area and w.visible
    ]
    assert widgets, f"nothing focusable on {where}"
    unclear = []
    for widget in widgets:
        widget.focus()
        await pilot.pause()
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
        focused = _cells(app, widget)
        screen.set_focus(None)
        await pilot.pause()
        blurred = _cells(app, widget)
        share = _change(blurred, focused)
        if share < ROW_SHARE:
            unclear.append(f"{where}: {widget!r} ({share:.0%} of a row changes)")
    return unclear


@pytest.mark.parametrize("theme", SHIPPED)
async def test_focus_is_visible_everywhere(make_app: MakeApp, theme: str) -> None:
    """The queue and composer, a prompt, a form, contacts, settings, each wizard step, the
    answer prompt, the finder and its introducer picker."""
    app = make_app()
    unclear: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.pause()
        unclear += await unclear_focus(pilot, "queue")
        await pilot.press("c")  # the composer
        unclear += await unclear_focus(pilot, "queue with the composer")
        app.screen.set_focus(None)

        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, WhenPrompt))
        unclear += await unclear_focus(pilot, "snooze prompt")
        await pilot.press("escape")

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        unclear += await unclear_focus(pilot, "contact form")
        await pilot.press("escape")

        await pilot.press("2")
        unclear += await unclear_focus(pilot, "contacts")

        await pilot.press("comma")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        unclear += await unclear_focus(pilot, "settings")

        app.screen.set_focus(None)
        await open_intro(pilot, 1)  # a draft: every step can be shown
        wizard = app.screen
        assert isinstance(wizard, IntroWizard)
        for step in (PEOPLE, WHY, ASK, INTRODUCE, MET):
            wizard.show_step(step)
            await pilot.pause()
            unclear += await unclear_focus(pilot, f"wizard step {step + 1}")
        wizard.show_step(ASK)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoicePrompt))
        unclear += await unclear_focus(pilot, "answer prompt")
        await pilot.press("escape")

        await pilot.press("escape", "5", "enter")
        unclear += await unclear_focus(pilot, "finder")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactPicker))
        unclear += await unclear_focus(pilot, "introducer picker")
    assert unclear == [], "\n".join(unclear)
