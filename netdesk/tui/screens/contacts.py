"""All contacts: instant filter, sort, stage and A/B filters, over a virtual list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from netdesk.domain.contact_index import NOT_CONNECTED, SORT_KEYS, ContactIndex
from netdesk.domain.models import Contact, Stage
from netdesk.tui.commands import CONTACTS, bindings_for
from netdesk.tui.screens.person import PersonScreen
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.contact_search import current_index
from netdesk.tui.widgets.contact_table import ContactTable
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar

STAGE_CYCLE: tuple[Stage | None, ...] = (None, *Stage)
NETWORK_CYCLE: tuple[str | None, ...] = (None, "A", "B", NOT_CONNECTED)
SEARCH_STEP = 4_000
"""Contacts whose search text one idle step makes (a few milliseconds)."""


LIST_ACTIONS = (
    "filter",
    "cycle_sort",
    "reverse_sort",
    "pick_stage",
    "cycle_stage",
    "cycle_network",
    "new_contact",
)


class ContactsScreen(PersonScreen):
    BINDINGS = [
        # The list's own keys first, so a narrow key bar still shows them.
        *sorted(bindings_for(CONTACTS), key=lambda b: b.action not in LIST_ACTIONS),
        Binding("escape", "clear_filter", "Clear", show=False),
        # Only reached from the filter box: the list takes its own up and down.
        Binding("down", "focus_list", "List", show=False),
        Binding("up", "focus_list", "List", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index: ContactIndex | None = None
        self.indexed_revision = -1
        self.preparing = False
        """A step of `_prepare_search` is waiting for the screen to be idle."""
        self.sort = 0
        self.reverse = False
        self.stage = 0
        self.network = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="contacts-pane") as pane:
            pane.border_title = "Contacts"
            yield Input(placeholder="/ filter by name, company, position, tags", id="filter")
            yield Static(id="contacts-status")
            yield ContactTable(id="table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ContactTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()
        self._prepare_soon()  # carry on preparing the filter, if it was left unmade

    def refresh_data(self) -> None:
        """Catch up with what changed since this screen last looked: the few contacts a key
        changed are patched in (re-indexing 30k takes 20 ms, their search texts 30 more);
        anything bigger rebuilds. When nothing changed (a first visit resumes the screen
        twice) the list stands as it is."""
        repo, previous = self.app.repo, self.index
        if previous is not None and self.indexed_revision == repo.revision:
            return
        self.index = current_index(repo, previous, self.indexed_revision, SORT_KEYS[self.sort])
        self.indexed_revision = repo.revision
        self._apply()
        if self.index is not previous:  # what typing a filter needs, once the list is drawn
            self._prepare_soon()

    def _prepare_soon(self) -> None:
        if self.index is not None and not self.preparing:
            self.preparing = True
            self.call_after_refresh(self._prepare_search)

    def _prepare_search(self) -> None:
        """A few milliseconds of what typing a filter needs, step after step while idle and
        on this screen (the screen switched to has the time; coming back carries on)."""
        self.preparing = False
        index = self.index
        if index is not None and self.is_current and not index.prepare_search(SEARCH_STEP):
            self._prepare_soon()

    def after_action(self) -> None:
        self.refresh_data()

    def _apply(self) -> None:
        """Show the contacts the filters pass, the cursor staying on its person if listed."""
        if self.index is None:
            return
        query = self.query_one("#filter", Input).value
        ids = self.index.filter(
            query, stage=STAGE_CYCLE[self.stage], network=NETWORK_CYCLE[self.network]
        )
        if self.reverse:
            ids.reverse()
        contacts = self.app.repo.contacts.by_id()
        self.query_one(ContactTable).set_rows(self.index.contacts(ids), self.index.a_network)
        stage, network = STAGE_CYCLE[self.stage], NETWORK_CYCLE[self.network]
        self.query_one("#contacts-status", Static).update(
            Content.assemble(
                (f"{len(ids):,} of {len(contacts):,}", "bold"),
                ("   sort ", MUTED),
                SORT_KEYS[self.sort].replace("_", " ") + (", reversed" if self.reverse else ""),
                ("   stage ", MUTED),
                stage.value.replace("_", " ") if stage else "all",
                ("   network ", MUTED),
                network or "all",
            )
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._apply()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(ContactTable).focus()

    def on_contact_table_selected(self, event: ContactTable.Selected) -> None:
        self.action_open()

    @property
    def current_id(self) -> int | None:
        return self.query_one(ContactTable).current_id

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one(ContactTable).focus()

    def action_clear_filter(self) -> None:
        search = self.query_one("#filter", Input)
        if search.value:
            search.value = ""
        self.query_one(ContactTable).focus()

    def action_cycle_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORT_KEYS)
        if self.index:
            self.index.sort_by(SORT_KEYS[self.sort])
        self._apply()

    def action_reverse_sort(self) -> None:
        self.reverse = not self.reverse
        self._apply()

    def action_cycle_stage(self) -> None:
        self.stage = (self.stage + 1) % len(STAGE_CYCLE)
        self._apply()

    def action_pick_stage(self) -> None:
        """Choose the stage to list (or all) from the list of them; a digit picks at once."""
        from netdesk.tui.screens.pickers import ChoicePrompt  # loaded on first use

        choices = [
            (f"{n} {stage.value.replace('_', ' ') if stage else 'all stages'}", n)
            for n, stage in enumerate(STAGE_CYCLE)
        ]

        def picked(choice: int | None) -> None:
            if choice is not None:
                self.stage = choice
                self._apply()

        self.app.push_screen(ChoicePrompt("List which stage?", choices, self.stage), picked)

    def action_cycle_network(self) -> None:
        self.network = (self.network + 1) % len(NETWORK_CYCLE)
        self._apply()

    def action_merge(self) -> None:
        """Merge another contact, picked by name, into the selected person."""
        from netdesk.tui.screens.merge import start_merge  # loaded on first use
        from netdesk.tui.screens.pickers import ContactPicker

        contact = self._person()
        if contact is None:
            return

        def picked(other: Contact | str | None) -> None:
            if isinstance(other, Contact):
                start_merge(self, contact.id, other.id, after=self.after_action)

        question = (
            f"Merge whom into {contact.name}? {contact.name} stays; the one you pick is merged"
            " in and deleted."
        )
        self.app.push_screen(ContactPicker(question, exclude=[contact.id]), picked)

    def action_duplicates(self) -> None:
        from netdesk.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen())
