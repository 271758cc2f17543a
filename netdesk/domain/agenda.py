"""Today's queue outside the app (`netdesk today`): the workspace's sections, people and what
to do for each, as lines for a terminal or rows for JSON.

It is read from the same queue the workspace shows, so the two never disagree; only the way
it is drawn differs: one line a person, so a shell start-up file can print it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netdesk.domain.queue import QueueItem


@dataclass(frozen=True, slots=True)
class AgendaRow:
    section: str
    """The workspace's heading for it: "Follow-ups due", "New outreach" …"""
    kind: str
    """The same, for programs: follow_up, reply, call_today, intro_step … new_outreach."""
    contact_id: int
    name: str
    action: str
    """What to do, and why today: the line under the name in the workspace."""
    due: date | None
    call_id: int | None
    intro_id: int | None


def agenda_rows(items: Iterable[QueueItem], names: Mapping[int, str]) -> list[AgendaRow]:
    return [
        AgendaRow(
            section=item.kind.label,
            kind=item.kind.name.lower(),
            contact_id=item.contact_id,
            name=names.get(item.contact_id, "?"),
            action=item.reason,
            due=item.due,
            call_id=item.call_id,
            intro_id=item.intro_id,
        )
        for item in items
    ]


def agenda_text(rows: Sequence[AgendaRow], *, done: int, cap: int, anyone: bool) -> str:
    """The progress line, then each section's heading (with its count) and its people; with
    no one in the database yet (`anyone` false), only how to begin.

    A name is one line however it was stored (its line breaks and tabs become spaces).
    """
    if not anyone:
        return "No contacts yet: run netdesk and press < to import your Connections.csv."
    lines = [f"{min(done, cap)} of {cap} new outreach done today"]
    for n, row in enumerate(rows):
        if n == 0 or row.section != rows[n - 1].section:
            count = sum(1 for r in rows if r.section == row.section)
            lines.append(f"{row.section} ({count})")
        lines.append(f"  {' '.join(row.name.split())} — {row.action}")
    if not rows:
        lines.append("All done for today.")
    return "\n".join(lines)
