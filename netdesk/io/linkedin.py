"""Read LinkedIn's Connections.csv in all its historical shapes and plan a safe import.

Reading never touches the store: it turns bytes into `ConnectionRow`s plus the rows it had to
skip (with line numbers). Planning compares those rows with the contacts already known and says
what to insert and which fields to change, so `--dry-run` and the real import share one code
path and re-importing never clobbers what the user typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import unquote

from netdesk.domain.models import Contact
from netdesk.io.csvfile import (
    Header,
    ImportFileError,
    Skipped,
    find_header,
    getter,
    parse_date,
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
    "connectedon": "connected_on",
}
"""Header cells reduced to lowercase letters and digits (`First Name`, `first_name`,
`FirstName`, `E-mail Address` …), mapped to ConnectionRow fields."""

_EXPECTED = "First Name, Last Name, URL, Email Address, Company, Position, Connected On"
_FILE = "Connections.csv"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
"""Control characters (NUL, ESC …) never occur in an export: a row holding one is damaged."""
_URL = re.compile(
    r"(?:[a-z][a-z0-9+.\-]*:)?(?://)?(?:[^@/?#]*@)?([^/?#:]*)(?::[^/?#]*)?([^?#]*)", re.IGNORECASE
)
"""Optional scheme and user, then (host, path); port, query and fragment fall away. A regex
rather than urlsplit, which made up half of a 30k-row import and raises on a stray `[`."""


def read_connections(path: Path) -> ReadResult:
    """Read a Connections.csv export; see `read_connections_text` for what is accepted."""
    return _parse(read_lines(path, _FILE), str(path))


def read_connections_text(text: str) -> ReadResult:
    """Read Connections.csv content already in memory (pasted data, tests).

    The header is looked for in the first non-empty records and columns are matched by name, so
    the preamble, column order and extra columns do not matter; without a header the modern or
    the older column order is recognised by content. A malformed record is skipped with its
    line number, never fatal. A date that cannot be read leaves `connected_on` None and keeps
    the row without reporting it: the person matters more than the date, and LinkedIn has
    shipped several date formats.
    """
    source = "the pasted text"
    return _parse(text_lines(text, source, _FILE), source)


def _parse(lines: list[str], source: str) -> ReadResult:
    columns, width, start = _layout(lines, source)
    cells_of = getter(columns, _FIELDS)
    result = ReadResult(rows=[], skipped=[])
    damaged = _CONTROL.search("".join(lines)) is not None  # one scan, not one per row
    resume: int | None = start
    while resume is not None:
        start, resume = resume, None
        for line, cells in records(lines, start, width, result.skipped):
            first, last, url, email, company, position, connected = map(str.strip, cells_of(cells))
            if not (first or last or url or email):
                result.skipped.append(Skipped(line, "no name, profile URL or email"))
                continue
            if damaged and _CONTROL.search(f"{first}{last}{url}{email}{company}{position}"):
                result.skipped.append(Skipped(line, "control characters in a field (damaged?)"))
                continue
            if "\n" in f"{first}{last}{url}{email}":
                # A quote opened in this record closed lines later: the rows in between were
                # swallowed into one field. Report it and read on from the next line.
                reason = "line break inside a name, URL or email (unbalanced quote?)"
                result.skipped.append(Skipped(line, reason))
                resume = line
                break
            result.rows.append(
                ConnectionRow(
                    line=line,
                    first_name=first,
                    last_name=last,
                    url=url,
                    email=email,
                    company=company,
                    position=position,
                    connected_on=parse_date(connected),
                )
            )
    return result


def _layout(lines: list[str], source: str) -> Header:
    """Where the fields are: from the header, else from the legacy column orders."""
    sample: list[list[str]] = []
    header = find_header(lines, _HEADER_NAMES, ("first_name", "last_name"), sample)
    if header is not None:
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


def normalise_url(url: str) -> str:
    """The identity key of a profile URL: `linkedin.com/in/slug`, casefolded.

    Scheme, `www.` (and LinkedIn's country subdomains), port, query, fragment and trailing
    slashes are dropped and percent-escapes decoded, so every spelling of one profile compares
    equal. Only a key: the URL stored on the contact is the one from the file.
    """
    match = _URL.match(url.strip())
    assert match is not None  # every part of the pattern is optional
    host, path = match[1].casefold(), match[2]
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
    else:
        host = host.removeprefix("www.")
    if "%" in path:
        path = unquote(path)
    return (host + path.rstrip("/")).casefold()


# --- planning -------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportPlan:
    new: list[Contact]
    updates: list[tuple[int, dict[str, Any]]]
    """(contact id, changed fields), values typed as on Contact (connected_on is a date)."""
    unchanged: int
    skipped: list[Skipped]
    """Unreadable rows and in-file duplicates, in line order."""

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.updates)} updated,"
            f" {self.unchanged} unchanged, {len(self.skipped)} skipped"
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


def _keys_of(record: ConnectionRow | Contact) -> _Keys:
    name = unicodedata.normalize("NFKD", f"{record.first_name} {record.last_name}")
    name = " ".join(name.casefold().split())
    company = " ".join(record.company.casefold().split())
    return _Keys(
        url=normalise_url(record.url),
        email=record.email.strip().casefold(),
        person=f"{name}\x1f{company}" if name else "",
    )


Item = TypeVar("Item")


class _Index(Generic[Item]):
    """First record seen per identity key, looked up by URL, then email, then name+company."""

    __slots__ = ("by_email", "by_person", "by_url")

    def __init__(self) -> None:
        self.by_url: dict[str, Item] = {}
        self.by_email: dict[str, Item] = {}
        self.by_person: dict[str, tuple[_Keys, Item]] = {}

    def add(self, keys: _Keys, item: Item) -> None:
        if keys.url:
            self.by_url.setdefault(keys.url, item)
        if keys.email:
            self.by_email.setdefault(keys.email, item)
        if keys.person:
            self.by_person.setdefault(keys.person, (keys, item))

    def find(self, keys: _Keys) -> Item | None:
        if keys.url and (item := self.by_url.get(keys.url)) is not None:
            return item
        if keys.email and (item := self.by_email.get(keys.email)) is not None:
            return item
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
    matched, is skipped as a duplicate of that line.
    """
    known: _Index[Contact] = _Index()
    for contact in existing:
        known.add(_keys_of(contact), contact)
    seen: _Index[int] = _Index()
    claimed: dict[int, int] = {}
    plan = ImportPlan(new=[], updates=[], unchanged=0, skipped=list(result.skipped))
    for row in result.rows:
        keys = _keys_of(row)
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
        if changes:
            plan.updates.append((contact.id, changes))
        else:
            plan.unchanged += 1
    plan.skipped.sort(key=attrgetter("line"))
    return plan


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
