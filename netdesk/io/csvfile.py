"""Reading the CSV files of a LinkedIn data archive, whatever state they arrive in.

Connections.csv, messages.csv and Invitations.csv share the same hazards: UTF-8 with or
without a BOM, cp1252, Mac Roman or UTF-16 from older tools (or cp1252 rows among UTF-8 ones
after a spreadsheet re-save), commas, semicolons or tabs, CRLF or lone CR, preambles before the
header, quoted line breaks, rows wrapped into one quoted cell, quotes left open, and the odd
malformed record. The readers build on these helpers so every file is decoded, split and
reported (skipped and repaired rows with line numbers) the same way.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple

from netdesk.io.archive_dates import parse_timestamp


@dataclass(slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class Problem:
    """One line of an import's report: a row skipped, repaired, or kept without its date."""

    line: int
    kind: str
    """"skipped", "repaired" or "date_unread"."""
    reason: str

    @property
    def text(self) -> str:
        """'skipped, expected 7 fields, found 2'; a date's reason says all by itself."""
        return self.reason if self.kind == "date_unread" else f"{self.kind}, {self.reason}"


def problems(**by_kind: Iterable[Skipped]) -> list[Problem]:
    """Every row noted under each kind, in line order (kinds in the order given on a tie)."""
    found = [Problem(s.line, kind, s.reason) for kind, rows in by_kind.items() for s in rows]
    return sorted(found, key=attrgetter("line"))


class ImportFileError(Exception):
    """The whole file is unusable; the message is one line saying what and what to do."""


class Header(NamedTuple):
    columns: dict[str, int]
    """Field name → column index, for the header cells that were recognised."""
    width: int
    """Cells in the header, and so in every well-formed record."""
    start: int
    """Index of the first line after the header."""
    delimiter: str = ","


DELIMITERS = (",", ";", "\t")
"""LinkedIn's comma; the semicolon of a spreadsheet re-saved in a European locale; the tab of
Excel's "Unicode Text"."""


HEADER_SEARCH = 20
"""Non-empty records searched for the header; Connections.csv's `Notes:` preamble takes three."""

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_lines(path: Path, expected: str) -> list[str]:
    """The lines of an archive file; `expected` names the export (for the advice on errors)."""
    try:
        data = _read_capped(path)
    except OSError as error:
        raise ImportFileError(
            f"cannot read {path}: {error.strerror or error}; check the path and permissions"
        ) from error
    return text_lines(_decode(data, str(path), expected), str(path), expected)


LINE_CAP = 1 << 20
"""Bytes of one line read at most. A longer line is cut here while the file is read, so a
100 MB line costs 1 MB, not the 700 MB of decoding and splitting it whole; what is left of it
is a record past the csv module's field limit (128 KiB), reported by its line as any other."""
_CHUNK = 1 << 16


def _read_capped(path: Path) -> bytes:
    """The file's bytes, with every line longer than LINE_CAP cut to its first LINE_CAP."""
    kept = bytearray()
    line = 0
    """Bytes of the line being read so far, kept or not."""
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            first = _LINE_BREAK.search(chunk)
            if first is None:
                kept += chunk[: max(0, LINE_CAP - line)]
                line += len(chunk)
                continue
            kept += chunk[: max(0, min(first.start(), LINE_CAP - line))]
            last = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            kept += chunk[first.start() :]  # whole lines, then the start of the next: < _CHUNK
            line = len(chunk) - last - 1
    return bytes(kept)


_LINE_BREAK = re.compile(rb"[\r\n]")


_LEGACY = ("cp1252", "mac_roman")
"""Single-byte encodings of older tools: Windows (and Excel there), then classic Mac Excel."""
_LEGACY_WORD = re.compile(rb"[A-Za-z]*[\x80-\xff][A-Za-z\x80-\xff]*")
_WORDS_WEIGHED = 2000


