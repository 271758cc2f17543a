"""What a re-import notices (issue 16): job changes, their place in the queue, and when a
file is complete enough to mark the people it lacks as no longer connected."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from netdesk.domain.contact_index import NOT_CONNECTED, ContactIndex
from netdesk.domain.merge import merge_contacts
from netdesk.domain.models import (
    Call,
    Contact,
    JobChange,
    MessageKind,
    Settings,
    Stage,
    Template,
)
from netdesk.domain.queue import ItemKind, QueueItem, build_queue
from netdesk.domain.queue_actions import after_send, done
from netdesk.domain.reimport import (
    congratulated,
    congratulations_due,
    describe,
    job_change,
    news,
    not_complete,
)
from netdesk.domain.templates import with_builtins

TODAY = date(2026, 11, 27)
SETTINGS = Settings(daily_cap=5, follow_up_days=7)


def noticed(days_ago: int) -> datetime:
    return datetime(2026, 11, 27, 9, 0) - timedelta(days=days_ago)


def dana(**fields: object) -> Contact:
    values: dict[str, object] = {
        "id": 1,
        "first_name": "Dana",
        "last_name": "Okafor",
        "company": "Acme",
        "position": "Product Manager",
    }
    values.update(fields)
    return Contact(**values)  # type: ignore[arg-type]


MOVED = JobChange(
    at=noticed(3),
    company_was="Acme",
    position_was="Product Manager",
    company="Globex",
    position="Head of Product",
)


# --- detecting a job change ---------------------------------------------------------------


def test_a_new_company_and_position_is_a_job_change() -> None:
    change = job_change(dana(), "Globex", "Head of Product")
    assert change == JobChange(
        company_was="Acme",
        position_was="Product Manager",
        company="Globex",
        position="Head of Product",
    )
    assert describe(MOVED) == "Product Manager at Acme → Head of Product at Globex"


def test_a_new_position_alone_is_a_job_change() -> None:
    """A promotion within the company counts too; the company is carried over."""
    change = job_change(dana(), "", "Director of Product")
    assert change is not None
    assert (change.was, change.now) == ("Product Manager at Acme", "Director of Product at Acme")


@pytest.mark.parametrize(
    ("company", "position"),
    [
        ("Acme", "Product Manager"),  # the same job
        ("ACME", "product  manager"),  # case and spacing
        ("Acme.", "Product Manager"),  # punctuation
        ("", ""),  # nothing in the file: the stored job stays
    ],
)
def test_the_same_job_written_differently_is_no_change(company: str, position: str) -> None:
    assert job_change(dana(), company, position) is None


def test_filling_in_a_missing_job_is_no_change() -> None:
    """A profile completed (no company or position before) is not news."""
    assert job_change(dana(company="", position=""), "Globex", "Head of Product") is None
    assert job_change(dana(position=""), "Acme", "Head of Product") is None


def test_job_changes_are_news_for_ninety_days() -> None:
    old = JobChange(at=noticed(200), company="Initech")
    assert news(dana(job_changes=[old, MOVED]), TODAY) is MOVED
    assert news(dana(job_changes=[JobChange(at=noticed(90))]), TODAY) is not None
    assert news(dana(job_changes=[JobChange(at=noticed(91))]), TODAY) is None
    assert news(dana(job_changes=[MOVED, old]), TODAY) is None  # only the newest counts
    assert news(dana(), TODAY) is None


def test_a_note_after_the_change_closes_it() -> None:
    person = dana(job_changes=[JobChange(at=noticed(300)), MOVED])
    assert congratulations_due(person, TODAY) is MOVED
    changes = congratulated(person)
    written = JobChange(
        at=noticed(3),
        company_was="Acme",
        position_was="Product Manager",
        company="Globex",
        position="Head of Product",
        congratulated=True,
    )
    assert changes == {"job_changes": [JobChange(at=noticed(300)), written]}
    closed = dana(job_changes=changes["job_changes"])
    assert congratulations_due(closed, TODAY) is None
    assert congratulated(closed) == {}
    assert congratulated(dana()) == {}


# --- the queue ----------------------------------------------------------------------------


def held_call(contact_id: int) -> Call:
    when = datetime(2026, 6, 1, 10, 0)
    return Call(id=contact_id, contact_id=contact_id, scheduled_for=when, held_at=when)


def queue(contacts: list[Contact], calls: list[Call] = []) -> list[QueueItem]:  # noqa: B006
    return build_queue(contacts, calls, [], SETTINGS, TODAY, 0)


def test_someone_you_talked_to_who_changed_jobs_gets_a_congratulate_item() -> None:
    person = dana(stage=Stage.TALKED, last_contacted_on=date(2026, 6, 1), job_changes=[MOVED])
    (item,) = queue([person], [held_call(1)])
    assert item == QueueItem(
        ItemKind.CONGRATULATE,
        1,
        "Congratulate Dana on the new role: Head of Product at Globex"
        " (was Product Manager at Acme)",
        date(2026, 11, 24),
        -3,
    )
    assert ItemKind.CONGRATULATE.label == "New roles to congratulate"


def test_congratulations_come_before_keeping_in_touch() -> None:
    person = dana(
        stage=Stage.TALKED,
        keep_in_touch_days=30,
        last_contacted_on=date(2026, 6, 1),
        job_changes=[MOVED],
    )
    (item,) = queue([person], [held_call(1)])
    assert item.kind is ItemKind.CONGRATULATE


@pytest.mark.parametrize(
    "change",
    [
        JobChange(at=noticed(3), company="Globex", congratulated=True),
        JobChange(at=noticed(120), company="Globex"),
    ],
    ids=["written about", "old news"],
)
def test_no_congratulations_once_written_or_when_old(change: JobChange) -> None:
    person = dana(stage=Stage.TALKED, job_changes=[change])
    assert queue([person], [held_call(1)]) == []


def test_no_congratulations_while_snoozed_or_do_not_contact() -> None:
    snoozed = dana(stage=Stage.TALKED, job_changes=[MOVED], snoozed_until=date(2026, 12, 1))
    assert queue([snoozed], [held_call(1)]) == []
    refused = dana(stage=Stage.DO_NOT_CONTACT, job_changes=[MOVED])
    assert queue([refused], [held_call(1)]) == []


def test_never_talked_people_with_new_roles_rank_first_for_outreach_and_say_why() -> None:
    """Without a held call there is no congratulation; the news lifts new outreach."""
    plain = [
        Contact(id=n, first_name=f"P{n}", company="Acme", position="Engineer", closeness=2)
        for n in (2, 3)
    ]
    items = queue([*plain, dana(connected_on=date(2024, 11, 27), job_changes=[MOVED])])
    assert [(i.kind, i.contact_id) for i in items] == [
        (ItemKind.NEW_OUTREACH, 1),
        (ItemKind.NEW_OUTREACH, 2),
        (ItemKind.NEW_OUTREACH, 3),
    ]
    assert items[0].reason == (
        "New: new role 3 days ago: Head of Product at Globex; connected 2 years ago, never talked"
    )


def test_old_news_does_not_lift_outreach() -> None:
    plain = Contact(id=2, first_name="P2", company="Acme", position="Engineer", closeness=2)
    stale = dana(job_changes=[JobChange(at=noticed(91), company="Globex")])
    items = queue([stale, plain])
    assert [i.contact_id for i in items] == [2, 1]
    assert items[1].reason == "New: connected, never talked"


def test_people_no_longer_connected_get_no_new_outreach() -> None:
    gone = dana(disconnected_on=date(2026, 11, 1))
    assert queue([gone, dana(id=2)]) == [
        QueueItem(ItemKind.NEW_OUTREACH, 2, "New: connected, never talked", None, 1.0)
    ]


def test_sending_any_note_or_done_closes_the_news() -> None:
    person = dana(stage=Stage.TALKED, job_changes=[MOVED])
    sent = after_send(person, MessageKind.CONGRATULATIONS, SETTINGS, TODAY)
    assert sent["job_changes"][-1].congratulated
    thanks = after_send(person, MessageKind.THANKS, SETTINGS, TODAY)
    assert thanks["job_changes"][-1].congratulated
    marked = done(person, ItemKind.CONGRATULATE, SETTINGS, TODAY)
    assert marked == {"last_contacted_on": TODAY, "job_changes": sent["job_changes"]}


# --- is the file the whole list? --------------------------------------------------------


def test_a_complete_file_lets_the_missing_be_marked() -> None:
    assert not_complete(known=100, missing=10, rows=95, unreadable=0) is None
    assert not_complete(known=100, missing=3, rows=120, unreadable=1) is None
    assert not_complete(known=5, missing=2, rows=3, unreadable=0) is None  # a small network


def test_nobody_missing_needs_no_check() -> None:
    assert not_complete(known=100, missing=0, rows=10, unreadable=9) is None


def test_a_file_with_many_unreadable_rows_is_partial() -> None:
    assert not_complete(known=100, missing=3, rows=100, unreadable=2) == (
        "2 of its 100 rows could not be read"
    )


def test_a_file_lacking_many_known_people_is_partial() -> None:
    assert not_complete(known=100, missing=11, rows=89, unreadable=0) == (
        "it lacks 11 of the 100 connections imported before (an older or filtered copy?)"
    )
    assert not_complete(known=5, missing=3, rows=2, unreadable=0) is not None


# --- merging two records of one person ----------------------------------------------------


def test_a_merge_keeps_the_job_changes_of_both_in_order() -> None:
    older = JobChange(at=noticed(200), company="Initech")
    keep = dana(job_changes=[MOVED], disconnected_on=date(2026, 10, 1))
    other = dana(id=2, job_changes=[older])
    merged = merge_contacts(keep, other, {}).contact
    assert merged.job_changes == [older, MOVED]
    assert merged.disconnected_on is None  # the other record is still a connection


def test_a_merge_of_two_gone_records_is_gone_since_the_later_mark() -> None:
    keep = dana(disconnected_on=date(2026, 10, 1))
    other = dana(id=2, disconnected_on=date(2026, 11, 1))
    assert merge_contacts(keep, other, {}).contact.disconnected_on == date(2026, 11, 1)


# --- the contacts filter ------------------------------------------------------------------


def test_the_contacts_filter_finds_the_people_no_longer_connected() -> None:
    people = [
        dana(),
        dana(id=2, first_name="Ravi", disconnected_on=date(2026, 11, 1)),
        dana(id=3, first_name="Mei", stage=Stage.TALKED, disconnected_on=date(2026, 11, 1)),
    ]
    index = ContactIndex(people)
    assert index.filter("", network=NOT_CONNECTED) == [3, 2]  # by name
    assert index.filter("", stage=Stage.TALKED, network=NOT_CONNECTED) == [3]
    assert index.filter("ravi", network=NOT_CONNECTED) == [2]
    index.update(dana(id=2, first_name="Ravi"))  # back in a later import
    assert index.filter("", network=NOT_CONNECTED) == [3]


# --- the template -------------------------------------------------------------------------


def test_a_database_seeded_before_the_template_existed_still_gets_it() -> None:
    """Stored templates come first and win; a kind with none stored gets the built-in."""
    mine = Template(name="My outreach", kind=MessageKind.OUTREACH, body="Hi {first_name}", id=4)
    templates = with_builtins([mine])
    assert templates[0] is mine
    kinds = [t.kind for t in templates]
    assert kinds.count(MessageKind.OUTREACH) == 1
    (congrats,) = [t for t in templates if t.kind is MessageKind.CONGRATULATIONS]
    assert (congrats.name, congrats.id) == ("Congratulations on a new role", 0)
    assert "{position} at {company}. Congratulations!" in congrats.body
