"""`netdesk` (the TUI, on your database or with --demo a generated one) and `netdesk demo`."""

from __future__ import annotations

import argparse
import dataclasses
import gc
from datetime import date
from pathlib import Path

from netdesk import locations
from netdesk.cli.base import EXIT_OK, EXIT_USAGE, CliError, db_path, make_folder, open_repo

DEMO_COUNT, DEMO_SEED = 200, 7


def cmd_tui(args: argparse.Namespace) -> int:
    path = locations.demo_db() if args.demo else db_path(args)
    if args.demo:
        _build_demo(path, DEMO_COUNT, DEMO_SEED, quiet=True, replace=True)  # netdesk's own file
    elif path.parent == locations.data_dir():
        # First run: netdesk's own folder may not exist yet. A folder the user named (with
        # --db or NETDESK_DB) is never created here: a typo there should fail, not scatter files.
        make_folder(path.parent)
    # The cycle collector finds nothing to free in what start-up builds, Textual's modules
    # included (about a tenth of importing them); `run` turns it on after the first frame.
    gc.disable()
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
    with open_repo(path) as repo:
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
    path = db_path(args) if getattr(args, "db", None) else locations.demo_db()
    if path.resolve() == locations.default_db().resolve() and path.exists() and not args.force:
        raise CliError(
            f"{path} is your real database; pass --db with another file (or --force)", EXIT_USAGE
        )
    own = path == locations.demo_db()  # netdesk's own demo file is rebuilt every time
    _build_demo(path, args.count, args.seed, replace=args.force or own)
    return EXIT_OK
