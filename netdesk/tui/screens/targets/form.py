"""The form for a hard target: who, where, and why them."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult

from netdesk.domain.models import Target
from netdesk.tui.screens.form import Form, FormError, row
from netdesk.tui.widgets.fields import StoredInput


class TargetForm(Form[Target]):
    def __init__(self, target: Target | None) -> None:
        super().__init__()
        self.target = target or Target()
        self.title_text = f"Edit {target.name}" if target else "New hard target"

    def fields(self) -> ComposeResult:
        t = self.target
        yield row("Name", StoredInput(t.name, id="name", placeholder="Margit Halvorsen"))
        yield row("Company", StoredInput(t.company, id="company", placeholder="Zephyr Air"))
        yield row("Profile URL", StoredInput(t.url, id="url"))
        yield row(
            "Why them",
            StoredInput(
                t.why,
                id="why",
                placeholder="completes '… because': she runs the cargo division I sell to",
            ),
        )

    def build(self) -> Target:
        name = self.value("name")
        if not name:
            raise FormError("Name: who do you want to reach?")
        return replace(
            self.target,
            name=name,
            company=self.value("company"),
            url=self.value("url"),
            why=self.value("why"),
        )
