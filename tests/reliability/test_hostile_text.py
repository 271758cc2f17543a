"""Hostile text outside the TUI: the template sandbox, literal filling, exact exports, the store.

tests/unit/test_templates.py checks ten refused field forms and one literal fill. Here every
placeholder is tried with every way `str.format` reaches into an object, filling is compared
with an independent one-pass substitution for every built-in template and each draft the
intro and introducer screens make, and names full of markup, escapes, bidi controls, ZWJ
emoji, NUL and formula starters go through the store and both exports (API and command)
and come back exactly, CSV escaping only a leading formula character.
"""

from __future__ import annotations

import csv
import io
import queue
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from reliability_helpers import netdesk
from rich.cells import cell_len

from netdesk.domain.intro import draft_intro, opt_in_ask
from netdesk.domain.introducers import request_text
from netdesk.domain.models import Contact, Settings, Stage, Target, from_doc
from netdesk.domain.templates import (
    BUILTIN_TEMPLATES,
    INTRO_ASK,
    PLACEHOLDERS,
    TemplateError,
    fill,
    placeholders_in,
    values_for,
)
from netdesk.io.export import CSV_COLUMNS, contacts_json, write_contacts_csv
from netdesk.store.errors import StoreError
from netdesk.store.repo import Repo
from netdesk.tui.literal import editable, lines

SECRET = "s3cret-value"
"""Put in every placeholder value: it must never show up in an error message."""

# --- the template sandbox -------------------------------------------------------------------

ACCESS = (
    ".__class__",
    ".__init__",
    ".__init__.__globals__",
    ".__class__.__mro__[1].__subclasses__",
    ".upper",
    "[0]",
    "['x']",
    "[-1]",
    "!r",
    "!s",
    "!a",
    ":>10",
    ":{company}",
    ":%Y-%m-%d",
    ".__dict__!r:>5",
)
"""Everything `str.format` allows after a field name to reach into or reformat a value."""

BARE = (
    "{0}",
    "{}",
    "{1}",
    "{0.__class__}",
    "{__class__}",
    "{__builtins__}",
    "{contact}",
    "{contact.__class__}",
    "{self}",
    "{values}",
    "{settings.my_name}",
    "{ first_name}",
    "{first_name }",
    "{FIRST_NAME}",
)
"""Fields that are not a known placeholder at all."""


def all_values() -> dict[str, str]:
    return {name: SECRET for name in PLACEHOLDERS}


@pytest.mark.parametrize("access", ACCESS)
def test_no_placeholder_can_reach_into_its_value(access: str) -> None:
    """Every placeholder followed by attribute, index, conversion or spec is a TemplateError."""
    for name in sorted(PLACEHOLDERS):
        body = f"Hi {{{name}{access}}}, bye"
        with pytest.raises(TemplateError) as listed:
            placeholders_in(body)
        with pytest.raises(TemplateError) as filled:
            fill(body, all_values())
        assert f"{{{name}{access}}}" in str(listed.value)
        assert SECRET not in str(filled.value)


@pytest.mark.parametrize("field", BARE)
def test_positional_and_unknown_fields_are_refused(field: str) -> None:
    """Positional fields, dunder names and names of Python objects are TemplateErrors."""
    with pytest.raises(TemplateError) as caught:
        fill(f"Dear {field}", all_values())
    assert field in str(caught.value)
    assert SECRET not in str(caught.value)


# --- values go in literally -----------------------------------------------------------------

TRAPS = (
    "{personal}",
    "{my_name}",
    "{{0}}",
    "{first_name.__class__}",
    "{b_name}",
    "}{",
    "{",
    "%s %(x)s $x ${x}",
)
"""Text in a person's fields that would expand if a value were ever formatted again."""


def reference_fill(body: str, values: Mapping[str, str]) -> str:
    """An independent one-pass substitution: `{name}` → value (blank keeps `{name}`)."""

    def one(match: re.Match[str]) -> str:
        value = values.get(match[1], "")
        return value if value.strip() else match[0]

    assert "{{" not in body and "}}" not in body
    return re.sub(r"\{([a-z_]+)\}", one, body)


def trap_contact(n: int) -> Contact:
    """A contact whose every text field is a brace trap."""
    return Contact(
        first_name=TRAPS[n % len(TRAPS)],
        last_name=TRAPS[(n + 1) % len(TRAPS)],
        company=TRAPS[(n + 2) % len(TRAPS)],
        position=TRAPS[(n + 3) % len(TRAPS)],
        credential=TRAPS[(n + 4) % len(TRAPS)],
        how_met=TRAPS[(n + 5) % len(TRAPS)],
        met_on=date(2019, 5, 1),
        id=n + 1,
    )


@pytest.mark.parametrize("n", range(len(TRAPS)))
def test_builtin_templates_insert_trap_names_literally(n: int) -> None:
    """Each built-in template filled for a trap contact equals a one-pass substitution."""
    contact = trap_contact(n)
    values = values_for(contact, Settings(my_name="{company}"), personal="{first_name} P.S.")
    for template in BUILTIN_TEMPLATES:
        assert fill(template.body, values) == reference_fill(template.body, values), template.name


