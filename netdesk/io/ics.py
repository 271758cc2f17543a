"""Export scheduled calls as an iCalendar (RFC 5545) file.

netdesk stores call times as naive local times, as the user typed them. The export converts
them to UTC (`…Z`) with this machine's time zone rules for that date (daylight saving
included), so the file needs no VTIMEZONE block and every calendar shows the call at the
right moment wherever it is opened. Each event's UID is derived from the call's id, so
importing a later export moves a rescheduled call instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

from netdesk import __version__
from netdesk.domain.introducers import name_key
from netdesk.domain.models import Call, Contact
from netdesk.io.contentline import component, stable_uid, text, uri

PRODID = f"-//netdesk//netdesk {__version__}//EN"
DEFAULT_MINUTES = 15
NEWLINE = "\n"


def _utc(moment: datetime) -> str:
    """A UTC time as an iCalendar date-time; always four year digits (strftime drops them)."""
    written = moment.replace(tzinfo=None).isoformat(timespec="seconds")
    return written.replace("-", "").replace(":", "") + "Z"


def _event(call: Call, start: datetime, contact: Contact | None, stamp: str) -> list[str]:
    """One VEVENT; none when the time cannot be written (year 1, 9999: only a damaged file).

    The end is the start plus the minutes in UTC: added to the local time, a 30-minute call
    at 01:45 on the night the clocks spring forward would end before it began.
    """
    name = contact.name if contact else f"contact #{call.contact_id}"
    minutes = call.minutes or DEFAULT_MINUTES
    try:
        begins = start.astimezone(UTC)
        ends = begins + timedelta(minutes=minutes)
    except (OverflowError, ValueError):
        return []
    about = f"{minutes}-minute {call.medium.value.replace('_', ' ')} call with {name}"
    if contact and contact.headline:
        about += f", {contact.headline}"
    description = [about + "."]
    if call.link:
        description.append(f"Join: {call.link}")
    if contact and contact.url:
        description.append(f"Profile: {contact.url}")
    if call.notes:
        description += ["", call.notes]
    summary = f"Call with {name}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{stable_uid('call', call.id)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(begins)}",
        f"DTEND:{_utc(ends)}",
        f"SUMMARY:{text(summary)}",
        f"DESCRIPTION:{text(NEWLINE.join(description))}",
    ]
    if call.link:  # where calendars show a place: the meeting link, one click away
        lines.append(f"LOCATION:{text(call.link)}")
    if contact and contact.url:
        lines.append(f"URL:{uri(contact.url)}")
    lines.append("END:VEVENT")
    return lines


def calls_ics(
    calls: Iterable[Call], contacts: Mapping[int, Contact], now: datetime
) -> tuple[str, int]:
    """(a VCALENDAR with one VEVENT per call that has a scheduled time, how many events).

    Held calls keep their event, at the time they were booked for; a call logged without
    ever being scheduled has no slot to show. `now` (naive local) becomes every DTSTAMP.
    """
    stamp = _utc(now.astimezone(UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    count = 0
    for call in calls:
        if call.scheduled_for is not None:
            event = _event(call, call.scheduled_for, contacts.get(call.contact_id), stamp)
            lines += event
            count += bool(event)
    lines.append("END:VCALENDAR")
    return component(lines), count


def call_filename(name: str, when: datetime) -> str:
    """`call-ann-lee-2026-11-24.ics`: readable, and safe on every file system.

    The name is reduced as for matching (accents, punctuation, and suffixes such as ', PhD'
    dropped), so only letters, digits and dashes remain.
    """
    slug = "-".join(name_key(name).split()) or "contact"
    return f"call-{slug}-{when:%Y-%m-%d}.ics"
