"""ContactIndex.ranked: the person pickers' order, best match first, kept right after edits."""

from __future__ import annotations

import dataclasses

import pytest

from netdesk.domain.contact_index import ContactIndex
from netdesk.domain.models import Contact

PEOPLE = [
    Contact(id=1, first_name="Fatima", last_name="Dlamini", position="Procurement Lead"),
    Contact(id=2, first_name="Fatima", last_name="Rossi", company="Meridian"),
    Contact(id=3, first_name="Anna", last_name="Fatimova", company="Rossmann"),
    Contact(id=4, first_name="Ann", last_name="Lee", company="Acme", tags=["robotics"]),
    Contact(id=5, first_name="Anne", last_name="O'Brien", company="Roche"),
    Contact(id=6, first_name="Joanna", last_name="Berg", email="ann@example.com"),
    Contact(id=7, first_name="Lee", last_name="Annabel", position="Annual reports"),
    Contact(id=8, first_name="Jean-Luc", last_name="Roux", company="Fatima Foods"),
]


def names(index: ContactIndex, query: str, limit: int = 10, **kwargs: object) -> list[str]:
    found = index.contacts(index.ranked(query, limit, **kwargs))  # type: ignore[arg-type]
    return [c.name for c in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Name begun word for word first; Dlamini only has "ro" inside "Procurement".
        ("fatima ro", ["Fatima Rossi", "Jean-Luc Roux", "Fatima Dlamini"]),
        # A whole name word first, then names that begin with it, then a match inside a
        # word or in the email.
        (
            "ann",
            ["Ann Lee", "Anna Fatimova", "Anne O'Brien", "Lee Annabel", "Joanna Berg"],
        ),
        # The query in the name's order, then the same words in any order.
        ("lee ann", ["Lee Annabel", "Ann Lee"]),
        (
            "ro",
            [
                "Fatima Rossi",
                "Jean-Luc Roux",
                "Anna Fatimova",
                "Anne O'Brien",
                "Ann Lee",
                "Fatima Dlamini",
            ],
        ),
        # Punctuation ends a word: "luc" begins Jean-Luc, "o'b" begins O'Brien.
        ("luc", ["Jean-Luc Roux"]),
        ("o'b", ["Anne O'Brien"]),
    ],
)
def test_ranked_order(query: str, expected: list[str]) -> None:
    assert names(ContactIndex(PEOPLE), query) == expected


def test_ranked_matches_exactly_what_filter_matches() -> None:
    """Ranking reorders; it never adds or drops anyone the filter finds."""
    index = ContactIndex(PEOPLE)
    for query in ("", "a", "an", "fatima", "ro", "o'b", "lee ann", "zz", "example"):
        assert sorted(index.ranked(query, 100)) == sorted(index.filter(query)), query


def test_ranked_honours_limit_and_exclude() -> None:
    index = ContactIndex(PEOPLE)
    assert names(index, "fatima", limit=1) == ["Fatima Dlamini"]
    assert names(index, "fatima ro", exclude={2}) == ["Jean-Luc Roux", "Fatima Dlamini"]
    assert names(index, "", limit=3) == ["Ann Lee", "Anna Fatimova", "Anne O'Brien"]


def test_ranked_follows_edits_after_it_was_prepared() -> None:
    """add, update and remove keep the prepared ranking strings in step with the contacts."""
    index = ContactIndex(PEOPLE)
    assert names(index, "fatima ro") == ["Fatima Rossi", "Jean-Luc Roux", "Fatima Dlamini"]
    index.update(dataclasses.replace(PEOPLE[0], last_name="Romero"))
    index.remove(2)
    index.add(Contact(id=9, first_name="Fatima", last_name="Roberts", position="CTO"))
    assert names(index, "fatima ro") == ["Fatima Roberts", "Fatima Romero", "Jean-Luc Roux"]