def test_a_name_holding_a_placeholder_is_not_expanded() -> None:
    """A first name `{personal}` is inserted as written; only the real {personal} gets the text."""
    contact = Contact(first_name="{personal}", last_name="{{0}}")
    values = values_for(contact, Settings(my_name="Me"), personal=SECRET)

    text = fill("Hi {first_name} {last_name}, {personal} {my_name}", values)

    assert text == f"Hi {{personal}} {{{{0}}}}, {SECRET} Me"
    assert text.count(SECRET) == 1


def test_intro_drafts_and_requests_keep_trap_names_literal() -> None:
    """The intro draft, the opt-in ask and the introducer request never re-expand a value."""
    a = Contact(first_name="{b_name}", last_name="{reason}", id=1)
    b = Contact(first_name="{my_name}", last_name="{known}", credential="{personal}", id=2)
    today = date(2026, 11, 27)

    ask = opt_in_ask(a, b, reason="{first_name}", my_name="{b_first_name}")
    draft = draft_intro(a, b, reason="{blurb}", today=today, my_name="{target}")
    request = request_text(
        a, Target(name="{my_name}", company="{reason}", why="{blurb}"), "{first_name}", "{target}"
    )

    assert ask == (
        "Hi {b_name}, would you like me to introduce you to {my_name} {known}? {personal}. I "
        "think you two would get on because {first_name}. No pressure at all, just let me know "
        "either way.\n\n{b_first_name}"
    )
    assert ask == reference_fill(
        INTRO_ASK,
        {
            "first_name": "{b_name}",
            "b_name": "{my_name} {known}",
            "b_credential": "{personal}.",
            "reason": "{first_name}",
            "my_name": "{b_first_name}",
        },
    )
    assert draft.a_text.startswith("{b_name}, I would like to introduce you to {my_name} {known}.")
    assert draft.b_text.startswith("{my_name}, I would like to introduce you to {b_name} {reason}.")
    assert "because {blurb}." in draft.closing
    assert draft.closing.endswith("\n\n{target}")
    assert "I'd really like to talk to {my_name} at {reason} because {blurb}," in request
    assert request.endswith("\n\n{target}\n\nThank you!\n{first_name}")


# --- exports and the store give back exactly what went in -----------------------------------

