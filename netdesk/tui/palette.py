"""The command palette lists every netdesk action that applies where you are, with its key,
and finds people by name ("go to: Ann Lee" opens Ann's page)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode

from netdesk.tui.commands import COMMANDS, GLOBAL, Command, key_text
from netdesk.tui.literal import one_line
from netdesk.tui.styles import MUTED

if TYPE_CHECKING:
    from netdesk.tui.app import NetdeskApp

PEOPLE_SHOWN = 8
"""People offered for one query: the best matches by name, as the contact pickers rank."""
GO_TO = "go to: "


class NetdeskCommands(Provider):
    def _available(self) -> list[tuple[Command, DOMNode, str]]:
        """Global commands, plus those bound on the screen the palette was opened from, each
        with the node that runs it and its key as the key bar shows it.

        `self.screen` is that screen (the palette itself is on top, so `app.active_bindings`
        would describe the palette). Bindings carry the command id, so each command runs on
        the widget that binds it; the binding holds the user's key (keymap.toml).
        """
        bound: dict[str | None, tuple[DOMNode, Binding]] = {
            active.binding.id: (active.node, active.binding)
            for active in self.screen.active_bindings.values()
            if active.enabled
        }
        app = cast("NetdeskApp", self.app)
        available = []
        for command in COMMANDS:
            if command.id in bound:
                node, binding = bound[command.id]
                available.append((command, node, self.app.get_key_display(binding)))
            elif GLOBAL in command.areas:
                keys = app.user_keys.keys.get(command.id, command.key)
                available.append((command, app, key_text(keys)))
        return available

    @staticmethod
    def _display(title: Content, key: str) -> Content:
        return Content.assemble(title, ("  " + key, MUTED))

    async def discover(self) -> Hits:
        for command, node, key in self._available():
            yield DiscoveryHit(
                self._display(Content(command.title), key),
                partial(self.app.run_action, command.action, node),
                text=command.title,
                help=command.description,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, node, key in self._available():
            score = max(matcher.match(command.title), matcher.match(command.label))
            if score > 0:
                yield Hit(
                    score,
                    self._display(matcher.highlight(command.title), key),
                    partial(self.app.run_action, command.action, node),
                    text=command.title,
                    help=command.description,
                )
        async for hit in self._people(query):
            yield hit

    async def _people(self, query: str) -> Hits:
        """The contacts whose name, company or tags hold every word typed ("go to" aside)."""
        from netdesk.tui.widgets.contact_search import shared_index  # the index, on first use

        words = query.lower().removeprefix("go to").lstrip(": ").strip()
        if len(words) < 2:
            return
        index = shared_index(cast("NetdeskApp", self.app).repo)
        matcher = self.matcher(words)
        for rank, contact_id in enumerate(index.ranked(words, PEOPLE_SHOWN)):
            contact = index.get(contact_id)
            if contact is None:
                continue
            name = one_line(contact.name)
            # Below a command that matches as well: "log call" is a command before a person.
            score = max(matcher.match(name), 0.5) * (0.9 - rank / 100)
            yield Hit(
                score,
                Content.assemble(GO_TO, matcher.highlight(name)),
                partial(self._open_person, contact_id),
                text=GO_TO + name,
                help=one_line(contact.headline) or None,
            )

    def _open_person(self, contact_id: int) -> None:
        from netdesk.tui.screens.person import PersonDetailScreen

        self.app.push_screen(PersonDetailScreen(contact_id))
