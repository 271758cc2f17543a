"""Reading a typed date phrase: netdesk's checks around the `dateparser` library.

dateparser reads the calendar words (month and weekday names, "in two weeks", "3 days ago",
"sept 3, 2027", impossible dates such as 31 Feb) but on its own it guesses: "32 dec" becomes
December 2032, "1 dec 10" the year 2110, "at 10" the 10th of the month, and "tomorrow at 3"
quietly drops the time. So the phrase is split into tokens first: the time is read here, every
word must be a date word, every bare number must have a clear role (a count, a day beside a
month, a four-digit year), and what dateparser returns must agree with the numbers typed.

dateparser is imported on first use (about 0.4 s with its first parse), never at start-up.
It is a library with its own data: at import it reads its language tables from its package
and the machine's time zone name; netdesk's code here does no I/O of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

WEEKDAYS: dict[str, int] = {
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
MONTHS: dict[str, int] = {
    name: index
    for index, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_COUNTS = frozenset(
    {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
)
_RELATIVE = frozenset({"today", "tomorrow", "yesterday", "next", "last", "this", "in", "ago"})
_FILLER = frozenset({"on", "the", "of"})

_CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)")
_TWELVE = re.compile(r"(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?(?P<half>[ap]m)")
_NUMBER = re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")
_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
_NUMERIC = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d+))?")
_BARE_HOURS = range(7, 24)
"""`at 10` is 10:00 and `at 15` is 15:00; `at 3` could be either half of the day: refused."""


class PhraseError(ValueError):
    """The phrase cannot be read without guessing; the message says what to write instead."""


class Unreadable(PhraseError):
    """Nothing in the phrase reads as a date (the caller shows the examples)."""


@dataclass(frozen=True)
class Reading:
    """What a phrase names: a day (or none, for a bare time) and perhaps a time of day."""

    day: date | None
    time: time | None
    vague: bool = False
    """Only a month or a year was named (the day is the 1st, of January for a bare year)."""
    weekday: int | None = None
    """A lone weekday ("fri", "next fri") whose day depends on the time, as netdesk rules."""


def read(text: str, today: date, *, future: bool, day_first: bool | None) -> Reading:
    """The day and time `text` names, relative to `today`; PhraseError where it would guess.

    `future` says which way a phrase without a year or direction points ("1 nov", "fri");
    `day_first` orders a numeric `12/3` (None: only unambiguous numeric dates are read).
    """
    words = _words(text)
    clock, words = _take_time(words)
    if not words:
        return Reading(None, clock)
    words = [w for w in words if w not in _FILLER]
    words = _spell_numeric(words, day_first)
    _check_words(words, text)
    weekday = _lone_weekday(words)
    if weekday is not None:
        return Reading(None, clock, weekday=weekday)
    if words == ["next", "week"]:  # netdesk's meaning: the Monday that starts it
        return Reading(today + timedelta(days=7 - today.weekday()), clock)
    vague = not any(_names_day(w) for w in words)
    day = _dateparser(" ".join(words), today, future)
    if day is None:
        if any(w in MONTHS or _ISO.fullmatch(w) for w in words):
            raise PhraseError(f"{text.strip()!r} is not a real date.")
        raise Unreadable(text)
    if vague:
        month = next((MONTHS[w] for w in words if w in MONTHS), 1)
        day = day.replace(month=month, day=1)
    _check_agrees(words, day, text)
    return Reading(day, clock, vague=vague)


def _words(text: str) -> list[str]:
    phrase = text.lower().replace(",", " ")
    phrase = re.sub(r"(\d)\s+([ap]m)\b", r"\1\2", phrase)  # "3 pm" is one token
    phrase = re.sub(r"\bnoon\b", "12:00", phrase)
    phrase = re.sub(r"\bmidnight\b", "00:00", phrase)
    return phrase.split()


def _take_time(words: list[str]) -> tuple[time | None, list[str]]:
    """The time of day in `words` (at most one), and the words left for the day."""
    found: list[time] = []
    rest: list[str] = []
    for n, word in enumerate(words):
        after_at = n > 0 and words[n - 1] == "at"
        if clock := _CLOCK.fullmatch(word):
            found.append(time(int(clock["h"]), int(clock["m"])))
        elif twelve := _TWELVE.fullmatch(word):
            hour = int(twelve["h"]) % 12 + (12 if twelve["half"] == "pm" else 0)
            found.append(time(hour, int(twelve["m"] or 0)))
        elif after_at and word.isdigit() and len(word) <= 2:
            if int(word) not in _BARE_HOURS:
                raise PhraseError(
                    f"'at {word}' could be morning or afternoon: write {word}am or {word}pm."
                )
            found.append(time(int(word)))
        else:
            rest.append(word)
            continue
        if rest and rest[-1] == "at":
            rest.pop()
    if len(found) > 1:
        raise PhraseError("That names two times of day; give one.")
    return (found[0] if found else None), rest


def _spell_numeric(words: list[str], day_first: bool | None) -> list[str]:
    """`12/3` as `12 mar` (or `dec 3`), in the order the locale or the settings say."""
    spelled: list[str] = []
    for word in words:
        numeric = _NUMERIC.fullmatch(word)
        if not numeric:
            spelled.append(word)
            continue
        a, b = int(numeric["a"]), int(numeric["b"])
        if day_first is None:
            if a == b or (a > 12) != (b > 12):
                day_first = a > 12 or a == b
            else:
                first, second = f"{a} {_MONTH_NAMES[b - 1]}", f"{b} {_MONTH_NAMES[a - 1]}"
                raise PhraseError(
                    f"Is {word} {first} or {second}? Write {first.lower()} or "
                    f"{second.lower()} (or set the date order in settings)."
                )
        day, month = (a, b) if day_first else (b, a)
        if not 1 <= month <= 12:
            order = "day/month" if day_first else "month/day"
            raise PhraseError(f"{word}: {month} is not a month (dates are read {order}).")
        year = numeric["y"]
        if year is not None and len(year) != 4:
            raise PhraseError(f"{word}: write the year in full, e.g. {a}/{b}/20{year[-2:]}.")
        spelled += [str(day), _MONTH_NAMES[month - 1].lower(), *([year] if year else [])]
    return spelled


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _check_words(words: list[str], text: str) -> None:
    """Every word a date word, and every bare number in a role that leaves no doubt."""
    days = 0
    for n, word in enumerate(words):
        before = words[n - 1] if n else ""
        after = words[n + 1] if n + 1 < len(words) else ""
        if word in WEEKDAYS or word in MONTHS or word in _UNITS or word in _RELATIVE:
            continue
        if word in _COUNTS and (before == "in" or after in _UNITS):
            continue
        if _YEAR.fullmatch(word) or _ISO.fullmatch(word):
            continue
        number = _NUMBER.fullmatch(word)
        if number and (before == "in" or after in _UNITS):
            continue  # a count: "in 3 days", "2 weeks ago"
        if number and (before in MONTHS or after in MONTHS):
            days += 1
            if days > 1:
                raise PhraseError(f"{text.strip()!r} names two days of the month; give one.")
            continue
        if number:
            raise PhraseError(
                f"In {text.strip()!r}, is {word} a day, a year or a time? "
                f"Write e.g. {word} dec, 20{int(number['n']):02d}, {word}:00 or {word}pm."
            )
        raise Unreadable(text)


def _lone_weekday(words: list[str]) -> int | None:
    """The weekday of "fri", "this fri" or "next fri"; None for any other phrase."""
    if len(words) == 2 and words[0] in ("next", "this"):
        words = words[1:]
    return WEEKDAYS.get(words[0]) if len(words) == 1 else None


def _names_day(word: str) -> bool:
    """Whether `word` pins a day, so the phrase is more than a month or a year."""
    return not (word in MONTHS or _YEAR.fullmatch(word))


def _dateparser(phrase: str, today: date, future: bool) -> date | None:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime.combine(today, time.min),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parser = DateDataParser(languages=["en"], settings=settings)
    try:
        found = parser.get_date_data(phrase).date_obj
    except (ValueError, OverflowError):
        return None
    return found.date() if isinstance(found, datetime) else None


def _check_agrees(words: list[str], day: date, text: str) -> None:
    """The day, month, year and weekday typed are the ones read: nothing was reinterpreted."""
    for n, word in enumerate(words):
        near = words[max(n - 1, 0) : n + 2]
        number = _NUMBER.fullmatch(word)
        if word in MONTHS and day.month != MONTHS[word]:
            raise PhraseError(f"{text.strip()!r} is not a real date.")
        if number and any(w in MONTHS for w in near) and day.day != int(number["n"]):
            raise PhraseError(f"{text.strip()!r} is not a real date.")
        if _YEAR.fullmatch(word) and day.year != int(word):
            raise PhraseError(f"{text.strip()!r} is not a real date.")
        if (iso := _ISO.fullmatch(word)) and (day.year, day.month, day.day) != tuple(
            int(part) for part in iso.groups()
        ):
            raise PhraseError(f"{text.strip()!r} is not a real date.")
        if word in WEEKDAYS and day.weekday() != WEEKDAYS[word]:
            raise PhraseError(
                f"{text.strip()!r}: that day is a {_WEEKDAY_NAMES[day.weekday()]}, "
                f"not a {_WEEKDAY_NAMES[WEEKDAYS[word]]}."
            )


_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
