"""The finder's request pane: the request to the introducer shown, drafted for each, with
an edit kept per introducer while the finder is open (and lost on leaving, after asking)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from netdesk.domain.introducers import RankedIntroducer
from netdesk.domain.models import Contact
from netdesk.tui.literal import editable, one_line
from netdesk.tui.screens.targets.finder_lines import request_status
from netdesk.tui.widgets.composer import load_for_personal_sentence


class RequestPane(Vertical):
    def __init__(self) -> None:
        super().__init__(id="request-pane")
        self.border_title = "Request"
        self.shown: int | None = None
        """Contact id of the introducer whose request is in the editor."""
        self.ranked: RankedIntroducer | None = None
        """That introducer as last ranked (for the status line)."""
        self.drafts: dict[int, str] = {}
        """Request text per introducer as last shown, kept while this screen is open."""
        self.generated: dict[int, str] = {}

    def compose(self) -> ComposeResult:
        yield TextArea(id="request", soft_wrap=True, compact=True)
        yield Static(id="request-status")

    @property
    def area(self) -> TextArea:
        return self.query_one("#request", TextArea)

    def stash(self) -> None:
        """Keep the request in the editor if the user changed it; forget an untouched draft."""
        if self.shown is None:
            return
        text = self.area.text
        if text.strip() and text != self.generated.get(self.shown):
            self.drafts[self.shown] = text
        else:
            self.drafts.pop(self.shown, None)

    def show(
        self,
        contact_id: int | None,
        ranked: RankedIntroducer | None,
        draft: Callable[[Contact], str],
    ) -> None:
        """The request to `contact_id` (`ranked`, None: no introducer): as edited, else
        `draft(contact)`; the one already shown stays as it is."""
        area = self.area
        if self.shown != contact_id:
            self.stash()
        self.ranked = ranked
        if contact_id == self.shown and contact_id is not None:
            self.refresh_status()
            return
        self.shown = contact_id
        if ranked is None or ranked.contact is None:
            area.load_text("")
            self.border_title = "Request"
            self.query_one("#request-status", Static).update("")
            return
        fresh = draft(ranked.contact)
        self.generated[ranked.contact.id] = editable(fresh, multiline=True)  # as the area shows it
        text = self.drafts.get(ranked.contact.id) or fresh
        load_for_personal_sentence(area, text)
        self.border_title = Content(f"Request to {one_line(ranked.name)}")  # a str is markup
        self.refresh_status()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.refresh_status()

    def refresh_status(self) -> None:
        status = self.query_one("#request-status", Static)
        if self.ranked is None:
            status.update("")
            return
        status.update(request_status(self.area.text, self.ranked))
