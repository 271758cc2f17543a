"""date_phrases finds what format_day, format_when and relative_day write, so a screen can
keep each on one line."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netdesk.domain.dates import date_phrases, format_day, format_when, relative_day

TODAY = date(2026, 11, 23)


def phrases(text: str) -> list[str]:
    return [text[start:end] for start, end in date_phrases(text)]


@pytest.mark.parametrize("offset", [-400, -45, -12, -1, 0, 1, 9, 30, 800])
def test_a_day_with_its_distance_is_one_phrase(offset: int) -> None:
    day = date.fromordinal(TODAY.toordinal() + offset)
    phrase = f"{format_day(day)} ({relative_day(day, TODAY)})"
    assert phrases(f"Next {phrase}   Stage new") == [phrase]


def test_times_and_distances_in_words() -> None:
    when = format_when(datetime(2026, 12, 1, 15, 0))
    assert phrases(f"Call was due {when}: log it") == [when]
    text = "Keep in touch every 30 days: last contact 56 days ago, for 17 days, in 2 weeks"
    assert phrases(text) == ["every 30 days", "56 days ago", "for 17 days", "in 2 weeks"]


def test_names_and_numbers_that_are_not_dates() -> None:
    assert phrases("Wed Lee met 12 people at Mon Cafe") == []
