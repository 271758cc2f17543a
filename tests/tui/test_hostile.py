"""Hostile user data is shown literally everywhere, never acted on, and any size is survivable.

Names that look like markup, a click action, right-to-left text, emoji, a 10k-character note
and an ANSI escape are put where the routine shows them: the queue, the card, the history,
the contacts list, the calls list, notifications, dialogs and form titles.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_helpers import (
    FROZEN,
    SIZE,
    build_demo_db,
    enter_text,
    option_texts,
    plain,
    record_notifications,
    screen_text,
)

from netdesk.domain.models import Call, Contact, Message, MessageKind, Stage
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.literal import one_line
from netdesk.tui.screens.calls import CallsScreen
from netdesk.tui.screens.contacts import ContactsScreen
from netdesk.tui.screens.form import Form
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.contact_table import ContactTable

ZED = "[@click=app.quit]Zed"
ANSI = "\x1b[31mred"
LONG_NOTE = "Long note " + "word " * 1998
VISIBLE = [
    "[bold red]Eve[/]",
    "Ann [x]",
    "Ann [/b] Lee",
    ZED,
    "Jo [A-Team]",
    "محمد الأحمد",
    "Zoë 🚀 Müller",
    "Noel Longnote",
]
"""Names that print as themselves; the ANSI name cannot (its escape must be neutralised)."""
NAMES = [*VISIBLE, ANSI]
COMPANY = "Hostile Co"
REASON = "   Replied: schedule the 15-minute call"

assert len(LONG_NOTE) == 10_000


def _contact(name: str) -> Contact:
    first, _, last = (
        name.partition(" ") if name in ("محمد الأحمد", "Noel Longnote") else (name, "", "")
    )
    return Contact(
        first_name=first,
        last_name=last,
        company=COMPANY,
        position="Buyer",
        stage=Stage.REPLIED,
        last_contacted_on=date(2026, 11, 20),
        next_action_on=date(2026, 11, 23),
        notes=LONG_NOTE if last == "Longnote" else "",
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """The demo database plus one replied contact per hostile name, each with a message and an
    upcoming call that quote the name."""
    path = build_demo_db(tmp_path / "hostile.json")
    with Repo.open(path) as repo, repo.batch():
        for name in NAMES:
            contact = repo.contacts.insert(_contact(name))
            assert contact.name == name
            repo.messages.insert(
                Message(
                    contact.id,
                    MessageKind.OUTREACH,
                    body=f"Hi {name}, shall we talk?",
                    sent_at=datetime(2026, 11, 16, 10),
                    replied_at=datetime(2026, 11, 20, 16),
                )
            )
            repo.calls.insert(
                Call(
                    contact.id,
                    scheduled_for=datetime(2026, 12, 1, 10),
                    notes=LONG_NOTE if name == "Noel Longnote" else f"About {name}",
                )
            )
    return path


@pytest.fixture
def hostile_app(hostile_db: Path) -> Iterator[NetdeskApp]:
    repo = Repo.open(hostile_db)
    yield record_notifications(NetdeskApp(repo, clock=lambda: FROZEN))
    repo.close()


def ids_by_name(app: NetdeskApp) -> dict[str, int]:
    return {c.name: c.id for c in app.repo.contacts if c.company == COMPANY}


def find(app: NetdeskApp, text: str) -> tuple[int, int]:
    """Column and row where `text` is drawn on the terminal (it must be there, literally)."""
    for row, line in enumerate(screen_text(app).splitlines()):
        column = line.find(text)
        if column >= 0:
            return column, row
    raise AssertionError(f"{text!r} is not on screen")


async def click_zed(pilot: Pilot[int], app: NetdeskApp) -> None:
    """Click the word Zed right after the would-be click action; the app must keep running."""
    column, row = find(app, ZED)
    await pilot.click(offset=(column + ZED.index("Zed"), row))
    await pilot.pause()
    assert app.is_running
    assert app.return_code is None


async def move_to(pilot: Pilot[int], app: NetdeskApp, contact_id: int) -> None:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    position = [i.contact_id for i in screen.items].index(contact_id)
    current = [i.contact_id for i in screen.items].index(screen.current_id or 0)
    step = "down" if position > current else "up"
    await pilot.press(*[step] * abs(position - current))
    assert screen.current_id == contact_id


async def test_workspace_shows_hostile_names_literally(hostile_app: NetdeskApp) -> None:
    """Queue, card and history show each hostile name exactly as stored."""
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        queue = option_texts(app.screen.query_one("#queue", OptionList))
        for name in NAMES:
            assert f" {one_line(name)}\n{REASON}" in queue
        ids = ids_by_name(app)
        for name in NAMES:
            shown = one_line(name)  # control characters are drawn as spaces
            await move_to(pilot, app, ids[name])
            card = plain(app.screen.query_one("#card", Static)).splitlines()
            assert card[0] == f"{shown}  B network (never talked)"
            assert card[1] == f"Buyer at {COMPANY}"
            history = plain(app.screen.query_one("#history", Static)).splitlines()
            assert history[1] == f"Mon 16 Nov 2026  outreach  ↩ replied  Hi {shown}, shall we talk?"
            assert history[0] == "Tue 1 Dec 2026  call, phone (scheduled 10:00)  " + (
                f"About {shown}" if name != "Noel Longnote" else LONG_NOTE[:69] + "…"
            )
            if name == "Noel Longnote":
                assert card[-1] == f"Notes {LONG_NOTE[:199]}…"  # cut, not a wall of text
            if name in VISIBLE:
                find(app, f"{name}  B network (never talked)")


async def test_contacts_list_shows_hostile_names_literally(hostile_app: NetdeskApp) -> None:
    """The contacts table prints each hostile name as text, control characters as spaces."""
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await enter_text(pilot, "hostile")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert plain(screen.query_one("#contacts-status", Static)).startswith("9 of 69")
        table = screen.query_one(ContactTable)
        lines = [table.render_line(y).text for y in range(table.row_count + 1)]
        shown = {line[1:].split("  ")[0].strip() for line in lines[1:]}
        assert shown == {*VISIBLE, "[31mred"}
        assert " [31mred" in "\n".join(lines)
        assert "\x1b" not in screen_text(app)


async def test_calls_list_shows_hostile_names_literally(hostile_app: NetdeskApp) -> None:
    """The calls screen lists each hostile person's upcoming call under their literal name."""
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, CallsScreen)
        calls = option_texts(app.screen.query_one("#calls", OptionList))
        for name in NAMES:
            shown = one_line(name)
            note = f"About {shown}" if name != "Noel Longnote" else LONG_NOTE[:119] + "…"
            assert f"  Tue 1 Dec 2026 10:00  {shown}  phone  {note}" in calls
        for name in ("Ann [/b] Lee", ZED, "Jo [A-Team]", "محمد الأحمد"):
            find(app, name)


