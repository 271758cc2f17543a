"""CSV export is safe to open in a spreadsheet; JSON export holds every record."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    Medium,
    Message,
    MessageKind,
    Stage,
    Target,
    from_doc,
)
from netdesk.io.export import CSV_COLUMNS, contacts_json, safe_cell, write_contacts_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Ann", "Ann"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


def contacts() -> list[Contact]:
    return [
        Contact(
            first_name='=HYPERLINK("http://evil.example","x")',
            last_name="+1",
            email="@SUM(A1)",
            company="-2",
            position="Lead, Growth\nand Partnerships",
            url="https://www.linkedin.com/in/evil",
            connected_on=date(2019, 3, 14),
            stage=Stage.TALKED,
            closeness=3,
            tags=["mentor", "rust"],
            last_contacted_on=date(2024, 5, 6),
            notes='Said "call me"; prefers 4pm',
            id=1,
        ),
        Contact(
            first_name="美咲",
            last_name="佐藤 🚀",
            company="Яндекс",
            position="مديرة المنتج",
            id=2,
        ),
    ]


def test_csv_round_trips_with_formulas_escaped_and_unicode_kept() -> None:
    out = io.StringIO(newline="")

    count = write_contacts_csv(contacts(), out)

    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert count == 2
    assert rows == [
        list(CSV_COLUMNS),
        [
            '\'=HYPERLINK("http://evil.example","x")',
            "'+1",
            "'@SUM(A1)",
            "'-2",
            "Lead, Growth\nand Partnerships",
            "https://www.linkedin.com/in/evil",
            "2019-03-14",
            "talked",
            "3",
            "mentor;rust",
            "2024-05-06",
            'Said "call me"; prefers 4pm',
        ],
        ["美咲", "佐藤 🚀", "", "Яндекс", "مديرة المنتج", "", "", "new", "0", "", "", ""],
    ]


def test_csv_rows_end_in_crlf_and_survive_a_file(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_contacts_csv(contacts(), out)

    raw = path.read_bytes()
    assert raw.startswith(b"first_name,last_name,email,company,position,url,connected_on,")
    assert raw.count(b"\r\n") == 3  # header + two rows; the newline inside a field stays \n
    with path.open(encoding="utf-8", newline="") as back:
        assert [r[:2] for r in csv.reader(back)][2] == ["美咲", "佐藤 🚀"]


def test_csv_of_no_contacts_is_just_the_header() -> None:
    out = io.StringIO(newline="")

    assert write_contacts_csv([], out) == 0
    assert out.getvalue() == ",".join(CSV_COLUMNS) + "\r\n"


def test_json_export_holds_every_record_with_its_id() -> None:
    people = contacts()
    message = Message(
        contact_id=1,
        kind=MessageKind.FOLLOW_UP,
        body="Hi 美咲",
        sent_at=datetime(2024, 5, 6, 9, 30),
        id=5,
    )
    call = Call(
        contact_id=1,
        held_at=datetime(2024, 5, 8, 15, 0),
        medium=Medium.SKYPE,
        leads=[Lead(name="Dee Fox", company="Acme", why="hiring")],
        id=6,
    )
    intro = Intro(a_id=1, b_id=2, status=IntroStatus.ASKING, id=7)
    target = Target(name="Gil Ray", introducers=[Introducer(contact_id=2, you_know=3)], id=8)
    exported_at = datetime(2024, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))

    data = contacts_json(people, [message], [call], [intro], [target], exported_at)

    assert data.startswith(b'{\n  "exported_at": "2024-06-01T12:00:00+02:00",\n')
    document = orjson.loads(data)
    assert list(document) == ["exported_at", "contacts", "messages", "calls", "intros", "targets"]
    first = document["contacts"][0]
    assert (first["id"], first["first_name"], first["stage"]) == (
        1,
        '=HYPERLINK("http://evil.example","x")',
        "talked",
    )
    assert first["connected_on"] == "2019-03-14"
    assert first["tags"] == ["mentor", "rust"]
    assert document["contacts"][1]["last_name"] == "佐藤 🚀"
    assert document["calls"][0]["leads"] == [
        {"name": "Dee Fox", "company": "Acme", "why": "hiring"}
    ]
    assert document["intros"][0]["a_optin"]["answer"] == "pending"
    assert [from_doc(Contact, doc, doc["id"]) for doc in document["contacts"]] == people
    assert from_doc(Message, document["messages"][0], 5) == message
    assert from_doc(Call, document["calls"][0], 6) == call
    assert from_doc(Intro, document["intros"][0], 7) == intro
    assert from_doc(Target, document["targets"][0], 8) == target
