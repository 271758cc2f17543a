"""Add or edit a message template: name, kind, and the body with its placeholders."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from netdesk.domain.models import MessageKind, Template
from netdesk.domain.templates import PLACEHOLDERS, TemplateError, placeholders_in
from netdesk.tui.screens.form import Form, FormError, row
from netdesk.tui.widgets.fields import StoredInput, StoredTextArea

KIND_OPTIONS = [
    (kind.value.replace("_", " "), kind) for kind in MessageKind if kind is not MessageKind.INCOMING
]
"""Every kind of message you send; incoming messages have no template."""


class TemplateForm(Form[Template]):
    DEFAULT_CSS = """
    TemplateForm .field > TextArea { height: 10; }
    TemplateForm #placeholders { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, template: Template | None) -> None:
        super().__init__()
        self.template = template or Template()
        self.title_text = "Edit template" if template else "New template"

    def fields(self) -> ComposeResult:
        t = self.template
        yield row("Name", StoredInput(t.name, id="name", placeholder="e.g. Outreach to recruiters"))
        yield row("Kind", Select(KIND_OPTIONS, value=t.kind, allow_blank=False, id="kind"))
        yield row("Body", StoredTextArea(t.body, id="body", soft_wrap=True))
        yield Static(
            Content("Placeholders: " + " ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))),
            id="placeholders",
        )

    def build(self) -> Template:
        name, body = self.value("name"), self.text("body")
        if not name:
            raise FormError("A template needs a name.")
        if not body:
            raise FormError("A template needs a body.")
        try:
            placeholders_in(body)
        except TemplateError as exc:
            raise FormError(f"Body: {exc}") from None
        return replace(self.template, name=name, kind=self.choice("kind"), body=body)
