"""Calendar export: one event per scheduled call, in UTC, that calendars read back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from netdesk.domain.models import Call, Contact, Medium
from netdesk.io.contentline import stable_uid
from netdesk.io.ics import PRODID, call_filename, calls_ics

ANN = Contact(
    first_name="Ann",
    last_name="Lee",
    company="Acme Robotics",
    position="Head of Platform",
    url="https://www.linkedin.com/in/ann-lee",
    id=1,
)
ZOE = Contact(first_name="Zoë", last_name="Ødegård; Nakamura, 中村", id=2)
PEOPLE = {1: ANN, 2: ZOE}
NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture(autouse=True)
def berlin(local_zone: Callable[[str], None]) -> None:
    local_zone("Europe/Berlin")


def calendar(calls: list[Call]) -> tuple[str, Calendar]:
    data, _ = calls_ics(calls, PEOPLE, NOW)
    return data, Calendar.from_ical(data)


def test_events_in_utc_across_daylight_saving() -> None:
    winter = Call(1, scheduled_for=datetime(2026, 11, 24, 15, 0), id=10)
    summer = Call(2, scheduled_for=datetime(2026, 7, 1, 15, 0), minutes=30, id=11)

    _, parsed = calendar([winter, summer])
    events = parsed.walk("VEVENT")

    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        (datetime(2026, 11, 24, 14, 0, tzinfo=UTC), datetime(2026, 11, 24, 14, 15, tzinfo=UTC)),
        (datetime(2026, 7, 1, 13, 0, tzinfo=UTC), datetime(2026, 7, 1, 13, 30, tzinfo=UTC)),
    ]
    assert {e.decoded("DTSTAMP") for e in events} == {datetime(2026, 11, 23, 8, 30, tzinfo=UTC)}
    assert [str(e["UID"]) for e in events] == [stable_uid("call", 10), stable_uid("call", 11)]
    assert (str(parsed["VERSION"]), str(parsed["PRODID"])) == ("2.0", PRODID)


def test_summary_and_description_survive_escaping_and_folding() -> None:
    call = Call(
        2,
        scheduled_for=datetime(2026, 11, 24, 9, 0),
        medium=Medium.IN_PERSON,
        minutes=0,
        notes="Bring the deck; ask about Q3, \\budget\\.\nSecond line 🎉",
        id=3,
    )

    data, parsed = calendar([call])
    (event,) = parsed.walk("VEVENT")

    assert str(event["SUMMARY"]) == "Call with Zoë Ødegård; Nakamura, 中村"
    assert str(event["DESCRIPTION"]) == (
        "15-minute in person call with Zoë Ødegård; Nakamura, 中村.\n\n" + call.notes
    )
    assert event.decoded("DTEND") == datetime(2026, 11, 24, 8, 15, tzinfo=UTC)
    assert "URL" not in event
    lines = data.split("\r\n")
    assert lines[-1] == ""
    assert all("\n" not in line and len(line.encode()) <= 75 for line in lines)


def test_profile_and_headline_go_into_the_event() -> None:
    call = Call(1, scheduled_for=datetime(2026, 11, 24, 15, 0), medium=Medium.VIDEO, id=4)

    _, parsed = calendar([call])
    (event,) = parsed.walk("VEVENT")

    assert str(event["DESCRIPTION"]) == (
        "15-minute video call with Ann Lee, Head of Platform at Acme Robotics.\n"
        "Profile: https://www.linkedin.com/in/ann-lee"
    )
    assert str(event["URL"]) == ANN.url


def test_only_calls_with_a_time_become_events_and_uids_stay_put() -> None:
    booked = Call(1, scheduled_for=datetime(2026, 11, 24, 15, 0), id=5)
    held = Call(
        1, scheduled_for=datetime(2026, 11, 2, 10, 0), held_at=datetime(2026, 11, 2, 10, 5), id=6
    )
    logged_only = Call(1, held_at=datetime(2026, 11, 1, 12, 0), id=7)
    deleted_person = Call(99, scheduled_for=datetime(2026, 11, 25, 9, 0), id=8)

    data, count = calls_ics([booked, held, logged_only, deleted_person], PEOPLE, NOW)
    again, _ = calls_ics([booked, held, logged_only, deleted_person], PEOPLE, NOW)
    events = Calendar.from_ical(data).walk("VEVENT")

    assert count == 3
    assert data == again
    assert [str(e["UID"]) for e in events] == [stable_uid("call", n) for n in (5, 6, 8)]
    assert str(events[2]["SUMMARY"]) == "Call with contact #99"


def test_an_empty_calendar_is_still_valid() -> None:
    data, count = calls_ics([], PEOPLE, NOW)

    assert count == 0
    assert Calendar.from_ical(data).walk("VEVENT") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ann Lee", "call-ann-lee-2026-11-24.ics"),
        ("Zoë O'Brien/../x", "call-zoe-o-brien-x-2026-11-24.ics"),
        ("Jane Doe, PhD (she/her)", "call-jane-doe-2026-11-24.ics"),
        ("", "call-contact-2026-11-24.ics"),
    ],
)
def test_file_names_are_safe(name: str, expected: str) -> None:
    assert call_filename(name, datetime(2026, 11, 24, 15, 0)) == expected
