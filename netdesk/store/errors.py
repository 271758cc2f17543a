"""Errors the store raises, each carrying the path and a reason a person can act on."""

from __future__ import annotations

import errno
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
            damage = _backup_damage(bak)
            if damage is None:
                return (
                    f"The previous good copy is {bak}; to restore it, move the damaged file "
                    f"aside and copy the backup over it."
                )
            return (
                f"The backup {bak} cannot be used either ({damage}); both were left as they "
                "are: repair one by hand, or move both aside to start a new database."
            )
        return "The file was left as it is; move it aside to start a new database."


def _backup_damage(bak: Path) -> str | None:
    """Why the backup would be refused too, or None when it opens."""
    from netdesk.store.repo import Repo  # the repo raises these errors: imported when needed

    try:
        Repo.open(bak, lock=False, read_only=True).close()
    except StoreError as exc:
        return exc.reason
    return None


class StoreWriteError(StoreError):
    """Saving (or creating the lock) failed; the file on disk is as it was before."""

    def __init__(self, path: Path, reason: str, error: OSError) -> None:
        super().__init__(path, reason)
        self.errno = error.errno

    def advice(self) -> str:
        """What fits the failure: disk full, no permission, read-only, immutable."""
        return f"{self._remedy()} Nothing on disk was changed."

    def _remedy(self) -> str:
        folder = self.path.parent
        if self.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"The disk holding {folder} is full: free some space, then try again."
        if self.errno == errno.EACCES:
            return (
                f"You may not write in {folder}: make it writable (chmod u+w) or choose a "
                "database in another folder with --db."
            )
        if self.errno == errno.EROFS:
            return (
                f"{folder} is on a read-only file system: remount it read-write or choose a "
                "database elsewhere with --db."
            )
        if self.errno == errno.EPERM:
            return (
                f"The system refuses changes to {self.path.name} or {folder}; perhaps one is "
                "marked immutable (lsattr -d shows an 'i'; chattr -i removes it)."
            )
        return "Try again once the problem is fixed, or choose another database with --db."


class StoreLockedError(StoreError):
    """Another netdesk has the database open."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path, f"already open by pid {holder}")
        self.holder = holder

    def advice(self) -> str:
        return "Close the other netdesk first (only one may write the database at a time)."


class StoreLockFileError(StoreError):
    """Something other than a regular file stands where the lock file goes."""

    def __init__(self, path: Path, lock: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.lock = lock

    def advice(self) -> str:
        return f"Remove {self.lock} (netdesk makes a new one when it starts), then try again."
