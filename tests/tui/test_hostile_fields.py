"""Text boxes holding stored or pasted text: control characters shown as symbols, never sent to
the terminal, and a stored text given back unchanged unless it is edited.

An Input draws its value as it is, so a name holding ESC ] 52 in a form would write the
clipboard. Each box shows ESC as ␛, BEL as ␇ and a C1 control as �. The decision on saving:
a field the person did not edit keeps the stored text byte for byte (opening and saving a
form, the wizard or settings changes nothing they did not touch); a field they edit is saved
as it shows, symbols included, since that is the text they saw and kept.
`tests/reliability/test_hostile_terminal.py` checks the bytes a real terminal receives.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea
from tui_helpers import FROZEN, SIZE, paste, plain, wait_for

from netdesk.domain.models import Contact, Intro, Stage
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.intros import IntrosScreen
from netdesk.tui.screens.settings import SettingsScreen

PAYLOAD = "\x1b]52;c;cHduZWQ=\x07\x1b]2;pwned\x07\x9b6n"
"""OSC 52 (clipboard), OSC 2 (window title), a C1 CSI query."""
SHOWN = "␛]52;c;cHduZWQ=␇␛]2;pwned␇�6n"
"""How a box shows PAYLOAD."""
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Any control character but a tab or newline (a TextArea keeps those)."""


def hostile(text: str) -> str:
    return f"{text}{PAYLOAD}!"


def person(n: int) -> Contact:
    return Contact(
        first_name=hostile(f"Eve{n}"),
        last_name="Evil",
        company=hostile("Co"),
        position=hostile("Buyer"),
        email=hostile("eve@example.com"),
        url=hostile("https://x.example/"),
        tags=[hostile("tag")],
        how_met=hostile("met"),
        credential=hostile("cred"),
        notes=hostile("note") + "\nline two",
        stage=Stage.NEW,
        connected_on=date(2026, 11, 1),
    )


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    """Two hostile people (new outreach, so the queue lists them), an introduction between
    them, and a hostile name to sign with."""
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as setup:
        eve0, eve1 = setup.contacts.insert_many([person(0), person(1)])
        setup.intros.insert(Intro(a_id=eve0.id, b_id=eve1.id, reason=hostile("reason")))
        setup.save_settings(dataclasses.replace(setup.settings(), my_name=hostile("Me")))
    opened = Repo.open(path)
    yield opened
    opened.close()


def boxes(app: NetdeskApp) -> list[str]:
    screen = app.screen
    return [w.value for w in screen.query(Input)] + [w.text for w in screen.query(TextArea)]


def unstamped(contact: Contact | None) -> Contact:
    assert contact is not None
    return dataclasses.replace(contact, updated_at=None)


async def test_the_contact_form_shows_symbols_and_keeps_what_is_not_edited(repo: Repo) -> None:
    """Every box of the form is free of control characters; saved unedited, the contact is
    byte for byte as stored; with one field edited, only that field changes."""
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    stored = repo.contacts.all()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.contact.id == stored.id
        assert [v for v in boxes(app) if CONTROL.search(v)] == []
        assert form.query_one("#first_name", Input).value == f"Eve0{SHOWN}!"
        assert form.query_one("#notes", TextArea).text == f"note{SHOWN}!\nline two"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactForm))
        assert unstamped(repo.contacts.get(stored.id)) == unstamped(stored)

        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ContactForm))
        assert unstamped(repo.contacts.get(stored.id)) == unstamped(
            dataclasses.replace(stored, company="Acme")
        )


async def test_pasted_text_shows_its_control_characters_as_symbols(repo: Repo) -> None:
    """A paste into the contacts filter holds ␛ and ␇ where the clipboard had ESC and BEL."""
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await paste(pilot, "Ann" + PAYLOAD)
        assert app.screen.query_one("#filter", Input).value == "Ann" + SHOWN


async def test_toasts_draw_a_name_s_controls_as_spaces(repo: Repo) -> None:
    """The toast after skipping a hostile person quotes the name with its ESCs as spaces."""
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("x")
        (toast,) = [n.message for n in app._notifications if n.message.startswith("Skipped")]
        assert not CONTROL.search(toast)
        assert toast.startswith("Skipped Eve")
        assert " ]52;c;cHduZWQ=  ]2;pwned  6n! Evil until tomorrow." in toast


async def test_settings_show_the_name_with_symbols_and_keep_it(repo: Repo) -> None:
    """A hostile `my_name` shows as symbols, is not taken for an unsaved edit, and ctrl+s
    leaves it as stored."""
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        assert app.screen.query_one("#my_name", Input).value == f"Me{SHOWN}!"
        assert "Not saved yet" not in plain(app.screen.query_one("#settings-status", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repo.settings().my_name == hostile("Me")


async def test_walking_through_the_wizard_changes_nothing_stored(repo: Repo) -> None:
    """The wizard's boxes (why, how you met, what stands out) show symbols, and closing it
    leaves both people and the introduction as stored."""
    app = NetdeskApp(repo, clock=lambda: FROZEN)
    people = [unstamped(c) for c in repo.contacts]
    intro = repo.intros.all()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, IntrosScreen))
        await pilot.press("enter")  # the draft opens at its ask step
        await wait_for(pilot, lambda: bool(app.screen.query("#ask-a")))
        assert [v for v in boxes(app) if CONTROL.search(v)] == []
        await pilot.press("ctrl+b", "ctrl+b")  # back to Why
        await wait_for(pilot, lambda: bool(app.screen.query("#reason")))
        assert app.screen.query_one("#reason", Input).value == f"reason{SHOWN}!"
        assert [v for v in boxes(app) if CONTROL.search(v)] == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, IntrosScreen))
    assert [unstamped(c) for c in repo.contacts] == people
    assert repo.intros.all()[0] == intro
