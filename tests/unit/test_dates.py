from datetime import date, datetime

import pytest

from netdesk.domain.dates import (
    DAY_EXAMPLES,
    PAST_EXAMPLES,
    WHEN_EXAMPLES,
    DateParseError,
    ago,
    format_day,
    format_when,
    parse_day,
    parse_past_day,
    parse_when,
    relative_day,
)

NOW = datetime(2026, 11, 27, 10, 0)
"""A Friday morning."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", datetime(2026, 11, 27, 9, 0)),
        ("tomorrow", datetime(2026, 11, 28, 9, 0)),
        ("tomorrow 3pm", datetime(2026, 11, 28, 15, 0)),
        ("Tomorrow at 3 PM", datetime(2026, 11, 28, 15, 0)),
        ("tue", datetime(2026, 12, 1, 9, 0)),
        ("tuesday 3pm", datetime(2026, 12, 1, 15, 0)),
        ("  TUE   10:30 ", datetime(2026, 12, 1, 10, 30)),
        ("fri", datetime(2026, 12, 4, 9, 0)),
        ("fri 3pm", datetime(2026, 11, 27, 15, 0)),
        ("fri 9am", datetime(2026, 12, 4, 9, 0)),
        ("3pm", datetime(2026, 11, 27, 15, 0)),
        ("at 3pm", datetime(2026, 11, 27, 15, 0)),
        ("9am", datetime(2026, 11, 28, 9, 0)),
        ("10:00", datetime(2026, 11, 28, 10, 0)),
        ("12pm", datetime(2026, 11, 27, 12, 0)),
        ("2026-12-01 09:30", datetime(2026, 12, 1, 9, 30)),
        ("2026-12-01", datetime(2026, 12, 1, 9, 0)),
        ("1 dec", datetime(2026, 12, 1, 9, 0)),
        ("1st December", datetime(2026, 12, 1, 9, 0)),
        ("dec 1 10:30", datetime(2026, 12, 1, 10, 30)),
        ("dec 1 at 3pm", datetime(2026, 12, 1, 15, 0)),
        ("1 nov", datetime(2027, 11, 1, 9, 0)),
        ("1 nov 2026", datetime(2026, 11, 1, 9, 0)),
        ("sept 3, 2027", datetime(2027, 9, 3, 9, 0)),
        ("2028-02-29", datetime(2028, 2, 29, 9, 0)),
        ("in 3 days", datetime(2026, 11, 30, 9, 0)),
        ("in 2 weeks", datetime(2026, 12, 11, 9, 0)),
        ("in 1 month", datetime(2026, 12, 27, 9, 0)),
        ("in a week", datetime(2026, 12, 4, 9, 0)),
        ("in 2 weeks 4pm", datetime(2026, 12, 11, 16, 0)),
        ("next week", datetime(2026, 11, 30, 9, 0)),
        # Issue 13: what people type.
        ("next tue 3pm", datetime(2026, 12, 1, 15, 0)),
        ("tomorrow noon", datetime(2026, 11, 28, 12, 0)),
        ("in 2 weeks at 10", datetime(2026, 12, 11, 10, 0)),
        ("14:30 thu", datetime(2026, 12, 3, 14, 30)),
        ("fri 9.30", datetime(2026, 12, 4, 9, 30)),
        ("fri 10.30", datetime(2026, 11, 27, 10, 30)),
        ("next friday", datetime(2026, 12, 4, 9, 0)),
        ("in two weeks", datetime(2026, 12, 11, 9, 0)),
        ("tomorrow at 15", datetime(2026, 11, 28, 15, 0)),
        ("3 pm tomorrow", datetime(2026, 11, 28, 15, 0)),
        ("tomorrow midnight", datetime(2026, 11, 28, 0, 0)),
        ("1st of december", datetime(2026, 12, 1, 9, 0)),
    ],
)
def test_parse_when_phrases(text: str, expected: datetime) -> None:
    """Each supported phrase resolves to one exact datetime relative to a Friday 10:00."""
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "asdf",
        "32 dec",
        "31 feb",
        "0 dec",
        "1 dec 10",
        "12/01/2026",
        "dec",
        "2027",
        "13pm",
        "25:00",
        "at",
        "2026-13-01",
        "2026-02-30",
        "monday morning",
        "at 3",
        "tomorrow 3",
        "10",
        "3pm 4pm",
        "12/3",
        "12/3/26",
        "mar 2027",
    ],
)
def test_parse_when_refuses_to_guess(text: str) -> None:
    """Garbage, ambiguous or impossible phrases raise instead of becoming some date."""
    with pytest.raises(DateParseError):
        parse_when(text, NOW)


def test_parse_error_names_the_field_and_shows_every_example() -> None:
    """The message names the field and the phrase, then lists the examples in full."""
    with pytest.raises(DateParseError) as caught:
        parse_when("asdf", NOW, field="Call time")
    assert str(caught.value) == (
        f"Call time: could not read 'asdf' as a date. Try one of: {WHEN_EXAMPLES}."
    )
    with pytest.raises(DateParseError) as caught:
        parse_day("soon", NOW.date(), field="Snooze until")
    assert str(caught.value) == (
        f"Snooze until: could not read 'soon' as a date. Try one of: {DAY_EXAMPLES}."
    )
    with pytest.raises(DateParseError) as caught:
        parse_past_day("ages ago", NOW.date())
    assert str(caught.value) == (
        f"Met on: could not read 'ages ago' as a date. Try one of: {PAST_EXAMPLES}."
    )


@pytest.mark.parametrize(
    "examples", [WHEN_EXAMPLES, DAY_EXAMPLES, PAST_EXAMPLES], ids=["when", "day", "past"]
)
def test_every_example_shown_parses(examples: str) -> None:
    """An example the error suggests must itself be accepted, whatever the date order."""
    for example in examples.split(", "):
        for day_first in (True, False, None):
            if examples is WHEN_EXAMPLES:
                parse_when(example, NOW, day_first=day_first)
            elif examples is DAY_EXAMPLES:
                parse_day(example, NOW.date(), day_first=day_first)
            else:
                parse_past_day(example, NOW.date(), day_first=day_first)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("12/3", True, date(2027, 3, 12)),
        ("12/3", False, date(2026, 12, 3)),
        ("25/12", None, date(2026, 12, 25)),
        ("12/25", None, date(2026, 12, 25)),
        ("3/3", None, date(2027, 3, 3)),
        ("12/3/2027", True, date(2027, 3, 12)),
    ],
)
def test_numeric_dates_follow_the_date_order(
    text: str, day_first: bool | None, expected: date
) -> None:
    """`12/3` is read in the order from the locale or the settings; unambiguous ones always."""
    assert parse_day(text, NOW.date(), day_first=day_first) == expected


def test_numeric_date_against_the_order_is_refused() -> None:
    """With month-first dates, 25/12 is no date: nothing is silently turned round."""
    with pytest.raises(DateParseError, match="25 is not a month"):
        parse_day("12/25", NOW.date(), day_first=True)


def test_ambiguous_numeric_date_without_an_order_says_both_readings() -> None:
    with pytest.raises(DateParseError, match=r"Is 12/3 12 Mar or 3 Dec\? Write 12 mar or 3 dec"):
        parse_day("12/3", NOW.date(), field="Snooze until")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mar 2019", date(2019, 3, 1)),
        ("March 2019", date(2019, 3, 1)),
        ("2019", date(2019, 1, 1)),
        ("14 mar 2019", date(2019, 3, 14)),
        ("2019-03-14", date(2019, 3, 14)),
        ("1 dec", date(2025, 12, 1)),
        ("3 years ago", date(2023, 11, 27)),
        ("last tue", date(2026, 11, 24)),
        ("tue", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 26)),
        ("today", date(2026, 11, 27)),
        ("Fri 27 Nov 2026", date(2026, 11, 27)),
    ],
)
def test_parse_past_day(text: str, expected: date) -> None:
    """When you met points back in time, and a month or a year alone is enough."""
    assert parse_past_day(text, NOW.date()) == expected


def test_parse_past_day_refuses_the_future() -> None:
    with pytest.raises(DateParseError, match=r"^Met on: Sat 28 Nov 2026 is in the future\.$"):
        parse_past_day("tomorrow", NOW.date())


def test_held_calls_read_backwards() -> None:
    """A held call's `tue 3pm` is last Tuesday, and `9am` this morning."""
    assert parse_when("tue 3pm", NOW, future=False) == datetime(2026, 11, 24, 15, 0)
    assert parse_when("9am", NOW, future=False) == datetime(2026, 11, 27, 9, 0)
    assert parse_when("fri 9am", NOW, future=False) == datetime(2026, 11, 27, 9, 0)


