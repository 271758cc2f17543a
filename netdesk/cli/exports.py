"""`netdesk export csv|json|vcard|ics`: to stdout, or to a new private file."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from netdesk.cli.base import EXIT_OK, EXIT_USAGE, CliError, db_path, open_repo


def cmd_export(args: argparse.Namespace) -> int:
    if args.format in ("vcard", "ics"):
        return cmd_export_cards(args)
    from netdesk.io import export

    with open_repo(db_path(args), lock=False, read_only=True) as repo:
        if args.format == "csv":
            count = _write_export(
                args.output, repo.path, lambda out: export.write_contacts_csv(repo.contacts, out)
            )
        else:
            payload = export.contacts_json(
                repo.contacts,
                repo.messages,
                repo.calls,
                repo.intros,
                repo.targets,
                exported_at=datetime.now().replace(microsecond=0),
            )
            _write_export(args.output, repo.path, lambda out: out.write(payload), binary=True)
            count = len(repo.contacts)
    if args.output:
        print(f"Exported {count} contacts to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_export_cards(args: argparse.Namespace) -> int:
    """vCard or iCalendar: CRLF text, written as bytes so no platform translates the breaks."""
    with open_repo(db_path(args), lock=False, read_only=True) as repo:
        if args.format == "vcard":
            from netdesk.io.vcard import vcards

            payload, count = vcards(repo.contacts)
            what = "contacts"
        else:
            from netdesk.io.ics import calls_ics

            now = datetime.now().replace(microsecond=0)
            payload, count = calls_ics(repo.calls, repo.contacts.by_id(), now)
            what = "calls"
    data = payload.encode()
    _write_export(args.output, repo.path, lambda out: out.write(data), binary=True)
    if args.output:
        print(f"Exported {count} {what} to {args.output}", file=sys.stderr)
    return EXIT_OK


Written = TypeVar("Written")


def _write_export(
    name: str | None,
    database: Path,
    write: Callable[[IO[Any]], Written],
    *,
    binary: bool = False,
) -> Written:
    """Run `write` on stdout or on the file `name`, closed before returning: a full disk is
    an error here, not a file silently cut short when the process exits."""
    out = _output(name, database, binary=binary)
    try:
        written = write(out)
        out.flush()
        if name and name != "-":
            out.close()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CliError(f"cannot write {name or 'the output'}: {exc.strerror or exc}") from None
    return written


def _output(name: str | None, database: Path, *, binary: bool) -> IO[Any]:
    """Where an export goes: stdout, or a new private file that is not one of `database`'s."""
    if not name or name == "-":
        return sys.stdout.buffer if binary else sys.stdout
    from netdesk.io.export import ExportRefused, open_export

    try:
        out = open_export(Path(name), database)
    except ExportRefused as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    except OSError as exc:
        raise CliError(f"cannot write {name}: {exc.strerror or exc}") from None
    return out if binary else io.TextIOWrapper(out, encoding="utf-8", newline="")
