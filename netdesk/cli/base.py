"""What every subcommand shares: exit codes, the one-line error, the database's path and
opening, and output with control characters escaped."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from netdesk import locations

if TYPE_CHECKING:
    from netdesk.store.repo import Repo

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


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
def escaped_output() -> Iterator[None]:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaped(stdout), _Escaped(stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def db_path(args: argparse.Namespace) -> Path:
    # `--db` is absent from the namespace unless given (before or after the subcommand).
    db = getattr(args, "db", None)
    return Path(db).expanduser() if db else locations.default_db()


def open_repo(path: Path, *, lock: bool = True, read_only: bool = False) -> Repo:
    from netdesk.store.repo import Repo

    if not read_only:
        make_folder(path.parent)
    return Repo.open(path, lock=lock, read_only=read_only)


def make_folder(folder: Path) -> None:
    """Create the database's folder, private (0700), unless it exists."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(
            f"cannot create the folder {folder}: {exc.strerror or exc}; create it yourself "
            "or choose a database in another folder with --db"
        ) from None
