"""The command palette lists every netdesk action that applies where you are."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from netdesk.tui.commands import COMMANDS, GLOBAL, Command


class NetdeskCommands(Provider):
    def _available(self) -> list[tuple[Command, DOMNode]]:
        """Global commands, plus those bound on the screen the palette was opened from.

        `self.screen` is that screen (the palette itself is on top, so `app.active_bindings`
        would describe the palette). Bindings carry the command id, so each command runs on
        the widget that binds it.
        """
        bound = {
            active.binding.id: active.node
            for active in self.screen.active_bindings.values()
            if active.enabled
        }
        return [
            (command, bound.get(command.id, self.app))
            for command in COMMANDS
            if GLOBAL in command.areas or command.id in bound
        ]

    async def discover(self) -> Hits:
        for command, node in self._available():
            yield DiscoveryHit(
                command.title,
                partial(self.app.run_action, command.action, node),
                help=command.description,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, node in self._available():
            score = max(matcher.match(command.title), matcher.match(command.label))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(self.app.run_action, command.action, node),
                    help=command.description,
                )
