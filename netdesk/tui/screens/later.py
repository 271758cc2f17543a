"""Intros, targets and stats: plain read-only lists until their own screens arrive."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from netdesk.domain import stats
from netdesk.domain.introducers import BLIND_BASELINE, rank

_DIM = "$text-muted"


class _ListScreen(Screen[None]):
    title_text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="list-pane") as pane:
            pane.border_title = self.title_text
            yield Static(id="list")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.query_one("#list", Static).update(self.content())

    def content(self) -> Content:
        raise NotImplementedError

    def name_of(self, contact_id: int | None) -> str:
        contact = self.app.repo.contacts.get(contact_id or 0)
        return contact.name if contact else "?"


class IntrosScreen(_ListScreen):
    title_text = "Introductions"

    def content(self) -> Content:
        intros = self.app.repo.intros.all()
        if not intros:
            return Content.styled("No introductions yet.", _DIM)
        return Content("\n").join(
            Content.assemble(
                (f"{i.status.value:<9}", "bold"),
                "  ",
                self.name_of(i.a_id),
                " ↔ ",
                self.name_of(i.b_id),
                "  ",
                (i.reason, _DIM),
            )
            for i in intros
        )


class TargetsScreen(_ListScreen):
    title_text = "Hard targets"

    def content(self) -> Content:
        repo, today = self.app.repo, self.app.today()
        lines: list[Content] = [Content.styled(f"Blind ask baseline: {BLIND_BASELINE:.0%}", _DIM)]
        for target in repo.targets:
            lines.append(
                Content.assemble(
                    (target.name, "bold"),
                    "  ",
                    target.company,
                    "  ",
                    (target.why, _DIM),
                    ("  " + target.status.value, "$accent"),
                )
            )
            for ranked in rank(target, repo.contacts.by_id(), repo.messages, today):
                who = ranked.contact.name if ranked.contact else "?"
                lines.append(
                    Content.assemble(
                        f"    {ranked.odds:5.0%}  ", who, (f"  {ranked.warning}", "$warning")
                    )
                )
        return Content("\n").join(lines)


class StatsScreen(_ListScreen):
    title_text = "Stats"

    def content(self) -> Content:
        repo = self.app.repo
        figures = stats.compute(
            repo.contacts, repo.messages, repo.calls, repo.intros, repo.targets, self.app.today()
        )
        return Content(stats.as_text(figures))
