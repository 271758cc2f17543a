"""The title bar and key bar that replace Textual's Header and Footer on every screen.

The key bar shows the keys the focused widget, the screen and the app allow (one per action,
the palette key at the right) and runs a key when its text is clicked; the title bar shows
the database path and its save status. Neither may break on any size or on hostile text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import MakeApp
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, TextArea
from tui_helpers import FROZEN, SIZE, build_demo_db, plain, screen_text, wait_for

from netdesk.domain.models import Contact, Stage
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.commands import COMPOSER, WORKSPACE, commands_for
from netdesk.tui.screens.help import HelpScreen
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.composer import Composer
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar


def key_bar(app: App[object]) -> KeyBar:
    return app.screen.query_one(KeyBar)


def bar_text(app: App[object]) -> str:
    return plain(key_bar(app))


def bottom_line(app: NetdeskApp) -> str:
    """The key bar as drawn: the last row of the terminal."""
    return screen_text(app).splitlines()[-1]


def top_line(app: NetdeskApp) -> str:
    return screen_text(app).splitlines()[0]


def shown_keys(app: NetdeskApp, area: str) -> list[str]:
    """'key Label' for each command of `area` that the bar is meant to show."""
    return [
        f"{app.get_key_display(command.binding())} {command.label}"
        for command in commands_for(area)
        if command.show
    ]


async def click_text(pilot: Pilot[int], app: NetdeskApp, text: str, at: int | None = None) -> None:
    """Click character `at` of `text` (its middle by default) where the key bar draws it."""
    line = bottom_line(app)
    column = line.find(text)
    assert column >= 0, f"{text!r} is not on the key bar: {line!r}"
    await pilot.click(KeyBar, offset=(column + (len(text) // 2 if at is None else at), 0))
    await pilot.pause()


# --- the key bar ----------------------------------------------------------------------------


async def test_workspace_bar_shows_the_queue_keys_and_the_palette(make_app: MakeApp) -> None:
    """Every shown workspace key and the global ones, once each; hidden ones are absent; the
    palette key sits at the right edge."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for key in [*shown_keys(app, WORKSPACE), "? Help"]:
            assert text.count(f" {key} ") == 1, key
        assert "c Compose" in text and "x Skip" in text
        for hidden in ("Open", "Edit", "Profile", "Theme", "Settings", "Import", "Quit"):
            assert hidden not in text
        assert text.startswith(" c Compose  l Log call ")
        assert text.endswith(" ^p palette ")
        assert len(text) == SIZE[0]
        assert bottom_line(app).rstrip() == text.rstrip()  # drawn as rendered, nothing cut


async def test_composer_focus_shows_the_composer_keys(make_app: MakeApp) -> None:
    """In the composer's text area the bar lists its ctrl keys, not the letter keys that now
    type text; back in the queue the queue keys return."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert isinstance(app.focused.parent, Composer)
        text = bar_text(app)
        composer_keys = shown_keys(app, COMPOSER)
        assert "^s Mark sent" in composer_keys
        for key in composer_keys:
            assert f" {key} " in text, key
        for letter_key in ("Compose", "Skip", "Done", "Help", "Quit"):
            assert letter_key not in text
        assert text.endswith(" ^p palette ")
        assert "Mark sent" in bottom_line(app)  # the repaint reached the terminal

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, OptionList)
        assert "x Skip" in bar_text(app)
        assert "Mark sent" not in bar_text(app)
        assert "x Skip" in bottom_line(app)


@pytest.mark.parametrize("at", [0, 3, 5], ids=["key", "middle", "last-letter"])
async def test_clicking_help_on_the_bar_opens_help(make_app: MakeApp, at: int) -> None:
    """A click anywhere on '? Help' where the bar draws it presses '?'."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await click_text(pilot, app, "? Help", at)
        assert isinstance(app.screen, HelpScreen)


