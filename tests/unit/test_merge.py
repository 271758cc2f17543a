"""Merging two records of one person: what is taken, what is asked, and how lists combine."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netdesk.domain.merge import conflicts, join_text, merge_contacts, merge_introducers
from netdesk.domain.models import Contact, Introducer, Stage

ANN = Contact(
    "Ann",
    "Lee",
    email="ann@acme.com",
    company="Acme",
    tags=["alumni", "climbing"],
    closeness=3,
    notes="Met at the Rotterdam conference.",
    stage=Stage.CONTACTED,
    next_action_on=date(2026, 12, 10),
    last_contacted_on=date(2026, 12, 3),
    created_at=datetime(2024, 5, 1, 9, 0),
    id=3,
)
ANN_AGAIN = Contact(
    "Ann",
    "Lee",
    email="ann.lee@globex.com",
    company="Acme",
    position="Head of Product",
    url="https://www.linkedin.com/in/ann-lee",
    connected_on=date(2019, 3, 14),
    tags=["climbing", "cfo-intro"],
    closeness=0,
    notes="Prefers calls before 10am.",
    stage=Stage.NEW,
    last_contacted_on=date(2025, 1, 2),
    created_at=datetime(2023, 2, 1, 9, 0),
    id=7,
)


def test_only_fields_both_filled_differently_are_asked() -> None:
    """Email differs; the company is the same; position, URL and date exist on one side only;
    closeness 0 means unknown, so 3 is not in doubt."""
    assert conflicts(ANN, ANN_AGAIN) == ["email"]


def test_one_sided_values_are_taken_and_the_kept_id_stays() -> None:
    merged = merge_contacts(ANN, ANN_AGAIN, {})
    c = merged.contact
    assert c.id == 3
    assert (c.email, c.position, c.url, c.connected_on, c.closeness) == (
        "ann@acme.com",  # not chosen: keep's
        "Head of Product",
        "https://www.linkedin.com/in/ann-lee",
        date(2019, 3, 14),
        3,
    )
    assert merged.conflicts == ("email",)
    assert merged.from_other == ("position", "url", "connected_on")


def test_a_choice_takes_the_other_value() -> None:
    merged = merge_contacts(ANN, ANN_AGAIN, {"email": "other"})
    assert merged.contact.email == "ann.lee@globex.com"
    assert "email" in merged.from_other


def test_tags_are_unioned_notes_joined_and_dates_combined() -> None:
    c = merge_contacts(ANN, ANN_AGAIN, {}).contact
    assert c.tags == ["alumni", "climbing", "cfo-intro"]
    assert c.notes == "Met at the Rotterdam conference.\n\nPrefers calls before 10am."
    assert c.last_contacted_on == date(2026, 12, 3)  # the later
    assert c.created_at == datetime(2023, 2, 1, 9, 0)  # the earlier


def test_routine_state_comes_whole_from_the_person_further_along() -> None:
    """Keep is only contacted; the other has talked: stage and its dates are the other's."""
    talked = Contact(
        "Ann", "Lee", stage=Stage.TALKED, next_action_on=date(2027, 1, 5), snoozed_until=None
    )
    c = merge_contacts(ANN, talked, {}).contact
    assert (c.stage, c.next_action_on) == (Stage.TALKED, date(2027, 1, 5))
    c = merge_contacts(talked, ANN, {}).contact
    assert (c.stage, c.next_action_on) == (Stage.TALKED, date(2027, 1, 5))


def test_do_not_contact_on_either_side_wins() -> None:
    dnc = Contact("Ann", "Lee", stage=Stage.DO_NOT_CONTACT)
    talked = Contact("Ann", "Lee", stage=Stage.TALKED)
    assert merge_contacts(talked, dnc, {}).contact.stage is Stage.DO_NOT_CONTACT


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"company": "other"}, "Company is not a field where the two differ"),
        ({"email": "theirs"}, "choose 'keep' or 'other' for Email, not 'theirs'"),
    ],
)
def test_a_choice_that_is_not_one_is_refused(choices: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        merge_contacts(ANN, ANN_AGAIN, choices)


def test_whitespace_alone_is_no_difference() -> None:
    assert conflicts(Contact("Ann ", "Lee"), Contact("Ann", " Lee")) == []


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("a note", "", "a note"),
        ("", "a note", "a note"),
        ("same", "same", "same"),
        ("long note with more", "note", "long note with more"),
        ("one", "two", "one\n\ntwo"),
    ],
)
def test_join_text(first: str, second: str, joined: str) -> None:
    assert join_text(first, second) == joined


def test_introducers_fold_into_one_entry_keeping_the_ask() -> None:
    asked = datetime(2026, 11, 2, 10, 0)
    introducers = [
        Introducer(3, you_know=3, they_know=1, note="worked together"),
        Introducer(9, you_know=2, they_know=2),
        Introducer(7, you_know=1, they_know=4, note="her old boss", asked_at=asked),
    ]
    merged = merge_introducers(introducers, keep_id=3, other_id=7)
    assert merged == [
        Introducer(
            3, you_know=1, they_know=4, note="worked together\n\nher old boss", asked_at=asked
        ),
        Introducer(9, you_know=2, they_know=2),
    ]


def test_an_introducer_list_without_the_other_is_unchanged() -> None:
    introducers = [Introducer(3, 2, 2), Introducer(9, 1, 1)]
    assert merge_introducers(introducers, keep_id=3, other_id=7) == introducers
    assert merge_introducers([Introducer(7, 2, 2)], 3, 7) == [Introducer(3, 2, 2)]
