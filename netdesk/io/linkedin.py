"""Read LinkedIn's Connections.csv in all its historical shapes and plan a safe import.

Reading never touches the store: it turns bytes into `ConnectionRow`s plus the rows it had to
skip (with line numbers). Planning compares those rows with the contacts already known and says
what to insert and which fields to change, so `--dry-run` and the real import share one code
path and re-importing never clobbers what the user typed.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import unquote

from netdesk.domain.models import Contact


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
class Skipped:
    line: int
    reason: str


@dataclass(slots=True)
class ReadResult:
    rows: list[ConnectionRow]
    skipped: list[Skipped]


class ImportFileError(Exception):
    """The whole file is unusable; the message is one line saying what and what to do."""


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

_HEADER_SEARCH = 20
"""Non-empty records searched for the header; the modern `Notes:` preamble takes three."""

_EXPECTED = "First Name, Last Name, URL, Email Address, Company, Position, Connected On"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_NAMED_DATE = re.compile(r"(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -](\d{4})", re.IGNORECASE)
_URL = re.compile(
    r"(?:[a-z][a-z0-9+.\-]*:)?(?://)?(?:[^@/?#]*@)?([^/?#:]*)(?::[^/?#]*)?([^?#]*)", re.IGNORECASE
)
"""Optional scheme and user, then (host, path); port, query and fragment fall away. A regex
rather than urlsplit, which made up half of a 30k-row import and raises on a stray `[`."""


def read_connections(path: Path) -> ReadResult:
    """Read a Connections.csv export; see `read_connections_text` for what is accepted."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            f"cannot read {path}: {error.strerror or error}; check the path and permissions"
        ) from error
    return _parse(_decode(data, str(path)), str(path))


def read_connections_text(text: str) -> ReadResult:
    """Read Connections.csv content already in memory (pasted data, tests).

    The header is looked for in the first non-empty records and columns are matched by name, so
    the preamble, column order and extra columns do not matter; without a header the modern or
    the older column order is recognised by content. A malformed record is skipped with its
    line number, never fatal. A date that cannot be read leaves `connected_on` None and keeps
    the row without reporting it: the person matters more than the date, and LinkedIn has
    shipped several date formats.
    """
    return _parse(text, "the pasted text")


def _decode(data: bytes, source: str) -> str:
    """UTF-16 only with its BOM; otherwise UTF-8, then cp1252 for legacy Windows exports."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _not_text(source)


def _not_text(source: str) -> ImportFileError:
    return ImportFileError(
        f"{source} is not a text CSV file; export Connections.csv from LinkedIn"
        " (Settings → Data privacy → Get a copy of your data) and import that"
    )


def _parse(text: str, source: str) -> ReadResult:
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError(f"{source} is empty; export Connections.csv from LinkedIn again")
    # NUL and other control characters do not occur in text exports; cp1252 decodes most
    # binary files, so this is what recognises one.
    if _CONTROL.search(text, 0, 1024):
        raise _not_text(source)
    # One line break style: line numbers stay the same (CRLF and lone CR each end one line)
    # and breaks inside quoted fields become \n, so CRLF and LF copies of a file compare equal.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = io.StringIO(text, newline="").readlines()
    columns, width, start = _layout(lines, source)
    # A missing column reads the "" appended to every record, at index -1.
    cells_of = itemgetter(*(columns.get(name, -1) for name in _FIELDS))
    result = ReadResult(rows=[], skipped=[])
    for line, cells in _records(lines, start, width, result.skipped):
        cells.append("")
        first, last, url, email, company, position, connected = map(str.strip, cells_of(cells))
        if not (first or last or url or email):
            result.skipped.append(Skipped(line, "no name, profile URL or email"))
            continue
        result.rows.append(
            ConnectionRow(
                line=line,
                first_name=first,
                last_name=last,
                url=url,
                email=email,
                company=company,
                position=position,
                connected_on=_parse_date(connected),
            )
        )
    return result


def _layout(lines: list[str], source: str) -> tuple[dict[str, int], int, int]:
    """(field → column, record width, index of the first data line)."""
    reader = csv.reader(lines)
    sample: list[list[str]] = []
    try:
        for cells in reader:
            if _blank(cells):
                continue
            columns = _header_columns(cells)
            if "first_name" in columns and "last_name" in columns:
                return columns, len(cells), reader.line_num
            sample.append(cells)
            if len(sample) == _HEADER_SEARCH:
                break
    except csv.Error:
        pass  # a runaway quote near the top: judge by the records read so far
    for fields in (_FIELDS, _OLD_FIELDS):
        if sample and 2 * sum(_looks_headerless(cells, fields) for cells in sample) > len(sample):
            return {name: i for i, name in enumerate(fields)}, len(fields), 0
    raise ImportFileError(
        f"{source} has no LinkedIn connections columns; expected a header like {_EXPECTED}"
    )


def _header_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = _HEADER_NAMES.get("".join(ch for ch in cell.casefold() if ch.isalnum()))
        if name is not None:
            columns.setdefault(name, i)
    return columns


def _looks_headerless(cells: list[str], fields: tuple[str, ...]) -> bool:
    """A legacy row in this column order: a profile URL where the URL goes, else a date last."""
    if len(cells) != len(fields):
        return False
    if "url" in fields:
        return normalise_url(cells[fields.index("url")]).startswith("linkedin.com/in/")
    return _parse_date(cells[-1]) is not None


def _blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def _records(
    lines: list[str], start: int, width: int, skipped: list[Skipped]
) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) of each non-blank record of the expected width.

    Others go to `skipped`. After a record that spans several lines and is still malformed,
    or that the csv module rejects, reading resumes on the line after its start: an
    unbalanced quote then costs one row instead of swallowing the rest of the file.
    """
    while start < len(lines):
        reader = csv.reader(lines[start:])
        while True:
            line = start + reader.line_num + 1
            try:
                cells = next(reader, None)
            except csv.Error as error:
                skipped.append(Skipped(line, f"unreadable record ({error})"))
                start = line
                break
            if cells is None:
                return
            if _blank(cells):
                continue
            if len(cells) == width:
                yield line, cells
                continue
            reason = f"expected {width} fields, found {len(cells)}"
            if start + reader.line_num > line:
                skipped.append(Skipped(line, f"{reason} (unbalanced quote?)"))
                start = line
                break
            skipped.append(Skipped(line, reason))


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> date | None:
    """`14 Mar 2019`, `3/14/19`, `03/14/2019` (month first) or ISO; None otherwise.

    Two-digit years are 20YY: LinkedIn started in 2003. Month names are matched here rather
    than with strptime so the result does not depend on the locale. Cached: a file holds few
    distinct dates.
    """
    text = text.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SLASHED_DATE.fullmatch(text):
        month, day, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000
    elif match := _NAMED_DATE.fullmatch(text):
        month_number = _MONTHS.get(match[2].casefold())
        if month_number is None:
            return None
        day, month, year = int(match[1]), month_number, int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


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
