"""Turning what people type into dates, and dates into what people read.

Scheduling phrases are checked against a small grammar before dateutil sees them: on its own
dateutil reads "32 dec" as 27 Dec 2032 and "1 dec 10" as 1 Dec 2010, and a wrong call date is
worse than a refusal. Numeric dates must be ISO (year first) because 3/4 and 4/3 both exist.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

DEFAULT_TIME = time(9, 0)
"""When a phrase names a day but no time: the start of a working morning."""

EXAMPLES = (
    "today, tomorrow 3pm, tue, fri 10:30, 3pm, in 3 days, in 2 weeks, in 1 month, "
    "next week, 1 dec, dec 1 10:30, 2026-12-01 09:30"
)

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAY_NAMES = {
    name: index
    for index, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}

_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d|(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s?[ap]m"
_SPLIT_TIME = re.compile(rf"(?:(?P<day>.+?)\s+)??(?:at\s+)?(?P<time>{_TIME})")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_OF_MONTH = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_ABSOLUTE = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|{_DAY_OF_MONTH}\s+{_MONTH}(?P<year1>\s+\d{{4}})?"
    rf"|{_MONTH}\s+{_DAY_OF_MONTH}(?P<year2>\s+\d{{4}})?"
)
_IN = re.compile(r"in\s+(?P<n>\d{1,3}|an?)\s+(?P<unit>day|week|month)s?")


CALL_YEARS = 10
"""A call is booked or logged at most this many years before or after now. Further out is a
typo, and `0001-01-01` or `9999-12-31` would overflow the calendar export's arithmetic."""
CALL_MINUTES = (1, 600)
"""The shortest and longest call, in minutes."""
STORED_CALL_YEARS = (1900, 2199)
"""The first and last year a stored call may be in. Fixed, not relative to now: a call logged
today must not make the file "damaged" when it turns CALL_YEARS old."""


class DateParseError(ValueError):
    """A phrase netdesk will not guess at; the message lists phrases that work."""


def check_call_time(when: datetime, now: datetime) -> datetime:
    """`when`, if it is within CALL_YEARS of `now`; DateParseError otherwise."""
    span = relativedelta(years=CALL_YEARS)
    if not now - span <= when <= now + span:
        raise DateParseError(
            f"{format_when(when)} is more than {CALL_YEARS} years from now; "
            f"a call is booked or logged within {CALL_YEARS} years of today."
        )
    return when


def parse_when(text: str, now: datetime) -> datetime:
    """The naive local datetime a scheduling phrase means, relative to `now`, for a call.

    Rules worth knowing: a bare time already past today means tomorrow; a weekday means its
    next occurrence, and today's own weekday means today only when a time still ahead is given
    (otherwise a week later); a day and month without a year already past means next year; a
    phrase without a time gets 09:00. A time more than CALL_YEARS away is refused.
    """
    return check_call_time(_parse_when(text, now), now)


def _parse_when(text: str, now: datetime) -> datetime:
    phrase = " ".join(text.lower().replace(",", " ").split())
    if not phrase:
        raise DateParseError(f"No date given. Try one of: {EXAMPLES}.")
    today = now.date()
    split = _SPLIT_TIME.fullmatch(phrase)
    if split and split["day"] is None:
        when = _at(today, split["time"])
        return when if when > now else _at(today + timedelta(days=1), split["time"])
    day_text, time_text = (split["day"], split["time"]) if split else (phrase, None)
    weekday, _, rest = day_text.partition(" ")
    if rest and weekday in _WEEKDAY_NAMES and _ABSOLUTE.fullmatch(rest):
        return _at(_named_day(weekday, rest, today, text), time_text)
    if day_text in _WEEKDAY_NAMES:
        ahead = (_WEEKDAY_NAMES[day_text] - today.weekday()) % 7
        if ahead == 0 and not (time_text and _at(today, time_text) > now):
            ahead = 7
        return _at(today + timedelta(days=ahead), time_text)
    return _at(_day(day_text, today, text), time_text)


def parse_day(text: str, today: date) -> date:
    """The date part of `parse_when`, for snoozes and follow-up dates."""
    return _parse_when(text, datetime.combine(today, time.min)).date()


def _named_day(weekday: str, day_text: str, today: date, original: str) -> date:
    """A date written as netdesk prints it ("Wed 23 Dec 2026"); the weekday must agree."""
    day = _day(day_text, today, original)
    if day.weekday() != _WEEKDAY_NAMES[weekday]:
        raise DateParseError(
            f"{original.strip()!r}: {format_day(day)} is a {_WEEKDAYS[day.weekday()]}, "
            f"not a {_WEEKDAYS[_WEEKDAY_NAMES[weekday]]}."
        )
    return day


def _parse(text: str, default: datetime) -> datetime:
    """dateutil's parser, imported on first use: it costs start-up tens of milliseconds."""
    from dateutil import parser

    return parser.parse(text, default=default)


def _day(day_text: str, today: date, original: str) -> date:
    """The date named by a day phrase that is not a weekday."""
    if day_text == "today":
        return today
    if day_text == "tomorrow":
        return today + timedelta(days=1)
    if day_text == "next week":
        return today + timedelta(days=7 - today.weekday())
    relative = _IN.fullmatch(day_text)
    if relative:
        count = 1 if relative["n"] in ("a", "an") else int(relative["n"])
        return today + relativedelta(**{relative["unit"] + "s": count})
    absolute = _ABSOLUTE.fullmatch(day_text)
    if not absolute:
        raise DateParseError(
            f"Could not understand {original.strip()!r} as a date. Try one of: {EXAMPLES}."
        )
    try:
        day = _parse(day_text, datetime.combine(today, DEFAULT_TIME))
    except (ValueError, OverflowError) as error:
        raise DateParseError(f"{original.strip()!r} is not a real date ({error}).") from error
    has_year = "-" in day_text or absolute["year1"] or absolute["year2"]
    if not has_year and day.date() < today:
        return day.date() + relativedelta(years=1)
    return day.date()


def _at(day: date, time_text: str | None) -> datetime:
    """`day` at the typed time, or at the default time when none was typed."""
    if time_text is None:
        return datetime.combine(day, DEFAULT_TIME)
    return _parse(time_text, datetime.combine(day, time.min))


def format_day(d: date) -> str:
    """'Fri 27 Nov 2026', spelled the same whatever the machine's locale."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_when(dt: datetime) -> str:
    """'Fri 27 Nov 2026 15:00'."""
    return f"{format_day(dt.date())} {dt:%H:%M}"


def plural(count: int, unit: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _whole_months(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later`; plain arithmetic, as the queue formats many."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def relative_day(d: date, today: date) -> str:
    """How far `d` is from today in the unit a person would use: days, weeks, months, years."""
    days = (d - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    span = abs(days)
    if span < 14:
        amount = plural(span, "day")
    elif span < 61:
        amount = plural(span // 7, "week")
    else:
        months = _whole_months(min(d, today), max(d, today))
        amount = plural(months, "month") if months < 12 else plural(months // 12, "year")
    return f"in {amount}" if days > 0 else f"{amount} ago"
