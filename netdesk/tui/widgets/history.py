"""What has passed between you and one person: messages, calls and job changes, newest
first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from netdesk.domain.models import Call, JobChange, Message
from netdesk.domain.reimport import describe
from netdesk.tui.literal import first_line

_DIM = "$text-muted"


def history_content(
    messages: list[Message], calls: list[Call], jobs: Sequence[JobChange] = ()
) -> Content:
    entries: list[tuple[datetime, Content]] = []
    for job in jobs:
        if job.at:
            entries.append(
                (
                    job.at,
                    Content.assemble(
                        (job.at.strftime("%d %b %Y"), _DIM),
                        "  ",
                        ("changed job", "bold"),
                        ": ",
                        first_line(describe(job), 140),
                    ),
                )
            )
    for m in messages:
        if m.sent_at:
            replied = "  ↩ replied" if m.replied_at else ""
            entries.append(
                (
                    m.sent_at,
                    Content.assemble(
                        (m.sent_at.strftime("%d %b %Y"), _DIM),
                        "  ",
                        (m.kind.value.replace("_", " "), "bold"),
                        replied,
                        "  ",
                        first_line(m.body, 70),
                    ),
                )
            )
    for c in calls:
        when = c.held_at or c.scheduled_for
        if when:
            what = f"call, {c.medium.value.replace('_', ' ')}"
            state = f"{c.minutes} min" if c.held_at else "scheduled " + when.strftime("%H:%M")
            entries.append(
                (
                    when,
                    Content.assemble(
                        (when.strftime("%d %b %Y"), _DIM),
                        "  ",
                        (what, "bold"),
                        f" ({state})  ",
                        first_line(c.notes, 70),
                    ),
                )
            )
    if not entries:
        return Content.styled("Nothing yet: no messages or calls with this person.", _DIM)
    entries.sort(key=lambda e: e[0], reverse=True)
    return Content("\n").join(content for _, content in entries)


class History(Static):
    DEFAULT_CSS = """
    History { height: auto; padding: 0 1; }
    """

    def show(
        self, messages: list[Message], calls: list[Call], jobs: Sequence[JobChange] = ()
    ) -> None:
        self.update(history_content(messages, calls, jobs))
