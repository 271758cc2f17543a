"""Possible duplicates: pairs by email, profile URL, name and company, each with its reasons."""

from __future__ import annotations

import pytest

from netdesk.domain.duplicates import CROWD, DuplicatePair, possible_duplicates
from netdesk.domain.identity import email_key, profile_key
from netdesk.domain.models import Contact


def person(contact_id: int, first: str, last: str, **fields: str) -> Contact:
    return Contact(first, last, id=contact_id, **fields)  # type: ignore[arg-type]


def test_the_same_email_pairs_two_records_whatever_their_names() -> None:
    people = [
        person(1, "Ann", "Lee", email="ann@acme.com"),
        person(2, "A.", "Lee-Smith", email=" ANN@acme.com "),
        person(3, "Bo", "Chen", email="bo@acme.com"),
    ]
    assert possible_duplicates(people) == [
        DuplicatePair(1, 2, ("same email ann@acme.com", "neither has a profile URL"))
    ]


@pytest.mark.parametrize("placeholder", ["NA", "N/A", "-", "none", "n.a.", "—"])
def test_a_placeholder_email_pairs_nobody(placeholder: str) -> None:
    people = [
        person(1, "Ann", "Lee", email=placeholder),
        person(2, "Bo", "Chen", email=placeholder),
    ]
    assert possible_duplicates(people) == []


def test_the_same_name_with_a_missing_or_different_url() -> None:
    people = [
        person(1, "José", "Müller", url="https://www.linkedin.com/in/jose-m"),
        person(2, "jose", "MULLER"),
        person(5, "Dee", "Fox", url="https://www.linkedin.com/in/dee-fox"),
        person(6, "Dee", "Fox", url="https://linkedin.com/in/dee-fox-2/"),
    ]
    assert possible_duplicates(people) == [
        DuplicatePair(1, 2, ("same name", "one has no profile URL")),
        DuplicatePair(5, 6, ("same name", "different profile URLs")),
    ]


def test_the_same_name_and_company_ranks_above_the_name_alone() -> None:
    people = [
        person(1, "Sam", "Ode", company="Globex", url="https://www.linkedin.com/in/sam-1"),
        person(2, "Sam", "Ode", company="Initech", url="https://www.linkedin.com/in/sam-2"),
        person(3, "Ann", "Lee", company="Acme ", url="https://www.linkedin.com/in/ann-a"),
        person(4, "Ann", "Lee", company="acme", url="https://www.linkedin.com/in/ann-b"),
    ]
    assert possible_duplicates(people) == [
        DuplicatePair(3, 4, ("same name and company", "different profile URLs")),
        DuplicatePair(1, 2, ("same name", "different profile URLs")),
    ]


def test_every_reason_a_pair_has_is_given() -> None:
    people = [
        person(4, "Ann", "Lee", email="ann@acme.com", url="linkedin.com/in/ann-lee"),
        person(2, "Ann", "Lee", email="ann@acme.com", url="https://de.linkedin.com/in/ann-lee/"),
    ]
    assert possible_duplicates(people) == [
        DuplicatePair(2, 4, ("same email ann@acme.com", "same profile URL", "same name"))
    ]


def test_dismissed_pairs_are_left_out() -> None:
    people = [person(1, "Ann", "Lee"), person(2, "Ann", "Lee"), person(3, "Ann", "Lee")]
    pairs = possible_duplicates(people, dismissed={(1, 2)})
    assert [(p.a_id, p.b_id) for p in pairs] == [(1, 3), (2, 3)]


def test_a_crowd_on_one_key_pairs_nobody_but_a_company_still_does() -> None:
    """ "LinkedIn Member" on 20 hidden profiles is no identity; two of them at one company are
    still a likely pair."""
    people = [person(n, "LinkedIn", "Member") for n in range(1, CROWD + 2)]
    people += [
        person(50, "LinkedIn", "Member", company="Acme"),
        person(51, "LinkedIn", "Member", company="Acme"),
    ]
    assert [(p.a_id, p.b_id) for p in possible_duplicates(people)] == [(50, 51)]


def test_a_first_name_alone_is_no_name_key() -> None:
    assert possible_duplicates([person(1, "Ann", ""), person(2, "", "Ann")]) == []


def test_thirty_thousand_contacts_in_one_pass() -> None:
    """All pairs of 30k would be 450 million comparisons; grouping finds the two planted."""
    people = [
        person(n, f"First{n}", f"Last{n}", email=f"p{n}@example.com", company=f"Co {n % 97}")
        for n in range(1, 30_001)
    ]
    people.append(person(30_001, "First17", "Last17"))
    people.append(person(30_002, "Zed", "Quill", email="P29999@example.com"))
    assert [(p.a_id, p.b_id) for p in possible_duplicates(people)] == [
        (29_999, 30_002),
        (17, 30_001),
    ]


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/Ann-Lee/?trk=x", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in", ""),
        ("   ", ""),
    ],
)
def test_profile_key(url: str, key: str) -> None:
    assert profile_key(url) == key


def test_email_key() -> None:
    assert email_key(" Ann@Acme.COM ") == "ann@acme.com"
    assert email_key("none") == ""


def test_names_match_without_accents_punctuation_or_a_suffix() -> None:
    people = [
        person(1, "Zoë", "Ångström-Lind"),
        person(2, "zoe", "angstrom lind, PhD"),
        person(3, "Jean-Luc", "O'Neil"),
        person(4, "Jean Luc", "O Neil (he/him)"),
    ]
    assert [(p.a_id, p.b_id) for p in possible_duplicates(people)] == [(1, 2), (3, 4)]