def test_in_one_month_clips_to_month_end() -> None:
    """'in 1 month' from 31 Jan is the last day of February (relativedelta), not 3 March."""
    assert parse_when("in 1 month", datetime(2027, 1, 31, 8, 0)) == datetime(2027, 2, 28, 9, 0)


def test_next_week_on_a_monday_is_the_following_monday() -> None:
    """'next week' never means today."""
    assert parse_when("next week", datetime(2026, 11, 30, 8, 0)) == datetime(2026, 12, 7, 9, 0)


def test_weekday_today_with_time_still_ahead_is_today() -> None:
    """On a Friday at 08:00, 'fri 9am' is in an hour, not next week."""
    assert parse_when("fri 9am", datetime(2026, 11, 27, 8, 0)) == datetime(2026, 11, 27, 9, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 27)),
        ("3pm", date(2026, 11, 27)),
        ("fri", date(2026, 12, 4)),
        ("mon", date(2026, 11, 30)),
        ("in 2 weeks", date(2026, 12, 11)),
        ("1 dec", date(2026, 12, 1)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    """parse_day takes the same phrases and returns the date only."""
    assert parse_day(text, date(2026, 11, 27)) == expected


def test_parse_day_refuses_garbage() -> None:
    """parse_day raises the same error as parse_when."""
    with pytest.raises(DateParseError):
        parse_day("soon", date(2026, 11, 27))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), "Fri 27 Nov 2026"),
        (date(2026, 12, 1), "Tue 1 Dec 2026"),
        (date(2027, 1, 3), "Sun 3 Jan 2027"),
    ],
)
def test_format_day(day: date, expected: str) -> None:
    """Weekday, unpadded day, month abbreviation, year; independent of locale."""
    assert format_day(day) == expected


