"""Read LinkedIn's Connections.csv in all its historical shapes and plan a safe import.

Reading never touches the store: it turns bytes into `ConnectionRow`s plus the rows it had to
skip (with line numbers). Planning compares those rows with the contacts already known and says
what to insert and which fields to change, so `--dry-run` and the real import share one code
path and re-importing never clobbers what the user typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from netdesk.domain.dates import plural
from netdesk.domain.identity import ADDRESS, NO_PROFILE, normalise_url
from netdesk.domain.models import Contact, JobChange
from netdesk.domain.reimport import job_change, not_complete
from netdesk.io.archive_dates import day_first, parse_date
from netdesk.io.csvfile import (
    Check,
    Header,
    ImportFileError,
    Problem,
    Skipped,
    find_header,
    getter,
    holds_a_row,
    problems,
    read_lines,
    records,
    text_lines,
)


@dataclass(frozen=True, slots=True)
class ConnectionRow:
    line: int
    """1-based physical line where the record starts, so skips and duplicates can be found."""
    first_name: str
    last_name: str
    url: str
    email: str
    company: str
    position: str
    connected_on: date | None


@dataclass(slots=True)
class ReadResult:
    rows: list[ConnectionRow]
    skipped: list[Skipped]
    repaired: list[Skipped] = field(default_factory=list)
    """Rows read after mending them (one quoted field holding the whole row)."""
    dates_unread: list[Skipped] = field(default_factory=list)
    """Rows kept without a connection date because theirs could not be read."""


_FIELDS = ("first_name", "last_name", "url", "email", "company", "position", "connected_on")
_OLD_FIELDS = ("first_name", "last_name", "email", "company", "position", "connected_on")
"""Column orders assumed for headerless files: the modern export and the older one without URL."""

_HEADER_NAMES = {
    "firstname": "first_name",
    "lastname": "last_name",
    "url": "url",
    "profileurl": "url",
    "email": "email",
    "emailaddress": "email",
    "company": "company",
    "position": "position",
    "jobtitle": "position",
    "connectedon": "connected_on",
    "source": "source",
    "phonenumbers": "phone_numbers",
}
"""Header cells reduced to lowercase letters and digits (`First Name`, `first_name`,
`FirstName`, `E-mail Address`, Outlook's `Job Title` …), mapped to ConnectionRow fields; and
`Source` and `PhoneNumbers`, which only the archive's Contacts.csv (an address book) has."""

_EXPECTED = "First Name, Last Name, URL, Email Address, Company, Position, Connected On"
_FILE = "Connections.csv"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
"""Control characters (NUL, ESC …) never occur in an export: a row holding one is damaged."""


def read_connections(path: Path) -> ReadResult:
    """Read a Connections.csv export; see `read_connections_text` for what is accepted."""
    return _parse(read_lines(path, _FILE), str(path))


def read_connections_text(text: str) -> ReadResult:
    """Read Connections.csv content already in memory (pasted data, tests).

    The header is looked for in the first non-empty records and columns are matched by name, so
    the preamble, column order, delimiter and extra columns do not matter; without a header the
    modern or the older column order is recognised by content. A malformed record is skipped
    with its line number, never fatal; one that is a whole row in one quoted field is read as
    that row and reported as repaired. A date that cannot be read is reported and the person
    kept without it. An email that is no address (`NA`, `-`) and a profile URL that names no
    profile (`https://www.linkedin.com/in`) are dropped: neither may identify anyone.
    """
    source = "the pasted text"
    return _parse(text_lines(text, source, _FILE), source)


def _parse(lines: list[str], source: str) -> ReadResult:
    header = _layout(lines, source)
    cells_of = getter(header.columns, _FIELDS)
    result = ReadResult(rows=[], skipped=[])
    damaged = _CONTROL.search("".join(lines)) is not None  # one scan, not one per row
    unread: list[tuple[int, str]] = []  # (row index, text) of the dates not read
    slashed: list[tuple[int, str]] = []  # and of the dates with slashes, read month first
    rows = records(
        lines,
        header.start,
        header.width,
        result.skipped,
        delimiter=header.delimiter,
        repaired=result.repaired,
        check=_ran_on(header),
    )
    for line, cells in rows:
        first, last, url, email, company, position, connected = map(str.strip, cells_of(cells))
        if url and "/in/" not in url.rstrip("/"):  # the usual profile URL needs no check
            url = profile_url(url)
        if email and not ADDRESS.fullmatch(email):
            email = ""
        if not (first or last or url or email):
            result.skipped.append(Skipped(line, "no name, profile URL or email"))
            continue
        if damaged and _CONTROL.search(f"{first}{last}{url}{email}{company}{position}"):
            result.skipped.append(Skipped(line, "control characters in a field (damaged?)"))
            continue
        connected_on = parse_date(connected) if connected else None
        if connected_on is None and connected:
            unread.append((len(result.rows), connected))
        if "/" in connected:
            slashed.append((len(result.rows), connected))
        result.rows.append(
            ConnectionRow(line, first, last, url, email, company, position, connected_on)
        )
    # Only a file with a slashed date that month first cannot read can be day first.
    if unread and slashed and day_first(text for _, text in slashed):
        for index, text in slashed:
            row = result.rows[index]
            result.rows[index] = replace(row, connected_on=parse_date(text, day_first=True))
    for index, text in unread:
        row = result.rows[index]
        if row.connected_on is None:
            reason = f"date {text!r} not understood; imported without a connection date"
            result.dates_unread.append(Skipped(row.line, reason))
    return result


def _ran_on(header: Header) -> Check:
    """The `records` check for a quote left open in Connections.csv (see `holds_a_row`)."""
    columns = header.columns
    one_line = [columns[n] for n in ("first_name", "last_name", "url", "email") if n in columns]
    texts = [columns[n] for n in ("company", "position") if n in columns]

    def check(cells: list[str]) -> str | None:
        if any("\n" in cells[at].strip() for at in one_line):
            return "line break inside a name, URL or email (unbalanced quote?)"
        if any(holds_a_row(cells[at], header, "connected_on") for at in texts):
            return "rows of the file inside one field (unbalanced quote?)"
        return None

    return check


def _layout(lines: list[str], source: str) -> Header:
    """Where the fields are: from the header, else from the legacy column orders."""
    sample: list[list[str]] = []
    header = find_header(lines, _HEADER_NAMES, ("first_name", "last_name"), sample)
    if header is not None:
        columns = header.columns
        if "connected_on" not in columns and ("source" in columns or "phone_numbers" in columns):
            raise ImportFileError(
                f"{source} is LinkedIn's Contacts.csv (the address book synced from your phone"
                " or email), not your connections; import Connections.csv from the same archive"
            )
        return header
    for fields in (_FIELDS, _OLD_FIELDS):
        if sample and 2 * sum(_looks_headerless(cells, fields) for cells in sample) > len(sample):
            return Header({name: i for i, name in enumerate(fields)}, len(fields), 0)
    raise ImportFileError(
        f"{source} has no LinkedIn connections columns; expected a header like {_EXPECTED}"
    )


def _looks_headerless(cells: list[str], fields: tuple[str, ...]) -> bool:
    """A legacy row in this column order: a profile URL where the URL goes, else a date last."""
    if len(cells) != len(fields):
        return False
    if "url" in fields:
        return normalise_url(cells[fields.index("url")]).startswith("linkedin.com/in/")
    return parse_date(cells[-1]) is not None


def profile_url(url: str) -> str:
    """`url` stripped, or "" when it names no profile: 2023 Invitations.csv files hold the bare
    `https://www.linkedin.com/in` in every URL column, which would make everyone one person."""
    url = url.strip()
    return "" if normalise_url(url) in NO_PROFILE else url


# --- planning -------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportPlan:
    new: list[Contact]
    updates: list[tuple[int, dict[str, Any]]]
    """(contact id, changed fields), values typed as on Contact (connected_on is a date)."""
    unchanged: int
    skipped: list[Skipped]
    """Unreadable rows and in-file duplicates, in line order."""
    repaired: list[Skipped] = field(default_factory=list)
    dates_unread: list[Skipped] = field(default_factory=list)
    job_changes: list[tuple[int, JobChange]] = field(default_factory=list)
    """(contact id, change) for known people with a new company or position; the store
    dates each change when it applies the import."""
    no_longer_connected: list[int] = field(default_factory=list)
    """Ids of people from an earlier Connections.csv that this complete file lacks."""
    not_marked: str = ""
    """Why the people this file lacks are not marked no longer connected ("" if it is
    complete, or lacks nobody)."""
    names: dict[int, str] = field(default_factory=dict)
    """The names of the people in `job_changes` and `no_longer_connected`, for the report."""

    def counts(self) -> dict[str, int]:
        """The report's figures, in the order the summary gives them."""
        return {
            "new": len(self.new),
            "updated": len(self.updates),
            "unchanged": self.unchanged,
            "job_changes": len(self.job_changes),
            "no_longer_connected": len(self.no_longer_connected),
            "repaired": len(self.repaired),
            "dates_unread": len(self.dates_unread),
            "skipped": len(self.skipped),
        }

    def problems(self) -> list[Problem]:
        return problems(skipped=self.skipped, repaired=self.repaired, date_unread=self.dates_unread)

    def summary(self) -> str:
        """'3 new, 1 updated, 40 unchanged, 2 skipped', with the rarer figures (repaired rows,
        dates not understood …) between the last two when they are not 0."""
        counts = self.counts()
        words = [f"{counts['new']} new", f"{counts['updated']} updated"]
        words.append(f"{counts['unchanged']} unchanged")
        for name, unit in _RARER:
            if counts[name]:
                words.append(unit(counts[name]))
        words.append(f"{counts['skipped']} skipped")
        return ", ".join(words)

    def notes(self, most: int = 5) -> list[str]:
        """Who changed jobs and who is no longer connected (the first `most` of each), or why
        the people this file lacks were not marked: the report's lines after the problems."""
        lines = []
        for label, ids in (
            ("changed jobs", [i for i, _ in self.job_changes]),
            ("no longer in your connections", self.no_longer_connected),
        ):
            if ids:
                shown = ", ".join(self.names[i] for i in ids[:most])
                rest = f" and {len(ids) - most} more" if len(ids) > most else ""
                lines.append(f"{label}: {shown}{rest}")
        if self.not_marked:
            lines.append(self.not_marked)
        return lines


_RARER: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("job_changes", lambda n: plural(n, "job change")),
    ("no_longer_connected", lambda n: f"{n} no longer connected"),
    ("repaired", lambda n: f"{n} repaired"),
    ("dates_unread", lambda n: f"{plural(n, 'date')} not understood"),
)


