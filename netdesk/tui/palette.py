"""The command palette lists every netdesk action that applies where you are."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from netdesk.tui.commands import COMMANDS, GLOBAL, Command


class NetdeskCommands(Provider):
    def _available(self) -> list[Command]:
        screen = self.screen
        actions = {b.action for _, b in self.app.active_bindings.values()} if screen else set()
        return [c for c in COMMANDS if GLOBAL in c.areas or c.action in actions]

    def _run(self, command: Command) -> None:
        self.app.run_action(command.action, self.screen)

    async def discover(self) -> Hits:
        for command in self._available():
            yield DiscoveryHit(command.title, partial(self._run, command), help=command.description)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._available():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(self._run, command),
                    help=command.description,
                )
