"""A booked call's meeting link reaches the calendar: as its location and in its description."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from icalendar import Calendar

from netdesk.domain.models import Call, Contact, Medium
from netdesk.io.ics import calls_ics

ANN = Contact(first_name="Ann", last_name="Lee", url="https://www.linkedin.com/in/ann-lee", id=1)
NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture(autouse=True)
def berlin(local_zone: Callable[[str], None]) -> None:
    local_zone("Europe/Berlin")


def test_the_meeting_link_is_the_location_and_in_the_description() -> None:
    link = "https://meet.example/ann?room=a;b,c"
    call = Call(1, scheduled_for=datetime(2026, 11, 24, 15, 0), medium=Medium.VIDEO, link=link)
    data, _ = calls_ics([call], {1: ANN}, NOW)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["LOCATION"]) == link
    assert str(event["DESCRIPTION"]).splitlines() == [
        "15-minute video call with Ann Lee.",
        f"Join: {link}",
        "Profile: https://www.linkedin.com/in/ann-lee",
    ]
    assert str(event["URL"]) == "https://www.linkedin.com/in/ann-lee"


def test_a_call_without_a_link_has_no_location() -> None:
    data, _ = calls_ics([Call(1, scheduled_for=datetime(2026, 11, 24, 15, 0))], {1: ANN}, NOW)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert "LOCATION" not in event
    assert "Join:" not in str(event["DESCRIPTION"])
