"""`netdesk import linkedin|messages|invitations`: read, plan against the database,
report, and write unless --dry-run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from netdesk.cli.base import EXIT_OK, EXIT_USAGE, CliError, db_path, open_repo

if TYPE_CHECKING:
    from netdesk.io.csvfile import Problem
    from netdesk.store.repo import Repo


class _Plan(Protocol):
    def counts(self) -> dict[str, int]: ...

    def problems(self) -> list[Problem]: ...

    def summary(self) -> str: ...


Read = TypeVar("Read")
Plan = TypeVar("Plan", bound=_Plan)


def _import_file(
    args: argparse.Namespace,
    read: Callable[[Path], Read],
    plan: Callable[[Read, Repo], Plan],
    apply: Callable[[Repo, Plan, datetime], None],
) -> int:
    """Read, plan against the database, report; write unless --dry-run. Every import's shape.

    The report is each problem line (skipped, repaired, date not understood) and the summary,
    or with --json one JSON object holding the same. An unusable file, found while reading or
    while planning, exits with EXIT_USAGE.
    """
    from netdesk.io.csvfile import ImportFileError

    source = Path(args.file)
    try:
        result = read(source)
        with open_repo(db_path(args), lock=not args.dry_run, read_only=args.dry_run) as repo:
            planned = plan(result, repo)
            if not args.json:
                for problem in planned.problems():
                    print(f"  line {problem.line}: {problem.text}")
            if not args.dry_run:
                apply(repo, planned, datetime.now().replace(microsecond=0))
    except ImportFileError as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    if args.json:
        _print_json_report(source, planned, dry_run=args.dry_run)
    elif args.dry_run:
        print(f"Dry run, nothing written: {planned.summary()}")
    else:
        print(f"Imported {source.name}: {planned.summary()}")
    return EXIT_OK


def _print_json_report(source: Path, planned: _Plan, *, dry_run: bool) -> None:
    import orjson

    report = {
        "file": str(source),
        "dry_run": dry_run,
        **planned.counts(),
        "summary": planned.summary(),
        "problems": [
            {"line": p.line, "kind": p.kind, "reason": p.reason} for p in planned.problems()
        ],
    }
    sys.stdout.write(orjson.dumps(report).decode() + "\n")


def cmd_import_linkedin(args: argparse.Namespace) -> int:
    from netdesk.io.linkedin import ImportPlan, ReadResult, plan_import, read_connections

    def plan(result: ReadResult, repo: Repo) -> ImportPlan:
        planned = plan_import(result, repo.contacts)
        if not args.json:
            for line in planned.notes():  # who changed jobs, who is gone (or why not marked)
                print(f"  {line}")
        return planned

    def apply(repo: Repo, plan: ImportPlan, now: datetime) -> None:
        repo.import_contacts(
            plan.new,
            plan.updates,
            now,
            job_changes=plan.job_changes,
            gone=plan.no_longer_connected,
        )

    return _import_file(args, read_connections, plan, apply)


def cmd_import_history(args: argparse.Namespace) -> int:
    """messages.csv or Invitations.csv: who you wrote to, who answered, and when."""
    from netdesk.io.history import HistoryPlan, HistoryRead, apply_history, plan_history
    from netdesk.io.invitations import read_invitations
    from netdesk.io.messages import read_messages

    def plan(result: HistoryRead, repo: Repo) -> HistoryPlan:
        planned = plan_history(
            result, repo.contacts, repo.messages, repo.settings(), getattr(args, "me", None)
        )
        if planned.you and not args.json:
            print(f"  read as the messages of {planned.you}")
        if planned.unmatched and not args.json:
            print(f"  not among your contacts: {planned.unmatched_line()}")
        return planned

    read = read_messages if args.kind == "messages" else read_invitations
    return _import_file(args, read, plan, apply_history)
