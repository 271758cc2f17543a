"""Possible duplicates: pairs that look like one person, each with why; merge or dismiss.

Looking costs about half a second at 30,000 contacts, so it runs in a thread worker and the
list fills in when done; "not the same person" is remembered and the pair leaves at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.duplicates import DuplicatePair
from netdesk.domain.models import Contact
from netdesk.tui.commands import DUPLICATES, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.merge import start_merge
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar


def _who(contact: Contact) -> Content:
    """'#12 Ann Lee · CFO at Acme · ann@acme.com', as plain text."""
    parts = [contact.name, contact.headline, contact.email]
    return Content.assemble((f"#{contact.id} ", MUTED), one_line(" · ".join(p for p in parts if p)))


class DuplicatesScreen(NetdeskScreen[None]):
    DEFAULT_CSS = """
    DuplicatesScreen #duplicates-pane {
        border: round $primary 50%; border-title-color: $text-muted; height: 1fr;
    }
    DuplicatesScreen #duplicates-pane:focus-within {
        border: round $accent; border-title-color: $accent;
    }
    DuplicatesScreen #duplicates-status { height: auto; padding: 0 1; color: $text-muted; }
    DuplicatesScreen #pairs { height: 1fr; border: none; padding: 0; }
    """
    BINDINGS = [*bindings_for(DUPLICATES), Binding("escape", "app.pop_screen", "Back")]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []
        self.looked = False
        """Whether the list shows a finished look (not the one running)."""
        self.looks = 0
        """Looks started; only the newest one's pairs are shown."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="duplicates-pane") as pane:
            pane.border_title = "Possible duplicates"
            yield Static(Content("Looking for possible duplicates…"), id="duplicates-status")
            yield OptionList(id="pairs")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.refresh_data()

    def refresh_data(self) -> None:
        self.looked = False
        self.looks += 1
        self._look(self.looks)

    @work(thread=True, group="duplicates", description="possible duplicates")
    def _look(self, look: int) -> None:
        pairs = self.repo.possible_duplicates()
        self.app.call_from_thread(self._show, look, pairs)

    def _show(self, look: int, pairs: list[DuplicatePair]) -> None:
        if look != self.looks or not self.is_attached:
            return
        people = self.repo.contacts.by_id()
        # a pair found before a change since may name someone merged away meanwhile
        self.pairs = [p for p in pairs if p.a_id in people and p.b_id in people]
        self.looked = True
        self._render_pairs(people)

    def _render_pairs(self, people: Mapping[int, Contact]) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted
        options.clear_options()
        options.add_options(
            Option(
                Content("\n").join(
                    [
                        _who(people[p.a_id]),
                        _who(people[p.b_id]),
                        Content.styled("  " + "; ".join(p.reasons), MUTED),
                    ]
                ),
                id=str(n),
            )
            for n, p in enumerate(self.pairs)
        )
        if self.pairs:
            options.highlighted = min(at or 0, len(self.pairs) - 1)
        count = len(self.pairs)
        total = f"{len(people):,} contacts"
        self.query_one("#duplicates-status", Static).update(
            Content(
                f"{count} possible duplicate{'' if count == 1 else 's'} among {total}"
                "   enter merge (the first stays)   x not the same person"
                if count
                else f"No possible duplicates among {total}."
            )
        )

    def _pair(self) -> DuplicatePair | None:
        index = self.query_one(OptionList).highlighted
        if not self.looked or index is None or index >= len(self.pairs):
            return None
        return self.pairs[index]

    def action_merge_pair(self) -> None:
        pair = self._pair()
        if pair is not None:
            start_merge(self, pair.a_id, pair.b_id, after=self.refresh_data)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_merge_pair()

    def action_dismiss_pair(self) -> None:
        pair = self._pair()
        if pair is None:
            return
        self.repo.dismiss_duplicate(pair.a_id, pair.b_id, self.app.now())
        people = self.repo.contacts.by_id()
        a, b = people[pair.a_id], people[pair.b_id]
        self.notify_undoable(f"{a.name} and {b.name} are two people: not suggested again.")
        self.pairs.remove(pair)
        self._render_pairs(people)
