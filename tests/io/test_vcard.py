"""vCard 3.0 export, and the content-line rules (escaping, folding, CRLF) it shares with ICS."""

from __future__ import annotations

import pytest
import vobject

from netdesk.domain.models import Contact
from netdesk.io.contentline import fold, stable_uid, text, uri
from netdesk.io.vcard import vcard, vcards

ANN = Contact(
    first_name="Ann",
    last_name="Lee",
    email="ann@example.com",
    company="Northwind, Inc.",
    position="Head of R&D; Platform",
    url="https://www.linkedin.com/in/ann-lee",
    notes="Met at RoboConf.\nLikes C:\\temp jokes, and; semicolons.",
    id=1,
)


def physical_lines(data: str) -> list[str]:
    assert data.endswith("\r\n")
    lines = data.removesuffix("\r\n").split("\r\n")
    assert not any("\n" in line or "\r" in line for line in lines)
    return lines


# --- content lines --------------------------------------------------------------------------


def test_text_values_escape_backslash_comma_semicolon_and_newlines() -> None:
    assert text("a\\b,c;d\ne\r\nf\rg\x00h\ti") == "a\\\\b\\,c\\;d\\ne\\nf\\ng" + "h\ti"


def test_uris_lose_only_whitespace_and_control_characters() -> None:
    assert uri(" https://ex.com/a,b;c\n\x01 ") == "https://ex.com/a,b;c"


@pytest.mark.parametrize("length", [1, 74, 75])
def test_short_lines_are_not_folded(length: int) -> None:
    assert fold("x" * length) == "x" * length + "\r\n"


def test_long_ascii_lines_fold_at_75_octets() -> None:
    folded = fold("N" * 200)

    assert physical_lines(folded) == ["N" * 75, " " + "N" * 74, " " + "N" * 51]


@pytest.mark.parametrize("char", ["é", "€", "😀"])
def test_folding_never_splits_a_utf8_sequence(char: str) -> None:
    line = "NOTE:" + char * 90

    pieces = physical_lines(fold(line))

    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert pieces[0] + "".join(piece[1:] for piece in pieces[1:]) == line
    width = len(char.encode())
    assert len(pieces[0].encode()) > 75 - width


def test_uids_are_stable_and_distinct() -> None:
    assert stable_uid("call", 1) == stable_uid("call", 1)
    assert len({stable_uid("call", 1), stable_uid("call", 2), stable_uid("contact", 1)}) == 3


# --- vCard ----------------------------------------------------------------------------------


def test_one_card_exactly() -> None:
    assert vcard(ANN) == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "N:Lee;Ann;;;\r\n"
        "FN:Ann Lee\r\n"
        "ORG:Northwind\\, Inc.\r\n"
        "TITLE:Head of R&D\\; Platform\r\n"
        "URL:https://www.linkedin.com/in/ann-lee\r\n"
        "EMAIL;TYPE=INTERNET:ann@example.com\r\n"
        "NOTE:Met at RoboConf.\\nLikes C:\\\\temp jokes\\, and\\; semicolons.\r\n"
        f"UID:urn:uuid:{stable_uid('contact', 1)}\r\n"
        "END:VCARD\r\n"
    )


def test_cards_parse_back_with_every_field_intact() -> None:
    people = [
        ANN,
        Contact(first_name="Zoë", last_name="Ødegård-Nakamura 中村", notes="🎉 " * 60, id=2),
        Contact(company="Globex", id=3),
        Contact(id=4),
    ]

    data, count = vcards(people)
    cards = list(vobject.readComponents(data))

    assert count == 4
    assert all(len(line.encode()) <= 75 for line in physical_lines(data))
    first = cards[0]
    assert (first.n.value.family, first.n.value.given, first.fn.value) == ("Lee", "Ann", "Ann Lee")
    assert first.org.value == ["Northwind, Inc."]
    assert first.title.value == "Head of R&D; Platform"
    assert first.url.value == ANN.url
    assert first.email.value == ANN.email
    assert first.note.value == ANN.notes
    assert cards[1].fn.value == "Zoë Ødegård-Nakamura 中村"
    assert cards[1].note.value == people[1].notes
    assert [card.fn.value for card in cards[2:]] == ["Globex", "(no name)"]
    assert [card.uid.value for card in cards] == [
        f"urn:uuid:{stable_uid('contact', n)}" for n in (1, 2, 3, 4)
    ]
    assert not hasattr(cards[3], "org")
