"""Errors the store raises, each carrying the path and a reason a person can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database file cannot be used as it is; it has not been changed."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def advice(self) -> str:
        """What the user can do next, pointing at the backup when there is one."""
        bak = self.path.with_name(self.path.name + ".bak")
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