_REFRESHED = ("company", "position")
"""LinkedIn is the authority on these: a newer non-empty value replaces the stored one."""
_FILLED = ("url", "email", "connected_on")
"""Only filled when missing: the user may have typed a better email or corrected the URL."""


class _Keys(NamedTuple):
    """Identity keys of a row or contact; a tuple because 60k are built per 30k-row import."""

    url: str
    email: str
    person: str


_SHARED = 3
"""Rows (or contacts) with one email from which it is a shared inbox or a placeholder."""


def _keys_of(record: ConnectionRow | Contact, shared: Collection[str]) -> _Keys:
    """The keys; an email only when it looks like an address and is not one of `shared`."""
    name = f"{record.first_name} {record.last_name}"
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
    name = " ".join(name.casefold().split())
    company = " ".join(record.company.casefold().split())
    url = normalise_url(record.url) if record.url else ""
    email = record.email
    if email:
        email = _email_key(email)
        if email in shared or not ADDRESS.fullmatch(email):
            email = ""
    return _Keys(
        url="" if url in NO_PROFILE else url,
        email=email,
        person=f"{name}\x1f{company}" if name else "",
    )


def _email_key(email: str) -> str:
    return email.strip().casefold()


def _shared(emails: Iterable[str]) -> set[str]:
    counts = Counter(_email_key(email) for email in emails if email)
    return {email for email, times in counts.items() if times >= _SHARED}


