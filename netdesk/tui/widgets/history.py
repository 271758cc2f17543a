"""What has passed between you and one person: messages, calls and job changes, newest
first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from netdesk.domain.dates import format_day
from netdesk.domain.models import Call, JobChange, Message
from netdesk.domain.reimport import describe
from netdesk.tui.literal import first_line, lines
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.wrapped import Wrapped


def _text(text: str, width: int, full: bool) -> Content:
    """A message or a call's notes: its first line cut to `width`, or all of it below."""
    if not full or not text.strip():
        return Content(first_line(text, width))
    return Content("\n" + "\n".join(f"    {line}" for line in lines(text.strip()).splitlines()))


def history_content(
    messages: list[Message],
    calls: list[Call],
    jobs: Sequence[JobChange] = (),
    *,
    full: bool = False,
) -> Content:
    """One entry per message, call and job change; `full` shows each message whole."""
    entries: list[tuple[datetime, Content]] = []
    for job in jobs:
        if job.at:
            entries.append(
                (
                    job.at,
                    Content.assemble(
                        (format_day(job.at.date()), MUTED),
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
                        (format_day(m.sent_at.date()), MUTED),
                        "  ",
                        (m.kind.value.replace("_", " "), "bold"),
                        replied,
                        "  ",
                        _text(m.body, 70, full),
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
                        (format_day(when.date()), MUTED),
                        "  ",
                        (what, "bold"),
                        f" ({state})  ",
                        _text(c.notes, 70, full),
                    ),
                )
            )
    if not entries:
        return Content.styled("Nothing yet: no messages or calls with this person.", MUTED)
    entries.sort(key=lambda e: e[0], reverse=True)
    return Content("\n").join(content for _, content in entries)


class History(Static):
    """The entries, first lines only until `full` (h) shows every message whole."""

    DEFAULT_CSS = """
    History { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.full = False
        self._shown: tuple[list[Message], list[Call], Sequence[JobChange]] = ([], [], ())

    def show(
        self, messages: list[Message], calls: list[Call], jobs: Sequence[JobChange] = ()
    ) -> None:
        self._shown = (messages, calls, jobs)
        self.update(Wrapped(history_content(messages, calls, jobs, full=self.full)))

    def toggle_full(self) -> None:
        self.full = not self.full
        self.show(*self._shown)
