"""No escape sequence from stored or pasted text reaches the terminal (a real process on a pty).

Every text field of the database (names, companies, notes, template names and bodies, intro
texts, target fields, `my_name`) holds OSC 52 (write the clipboard), OSC 2 (set the window
title), a DSR query, DCS, C1 CSI and OSC, BEL, BS and SO. netdesk runs on a pseudo-terminal
and is walked through the first screen (no key pressed), toasts, a question, every form, the
composer, the intros list and wizard, the targets list and finder, the mutual-list paste and
settings. Every byte it wrote is then read: besides text, only the sequences Textual itself
writes may appear (cursor moves, colours, terminal modes, its pointer-shape OSC 22). The
walk changes nothing, and the file is byte-for-byte what it was: showing a hostile field, in
a form too, never rewrites it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pty_terminal import Terminal
from reliability_helpers import netdesk_env

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Message,
    MessageKind,
    OptIn,
    OptInAnswer,
    Stage,
    Target,
)
from netdesk.store.repo import Repo

PAYLOAD = (
    "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: put "pwned" on the clipboard
    "\x1b]2;pwned\x07"  # OSC 2: the window title
    "\x1b[6n"  # DSR: the terminal types its answer into netdesk
    "\x9b6n"  # the same as one C1 character
    "\x9d2;c1\x9c"  # OSC 2 in C1
    "\x1bP+q\x1b\\"  # DCS
    "\x07\x08\x0e"  # BEL, BS, SO
)
PASTED = "\x9b6n\x9d2;c1\x9c\x07\x08\x0e"
"""What a paste carries: the C1 and C0 controls. Textual's input parser turns an ESC inside a
paste into key presses, differently as the bytes arrive, so a pasted ESC is tested with a
paste event (tests/tui/test_hostile.py) and only the controls that stay in the text here."""

TEXTUAL_OWN = re.compile(
    rb"\x1b\[[0-9;]*[mH]"  # colours, cursor position
    rb"|\x1b\[\?\d+[hl]|\x1b\[\?\d+\$p"  # terminal modes: set, reset, query
    rb"|\x1b\[[<>]\d*u"  # the kitty keyboard protocol
    rb"|\x1b\]22;[\w-]+\x07"  # OSC 22: the mouse pointer's shape
    rb"|\r\n|\n"
)
"""Everything Textual writes besides text, as seen on a clean database (see the test)."""
FOREIGN = re.compile(rb"[\x00-\x1f\x7f]|\xc2[\x80-\x9f]")
"""Once Textual's own sequences are removed: any C0 control, DEL, or C1 (UTF-8) left."""


def hostile(text: str) -> str:
    return f"{text}{PAYLOAD}!"


def build(path: Path) -> None:
    """Six people in every state the screens show, an introduction agreed and one drafted, a
    target with an introducer, every template, and the name messages are signed with."""
    today = date.today()
    now = datetime.now().replace(microsecond=0)
    stages = [Stage.REPLIED, Stage.REPLIED, Stage.NEW, Stage.CONTACTED, Stage.NEW, Stage.TALKED]
    with Repo.open(path) as repo, repo.batch():
        ids = []
        for n, stage in enumerate(stages):
            contact = repo.contacts.insert(
                Contact(
                    first_name=hostile(f"Eve{n}"),
                    last_name=hostile("Evil"),
                    company=hostile("Co"),
                    position=hostile("Pos"),
                    email=hostile("e@example.com"),
                    url=hostile("https://x.example/"),
                    tags=[hostile("tag")],
                    how_met=hostile("met"),
                    credential=hostile("cred"),
                    notes=hostile("note") + "\nline two" + PAYLOAD,
                    offers=hostile("offers"),
                    seeks=hostile("seeks"),
                    stage=stage,
                    closeness=2,
                    met_on=date(2019, 1, 1),
                    last_contacted_on=today - timedelta(days=9),
                    next_action_on=today,
                )
            )
            ids.append(contact.id)
            repo.messages.insert(
                Message(
                    contact.id,
                    MessageKind.OUTREACH,
                    body=hostile("Hi"),
                    sent_at=now - timedelta(days=9),
                    replied_at=now - timedelta(days=1) if n < 2 else None,
                )
            )
            repo.calls.insert(
                Call(contact.id, scheduled_for=now + timedelta(days=1), notes=hostile("call"))
            )
        agreed = OptIn(asked_at=now - timedelta(days=5), answer=OptInAnswer.AGREED)
        repo.intros.insert(
            Intro(
                a_id=ids[0],
                b_id=ids[1],
                a_text=hostile("to A"),
                b_text=hostile("to B"),
                closing=hostile("closing"),
                reason=hostile("reason"),
                status=IntroStatus.AGREED,
                a_optin=agreed,
                b_optin=agreed,
                updated_at=now,  # listed first
            )
        )
        repo.intros.insert(
            Intro(
                a_id=ids[2],
                b_id=ids[3],
                reason=hostile("why they"),
                updated_at=now - timedelta(days=1),
            )
        )
        repo.targets.insert(
            Target(
                name=hostile("Tara"),
                company=hostile("TCo"),
                url=hostile("https://t.example/"),
                why=hostile("why"),
                introducers=[Introducer(ids[2], 2, 2, hostile("knows her"))],
            )
        )
        for template in repo.templates.all():
            repo.templates.update(
                template.id, {"name": hostile(template.name), "body": template.body + PAYLOAD}
            )
        repo.save_settings(dataclasses.replace(repo.settings(), my_name=hostile("Me")))


