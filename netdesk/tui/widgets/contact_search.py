"""Find one contact by typing: a one-line search over the prepared contact index.

Typing filters (every word must appear in the name, company, position, tags or email, as
on the contacts screen) and ranks the matches (names that start with the typed words first,
see `ContactIndex.ranked`); up/down move through them and enter picks one. Each match shows
its headline, so two people of the same name can be told apart. Matches are built from
plain text with `Content`, so a name such as `[b]Ann` shows as typed.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from netdesk.domain.contact_index import ContactIndex
from netdesk.domain.models import Contact, closeness_label
from netdesk.store.repo import Repo
from netdesk.tui.literal import editable, one_line
from netdesk.tui.styles import MUTED

EXTRA = "extra"
"""Option id of the optional extra choice (e.g. "add as a new contact")."""

_INDEXES: weakref.WeakKeyDictionary[Repo, tuple[int, ContactIndex]] = weakref.WeakKeyDictionary()
"""Per open repo: (revision it was last brought up to date at, index); gone with the repo."""


def shared_index(repo: Repo) -> ContactIndex:
    """One contact index per open repo, kept up to date with `current_index`."""
    revision, index = _INDEXES.get(repo, (-1, None))
    index = current_index(repo, index, revision)
    _INDEXES[repo] = (repo.revision, index)
    return index


def current_index(
    repo: Repo, index: ContactIndex | None, revision: int, sort_key: str = "name"
) -> ContactIndex:
    """`index` (last brought up to date at `revision`) as the repo is now: patched with the
    few contacts changed since, or rebuilt when that is not known (0.2 s at 30k contacts)."""
    if index is not None and revision != repo.revision:
        changed = repo.contacts_changed_since(revision)
        if changed is None:
            index = None
        else:
            index.sync(repo.contacts.by_id(), changed, repo.a_network())
    if index is None:
        index = ContactIndex(repo.contacts, repo.a_network(), sort_key)
    return index


def contact_line(contact: Contact) -> Content:
    """'Zofia Kim  Head of Ops at Lumen Studios · know well', from plain text."""
    closeness = closeness_label(contact.closeness)
    return Content.assemble(
        (one_line(contact.name), "bold"),
        "  ",
        (one_line(contact.headline) or "—", MUTED),
        (f" · {closeness}", MUTED),
    )


class MatchList(OptionList):
    """The matches: measured and drawn again only when its width changes.

    Textual's list forgets every drawn option on any resize; this one shows and hides as
    focus comes and goes (a resize each time), while the options only depend on the width.
    """

    _drawn_width = -1

    def on_resize(self, event: events.Resize) -> None:
        event.prevent_default()  # in place of OptionList's own, which forgets them all
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._drawn_width = width
            self._clear_caches()


class ContactSearch(Vertical):
    """An input with a list of matching contacts under it; the list shows while in focus.

    The list is shown and hidden from the screen's focus, not by a `:focus-within` rule,
    which would restyle the search and everything in it on each focus change.
    """

    DEFAULT_CSS = """
    ContactSearch { height: auto; }
    ContactSearch > OptionList {
        height: auto; max-height: 8; border: none; padding: 0; background: $boost;
    }
    """
    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
        Binding("pagedown", "move(8)", "Page down", show=False),
        Binding("pageup", "move(-8)", "Page up", show=False),
    ]
    LIMIT = 50
    """Matches listed at most; type more to narrow."""

    class Picked(Message):
        """A contact was picked (enter or click), or the extra choice (`contact` None)."""

        def __init__(self, search: ContactSearch, contact: Contact | None) -> None:
            super().__init__()
            self.search = search
            self.contact = contact

        @property
        def control(self) -> ContactSearch:
            return self.search

    def __init__(
        self,
        index: ContactIndex,
        *,
        value: str = "",
        exclude: Collection[int] = (),
        extra: str = "",
        always_open: bool = False,
        closest_first: bool = False,
        placeholder: str = "type a name, company or tag",
        disabled: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, disabled=disabled)
        self.index = index
        self.initial = value
        self.exclude = set(exclude)
        self.extra = extra
        self.placeholder = placeholder
        self.closest_first = closest_first
        """List the people you know best first (e.g. who could introduce you)."""
        self.matches: list[Contact] = []
        self.picked_id: int | None = None
        """The contact picked last: it stays highlighted while its name is in the input."""
        self.always_open = always_open

    def compose(self) -> ComposeResult:
        yield Input(editable(self.initial), placeholder=self.placeholder, compact=True)
        option_list = MatchList()
        option_list.can_focus = False
        option_list.display = self.always_open
        yield option_list

    def on_mount(self) -> None:
        self._filter(self.initial)
        self.watch(self.screen, "focused", self._focus_moved)

    def _focus_moved(self, focused: Widget | None) -> None:
        """Show the matches while focus is in the search (set as focus moves, so the frame
        that shows the focus shows them)."""
        within = focused is not None and self in focused.ancestors
        self.query_one(MatchList).display = self.always_open or within

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def focus_input(self) -> None:
        self.input.focus()

    def set_value(self, text: str) -> None:
        """Show `text` in the input (e.g. the picked name) without picking anything."""
        self.input.value = editable(text)

    def _filter(self, query: str) -> None:
        index = self.index
        if self.closest_first:  # the best matches by name, then the closest of them first
            wanted = self.LIMIT * 4 if query.strip() else len(index)
            found = index.contacts(index.ranked(query, wanted, self.exclude))
            found.sort(key=lambda contact: -contact.closeness)  # stable: name rank next
            self.matches = found[: self.LIMIT]
        else:
            self.matches = index.contacts(index.ranked(query, self.LIMIT, self.exclude))
        options: list[Option] = [
            Option(contact_line(c), id=str(n)) for n, c in enumerate(self.matches)
        ]
        if self.extra:
            options.append(Option(Content.styled(one_line(self.extra), "$accent"), id=EXTRA))
        if not options:
            options.append(Option(Content.styled("No contact matches.", MUTED), disabled=True))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        ids = [c.id for c in self.matches]
        if self.picked_id in ids:
            option_list.highlighted = ids.index(self.picked_id)
        elif options and not options[0].disabled:
            option_list.highlighted = 0
        if self.has_focus_within:
            self.call_after_refresh(self.scroll_visible)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self._pick(option_list.get_option_at_index(option_list.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        if option.disabled or option.id is None:
            return
        if option.id == EXTRA:
            self.post_message(self.Picked(self, None))
            return
        contact = self.matches[int(option.id)]
        self.picked_id = contact.id
        self.post_message(self.Picked(self, contact))

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        count = option_list.option_count
        if not count:
            return
        current = option_list.highlighted
        target = 0 if current is None else min(max(current + step, 0), count - 1)
        if not option_list.get_option_at_index(target).disabled:
            option_list.highlighted = target
