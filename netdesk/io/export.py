"""Export contacts as a spreadsheet-safe CSV and everything as one JSON document.

Every export file is opened by `open_export`: private like the database, and never the
database, its backup or its lock, whatever name the user typed for them.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

import orjson

from netdesk.domain.models import Call, Contact, Intro, Message, Target, to_doc

CSV_COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "company",
    "position",
    "url",
    "connected_on",
    "stage",
    "closeness",
    "tags",
    "last_contacted_on",
    "notes",
)

_FORMULA_START = re.compile(r"[\t\r]|[\s\u200b-\u200d\u2060\ufeff]*[=+\-@＝＋－＠]")
"""What a spreadsheet may run as a formula: `= + - @` or their fullwidth forms (Excel reads
those too), even after blanks it skips (space, NBSP, zero-width space, BOM); a tab or CR first."""


class ExportRefused(ValueError):
    """The chosen file is one of the database's own; nothing was written."""


def open_export(path: Path, database: Path) -> BinaryIO:
    """Create or replace `path` for writing an export, 0600 like the database.

    Refuses with ExportRefused when `path` is the database, its backup or its lock under any
    name: by resolved path first, then, once open and before anything is truncated, by inode
    (a hard link, a bind mount). Anything else that goes wrong is an OSError.
    """
    own = _own_files(database)
    for real, what in own.items():
        if Path(os.path.realpath(path)) == real:
            raise ExportRefused(f"{path} is {what}; choose another file for the export")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        info = os.fstat(fd)
        for real, what in own.items():
            with contextlib.suppress(OSError):
                other = os.stat(real)
                if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                    raise ExportRefused(f"{path} is {what}; choose another file for the export")
        if stat.S_ISREG(info.st_mode):  # not a terminal or pipe (`-o /dev/stdout`)
            with contextlib.suppress(OSError):  # a file shared with others: theirs to keep
                os.fchmod(fd, 0o600)
            os.ftruncate(fd, 0)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "wb")


def _own_files(database: Path) -> dict[Path, str]:
    """The database's files by resolved path, each with what it is, for the refusal.

    The backup and lock sit beside the file a linked database points at; the names beside
    the link count too.
    """
    from netdesk.store.preview import preview_path
    from netdesk.store.storage import backup_path, lock_path

    names = (database, Path(os.path.realpath(database)))
    own = {Path(os.path.realpath(backup_path(n))): "the database's backup" for n in names}
    own |= {Path(os.path.realpath(lock_path(n))): "the database's lock file" for n in names}
    own |= {
        Path(os.path.realpath(preview_path(n))): "the database's start-up preview" for n in names
    }
    own |= {Path(os.path.realpath(n)): "the database itself" for n in names}
    return own


def safe_cell(value: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (CSV injection).

    Follows OWASP's advice: names and notes come from other people, and `=HYPERLINK(…)` in a
    name must stay text when the export is opened in Excel or LibreOffice. The price is a
    visible `'` before values such as `+1 555 0100`; no data is lost.
    """
    return f"'{value}" if _FORMULA_START.match(value) else value


def write_contacts_csv(contacts: Iterable[Contact], out: IO[str]) -> int:
    """Write one row per contact under a header row; return the number of contacts written.

    Lines end in CRLF as RFC 4180 specifies and Excel expects; open `out` with `newline=""`
    so line breaks inside notes are not translated. Tags are joined with `;`.
    """
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for contact in contacts:
        writer.writerow(
            [
                safe_cell(_text(value))
                for value in (
                    contact.first_name,
                    contact.last_name,
                    contact.email,
                    contact.company,
                    contact.position,
                    contact.url,
                    contact.connected_on,
                    contact.stage.value,
                    contact.closeness,
                    ";".join(contact.tags),
                    contact.last_contacted_on,
                    contact.notes,
                )
            ]
        )
        count += 1
    return count


def _text(value: str | int | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def contacts_json(
    contacts: Iterable[Contact],
    messages: Iterable[Message],
    calls: Iterable[Call],
    intros: Iterable[Intro],
    targets: Iterable[Target],
    exported_at: datetime,
) -> bytes:
    """A complete, indented JSON backup: each record as stored, plus its id.

    `exported_at` is passed in (timezone-aware, ideally) so the caller decides the clock.
    """
    document = {
        "exported_at": exported_at.isoformat(),
        "contacts": _docs(contacts),
        "messages": _docs(messages),
        "calls": _docs(calls),
        "intros": _docs(intros),
        "targets": _docs(targets),
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def _docs(records: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"id": record.id, **to_doc(record)} for record in records]