WALK = [
    ("c", "Hi Eve"),  # the composer, filled from a template, a name and my_name
    ("\x19", "not copied"),  # ctrl+y: the refusal toast quotes the name
    ("\x1b", "c Compose"),  # back to the queue; the draft stays
    ("s", "until when"),  # the snooze question quotes the name
    ("\x1b", "Queue"),
    ("\r", "Contact"),  # the person's own screen
    ("e", "Edit Eve"),  # the contact form: every field, notes too
    ("\x1b", "Contact"),
    ("l", "Log call with"),  # the call form: what stands out, offers, seeks
    ("\x1b", "Contact"),
    ("\x1b", "Queue"),
    ("2", "Contacts"),
    ("3", "Calls"),
    ("4", "Introductions"),
    ("\r", "5 · Introduce"),  # the wizard, at the step the agreed introduction waits on
    ("\x02", "4 · Ask first"),  # ctrl+b, back a step at a time: every step is drawn
    ("\x02", "3 · Litmus"),
    ("\x02", "2 · Why"),
    ("\x02", "1 · People"),
    ("\x1b", "Introductions"),
    ("\x1b[B\r", "4 · Ask first"),  # the drafted introduction
    ("\x02", "3 · Litmus"),
    ("\x02", "2 · Why"),
    ("\x02", "1 · People"),
    ("\x1b", "Introductions"),
    ("5", "Hard targets"),
    ("\r", "Request to"),  # the finder, with the drafted request
    ("e", "Edit Tara"),  # the target form
    ("\x1b", "Request to"),
    ("m", "Mutual connections with"),
    ("\x1b[200~Ann Lee" + PASTED + "\rBob Roe" + PASTED + "\x1b[201~", "Ann Lee�6n"),  # paste
    ("\x13", "names found"),  # ctrl+s: the names read from the paste
    ("\x1b", "ctrl+s find the names"),  # back to the paste
    ("\x1b", "Request to"),
    ("\x1b", "Hard targets"),
    ("6", "Response rate"),
    (",", "Your name"),  # settings: my_name, the templates list
    ("\t\t\t\t", "Templates"),  # past the three fields and the theme
    ("e", "Edit template"),  # the template form: name and body
    ("\x1b", "Templates"),
]
"""(keys, text that shows once they have been handled): every place that draws user text."""


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Terminal, Path, bytes]]:
    """One walk for the tests below (about 15 s)."""
    folder = tmp_path_factory.mktemp("walk")
    db, home = folder / "netdesk.json", folder / "home"
    home.mkdir()
    build(db)
    before = db.read_bytes()
    env = {**netdesk_env(home), "TERM": "xterm-256color"}
    terminal = Terminal(["-m", "netdesk", "--db", str(db)], env)
    try:
        terminal.wait_for_text("Eve0 ]52;c;cHduZWQ=")  # the first screen, no key pressed
        for keys, shown in WALK:
            terminal.press(keys, shown)
        terminal.send("q")
        assert terminal.wait() == 0
        yield terminal, db, before
    finally:
        terminal.close()


def foreign(written: bytes) -> list[bytes]:
    """Each control byte that is not part of a sequence Textual writes, with its context."""
    rest = TEXTUAL_OWN.sub(b"", written)
    return [rest[max(0, m.start() - 30) : m.end() + 30] for m in FOREIGN.finditer(rest)]


def test_no_control_sequence_from_the_data_reaches_the_terminal(
    walked: tuple[Terminal, Path, bytes],
) -> None:
    terminal, _db, _before = walked
    written = terminal.written()
    assert foreign(written) == []
    text = terminal.screen_text()
    assert "Eve0 ]52;c;cHduZWQ=" in text  # lists and titles: the controls drawn as spaces
    assert "Eve0␛]52;c;cHduZWQ=␇" in text  # fields: as symbols, so you see something is there
    assert "Ann Lee�6n�2;c1�␇␈␎" in text  # the pasted list too


def test_showing_hostile_text_everywhere_changes_nothing_stored(
    walked: tuple[Terminal, Path, bytes],
) -> None:
    _terminal, db, before = walked
    assert db.read_bytes() == before


def test_the_allowed_sequences_are_all_textual_writes_on_clean_data(
    tmp_path: Path, home: Path
) -> None:
    """The allow-list is not too narrow: on a database without hostile text, the same first
    screen and composer leave nothing over."""
    db = tmp_path / "netdesk.json"
    with Repo.open(db) as repo:
        repo.contacts.insert(Contact(first_name="Ann", last_name="Lee", company="Acme"))
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Sam Rivera"))
    env = {**netdesk_env(home), "TERM": "xterm-256color"}
    terminal = Terminal(["-m", "netdesk", "--db", str(db)], env)
    try:
        terminal.wait_for_text("Ann Lee")
        terminal.press("c", "Hi Ann")
        terminal.press("\x1b", "c Compose")
        terminal.send("q")
        assert terminal.wait() == 0
        assert foreign(terminal.written()) == []
    finally:
        terminal.close()
