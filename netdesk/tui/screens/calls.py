"""Upcoming and past calls; log one you held, schedule the next."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import platformdirs
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netdesk.domain.dates import format_when
from netdesk.domain.models import Call
from netdesk.tui.commands import CALLS, bindings_for
from netdesk.tui.literal import first_line, one_line
from netdesk.tui.screens.person import PersonScreen
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.section_list import SectionList
from netdesk.tui.widgets.title_bar import TitleBar
from netdesk.tui.widgets.wrapped import Wrapped


def export_dir() -> Path:
    """Where a saved file is easy to find and open: Downloads when it exists, else home."""
    downloads = Path(platformdirs.user_downloads_dir())
    return downloads if downloads.is_dir() else Path.home()


def _when(call: Call) -> datetime:
    """When a listed call was held, or else is booked for (it has one or the other)."""
    when = call.held_at or call.scheduled_for
    assert when is not None, "only calls with a time are listed"
    return when


class CallsScreen(PersonScreen):
    BINDINGS = [*bindings_for(CALLS)]  # a list of BindingType, as Textual declares it

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="calls-pane") as pane:
            pane.border_title = "Calls"
            yield SectionList(id="calls")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def after_action(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Show the calls again, the cursor staying on the call it was on (a moved call
        changes place in the list; the next key must still act on it)."""
        repo = self.app.repo
        was_on = self.current_call.id if self.calls and self.current_call else None
        upcoming = sorted(
            (c for c in repo.calls if c.held_at is None and c.scheduled_for),
            key=_when,
        )
        past = sorted((c for c in repo.calls if c.held_at), key=_when, reverse=True)
        self.calls = upcoming + past
        options: list[Option] = []
        for title, group, offset in (("Upcoming", upcoming, 0), ("Held", past, len(upcoming))):
            options.append(
                Option(Content.styled(f"{title} ({len(group)})", "bold $accent"), disabled=True)
            )
            for n, call in enumerate(group, start=offset):
                contact = repo.contacts.get(call.contact_id)
                when = _when(call)
                line = Content.assemble(
                    "  ",
                    (format_when(when), "bold" if not call.held_at else ""),
                    "  ",
                    one_line(contact.name) if contact else "?",
                    "  ",
                    (call.medium.value.replace("_", " "), MUTED),
                    "  ",
                    (first_line(call.notes, 120), MUTED),
                )
                options.append(Option(Wrapped(line), id=str(n)))
        calls = self.query_one("#calls", OptionList)
        highlighted = calls.highlighted
        calls.set_options(options)
        same = next((n for n, c in enumerate(self.calls) if c.id == was_on), None)
        if same is not None:
            calls.highlighted = calls.get_option_index(str(same))
        elif self.calls:
            calls.highlighted = highlighted if highlighted is not None else 1
        calls.focus()

    @property
    def current_id(self) -> int | None:
        call = self.current_call
        return call.contact_id if call else None

    @property
    def current_call(self) -> Call | None:
        n = highlighted_number(self.query_one("#calls", OptionList))
        return None if n is None else self.calls[n]

    def _upcoming_call(self) -> Call | None:
        """The highlighted call if it is still to be held; otherwise says why not."""
        call = self.current_call
        if call is None or call.held_at is not None:
            self.notify("Select an upcoming call first.", severity="warning")
            return None
        return call

    def action_move_call(self) -> None:
        call = self._upcoming_call()
        contact = self.app.repo.contacts.get(call.contact_id) if call else None
        if call and contact:
            self.book_call(contact, call)

    def action_cancel_call(self) -> None:
        call = self._upcoming_call()
        if call and call.scheduled_for:
            name = self._name_of(call.contact_id)
            self.app.repo.cancel_call(call.id, self.app.now())
            self.notify_undoable(
                f"Cancelled the call with {name} on {format_when(call.scheduled_for)}."
            )
            self.refresh_data()

    def action_no_show(self) -> None:
        call = self._upcoming_call()
        if call:
            name = self._name_of(call.contact_id)
            self.app.repo.mark_no_show(call.id, self.app.now())
            self.notify_undoable(f"{name} did not show up: back to replied, noted on their card.")
            self.refresh_data()

    def action_export_ics(self) -> None:
        """One call as an .ics file, to add to any calendar by opening it."""
        from netdesk.io.export import open_export  # loaded on first use (csv, hashlib: ~9 ms)
        from netdesk.io.ics import call_filename, calls_ics

        call = self.current_call
        if call is None or call.scheduled_for is None:
            self.notify("Select a scheduled call first.", severity="warning")
            return
        repo = self.app.repo
        contact = repo.contacts.get(call.contact_id)
        payload, _ = calls_ics([call], repo.contacts.by_id(), self.app.now())
        path = export_dir() / call_filename(contact.name if contact else "", call.scheduled_for)
        try:
            with open_export(path, repo.path) as out:  # private (0600), like the database
                out.write(payload.encode())
        except ValueError as exc:  # ExportRefused: the path is one of the database's files
            self.notify(str(exc), severity="error")
            return
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", severity="error")
            return
        self.notify(f"Saved {path}")