async def test_clicking_the_palette_key_opens_the_palette(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await click_text(pilot, app, "^p palette")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_clicking_between_keys_or_in_the_gap_does_nothing(make_app: MakeApp) -> None:
    """The blank stretch before the palette key belongs to no key."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        line = bottom_line(app)
        gap = line.index("? Help") + len("? Help ") + 2
        assert line[gap] == " "
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.is_running


async def test_clicking_skip_on_the_bar_skips_the_selected_item(make_app: MakeApp) -> None:
    """The bar runs the screen's own action: the selected person leaves today's queue."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        first = screen.current_id
        assert first is not None
        await click_text(pilot, app, "x Skip", at=0)
        contact = app.repo.contacts.get(first)
        assert contact is not None
        assert contact.snoozed_until == date(2026, 11, 24)
        assert first not in [item.contact_id for item in screen.items]


async def test_bar_renders_at_40x12(make_app: MakeApp) -> None:
    """Too small for every key: the keys that fit, an ellipsis, and the palette key kept at
    the right edge; one row high, and still works, in the queue and in the composer."""
    size = (40, 12)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = key_bar(app)
        assert bar.size == (size[0], 1)
        drawn = bottom_line(app)
        assert len(drawn) <= size[0]
        assert drawn.rstrip().endswith(" ^p palette")
        keys, ellipsis, _ = drawn.partition("…")
        assert ellipsis and keys.startswith(" c Compose")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        drawn = bottom_line(app)
        assert drawn.startswith(" ^e $EDITOR")
        assert len(drawn) <= size[0]
        await pilot.press("escape")
        await click_text(pilot, app, "c Compose")
        assert isinstance(app.focused, TextArea)


async def test_bar_follows_a_resize(make_app: MakeApp) -> None:
    """Narrowed and widened again: the palette key comes back at the new right edge."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "…" in bottom_line(app)
        assert bottom_line(app).rstrip().endswith(" ^p palette")
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert bottom_line(app).rstrip().endswith(" ^p palette")
        assert len(bar_text(app)) == 130
        await click_text(pilot, app, "? Help")
        assert isinstance(app.screen, HelpScreen)


async def test_every_screen_has_one_title_bar_and_one_key_bar(make_app: MakeApp) -> None:
    """Each mode and the person screen: TitleBar and KeyBar, no Header or Footer left."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        seen = []
        for key in ("1", "2", "3", "4", "5", "6", "1", "enter", "escape", "comma"):
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            seen.append(type(screen).__name__)
            assert len(screen.query(TitleBar)) == 1, type(screen).__name__
            assert len(screen.query(KeyBar)) == 1, type(screen).__name__
            assert not screen.query(Header) and not screen.query(Footer)
            assert top_line(app).strip().startswith("netdesk — ")
        assert "PersonDetailScreen" in seen
        assert {"ContactsScreen", "CallsScreen", "IntrosScreen", "TargetsScreen"} <= set(seen)
        assert {"StatsScreen", "SettingsScreen", "WorkspaceScreen"} <= set(seen)


async def test_person_screen_bar_has_its_own_keys(make_app: MakeApp) -> None:
    """The person screen drops the queue-only keys (skip, done) from its bar."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PersonDetailScreen)
        text = bar_text(app)
        assert "c Compose" in text
        assert "Skip" not in text and "Done" not in text


# --- a disabled binding -----------------------------------------------------------------------
# No netdesk screen disables a shown binding today (the intro wizard hides its unavailable keys
# instead), so a small screen with one stands in: a binding whose check_action says None.


class _Host(Screen[None]):
    BINDINGS = [
        Binding("z", "zap", "Zap"),
        Binding("y", "yes", "Yes"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "zap" else True

    def action_zap(self) -> None:
        self.ran.append("zap")

    def action_yes(self) -> None:
        self.ran.append("yes")


class _HostApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(_Host())

    def bell(self) -> None:
        self.bells += 1


async def test_a_disabled_binding_is_drawn_dim_and_a_click_only_rings() -> None:
    app = _HostApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _Host)
        bar = screen.query_one(KeyBar)
        content = bar.render()
        assert content.plain.startswith(" z Zap  y Yes ")
        zap_end = len(" z Zap ")
        dim_over_zap = [
            span for span in content.spans if span.start < zap_end and "dim" in str(span.style)
        ]
        assert dim_over_zap, content.spans
        assert not any(span.start >= zap_end and "dim" in str(span.style) for span in content.spans)
        await pilot.click(KeyBar, offset=(3, 0))
        await pilot.pause()
        assert screen.ran == []
        assert app.bells == 1
        await pilot.click(KeyBar, offset=(zap_end + 3, 0))
        await pilot.pause()
        assert screen.ran == ["yes"]


# --- the title bar ----------------------------------------------------------------------------


async def test_title_shows_the_database_path(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = app.screen.query_one(TitleBar)
        assert plain(title) == f"netdesk — {app.repo.path}"
        assert top_line(app).strip() == f"netdesk — {app.repo.path}"


async def test_title_says_saved_once_a_change_is_saved(make_app: MakeApp, db_path: Path) -> None:
    """After a skip the writer thread saves, and the title bar (as drawn) says so."""
    with Repo.open(db_path) as repo:
        repo.settle(FROZEN.date())  # so that opening the app changes nothing by itself
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.repo.storage.dirty
        assert plain(app.screen.query_one(TitleBar)) == f"netdesk — {app.repo.path}"
        await pilot.press("x")
        await wait_for(pilot, lambda: plain(app.screen.query_one(TitleBar)).endswith("· saved"))
        assert not app.repo.storage.dirty
        assert plain(app.screen.query_one(TitleBar)) == f"netdesk — {app.repo.path} · saved"
        await wait_for(pilot, lambda: top_line(app).strip().endswith("· saved"))
        await pilot.press("2")  # another screen's title bar shows the same status
        await pilot.pause()
        assert top_line(app).strip() == f"netdesk — {app.repo.path} · saved"


# --- hostile text -------------------------------------------------------------------------------

HOSTILE_NAMES = [
    "[@click=app.quit]Zed",
    "[bold red]Eve[/]",
    "Ann [/b] Lee",
    "Jo [A-Team]",
    "\x1b[31mred",
    "محمد الأحمد",
    "Zoë 🚀 Müller",
    "Line\nBreak",
    "Tab\there",
    "x" * 300,
]
COMPOSE_TO = {"[@click=app.quit]Zed", "\x1b[31mred", "Line\nBreak", "x" * 300}
"""The names the test composes to (the composer fills them into the draft)."""
HOSTILE_FOLDER = "[bold]net[dim] [@click=app.quit]desk"
"""A folder name that looks like markup and a click action (no '/': that is a separator)."""


@pytest.fixture
def hostile_app(tmp_path: Path) -> Iterator[NetdeskApp]:
    """The demo network plus a replied contact per hostile name, in a folder named like markup."""
    folder = tmp_path / HOSTILE_FOLDER
    folder.mkdir()
    path = build_demo_db(folder / "[red]db[x].json")
    with Repo.open(path) as repo, repo.batch():
        for name in HOSTILE_NAMES:
            repo.contacts.insert(
                Contact(
                    first_name=name,
                    company=name,
                    position=name,
                    stage=Stage.REPLIED,
                    last_contacted_on=date(2026, 11, 20),
                    notes=name,
                    created_at=datetime(2026, 11, 1),
                )
            )
        repo.save_settings(dataclasses.replace(repo.settings(), my_name=HOSTILE_NAMES[0]))
    repo = Repo.open(path)
    yield NetdeskApp(repo, clock=lambda: FROZEN)
    repo.close()


@pytest.mark.parametrize("size", [SIZE, (40, 12)])
async def test_hostile_names_and_path_do_not_break_the_bars(
    hostile_app: NetdeskApp, size: tuple[int, int]
) -> None:
    """Stepping through the hostile people (all of them at full size) and composing to some:
    both bars keep one plain line, the path is shown literally, nothing is run from the text."""
    app = hostile_app
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        hostile = {c.id for c in app.repo.contacts if c.first_name in HOSTILE_NAMES}
        assert len(hostile) == len(HOSTILE_NAMES)
        path_title = f"netdesk — {app.repo.path}"
        order = [item.contact_id for item in screen.items]
        start = min(order.index(i) for i in hostile)
        await pilot.press(*["down"] * start)
        for _ in range(len(hostile) if size == SIZE else 3):  # the narrow run: a few
            current = app.repo.contacts.get(screen.current_id or 0)
            assert current is not None and current.id in hostile
            if current.first_name in COMPOSE_TO:
                await pilot.press("c")
                assert isinstance(app.focused, TextArea)
                assert bar_text(app).startswith(" ^e $EDITOR")
                await pilot.press("escape")
            assert bar_text(app).startswith(" c Compose")
            title = plain(app.screen.query_one(TitleBar))  # a long path loses its start
            assert title.startswith("netdesk — ")
            assert path_title.endswith(title.removeprefix("netdesk — ").removeprefix("…"))
            await pilot.press("down")
        await pilot.press("up", "c")
        await pilot.pause()
        assert bottom_line(app).startswith(" ^e $EDITOR")
        await pilot.press("escape")
        await pilot.pause()
        assert bottom_line(app).startswith(" c Compose")
        text = screen_text(app)
        assert "\x1b" not in text
        if size == SIZE:
            assert HOSTILE_FOLDER in top_line(app)
            column = top_line(app).index("[@click=app.quit]")
            await pilot.click(TitleBar, offset=(column + 3, 0))
            await pilot.pause()
        assert app.is_running
        assert app.return_code is None


async def test_save_status_stays_visible_with_a_newline_in_the_path(tmp_path: Path) -> None:
    path = build_demo_db(tmp_path / "net\ndesk.json")
    with Repo.open(path) as repo:
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=SIZE) as pilot:
            app.sub_title = f"{repo.path} · saved"
            await pilot.pause()
            assert "· saved" in top_line(app)


async def test_a_long_path_keeps_the_save_status_in_view(make_app: MakeApp) -> None:
    """The path gives way from its start, so '· saved' stays on a narrow title bar."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        app.sub_title = "/home/someone/a/very/long/folder/name/for/netdesk/netdesk.json · saved"
        await pilot.pause()
        line = top_line(app).strip()
        assert line.startswith("netdesk — …") and line.endswith("netdesk.json · saved")
