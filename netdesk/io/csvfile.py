"""Reading the CSV files of a LinkedIn data archive, whatever state they arrive in.

Connections.csv, messages.csv and Invitations.csv share the same hazards: UTF-8 with or
without a BOM, cp1252 or UTF-16 from older tools, CRLF or lone CR, preambles before the header,
quoted line breaks, and the odd malformed record. The readers build on these helpers so every
file is decoded, split and reported (skipped rows with line numbers) the same way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple


@dataclass(slots=True)
class Skipped:
    line: int
    reason: str


class ImportFileError(Exception):
    """The whole file is unusable; the message is one line saying what and what to do."""


class Header(NamedTuple):
    columns: dict[str, int]
    """Field name → column index, for the header cells that were recognised."""
    width: int
    """Cells in the header, and so in every well-formed record."""
    start: int
    """Index of the first line after the header."""


HEADER_SEARCH = 20
"""Non-empty records searched for the header; Connections.csv's `Notes:` preamble takes three."""

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


def read_lines(path: Path, expected: str) -> list[str]:
    """The lines of an archive file; `expected` names the export (for the advice on errors)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            f"cannot read {path}: {error.strerror or error}; check the path and permissions"
        ) from error
    return text_lines(_decode(data, str(path), expected), str(path), expected)


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A multi-byte UTF-8 character; legacy cp1252 text almost never contains one."""


def _decode(data: bytes, source: str, expected: str) -> str:
    """UTF-16 only with its BOM; otherwise UTF-8, then cp1252 for legacy Windows exports.

    A UTF-8 file with a stray invalid byte stays UTF-8 (that byte becomes U+FFFD): reading
    all of it as cp1252 would garble every accented name in it.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            if encoding == "utf-8" and _UTF8_SEQUENCE.search(data):
                return data.decode("utf-8", errors="replace")
    raise _not_text(source, expected)


def _not_text(source: str, expected: str) -> ImportFileError:
    return ImportFileError(
        f"{source} is not a text CSV file; export {expected} from LinkedIn"
        " (Settings → Data privacy → Get a copy of your data) and import that"
    )


def text_lines(text: str, source: str, expected: str) -> list[str]:
    """Split decoded text into lines with one line break style (`\\n`), keeping the breaks.

    Line numbers stay those of the file (CRLF and a lone CR each end one line), and breaks
    inside quoted fields become `\\n`, so CRLF and LF copies of a file read the same.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ImportFileError(f"{source} is empty; export {expected} from LinkedIn again")
    # NUL and other control characters do not occur in text exports; cp1252 decodes most
    # binary files, so this is what recognises one.
    if _CONTROL.search(text, 0, 1024):
        raise _not_text(source, expected)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return io.StringIO(text, newline="").readlines()


def blank(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def header_columns(cells: list[str], names: Mapping[str, str]) -> dict[str, int]:
    """Field → column for the cells `names` knows, after reducing each to lowercase letters and
    digits (`First Name`, `first_name`, `FirstName`, `SENDER PROFILE URL` …)."""
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = names.get("".join(ch for ch in cell.casefold() if ch.isalnum()))
        if name is not None:
            columns.setdefault(name, i)
    return columns


def find_header(
    lines: list[str],
    names: Mapping[str, str],
    required: Collection[str],
    sample: list[list[str]] | None = None,
) -> Header | None:
    """The first of the leading non-empty records that names every `required` field.

    Records looked at before it go to `sample`, for a caller that can read headerless files.
    """
    reader = csv.reader(lines)
    seen = 0
    try:
        for cells in reader:
            if blank(cells):
                continue
            columns = header_columns(cells, names)
            if all(name in columns for name in required):
                return Header(columns, len(cells), reader.line_num)
            if sample is not None:
                sample.append(cells)
            seen += 1
            if seen == HEADER_SEARCH:
                break
    except csv.Error:
        pass  # a runaway quote near the top: no header within reach
    return None


def records(
    lines: list[str], start: int, width: int, skipped: list[Skipped]
) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) of each non-blank record of the expected width.

    The cells carry one extra "" at the end, which a missing column (index -1, see
    `getter`) reads. Others go to `skipped`. After a record that spans several lines and is
    still malformed, or that the csv module rejects, reading resumes on the line after its
    start: an unbalanced quote then costs one row instead of swallowing the rest of the file.
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
            if blank(cells):
                continue
            if len(cells) == width:
                cells.append("")
                yield line, cells
                continue
            reason = f"expected {width} fields, found {len(cells)}"
            if start + reader.line_num > line:
                skipped.append(Skipped(line, f"{reason} (unbalanced quote?)"))
                start = line
                break
            skipped.append(Skipped(line, reason))


def getter(columns: Mapping[str, int], fields: Sequence[str]) -> Callable[[list[str]], tuple]:
    """Pick `fields` (at least two) from a record yielded by `records`; absent ones read ""."""
    return itemgetter(*(columns.get(name, -1) for name in fields))


@dataclass(frozen=True, slots=True)
class Columns:
    """How to find the fields of one kind of file that always has a header."""

    kind: str
    """What the file holds, for the error message: "messages"."""
    names: Mapping[str, str]
    """Header cell, reduced as in `header_columns` → field."""
    fields: tuple[str, ...]
    """The fields `named_records` yields, in this order; two or more."""
    required: tuple[str, ...]
    example: str
    """The header as LinkedIn writes it, for the error message."""


def named_records(
    lines: list[str], source: str, columns: Columns, skipped: list[Skipped]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(line, `columns.fields` in order) of each record under the header."""
    header = find_header(lines, columns.names, columns.required)
    if header is None:
        raise ImportFileError(
            f"{source} has no LinkedIn {columns.kind} columns;"
            f" expected a header like {columns.example}"
        )
    cells_of = getter(header.columns, columns.fields)
    for line, cells in records(lines, header.start, header.width, skipped):
        yield line, cells_of(cells)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
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
