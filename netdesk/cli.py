"""The `netdesk` command: the TUI by default, plus import, export, demo, stats and check.

Heavy modules (Textual, the importers) are imported inside the command that needs them, so
`netdesk stats` does not pay for the TUI and the TUI does not pay for the CSV reader.
Every failure ends in one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar

from netdesk import __version__, locations
from netdesk.store.errors import StoreError

if TYPE_CHECKING:
    from netdesk.io.csvfile import Problem
    from netdesk.store.repo import Repo

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
DEMO_COUNT, DEMO_SEED = 200, 7


class CliError(Exception):
    """A user-facing failure: message, and the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_FAIL) -> None:
        super().__init__(message)
        self.code = code


_CONTROLS = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""What a terminal would obey rather than show: C0 but tab and line breaks, DEL, C1 (and a
carriage return that does not end a line: it can overwrite what the line said)."""


class _Escaped:
    """A text stream that writes control characters as `\\x1b`, never raw.

    Names, notes and senders come from other people; printed raw, ESC ] 52 would write the
    clipboard and ESC ] 2 the window title. Everything a command prints passes through here,
    the CSV on stdout included (`-o FILE` writes the exact text). Bytes written to `.buffer`
    (JSON, vCard, iCalendar) carry no raw control characters: their writers escape or drop them.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_CONTROLS.sub(lambda m: m[0].encode("unicode_escape").decode(), text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _escaped_output() -> Iterator[None]:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaped(stdout), _Escaped(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _db_path(args: argparse.Namespace) -> Path:
    # `--db` is absent from the namespace unless given (before or after the subcommand).
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else locations.default_db()


def _open(path: Path, *, lock: bool = True, read_only: bool = False) -> Repo:
    from netdesk.store.repo import Repo

    if not read_only:
        _make_folder(path.parent)
    return Repo.open(path, lock=lock, read_only=read_only)


def _make_folder(folder: Path) -> None:
    """Create the database's folder, private (0700), unless it exists."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(
            f"cannot create the folder {folder}: {exc.strerror or exc}; create it yourself "
            "or choose a database in another folder with --db"
        ) from None


# --- commands ----------------------------------------------------------------------------------


def cmd_tui(args: argparse.Namespace) -> int:
    path = locations.demo_db() if args.demo else _db_path(args)
    if args.demo:
        _build_demo(path, DEMO_COUNT, DEMO_SEED, quiet=True, replace=True)  # netdesk's own file
    elif path.parent == locations.data_dir():
        # First run: netdesk's own folder may not exist yet. A folder the user named (with
        # --db or NETDESK_DB) is never created here: a typo there should fail, not scatter files.
        _make_folder(path.parent)
    from netdesk.tui.app import run

    return run(path)


def _build_demo(
    path: Path, count: int, seed: int, *, quiet: bool = False, replace: bool = False
) -> None:
    """Write the demo network to `path` in one save, so `.bak` keeps what was there before.

    A database that holds anyone is refused unless `replace` (`--force`).
    """
    from netdesk.io import demo

    data = demo.generate(count, seed, date.today())
    with _open(path) as repo:
        people = len(repo.contacts)
        if people and not replace:
            raise CliError(
                f"{path} holds a database of {people} contacts; pass --force to replace them "
                "with the demo (its .bak then keeps them), or choose another file with --db",
                EXIT_USAGE,
            )
        with repo.batch():
            repo.replace_all(
                data.contacts,
                data.messages,
                data.calls,
                data.intros,
                data.targets,
                data.referrals,
            )
            repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
    if not quiet:
        print(f"Wrote a demo network of {len(data.contacts)} people to {path}")


def cmd_demo(args: argparse.Namespace) -> int:
    path = _db_path(args) if getattr(args, "db", None) else locations.demo_db()
    if path.resolve() == locations.default_db().resolve() and path.exists() and not args.force:
        raise CliError(
            f"{path} is your real database; pass --db with another file (or --force)", EXIT_USAGE
        )
    own = path == locations.demo_db()  # netdesk's own demo file is rebuilt every time
    _build_demo(path, args.count, args.seed, replace=args.force or own)
    return EXIT_OK


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
        with _open(_db_path(args), lock=not args.dry_run, read_only=args.dry_run) as repo:
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


def cmd_export(args: argparse.Namespace) -> int:
    if args.format in ("vcard", "ics"):
        return cmd_export_cards(args)
    from netdesk.io import export

    with _open(_db_path(args), lock=False, read_only=True) as repo:
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
    with _open(_db_path(args), lock=False, read_only=True) as repo:
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


def _today() -> date:
    return date.today()


def cmd_today(args: argparse.Namespace) -> int:
    """Today's queue as the workspace shows it, fast enough for a shell start-up file: read
    without the lock, written never (the day's `settle` is worked out, not saved)."""
    from netdesk.domain.agenda import agenda_rows, agenda_text
    from netdesk.store.repo import Repo

    today, path = _today(), _db_path(args)
    rows, done, cap, anyone = [], 0, 0, False
    # Before the first run there is no file, and nothing to do yet: not an error at start-up.
    if path.exists() or path.is_symlink():  # a dangling link is reported on opening
        # parse_later: the records straight from the file, as the app opens it (half the time
        # at 30k contacts); TinyDB's document, needed only to write, is never parsed.
        with Repo.open(path, lock=False, read_only=True, parse_later=True) as repo:
            rows = agenda_rows(repo.settled_queue(today), {c.id: c.name for c in repo.contacts})
            done, cap = repo.outreach_done(today), repo.settings().daily_cap
            anyone = len(repo.contacts) > 0
    if args.json:
        import orjson

        sys.stdout.write(orjson.dumps([dataclasses.asdict(row) for row in rows]).decode() + "\n")
    else:
        print(agenda_text(rows, done=done, cap=cap, anyone=anyone))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from netdesk.domain import stats

    with _open(_db_path(args), lock=False, read_only=True) as repo:
        figures = stats.compute(
            repo.contacts, repo.messages, repo.calls, repo.intros, repo.targets, date.today()
        )
        referrals = stats.referral_stats(
            repo.referrals, repo.targets, repo.a_network(), date.today()
        )
        names = {c.id: c.name for c in repo.contacts}
    if args.json:
        import orjson

        payload = {
            **dataclasses.asdict(figures),
            "referrals_given": referrals.given,
            "referrals_received": referrals.received,
            "received_from_a_network": referrals.received_from_a_network,
            "referrals": dataclasses.asdict(referrals),
        }
        sys.stdout.write(orjson.dumps(payload).decode() + "\n")
    else:
        print(stats.as_text(figures, stats.referral_rows(referrals, names)))
    return EXIT_OK


def cmd_fits(args: argparse.Namespace) -> int:
    """Who fits a need (or, with --everything, whose texts hold the words), best first."""
    from netdesk.domain.models import closeness_label

    need = " ".join(args.need)
    if not need.strip():
        raise CliError('say what you need, e.g. netdesk fits "website redesign"', EXIT_USAGE)
    if args.limit < 1:
        raise CliError(f"--limit must be at least 1, not {args.limit}", EXIT_USAGE)
    # A finished command line: the last word is whole, not a prefix being typed.
    need = need.rstrip() + " "
    with _open(_db_path(args), lock=False, read_only=True) as repo:
        find = repo.search_everything if args.everything else repo.find_fits
        fits = find(need, args.limit)
    if args.json:
        import orjson

        rows = [
            {
                "rank": rank,
                "contact_id": fit.contact_id,
                "name": fit.name,
                "network": fit.network,
                "closeness": fit.closeness,
                "score": round(fit.score, 4),
                "field": fit.field,
                "snippet": fit.snippet.text,
                "spans": [list(span) for span in fit.snippet.spans],
            }
            for rank, fit in enumerate(fits, 1)
        ]
        sys.stdout.write(orjson.dumps(rows).decode() + "\n")
        return EXIT_OK
    if not fits:
        print(f"No one fits {need.strip()!r}: no word of it is in anyone's record.")
        return EXIT_OK
    for rank, fit in enumerate(fits, 1):
        closeness = closeness_label(fit.closeness)
        print(f"{rank:>2}. {fit.name}  {fit.network}  {closeness}  {fit.field}: {fit.snippet.text}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge OTHER_ID into KEEP_ID without asking: where both differ, KEEP_ID's value stays,
    and each such field is listed with the value dropped, so nothing goes without a word."""
    from netdesk.domain.dates import plural
    from netdesk.domain.merge import field_label

    keep_id, other_id = args.keep_id, args.other_id
    with _open(_db_path(args), lock=not args.dry_run, read_only=args.dry_run) as repo:
        try:
            plan = repo.plan_merge(keep_id, other_id)
            if not args.dry_run:
                repo.merge_contacts(keep_id, other_id, {}, datetime.now().replace(microsecond=0))
        except ValueError as exc:
            raise CliError(f"cannot merge: {exc}") from None
    held = plan.held[1]
    moved = [plural(held[t], word) for t, word in _HELD_WORDS if held[t]] or ["nothing else"]
    what = f"{other_id} ({plan.other.name}) into {keep_id} ({plan.keep.name})"
    print(("Dry run, nothing written: would merge " if args.dry_run else "Merged ") + what)
    print(f"  moved from {other_id}: {', '.join(moved)}")
    if plan.merged.from_other:
        taken = ", ".join(field_label(name).lower() for name in plan.merged.from_other)
        print(f"  taken from {other_id} (empty on {keep_id}): {taken}")
    for name in plan.merged.conflicts:
        kept, dropped = getattr(plan.keep, name), getattr(plan.other, name)
        label = field_label(name).lower()
        print(f"  both differ, kept {keep_id}'s {label}: {kept} ({other_id} had {dropped})")
    return EXIT_OK


_HELD_WORDS = (
    ("messages", "message"),
    ("calls", "call"),
    ("intros", "introduction"),
    ("targets", "target"),
    ("referrals", "referral"),
)


def cmd_duplicates(args: argparse.Namespace) -> int:
    """Likely pairs of one person, with ids for `netdesk merge`."""
    from netdesk.domain.dates import plural

    with _open(_db_path(args), lock=False, read_only=True) as repo:
        pairs = repo.possible_duplicates()
        people = repo.contacts.by_id()
        for pair in pairs:
            a, b = people[pair.a_id], people[pair.b_id]
            print(f"{pair.a_id} {a.name} · {pair.b_id} {b.name}: {'; '.join(pair.reasons)}")
    print(plural(len(pairs), "possible duplicate"), file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from netdesk.store.storage import backup_path

    path = _db_path(args)
    if not path.exists() and not path.is_symlink():  # a dangling link is reported on opening
        raise CliError(f"{path}: no database there yet (netdesk creates it on first run)")
    with _open(path, lock=False, read_only=True) as repo:
        real = repo.path  # a linked database is backed up beside the file it links to
        counts = ", ".join(
            f"{len(c)} {name}"
            for name, c in (
                ("contacts", repo.contacts),
                ("messages", repo.messages),
                ("calls", repo.calls),
                ("intros", repo.intros),
                ("targets", repo.targets),
            )
        )
    print(f"{path}: OK ({counts})")
    bak = backup_path(real)
    if bak.exists():
        try:
            with _open(bak, lock=False, read_only=True):
                print(f"{bak}: OK (previous save)")
        except StoreError as exc:
            print(f"{bak}: damaged backup ({exc.reason})")
    return EXIT_OK


# --- parser ------------------------------------------------------------------------------------


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
    with contextlib.nullcontext() if func is cmd_tui else _escaped_output():
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


if __name__ == "__main__":
    sys.exit(main())