def test_format_when() -> None:
    """format_when adds a 24-hour time."""
    assert format_when(datetime(2026, 11, 27, 15, 0)) == "Fri 27 Nov 2026 15:00"
    assert format_when(datetime(2026, 12, 1, 9, 5)) == "Tue 1 Dec 2026 09:05"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), "today"),
        (date(2026, 11, 28), "tomorrow"),
        (date(2026, 11, 26), "yesterday"),
        (date(2026, 11, 30), "in 3 days"),
        (date(2026, 11, 22), "5 days ago"),
        (date(2026, 12, 10), "in 13 days"),
        (date(2026, 12, 11), "in 2 weeks"),
        (date(2026, 12, 17), "in 2 weeks"),
        (date(2026, 11, 6), "3 weeks ago"),
        (date(2027, 1, 26), "in 8 weeks"),
        (date(2027, 1, 27), "in 2 months"),
        (date(2026, 8, 27), "3 months ago"),
        (date(2027, 11, 26), "in 11 months"),
        (date(2027, 11, 27), "in 1 year"),
        (date(2024, 9, 1), "2 years ago"),
    ],
)
def test_relative_day(day: date, expected: str) -> None:
    """Days under two weeks, weeks under two months, then months, then years."""
    assert relative_day(day, date(2026, 11, 27)) == expected


@pytest.mark.parametrize(
    "when",
    [datetime(2026, 12, 23, 15, 0), datetime(2027, 2, 1, 9, 0), datetime(2026, 11, 24, 8, 5)],
)
def test_what_netdesk_prints_can_be_typed_back(when: datetime) -> None:
    """format_when/format_day output parses to the same moment, so prefilled fields just work."""
    now = datetime(2026, 11, 23, 9, 30)
    assert parse_when(format_when(when), now) == when
    assert parse_day(format_day(when.date()), now.date()) == when.date()
    assert parse_past_day(format_day(now.date()), now.date()) == now.date()
    assert parse_past_day(date(2019, 3, 14).isoformat(), now.date()) == date(2019, 3, 14)


def test_a_printed_date_with_the_wrong_weekday_is_refused() -> None:
    """'Tue 23 Dec 2026' is contradictory (it is a Wednesday), so nothing is guessed."""
    with pytest.raises(DateParseError, match="is a Wed, not a Tue"):
        parse_day("Tue 23 Dec 2026", date(2026, 11, 23))


def test_ago_is_the_day_of_a_moment_relative_to_today() -> None:
    today = date(2026, 11, 23)
    assert ago(datetime(2026, 11, 9, 18, 45), today) == "2 weeks ago"
    assert ago(datetime(2026, 11, 23, 8, 0), today) == "today"
    assert ago(None, today) == ""
