"""Export contacts as a spreadsheet-safe CSV and everything as one JSON document."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime
from typing import IO, Any

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

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula (CSV injection).

    Follows OWASP's advice: names and notes come from other people, and `=HYPERLINK(…)` in a
    name must stay text when the export is opened in Excel or LibreOffice. The price is a
    visible `'` before values such as `+1 555 0100`; no data is lost.
    """
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


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
