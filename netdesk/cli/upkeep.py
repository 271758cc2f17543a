"""Looking after the database: `netdesk merge`, `netdesk duplicates` and `netdesk check`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from netdesk.cli.base import EXIT_OK, CliError, db_path, open_repo
from netdesk.store.errors import StoreError


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge OTHER_ID into KEEP_ID without asking: where both differ, KEEP_ID's value stays,
    and each such field is listed with the value dropped, so nothing goes without a word."""
    from netdesk.domain.dates import plural
    from netdesk.domain.merge import field_label

    keep_id, other_id = args.keep_id, args.other_id
    with open_repo(db_path(args), lock=not args.dry_run, read_only=args.dry_run) as repo:
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

    with open_repo(db_path(args), lock=False, read_only=True) as repo:
        pairs = repo.possible_duplicates()
        people = repo.contacts.by_id()
        for pair in pairs:
            a, b = people[pair.a_id], people[pair.b_id]
            print(f"{pair.a_id} {a.name} · {pair.b_id} {b.name}: {'; '.join(pair.reasons)}")
    print(plural(len(pairs), "possible duplicate"), file=sys.stderr)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from netdesk.store.storage import backup_path

    path = db_path(args)
    if not path.exists() and not path.is_symlink():  # a dangling link is reported on opening
        raise CliError(f"{path}: no database there yet (netdesk creates it on first run)")
    with open_repo(path, lock=False, read_only=True) as repo:
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
            with open_repo(bak, lock=False, read_only=True):
                print(f"{bak}: OK (previous save)")
        except StoreError as exc:
            print(f"{bak}: damaged backup ({exc.reason})")
    return EXIT_OK