Item = TypeVar("Item")


class _Index(Generic[Item]):
    """First record seen per identity key, looked up by URL, then email, then name+company."""

    __slots__ = ("by_email", "by_person", "by_url")

    def __init__(self) -> None:
        self.by_url: dict[str, Item] = {}
        self.by_email: dict[str, tuple[_Keys, Item]] = {}
        self.by_person: dict[str, tuple[_Keys, Item]] = {}

    def add(self, keys: _Keys, item: Item) -> None:
        if keys.url:
            self.by_url.setdefault(keys.url, item)
        if keys.email:
            self.by_email.setdefault(keys.email, (keys, item))
        if keys.person:
            self.by_person.setdefault(keys.person, (keys, item))

    def find(self, keys: _Keys) -> Item | None:
        if keys.url and (item := self.by_url.get(keys.url)) is not None:
            return item
        if keys.email and (hit := self.by_email.get(keys.email)) is not None:
            other, item = hit
            # One address on two profiles is a shared inbox or a placeholder: the URL decides.
            return None if keys.url and other.url else item
        hit = self.by_person.get(keys.person) if keys.person else None
        if hit is None:
            return None
        other, item = hit
        # Same name and company but different profiles (or emails): two people, e.g. two
        # John Smiths at IBM. URLs or emails that matched were caught above.
        if (keys.url and other.url) or (keys.email and other.email):
            return None
        return item


