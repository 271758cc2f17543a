"""Turning what people type into dates, and dates into what people read.

Every date field (a call's time, a snooze, a follow-up, when you met) reads through
`date_reader`, so one phrase means the same everywhere. netdesk's own rules sit on top: a
phrase points to the future when scheduling and to the past for when you met, a day without a
time is 09:00, a weekday means its next (or last) occurrence, and nothing is guessed: a phrase
that could mean two things is refused with what to write instead. What netdesk prints
(`format_day`, `format_when`) always reads back as the same moment.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the reader loads when a date is first typed, not at start-up
    from netdesk.domain.date_reader import Reading

DEFAULT_TIME = time(9, 0)
"""When a phrase names a day but no time: the start of a working morning."""

WHEN_EXAMPLES = (
    "tomorrow noon, tue 3pm, next tue 3pm, fri 9.30, 14:30 thu, in 2 weeks at 10, "
    "1 dec 15:00, 2026-12-01 09:30"
)
"""Phrases for a moment (a call); shown in full when a phrase cannot be read."""
DAY_EXAMPLES = "tomorrow, mon, next tue, in 2 weeks, in 1 month, 1 dec, 2026-12-01"
"""Phrases for a day ahead (a snooze, a follow-up)."""
PAST_EXAMPLES = "mar 2019, 2019, 14 mar 2019, 2019-03-14, 3 years ago, last tue"
"""Phrases for a day gone by (when you met); a month or a year alone is enough."""

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    from dateutil.relativedelta import relativedelta

    span = relativedelta(years=CALL_YEARS)
    if not now - span <= when <= now + span:
        raise DateParseError(
            f"{format_when(when)} is more than {CALL_YEARS} years from now; "
            f"a call is booked or logged within {CALL_YEARS} years of today."
        )
    return when


def parse_when(
    text: str,
    now: datetime,
    *,
    field: str = "When",
    day_first: bool | None = None,
    future: bool = True,
) -> datetime:
    """The naive local datetime a phrase means, relative to `now`, for a call.

    Rules worth knowing: a bare time already past today means tomorrow (yesterday when
    `future` is False, for a call already held); a weekday means its next occurrence, and
    today's own weekday means today only when a time still ahead is given (otherwise a week
    later); a day and month without a year already past means next year; a phrase without a
    time gets 09:00. A time more than CALL_YEARS away is refused.
    """
    reading = _read(text, now.date(), field, WHEN_EXAMPLES, future=future, day_first=day_first)
    if reading.vague:
        raise DateParseError(_no_day(field, text, WHEN_EXAMPLES))
    return check_call_time(_moment(reading, now, future), now)


def parse_day(
    text: str,
    today: date,
    *,
    field: str = "Date",
    day_first: bool | None = None,
    future: bool = True,
) -> date:
    """The day a phrase means, for snoozes and follow-up dates (any time typed is ignored)."""
    reading = _read(text, today, field, DAY_EXAMPLES, future=future, day_first=day_first)
    if reading.vague:
        raise DateParseError(_no_day(field, text, DAY_EXAMPLES))
    return _moment(reading, datetime.combine(today, time.min), future).date()


def parse_past_day(
    text: str, today: date, *, field: str = "Met on", day_first: bool | None = None
) -> date:
    """A day gone by, for when you met: `mar 2019` is 1 Mar 2019, `2019` is 1 Jan 2019."""
    reading = _read(text, today, field, PAST_EXAMPLES, future=False, day_first=day_first)
    day = _moment(reading, datetime.combine(today, time.max), False).date()
    if day > today:
        raise DateParseError(f"{field}: {format_day(day)} is in the future.")
    return day


MONTH_FIRST_TERRITORIES = frozenset({"US", "PH", "PR", "GU", "AS", "VI", "UM", "MP", "FM", "MH"})
"""Where `12/3` means 3 December: the US and places that write dates its way."""
YEAR_FIRST_TERRITORIES = frozenset({"CN", "JP", "KR", "TW", "HU", "LT", "MN"})
"""Where dates run year, month, day, so a short `12/3` is also month first."""


def day_first_for(locale_name: str) -> bool | None:
    """Whether a locale ('en_GB.UTF-8') writes the day before the month; None for 'C' and
    'POSIX', which say nothing about how the user writes dates."""
    territory = locale_name.split(".")[0].split("@")[0].partition("_")[2].upper()
    if not territory:
        return None
    return territory not in MONTH_FIRST_TERRITORIES | YEAR_FIRST_TERRITORIES


def _no_day(field: str, text: str, examples: str) -> str:
    return f"{field}: {text.strip()!r} names a month or a year, not a day. Try one of: {examples}."


def _read(
    text: str, today: date, field: str, examples: str, *, future: bool, day_first: bool | None
) -> Reading:
    """`read`, with its complaints turned into one message that names the field."""
    from netdesk.domain.date_reader import PhraseError, Unreadable, read

    if not text.strip():
        raise DateParseError(f"{field}: no date given. Try one of: {examples}.")
    try:
        return read(text, today, future=future, day_first=day_first)
    except Unreadable:
        raise DateParseError(
            f"{field}: could not read {text.strip()!r} as a date. Try one of: {examples}."
        ) from None
    except PhraseError as exc:
        raise DateParseError(f"{field}: {exc}") from None


def _moment(reading: Reading, now: datetime, future: bool) -> datetime:
    """The reading as a moment, by netdesk's rules for what a phrase leaves open."""
    today = now.date()
    at = reading.time
    if reading.weekday is not None:
        step = 1 if future else -1
        offset = (reading.weekday - today.weekday()) * step % 7
        if offset == 0:
            candidate = datetime.combine(today, at) if at else None
            if candidate is None or (candidate <= now if future else candidate > now):
                offset = 7
        return datetime.combine(today + timedelta(days=offset * step), at or DEFAULT_TIME)
    if reading.day is None:
        assert at is not None, "a reading names a day, a weekday or a time"
        when = datetime.combine(today, at)
        if future and when <= now:
            return when + timedelta(days=1)
        if not future and when > now:
            return when - timedelta(days=1)
        return when
    return datetime.combine(reading.day, at or DEFAULT_TIME)


def format_day(d: date) -> str:
    """'Fri 27 Nov 2026', spelled the same whatever the machine's locale."""
    return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def format_when(dt: datetime) -> str:
    """'Fri 27 Nov 2026 15:00'."""
    return f"{format_day(dt.date())} {dt:%H:%M}"


_RELATIVE = (
    r"(?:today|tomorrow|yesterday|(?:in |for |every )?\d[\d,]* (?:day|week|month|year)s?(?: ago)?)"
)
DATE_PHRASE = re.compile(
    rf"\b(?:(?:{'|'.join(_WEEKDAYS)}) \d{{1,2}} (?:{'|'.join(_MONTHS)}) \d{{4}}(?: \d\d:\d\d)?"
    rf"(?: \({_RELATIVE}\))?|{_RELATIVE})"
)
"""What `format_day`, `format_when` and `relative_day` write ('Wed 18 Nov 2026 (5 days ago)',
'12 days ago', 'for 17 days'): a screen keeps each one on one line."""


def date_phrases(text: str) -> list[tuple[int, int]]:
    """Where the date phrases in `text` start and end, for wrapping that never breaks one."""
    return [match.span() for match in DATE_PHRASE.finditer(text)]


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


def ago(moment: datetime | None, today: date) -> str:
    """How long ago `moment` was, as `relative_day` says it ("" when it is not known)."""
    return relative_day(moment.date(), today) if moment else ""