async def test_clicking_a_click_action_name_does_nothing(hostile_app: NetdeskApp) -> None:
    """`[@click=app.quit]Zed` is text: clicking it on any screen never quits the app."""
    app = hostile_app
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await move_to(pilot, app, ids_by_name(app)[ZED])
        await click_zed(pilot, app)  # queue or card
        column, row = find(app, f"Hi {ZED}")
        await pilot.click(offset=(column + 3 + ZED.index("Zed"), row))  # history
        assert app.return_code is None
        await pilot.press("x")  # a notification quotes the name
        assert find(app, f"Skipped {ZED} until tomorrow.")
        await click_zed(pilot, app)

        await pilot.press("2", "slash")
        await enter_text(pilot, "zed")
        await pilot.press("enter")
        await click_zed(pilot, app)
        await pilot.press("3")
        await click_zed(pilot, app)  # which checks the app still runs


async def test_notifications_dialogs_and_forms_quote_names_literally(
    hostile_app: NetdeskApp,
) -> None:
    """Toasts, the snooze prompt and form titles show markup-like names as typed, no crash."""
    app = hostile_app
    ann = "Ann [/b] Lee"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await move_to(pilot, app, ids_by_name(app)[ann])
        await pilot.press("s")
        find(app, f"Snooze {ann} until when?")
        await pilot.press("escape", "e")
        assert isinstance(app.screen, Form)
        find(app, f"Edit {ann}")
        await pilot.press("escape", "l")
        find(app, f"Log call with {ann}")
        await pilot.press("escape", "x")
        find(app, f"Skipped {ann} until tomorrow.")
        await move_to(pilot, app, ids_by_name(app)["[bold red]Eve[/]"])
        await pilot.press("r")
        find(app, "[bold red]Eve[/] replied. Press t to schedule the call.")
        assert app.return_code is None


async def test_ansi_escape_in_a_name_never_reaches_the_terminal(hostile_app: NetdeskApp) -> None:
    """A name holding ESC[31m is drawn as text; no escape character is written to the screen."""
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await move_to(pilot, app, ids_by_name(app)[ANSI])
        assert "\x1b" not in screen_text(app)
        await pilot.press("3")
        assert "\x1b" not in screen_text(app)


SIZES = [(80, 24), (40, 12), (20, 8), SIZE]


async def resize_everywhere(pilot: Pilot[int], app: NetdeskApp) -> None:
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        assert app.size == (width, height)
        assert screen_text(app)  # the whole screen renders at this size


async def test_every_screen_survives_resizing(hostile_app: NetdeskApp) -> None:
    """Every screen, a form, help and the palette render at 80x24, 40x12, 20x8 and back."""
    app = hostile_app
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await move_to(pilot, app, ids_by_name(app)["Noel Longnote"])
        await pilot.press("c")
        await resize_everywhere(pilot, app)  # workspace: 10k note on the card, composer loaded
        await pilot.press("escape", "enter")
        await resize_everywhere(pilot, app)  # person detail
        await pilot.press("escape", "l")
        await resize_everywhere(pilot, app)  # call form
        await pilot.press("escape", "question_mark")
        await resize_everywhere(pilot, app)  # help
        await pilot.press("escape")
        for key in "23456":  # contacts, calls, intros, targets, stats
            await pilot.press(key)
            await resize_everywhere(pilot, app)
        await pilot.press("ctrl+p")
        await resize_everywhere(pilot, app)  # command palette
        await pilot.press("escape", "1")
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.return_code is None
