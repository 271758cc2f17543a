"""Leads typed in the call form: name and company split however they are joined."""

from __future__ import annotations

import pytest

from netdesk.domain.introducers import reason_clause
from netdesk.domain.leads import parse_lead, parse_leads
from netdesk.domain.models import Contact, Lead, Target


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Ada Byron, Acme — knows the tender team",
            Lead("Ada Byron", "Acme", "knows the tender team"),
        ),
        ("Ada Byron - Acme", Lead("Ada Byron", "Acme")),
        ("Ada Byron – Acme", Lead("Ada Byron", "Acme")),
        ("Ada Byron — Acme", Lead("Ada Byron", "Acme")),
        ("Ada Byron—Acme", Lead("Ada Byron", "Acme")),
        ("Ada Byron at Acme", Lead("Ada Byron", "Acme")),
        (
            "Ada Byron AT Acme Labs — met at the expo",
            Lead("Ada Byron", "Acme Labs", "met at the expo"),
        ),
        ("Ada Byron – Acme – runs procurement", Lead("Ada Byron", "Acme", "runs procurement")),
        ("Jean-Luc Picard - Starfleet", Lead("Jean-Luc Picard", "Starfleet")),
        ("Kat Atwood", Lead("Kat Atwood")),
        ("  Ada   Byron  ,  Acme ", Lead("Ada Byron", "Acme")),
    ],
)
def test_parse_lead(line: str, expected: Lead) -> None:
    assert parse_lead(line) == expected


def test_blank_lines_are_no_leads() -> None:
    assert parse_leads("\n  \nAda Byron\n") == [Lead("Ada Byron")]


def test_the_person_on_the_call_is_refused_however_written() -> None:
    paula = Contact("Paula", "López")
    with pytest.raises(ValueError, match="PAULA LOPEZ is the person you talked to"):
        parse_leads("Ada Byron\nPAULA LOPEZ - Harbor", paula)
    assert parse_leads("Paula Lopezova", paula) == [Lead("Paula Lopezova")]


@pytest.mark.parametrize(
    ("why", "expected"),
    [
        ("runs the tender team.", "Bo runs the tender team"),
        ("is hiring a data lead", "Bo is hiring a data lead"),
        ("she runs the tender team", "she runs the tender team"),
        ("sales lead for the north", "sales lead for the north"),
        ("their vaccine trials need cold chain", "their vaccine trials need cold chain"),
        ("", ""),
    ],
)
def test_reason_clause_follows_because(why: str, expected: str) -> None:
    assert reason_clause(Target("Bo Chen", why=why)) == expected
