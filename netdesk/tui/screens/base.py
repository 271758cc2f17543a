"""What every netdesk screen shares: its app, repo and clock, typed, and the data-changed message.

Textual types `self.app` as a plain `App`; these bases narrow it to `NetdeskApp` for the type
checker only (at run time `app` is Textual's own), so `self.app.repo` and `self.app.now()` are
checked everywhere without a cast or an ignore at each use.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from netdesk.tui.commands import first_key

if TYPE_CHECKING:
    from textual import getters

    from netdesk.store.repo import Repo
    from netdesk.tui.app import NetdeskApp

ResultT = TypeVar("ResultT")


class DataChanged(Message):
    """Stored data changed under the screen (e.g. an import finished): show it again.

    The app posts it to the current screen; a screen's own edits refresh what they touch.
    """

    def __init__(self, table: str, ids: Sequence[int] | None = None) -> None:
        super().__init__()
        self.table = table
        self.ids = ids
        """The changed records' ids; None when too many to list."""


class FocusRepaintsOnlyWhatChanges:
    """Screens whose focus change repaints what it changes, not the whole screen.

    Textual's `Screen.focused` repaints the screen on every focus change: it sends each
    widget's cached lines to the terminal again (over a dialog, composited with the screen
    behind), which made `tab` between form fields several times dearer than in a bare app.
    What a focus change does change repaints itself: the widgets that gain and lose focus,
    the styles of :focus and :focus-within (restyled by Textual) and the key bar (it follows
    the bindings).
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class NetdeskScreen(FocusRepaintsOnlyWhatChanges, Screen[ResultT]):
    """A full screen of NetdeskApp."""

    _read_at: tuple[int, int, date] | None = None
    """(repo, revision, day) when `refresh_if_changed` last read the data."""

    if TYPE_CHECKING:
        app = getters.app(NetdeskApp)

    @property
    def repo(self) -> Repo:
        return self.app.repo

    def refresh_data(self) -> None:
        """Re-read what the screen shows from the repo (screens that show data override it)."""

    def refresh_if_changed(self) -> None:
        """`refresh_data`, unless nothing was stored and the day is the same since this last
        asked: Textual resumes a screen twice on its first visit, and reading 3,000 calls
        twice cost that visit 60 ms."""
        stamp = (id(self.repo), self.repo.revision, self.app.today())
        if stamp != self._read_at:
            self._read_at = stamp
            self.refresh_data()

    def key_for(self, command_id: str) -> str:
        """The key a message names for a command: the user's own if keymap.toml sets one."""
        return first_key(command_id, self.app.user_keys.keys)

    def notify_undoable(self, message: str) -> None:
        """Report a change the user can take back, and how ("Skipped Ann Lee · u undo")."""
        self.notify(f"{message} · {self.key_for('app.undo')} undo")

    def action_who_fits(self) -> None:
        """`f`: who fits a need (from the queue, contacts, calls and referrals)."""
        from netdesk.tui.screens.fits import WhoFitsScreen  # loaded on first use

        self.app.push_screen(WhoFitsScreen())

    def select_person(self, contact_id: int) -> None:
        """Put the cursor on this person if the screen lists them (lists override it)."""

    @on(DataChanged)
    def _data_changed(self, event: DataChanged) -> None:
        self.refresh_data()
        if event.table == "contacts" and event.ids:
            self.select_person(event.ids[0])  # e.g. the person an undo put back


class NetdeskModal(FocusRepaintsOnlyWhatChanges, ModalScreen[ResultT]):
    """A dialog of NetdeskApp."""

    if TYPE_CHECKING:
        app = getters.app(NetdeskApp)

    @property
    def repo(self) -> Repo:
        return self.app.repo
