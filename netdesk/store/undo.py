"""Undo: reverse the newest user action by writing back what its records held before.

`RepoCore._action` keeps, for each record an action touched, its state before the action (or
that it did not exist). Undoing is itself one durable save: those records are put back (new
ones removed) and the step leaves the history. Nothing is rewound from a file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netdesk.domain.models import Message, UndoStep, from_doc
from netdesk.store.core import RepoCore
from netdesk.store.fieldcheck import check_doc


class UndoWrites(RepoCore):
    def undo_history(self) -> list[UndoStep]:
        """The actions that can be undone, newest first."""
        return sorted(self._undo, key=lambda s: s.id, reverse=True)

    def notes_in_newest(self) -> list[Message]:
        """The messages the newest step created, as they are now: undoing that step removes
        them, so a screen can first take their text back (an undone send keeps its note)."""
        steps = self.undo_history()
        changes = steps[0].changes if steps else []
        created = (c.record_id for c in changes if c.table == "messages" and c.before is None)
        return [m for m in map(self.messages.get, created) if m is not None]

    def undo(self, now: datetime | None = None) -> UndoStep | None:
        """Reverse the newest action; returns it, or None when there is nothing to undo."""
        steps = self.undo_history()
        if not steps:
            return None
        step = steps[0]
        restores: list[tuple[Any, int, Any]] = []
        for change in reversed(step.changes):
            collection = self._undoable[change.table]
            before = None
            if change.before is not None:
                try:
                    before = from_doc(collection.cls, change.before, change.record_id)
                    check_doc(collection.cls, change.before)
                except (TypeError, ValueError, AttributeError) as exc:
                    raise ValueError(
                        f"cannot undo {step.label!r}: a record it would put back is damaged"
                        f" ({exc}); nothing was changed"
                    ) from None
            restores.append((collection, change.record_id, before))
        with self.batch():
            for collection, record_id, before in restores:
                if before is None:
                    collection.remove([record_id])
                else:
                    collection.save(before)
            self._undo.remove([step.id])
        return step