def _legacy_bytes(codec: str, error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: the bytes UTF-8 rejected, read in `codec` instead."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode(codec, errors="replace"), error.end


for _codec in _LEGACY:
    codecs.register_error(f"netdesk-{_codec}", partial(_legacy_bytes, _codec))


def _decode(data: bytes, source: str, expected: str) -> str:
    """UTF-16 only with its BOM; otherwise UTF-8, with any bytes that are not UTF-8 read as
    cp1252 or Mac Roman, whichever makes words of them.

    Byte by byte rather than the whole file: a spreadsheet re-save can mix UTF-8 rows with
    Latin-1 ones (`M\xfcller`), and reading all of it as cp1252 would garble every UTF-8 name.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text(source, expected) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _legacy_codec(data)
    if codec is None:
        raise _not_text(source, expected)
    return data.decode("utf-8", errors=f"netdesk-{codec}")


def _legacy_codec(data: bytes) -> str | None:
    """The legacy encoding under which the words with non-UTF-8 bytes read as words.

    A word reads as one when it is all letters, has an ASCII letter, and is capitalised like a
    name (`Müller`, `RENÉ`): cp1252's `M\xfcller` is `M¸ller` in Mac Roman, and Mac Roman's
    `M\x9fller` is `MŸller` in cp1252. cp1252 wins ties; None when neither reads any word and
    cp1252 cannot even decode the bytes: then the file is not text.
    """
    words = []
    for match in _LEGACY_WORD.finditer(data):
        try:
            match[0].decode("utf-8")
        except UnicodeDecodeError:
            words.append(match[0])
            if len(words) == _WORDS_WEIGHED:
                break
    scores: dict[str, int] = {}
    for codec in _LEGACY:
        try:
            scores[codec] = sum(_reads_as_word(word.decode(codec)) for word in words)
        except UnicodeDecodeError:
            continue
    best = max(scores, key=scores.__getitem__, default=None)  # first of equals: cp1252
    if best is None or (scores[best] == 0 and "cp1252" not in scores):
        return None
    return best


def _reads_as_word(word: str) -> bool:
    return (
        word.isalpha()
        and any(char.isascii() for char in word)
        and (word[1:].islower() or word.isupper())
    )


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
    """The first of the leading non-empty records that names every `required` field, with
    whichever of the `DELIMITERS` makes one; a header in one quoted cell is read as the row it
    holds (the rows below it are then repaired by `records`).

    Records looked at before it go to `sample` (comma-separated), for a caller that can read
    headerless files.
    """
    for delimiter in DELIMITERS:
        found = _find_header(lines, names, required, delimiter, sample)
        if found is not None:
            return found
        sample = None
    return None


def _find_header(
    lines: list[str],
    names: Mapping[str, str],
    required: Collection[str],
    delimiter: str,
    sample: list[list[str]] | None,
) -> Header | None:
    reader = csv.reader(lines, delimiter=delimiter)
    seen = 0
    try:
        for cells in reader:
            if blank(cells):
                continue
            if len(cells) == 1:
                cells = _unwrapped(cells[0], delimiter) or cells
            columns = header_columns(cells, names)
            if all(name in columns for name in required):
                return Header(columns, len(cells), reader.line_num, delimiter)
            if sample is not None:
                sample.append(cells)
            seen += 1
            if seen == HEADER_SEARCH:
                break
    except csv.Error:
        pass  # a runaway quote near the top: no header within reach
    return None


Check = Callable[[list[str]], str | None]
"""Why a record of the right width that spans lines ran on into the rows below it, or None."""


def records(
    lines: list[str],
    start: int,
    width: int,
    skipped: list[Skipped],
    *,
    delimiter: str = ",",
    repaired: list[Skipped] | None = None,
    check: Check | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) of each non-blank record of the expected width.

    The cells carry one extra "" at the end, which a missing column (index -1, see
    `getter`) reads. Others go to `skipped`. After a record that spans several lines and is
    still malformed, or that `check` says ran on, or that the csv module rejects, reading
    resumes on the line after its start: an unbalanced quote then costs one row instead of
    swallowing the rest of the file. With `repaired`, a record that is one quoted field holding
    a whole row (a spreadsheet's doing) is read as that row and noted there.
    """
    while start < len(lines):
        reader = csv.reader(lines[start:], delimiter=delimiter)
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
            if not (cells and cells[0].strip()) and blank(cells):  # most start with a name
                continue
            unwrapped = None
            if len(cells) == 1 and width > 1 and repaired is not None:
                unwrapped = _unwrapped(cells[0], delimiter)
                if unwrapped is not None and len(unwrapped) == width:
                    cells = unwrapped
            if len(cells) == width:
                spans = start + reader.line_num > line
                if spans and check is not None and (ran_on := check(cells)):
                    skipped.append(Skipped(line, ran_on))
                    start = line
                    break
                if cells is unwrapped:
                    assert repaired is not None
                    repaired.append(Skipped(line, "one quoted field held the whole row"))
                cells.append("")
                yield line, cells
                continue
            reason = f"expected {width} fields, found {len(cells)}"
            if start + reader.line_num > line:
                skipped.append(Skipped(line, f"{reason} (unbalanced quote?)"))
                start = line
                break
            skipped.append(Skipped(line, reason))


def _unwrapped(cell: str, delimiter: str) -> list[str] | None:
    """The cells of the one row a cell holds (`"Dana,Okafor,""Lead, CIO"",06 Apr 2019"`)."""
    if delimiter not in cell:
        return None
    try:
        rows = [r for r in csv.reader(io.StringIO(cell, newline=""), delimiter=delimiter)]
    except csv.Error:
        return None
    rows = [r for r in rows if not blank(r)]
    return rows[0] if len(rows) == 1 else None


def holds_a_row(text: str, header: Header, when: str) -> bool:
    """Whether a line after the first in `text` reads as a record of the file: no more cells
    than the header, and a readable date in the `when` column.

    A quote opened and never closed makes a text field run on over the rows below it, which
    then look exactly like that; a message or a position with line breaks does not.
    """
    at = header.columns.get(when)
    if at is None:
        return False
    for part in text.split("\n")[1:]:
        if part.count(header.delimiter) < at:
            continue
        try:
            cells = next(csv.reader([part], delimiter=header.delimiter), [])
        except csv.Error:
            continue
        if at < len(cells) <= header.width and parse_timestamp(cells[at]) is not None:
            return True
    return False


def getter(
    columns: Mapping[str, int], fields: Sequence[str]
) -> Callable[[list[str]], tuple[str, ...]]:
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
    one_line: tuple[str, ...]
    """Fields that never hold a line break (names, URLs, the date …): one that does means a
    quote was left open."""
    when: str
    """The date field, which tells a row swallowed by an open quote (see `holds_a_row`)."""


def named_records(
    lines: list[str],
    source: str,
    columns: Columns,
    skipped: list[Skipped],
    repaired: list[Skipped] | None = None,
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(line, `columns.fields` in order) of each record under the header.

    A record that ran on over the rows below it (a quote left open) is skipped and reported,
    and those rows are read: see `records`.
    """
    header = find_header(lines, columns.names, columns.required)
    if header is None:
        raise ImportFileError(
            f"{source} has no LinkedIn {columns.kind} columns;"
            f" expected a header like {columns.example}"
        )
    one_line = [header.columns[name] for name in columns.one_line if name in header.columns]

    def check(cells: list[str]) -> str | None:
        for at, cell in enumerate(cells):
            if "\n" not in cell.strip():
                continue
            if at in one_line:
                return "line break inside a name, URL or date (unbalanced quote?)"
            if holds_a_row(cell, header, columns.when):
                return "rows of the file inside one field (unbalanced quote?)"
        return None

    cells_of = getter(header.columns, columns.fields)
    rows = records(
        lines,
        header.start,
        header.width,
        skipped,
        delimiter=header.delimiter,
        repaired=repaired,
        check=check,
    )
    for line, cells in rows:
        yield line, cells_of(cells)
