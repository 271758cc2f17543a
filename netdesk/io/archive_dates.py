"""Dates and times as LinkedIn archives, and the spreadsheets that re-saved them, write them.

One reader for Connected On, messages' DATE and invitations' Sent At, so each file accepts
every format any of them has shipped: `14 Mar 2019`, `3/14/19`, `1/8/18, 6:14 PM`,
`2019-03-14`, `2023-05-01 14:22:10 UTC`, and the Excel re-saves `12-Sep-22`, `14.04.2021`,
`Mar 14, 2019`. Slashed dates are month first, as LinkedIn writes them, unless the caller
knows the file is day first (see `day_first`); dotted ones are always day first. Two-digit
years are 20YY: LinkedIn started in 2003. Month names are matched here rather than with
strptime so the result does not depend on the locale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

from netdesk.domain.date_reader import MONTHS

_YEAR = r"(\d{4}|\d{2})(?!\d)"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/{_YEAR}")
_DOTTED = re.compile(rf"(\d{{1,2}})\.(\d{{1,2}})\.{_YEAR}")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})[ -]([a-z]{{3,9}})\.?[ -]{_YEAR}", re.IGNORECASE)
_MONTH_DAY = re.compile(r"([a-z]{3,9})\.? (\d{1,2}),? (\d{4})(?!\d)", re.IGNORECASE)
_TIME = re.compile(
    r"(?:,?\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?m\.?)?"
    r"\s*(?:(UTC|GMT|Z)|([+-])(\d{2}):?(\d{2}))?",
    re.IGNORECASE,
)
"""What may follow the date: a time (12- or 24-hour) and a zone (UTC or an offset)."""
YEARS = (1900, 2199)
"""Years a stamp may name; outside them it is a typo or a trap, read as no date: 9999-12-31
overflowed the follow-up arithmetic, and a zone shift at year 1 or 9999 the calendar."""


def parse_timestamp(text: str, *, day_first: bool = False) -> datetime | None:
    """A naive local datetime, or None when `text` is none of the formats above.

    A stamp with a zone (`2023-05-01 14:22:10 UTC`) is converted to this machine's time zone;
    one without (`10/16/18, 8:36 AM`) is taken as local time already; a bare date is midnight.
    """
    text = text.strip()
    parts = _date_parts(text, day_first)
    if parts is None:
        return None
    year, month, day, end = parts
    rest = text[end:]
    hour = minute = second = 0
    zone: timezone | None = None
    if rest:
        match = _TIME.fullmatch(rest)
        if match is None:
            return None
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if match[4]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match[4] in "pP" else 0)
        if match[5]:
            zone = UTC
        elif match[6]:
            offset = timedelta(hours=int(match[7]), minutes=int(match[8]))
            zone = timezone(-offset if match[6] == "-" else offset)
    if year < 100:
        year += 2000
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    try:
        when = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if zone is not None:
        return when.replace(tzinfo=zone).astimezone().replace(tzinfo=None)
    return when


@lru_cache(maxsize=4096)
def parse_date(text: str, *, day_first: bool = False) -> date | None:
    """The local date of `parse_timestamp`; cached, as a file holds few distinct dates."""
    when = parse_timestamp(text, day_first=day_first)
    return None if when is None else when.date()


def _date_parts(text: str, day_first: bool) -> tuple[int, int, int, int] | None:
    """(year, month, day, where the date ends in `text`) from the date at its start."""
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SLASHED.match(text):
        first, second, year = (int(part) for part in match.groups())
        month, day = (second, first) if day_first else (first, second)
    elif match := _DOTTED.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DAY_MONTH.match(text):
        named = MONTHS.get(match[2].casefold())
        if named is None:
            return None
        day, month, year = int(match[1]), named, int(match[3])
    elif match := _MONTH_DAY.match(text):
        named = MONTHS.get(match[1].casefold())
        if named is None:
            return None
        day, month, year = int(match[2]), named, int(match[3])
    else:
        return None
    return year, month, day, match.end()


def day_first(texts: Iterable[str]) -> bool:
    """Whether a file's slashed dates are day first (`14/04/2021`, a UK spreadsheet's re-save).

    Only when some can only be read that way (first number over 12) and none only the other
    way; otherwise month first, as LinkedIn writes them.
    """
    only_day_first = False
    for text in texts:
        match = _SLASHED.match(text.strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if second > 12 >= first:
            return False
        only_day_first = only_day_first or first > 12 >= second
    return only_day_first