def plan_import(result: ReadResult, existing: Iterable[Contact]) -> ImportPlan:
    """What importing `result` would change, without changing anything.

    Known people get company/position refreshed and a missing url/email/connected_on filled;
    user fields (notes, closeness, stage, tags, met_on, how_met, credential …) are never in an
    update. A row matching an earlier row of the file, or a contact an earlier row already
    matched, is skipped as a duplicate of that line. A profile URL decides who a row is; an email
    only when the URLs cannot, and never one that many rows or contacts share.
    """
    contacts = list(existing)
    known: _Index[Contact] = _Index()
    shared_by_contacts = _shared(person.email for person in contacts)
    for person in contacts:
        known.add(_keys_of(person, shared_by_contacts), person)
    seen: _Index[int] = _Index()
    claimed: dict[int, int] = {}
    plan = ImportPlan(
        new=[],
        updates=[],
        unchanged=0,
        skipped=list(result.skipped),
        repaired=list(result.repaired),
        dates_unread=list(result.dates_unread),
    )
    shared = _shared(row.email for row in result.rows)
    for row in result.rows:
        keys = _keys_of(row, shared)
        contact = known.find(keys)
        first = seen.find(keys)
        if first is None and contact is not None:
            first = claimed.get(contact.id)
        if first is not None:
            plan.skipped.append(Skipped(row.line, f"duplicate of line {first}"))
            continue
        seen.add(keys, row.line)
        if contact is None:
            plan.new.append(_new_contact(row))
            continue
        claimed[contact.id] = row.line
        changes = _changes(contact, row)
        if contact.disconnected_on is not None:
            changes["disconnected_on"] = None  # back in your connections
        if changes:
            plan.updates.append((contact.id, changes))
        else:
            plan.unchanged += 1
        if ("company" in changes or "position" in changes) and (
            moved := job_change(contact, row.company, row.position)
        ):
            plan.job_changes.append((contact.id, moved))
            plan.names[contact.id] = contact.name
    plan.skipped.sort(key=attrgetter("line"))
    _plan_gone(plan, result, contacts, claimed, seen, shared_by_contacts)
    return plan


def _plan_gone(
    plan: ImportPlan,
    result: ReadResult,
    contacts: list[Contact],
    claimed: dict[int, int],
    seen: _Index[int],
    shared: set[str],
) -> None:
    """The people from an earlier Connections.csv (source "linkedin", still connected) that
    no row of the file is: marked no longer connected when the file is complete
    (`reimport.not_complete`), otherwise only counted in `plan.not_marked`. A file holding
    none of them is another list (someone else's export), about which nothing is said."""
    known = [c for c in contacts if c.source == "linkedin" and c.disconnected_on is None]
    # A person is in the file if any row matches them, even one another record of theirs
    # claimed first (two records of one person in the database).
    missing = [c for c in known if c.id not in claimed and seen.find(_keys_of(c, shared)) is None]
    if len(missing) == len(known):  # nobody from before: another list, not a newer copy
        return
    rows = len(result.rows) + len(result.skipped)
    reason = not_complete(
        known=len(known), missing=len(missing), rows=rows, unreadable=len(result.skipped)
    )
    if reason:
        people = f"{len(missing):,} {'person' if len(missing) == 1 else 'people'}"
        plan.not_marked = (
            f"{people} imported before not in this file; none marked no longer connected,"
            f" as {reason}"
        )
        return
    plan.no_longer_connected = [c.id for c in missing]
    plan.names.update((c.id, c.name) for c in missing)


def _new_contact(row: ConnectionRow) -> Contact:
    return Contact(
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        company=row.company,
        position=row.position,
        url=row.url,
        connected_on=row.connected_on,
        source="linkedin",
    )


def _changes(contact: Contact, row: ConnectionRow) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in _REFRESHED:
        value = getattr(row, name)
        if value and value != getattr(contact, name):
            changes[name] = value
    for name in _FILLED:
        value = getattr(row, name)
        if value and not getattr(contact, name):
            changes[name] = value
    return changes
