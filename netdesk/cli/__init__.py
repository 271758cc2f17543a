"""The `netdesk` command: the TUI by default, plus import, export, demo, stats and check.

Heavy modules (Textual, the importers) are imported inside the command that needs them, so
`netdesk stats` does not pay for the TUI and the TUI does not pay for the CSV reader.
Every failure ends in one line on stderr and a non-zero exit code, never a traceback.
Each group of subcommands is a module here (`launch`, `imports`, `exports`, `reports`,
`upkeep`); this one builds the parser and runs the command.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence

from netdesk import __version__
from netdesk.cli.base import EXIT_FAIL, EXIT_OK, CliError, escaped_output
from netdesk.cli.exports import cmd_export
from netdesk.cli.imports import cmd_import_history, cmd_import_linkedin
from netdesk.cli.launch import DEMO_COUNT, DEMO_SEED, cmd_demo, cmd_tui
from netdesk.cli.reports import cmd_fits, cmd_stats, cmd_today
from netdesk.cli.upkeep import cmd_check, cmd_duplicates, cmd_merge
from netdesk.store.errors import StoreError

_JSON_HELP = "print the report (counts and each problem line) as one JSON object"


def build_parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $NETDESK_DB or the user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="netdesk",
        parents=[db],
        description="A keyboard-driven workspace for growing your network one person at a time.",
    )
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open a separate, freshly generated demo database"
    )
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    imp = sub.add_parser("import", help="import a LinkedIn export file")
    imp_sub = imp.add_subparsers(title="kinds", metavar="KIND", required=True)
    linkedin = imp_sub.add_parser("linkedin", parents=[db], help="LinkedIn Connections.csv")
    linkedin.add_argument("file", help="path to Connections.csv")
    linkedin.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    linkedin.add_argument("--json", action="store_true", help=_JSON_HELP)
    linkedin.set_defaults(func=cmd_import_linkedin)
    messages = imp_sub.add_parser(
        "messages", parents=[db], help="LinkedIn messages.csv: last contact and replies"
    )
    messages.add_argument("file", help="path to messages.csv")
    messages.add_argument(
        "--me", metavar="NAME", help="your name or profile URL (default: who is in most rows)"
    )
    messages.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    messages.add_argument("--json", action="store_true", help=_JSON_HELP)
    messages.set_defaults(func=cmd_import_history, kind="messages")
    invitations = imp_sub.add_parser(
        "invitations", parents=[db], help="LinkedIn Invitations.csv: invitation notes"
    )
    invitations.add_argument("file", help="path to Invitations.csv")
    invitations.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    invitations.add_argument("--json", action="store_true", help=_JSON_HELP)
    invitations.set_defaults(func=cmd_import_history, kind="invitations")

    exp = sub.add_parser(
        "export", parents=[db], help="export contacts (CSV, JSON, vCard) or calls (ics)"
    )
    exp.add_argument("format", choices=("csv", "json", "vcard", "ics"))
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    exp.set_defaults(func=cmd_export)

    demo = sub.add_parser("demo", parents=[db], help="write a generated demo database")
    demo.add_argument("--count", type=int, default=DEMO_COUNT, help="how many people")
    demo.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed")
    demo.add_argument(
        "--force", action="store_true", help="allow replacing a database that holds contacts"
    )
    demo.set_defaults(func=cmd_demo)

    fits = sub.add_parser("fits", parents=[db], help="who fits a need, best first, and why")
    fits.add_argument("need", nargs="+", help='the need in words, e.g. "website redesign"')
    fits.add_argument("--limit", type=int, default=20, help="how many people at most (20)")
    fits.add_argument("--json", action="store_true", help="machine-readable output")
    fits.add_argument(
        "--everything",
        action="store_true",
        help="search all text netdesk holds (notes, calls, messages, intros, referrals)",
    )
    fits.set_defaults(func=cmd_fits)

    today = sub.add_parser(
        "today", parents=[db], help="today's queue, as the workspace shows it (read only)"
    )
    today.add_argument(
        "--json",
        action="store_true",
        help="a list of {section, kind, contact_id, name, action, due, call_id, intro_id}",
    )
    today.set_defaults(func=cmd_today)

    st = sub.add_parser("stats", parents=[db], help="honest numbers: people, not messages")
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.set_defaults(func=cmd_stats)

    merge = sub.add_parser(
        "merge", parents=[db], help="merge two contacts into one (KEEP_ID's values win)"
    )
    merge.add_argument("keep_id", metavar="KEEP_ID", type=int, help="the contact that stays")
    merge.add_argument("other_id", metavar="OTHER_ID", type=int, help="the contact merged in")
    merge.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    merge.set_defaults(func=cmd_merge)
    dupes = sub.add_parser(
        "duplicates", parents=[db], help="list likely pairs of one person, with their ids"
    )
    dupes.set_defaults(func=cmd_duplicates)

    check = sub.add_parser("check", parents=[db], help="validate the database file")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    # The TUI's terminal is Textual's; everything else prints with control characters escaped.
    with contextlib.nullcontext() if func is cmd_tui else escaped_output():
        try:
            return func(args)
        except StoreError as exc:
            print(f"netdesk: {exc}\n{exc.advice()}", file=sys.stderr)
            return EXIT_FAIL
        except CliError as exc:
            print(f"netdesk: {exc}", file=sys.stderr)
            return exc.code
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return EXIT_OK
