"""80x24 is a first-class size: six people or more in the queue, the composer on `c`, small
notifications at the bottom right; and at 40x12 the text being typed never disappears."""

from __future__ import annotations

import pytest
from conftest import MakeApp
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets._toast import Toast
from tui_helpers import enter_text, screen_text

from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.composer import Composer
from netdesk.tui.widgets.key_bar import KeyBar

SMALL = (80, 24)
TINY = (40, 12)


def workspace(app: NetdeskApp) -> WorkspaceScreen:
    assert isinstance(app.screen, WorkspaceScreen)
    return app.screen


def visible(widget: Widget) -> bool:
    """Shown on the screen with room for at least one line of text."""
    region = widget.region
    return widget.display and region.height >= 1 and region.width >= 10


def queue_rows(app: NetdeskApp) -> list[str]:
    """The rows of the terminal the queue pane covers."""
    pane = app.screen.query_one("#queue-pane")
    lines = screen_text(app).splitlines()
    return lines[pane.region.y : pane.region.bottom]


async def test_the_queue_shows_six_people_at_80x24(make_app: MakeApp) -> None:
    """The composer and the history wait for `c`, so the queue has the room (it showed two)."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = workspace(app)
        rows = "\n".join(queue_rows(app))
        names = [
            contact.name
            for item in screen.items
            if (contact := app.repo.contacts.get(item.contact_id)) is not None
        ]
        shown = [name for name in names if f"  {name} " in rows]
        assert len(shown) >= 6, shown
        assert not screen.query_one(Composer).display
        assert not screen.query_one("#history-pane").display
        assert visible(screen.query_one("#card-pane"))


async def test_c_opens_the_composer_and_escape_closes_it(make_app: MakeApp) -> None:
    """At 80x24: `c` shows the composer with the draft in focus; escape hides it again and the
    queue has its room back; `c` brings back what was typed."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = workspace(app)
        before = len(queue_rows(app))
        await pilot.press("c")
        await pilot.pause()
        composer = screen.query_one(Composer)
        area = screen.query_one("#body", TextArea)
        assert composer.display and area.has_focus and visible(area)
        await enter_text(pilot, "Hello again. ")
        assert "Hello again." in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not composer.display
        assert len(queue_rows(app)) == before
        await pilot.press("c")
        await pilot.pause()
        assert area.has_focus and "Hello again." in area.text


async def test_at_40x12_the_composer_keeps_its_room(make_app: MakeApp) -> None:
    """Before, the queue and the card took all 10 rows and the composer vanished."""
    app = make_app()
    async with app.run_test(size=TINY) as pilot:
        await pilot.press("c")
        await pilot.pause()
        area = workspace(app).query_one("#body", TextArea)
        assert area.has_focus
        assert area.region.height >= 3
        first_words = area.text.split()[:2]
        assert " ".join(first_words) in screen_text(app)
        assert app.screen.query_one(KeyBar).region.y == TINY[1] - 1


async def focused_field_shows(pilot: Pilot[int], app: NetdeskApp, *keys: str) -> Widget:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()
    field = app.focused
    assert isinstance(field, Input | TextArea), field
    assert visible(field), (field, field.region)
    assert field.region.bottom <= TINY[1] - 1  # above the key bar
    return field


@pytest.mark.parametrize(
    "keys",
    [("2", "slash"), ("s",), ("t",), ("e",), ("comma",)],
    ids=["contacts-filter", "snooze", "schedule", "edit", "settings"],
)
async def test_at_40x12_every_field_being_typed_into_shows(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app()
    async with app.run_test(size=TINY) as pilot:
        field = await focused_field_shows(pilot, app, *keys)
        await enter_text(pilot, "42")
        assert "42" in screen_text(app), field


async def test_notifications_at_80x24_take_three_lines_at_the_bottom_right(
    make_app: MakeApp,
) -> None:
    """One toast at a time (the newest), at most 3 rows, right-aligned above the key bar."""
    app = make_app()
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("x", "x")
        app.notify("A long report " * 20, title="Imported")
        await pilot.pause()
        await pilot.pause()
        toasts = [toast for toast in app.screen.query(Toast) if toast.region.height]
        assert len(toasts) == 1
        region = toasts[0].region
        assert region.height <= 3
        assert region.right >= SMALL[0] - 2  # the rack keeps its scroll bar's gutter
        bar = app.screen.query_one(KeyBar).region
        assert region.bottom <= bar.y
        assert "Imported" in screen_text(app)


async def test_notifications_stack_on_a_tall_terminal(make_app: MakeApp) -> None:
    """At 120x40 two changes in a row still show two toasts."""
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("x", "x")
        await pilot.pause()
        assert len([t for t in app.screen.query(Toast) if t.region.height]) == 2
