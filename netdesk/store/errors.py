"""Errors the store raises, each carrying the path and a reason a person can act on."""

from __future__ import annotations

from pathlib import Path

MAX_REASON = 200
"""A reason can quote a key or value from a damaged file; it stays one short line."""


def printable(text: str) -> str:
    """`text` shortened to MAX_REASON characters, control and format characters escaped.

    A hostile file must not be able to send terminal escapes (or a right-to-left override)
    to the screen through an error message.
    """
    shown = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        for ch in text[: MAX_REASON + 1]
    )
    return shown if len(shown) <= MAX_REASON else shown[: MAX_REASON - 1] + "…"


class StoreError(Exception):
    """The database file cannot be used as it is; it has not been changed."""

    def __init__(self, path: Path, reason: str) -> None:
        reason = printable(reason)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def advice(self) -> str:
        """What the user can do next, pointing at the backup when there is one."""
        bak = self.path.with_name(self.path.name + ".bak")
        if not self.path.parent.is_dir():
            return (
                f"Create the folder {self.path.parent} first, or choose a database in an "
                "existing folder."
            )
        if bak.is_file():
            return (
                f"The previous good copy is {bak}; to restore it, move the damaged file aside "
                f"and copy the backup over it."
            )
        return "The file was left as it is; move it aside to start a new database."


class StoreLockedError(StoreError):
    """Another netdesk has the database open."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path, f"already open by pid {holder}")
        self.holder = holder

    def advice(self) -> str:
        return "Close the other netdesk first (only one may write the database at a time)."
