"""The read-only reports: `netdesk today`, `netdesk stats` and `netdesk fits`."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from datetime import date

from netdesk.cli.base import EXIT_OK, EXIT_USAGE, CliError, db_path, open_repo


def _today() -> date:
    return date.today()


def cmd_today(args: argparse.Namespace) -> int:
    """Today's queue as the workspace shows it, fast enough for a shell start-up file: read
    without the lock, written never (the day's `settle` is worked out, not saved)."""
    from netdesk.domain.agenda import agenda_rows, agenda_text
    from netdesk.store.repo import Repo

    today, path = _today(), db_path(args)
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

    with open_repo(db_path(args), lock=False, read_only=True) as repo:
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
    with open_repo(db_path(args), lock=False, read_only=True) as repo:
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