HOSTILE = {
    "markup": "[bold red]boom[/] [@click=app.quit]x[/] [link=http://evil.example]y",
    "escaped markup": "\\[not markup] \\\\[b]",
    "ansi": "\x1b[31mred\x1b[0m\x1b[2J\x1b[H",
    "osc 8 link": "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
    "bidi": "\u202eevil\u202c \u200fא\u200e \u2066x\u2069",
    "zwj emoji": "👩‍👩‍👧‍👦 🏳️‍🌈 🧑🏽‍💻",
    "combining": "Z̷̢a̴l̵g̶o̸",
    "nul": "a\x00b\x00",
    "controls": "bell\x07 bs\x08 vt\x0b ff\x0c del\x7f",
    "line breaks": "one\ntwo\r\nthree\rfour",
    "quotes": "say \"hi\", 'ok'; done",
    "braces": "{personal} {{0}} {first_name.__class__}",
    "bom": "\ufeffBOM",
    "astral": "𝔊𝔯𝔞𝔠𝔢 𓀀",
    "whitespace": "  padded\t ",
    "formula =": "=cmd|' /C calc'!A0",
    "formula +": "+1 555 0100",
    "formula -": "-1",
    "formula @": "@SUM(1)",
    "formula tab": "\t=1+1",
    "formula cr": "\r=1+1",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = ("first_name", "last_name", "email", "company", "position", "url", "tags")


def long_notes(value: str) -> str:
    """Exactly 10,000 characters built from `value`."""
    return (value * (10_000 // len(value) + 1))[:10_000]


def hostile_contacts() -> list[Contact]:
    return [
        Contact(
            first_name=value,
            last_name=value[::-1],
            email=value,
            company=value,
            position=value,
            url=value,
            tags=[value],
            notes=long_notes(value),
            stage=Stage.CONTACTED,
            closeness=2,
            connected_on=date(2020, 2, 29),
            id=n + 1,
        )
        for n, value in enumerate(HOSTILE.values())
    ]


def expected_cell(value: str) -> str:
    """The CSV cell for a value: unchanged, except a leading formula character gets a quote."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def check_csv(text: str, contacts: list[Contact]) -> None:
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == len(contacts)
    for row, contact in zip(rows, contacts, strict=True):
        for column in TEXT_COLUMNS:
            value = ";".join(contact.tags) if column == "tags" else getattr(contact, column)
            assert row[column] == expected_cell(value), (contact.first_name, column)
        assert row["notes"] == expected_cell(contact.notes)
        assert len(contact.notes) == 10_000
        fixed = (row["connected_on"], row["stage"], row["closeness"])
        assert fixed == ("2020-02-29", "contacted", "2")


def check_json(data: bytes, contacts: list[Contact]) -> None:
    document = orjson.loads(data)
    assert [from_doc(Contact, doc, doc["id"]) for doc in document["contacts"]] == contacts


def test_exports_round_trip_hostile_text_exactly() -> None:
    """CSV and JSON exports of hostile names and 10k-character notes read back exactly."""
    contacts = hostile_contacts()
    out = io.StringIO(newline="")

    assert write_contacts_csv(contacts, out) == len(HOSTILE)
    check_csv(out.getvalue(), contacts)
    check_json(contacts_json(contacts, [], [], [], [], datetime(2026, 1, 1)), contacts)


def test_hostile_text_survives_the_store_and_the_export_commands(
    tmp_path: Path, home: Path
) -> None:
    """Saved, reopened and exported by the command, hostile text comes back exactly."""
    db = tmp_path / "db.json"
    contacts = hostile_contacts()
    with Repo.open(db) as repo:
        repo.contacts.insert_many(contacts)
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert repo.contacts.all() == contacts

    csv_out, json_out = tmp_path / "out.csv", tmp_path / "out.json"
    for fmt, out in (("csv", csv_out), ("json", json_out)):
        run = netdesk("export", fmt, "-o", str(out), "--db", str(db), home=home)
        assert run.returncode == 0
        assert run.stderr == f"Exported {len(contacts)} contacts to {out}\n"

    check_csv(csv_out.read_bytes().decode("utf-8"), contacts)  # no newline translation
    check_json(json_out.read_bytes(), contacts)


# --- text with no UTF-8 form ----------------------------------------------------------------


def test_text_that_cannot_be_saved_is_a_store_error_and_the_file_stays(tmp_path: Path) -> None:
    """A lone surrogate cannot be written as UTF-8: StoreError, old file kept, next save works."""
    db = tmp_path / "db.json"
    with Repo.open(db) as repo:
        repo.contacts.insert(Contact(first_name="Ann"))
    before = db.read_bytes()

    repo = Repo.open(db)
    with pytest.raises(StoreError) as caught:
        repo.contacts.update(1, {"notes": "half \ud800 pair"})
    assert caught.value.reason == "could not save: str is not valid UTF-8: surrogates not allowed"
    assert db.read_bytes() == before
    repo.contacts.update(1, {"notes": "fixed"})
    repo.close()

    with Repo.open(db, read_only=True, lock=False) as reopened:
        assert reopened.contacts.get(1) == Contact(first_name="Ann", notes="fixed", id=1)


def test_unsavable_text_in_the_background_writer_is_reported_not_fatal(tmp_path: Path) -> None:
    """In deferred mode (the TUI) the writer reports the failure and keeps saving later changes."""
    db = tmp_path / "db.json"
    with Repo.open(db) as repo:
        repo.contacts.insert(Contact(first_name="Ann"))
    reports: queue.Queue[tuple[bool, str | None]] = queue.Queue()
    repo = Repo.open(db, deferred=True, on_status=lambda saved, error: reports.put((saved, error)))

    repo.contacts.update(1, {"notes": "\udcff"})
    assert reports.get(timeout=30) == (
        False,
        f"could not save {db}: str is not valid UTF-8: surrogates not allowed",
    )
    repo.contacts.update(1, {"notes": "fixed"})
    assert reports.get(timeout=30) == (True, None)
    repo.close()

    assert orjson.loads(db.read_bytes())["contacts"]["1"]["notes"] == "fixed"


# --- text boxes: what an Input or TextArea may hold -----------------------------------------

EVERY_CONTROL = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])


def test_a_text_box_holds_no_control_character_and_one_visible_symbol_for_each() -> None:
    """Every C0, DEL and C1 character becomes one printable, one-cell symbol (so a cursor in
    the box stays in step); a TextArea's text keeps its tabs and newlines, CR and CRLF included
    as newlines."""
    shown = editable(EVERY_CONTROL)
    assert len(shown) == len(EVERY_CONTROL)
    assert [c for c in shown if unicodedata.category(c) == "Cc"] == []
    assert cell_len(shown) == len(shown)
    assert shown[0x1B] == "␛" and shown[0x07] == "␇" and shown[-1] == "\ufffd"

    several = editable("a\tb\r\nc\rd\ne\x1b]2;x\x07", multiline=True)
    assert several == "a\tb\nc\nd\ne␛]2;x␇"
    assert editable("Zoë 🚀 محمد [b]x[/b] {first_name}") == "Zoë 🚀 محمد [b]x[/b] {first_name}"


def test_a_toast_or_question_keeps_its_lines_and_loses_its_controls() -> None:
    assert lines("Skipped Eve\x1b]52;c;eA==\x07\nline two\x9b6n") == (
        "Skipped Eve ]52;c;eA== \nline two 6n"
    )
