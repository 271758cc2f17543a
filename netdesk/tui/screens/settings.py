"""Settings: daily cap, follow-up days, your name and theme; and the message templates.

The fields are saved together on ctrl+s, so a stray key cannot overwrite your name; until
then the line under them says what is not saved yet, and escape asks before discarding it.
A value that cannot be used is named there and nothing is saved. The theme applies at once
and is remembered by the app itself (it watches its `theme`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from netdesk.domain.models import MessageKind, Settings, Template
from netdesk.tui.commands import SETTINGS, SETTINGS_FIELDS, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.form import FormError, whole_number
from netdesk.tui.screens.template_form import TemplateForm
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.fields import StoredInput, field_text
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual import getters

    from netdesk.tui.app import NetdeskApp

_KIND_ORDER = {kind: n for n, kind in enumerate(MessageKind)}
NAME_WIDTH = 30
KIND_WIDTH = max(len(kind.value.replace("_", " ")) for kind in MessageKind)
"""The widest kind ("congratulations"), so the next column never runs into it."""
_NUMBERS = {"daily_cap": ("Daily cap", 0, 100), "follow_up_days": ("Follow up after", 1, 365)}
"""Numeric settings: field id (and Settings attribute) → label and allowed range."""
_FIELDS = {"daily_cap": "Daily cap", "follow_up_days": "Follow up after", "my_name": "Your name"}
"""The typed settings: field id (and Settings attribute) → label."""
_SAVE_CLASSES = {"-saved", "-saving", "-save-failed"}
"""The status line's classes while it reports what ctrl+s did."""


def _setting(label: str, widget: Widget, hint: str) -> Horizontal:
    return Horizontal(
        Label(Content(label), classes="setting-label"),
        widget,
        Label(Content(hint), classes="setting-hint"),
        classes="setting",
    )


class TemplateList(OptionList):
    """The templates, with the keys to add, edit, delete and restore them."""

    BINDINGS = [*bindings_for(SETTINGS)]  # a list of BindingType, as Textual declares it
    if TYPE_CHECKING:
        app = getters.app(NetdeskApp)  # see NetdeskScreen

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.templates: list[Template] = []

    def refresh_data(self, select_id: int | None = None) -> None:
        """Re-read the templates, keeping (or moving) the highlight to `select_id`."""
        current = self.current
        keep = select_id if select_id is not None else (current.id if current else None)
        self.templates = sorted(
            self.app.repo.templates, key=lambda t: (_KIND_ORDER[t.kind], t.name.casefold())
        )
        self.set_options(
            Option(
                Content.assemble(
                    Content.styled(one_line(t.name), "bold").truncate(
                        NAME_WIDTH, ellipsis=True, pad=True
                    ),
                    (f"  {t.kind.value.replace('_', ' '):<{KIND_WIDTH}}  ", MUTED),
                    ("built-in" if t.builtin else "yours", MUTED),
                ),
                id=str(t.id),
            )
            for t in self.templates
        )
        if self.templates:
            ids = [t.id for t in self.templates]
            self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def current(self) -> Template | None:
        if self.highlighted is None or not self.templates:
            return None
        return self.templates[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_template()

    def _edit(self, template: Template | None) -> None:
        def saved(result: Template | None) -> None:
            if result is not None:
                stored = self.app.repo.save_template(result)
                self.refresh_data(select_id=stored.id)
                self.notify(f"Saved the template {stored.name}.", markup=False)

        self.app.push_screen(TemplateForm(template), saved)

    def action_add_template(self) -> None:
        self._edit(None)

    def action_edit_template(self) -> None:
        if self.current is not None:
            self._edit(self.current)

    def action_delete_template(self) -> None:
        template = self.current
        if template is None:
            return

        def answered(delete: bool | None) -> None:
            if delete:
                self.app.repo.delete_template(template.id)
                self.refresh_data()

        note = " You can bring it back with R (restore built-ins)." if template.builtin else ""
        self.app.push_screen(
            ConfirmDialog(f"Delete the template “{template.name}”?{note}"), answered
        )

    def action_restore_templates(self) -> None:
        def answered(restore: bool | None) -> None:
            if restore:
                self.app.repo.restore_builtin_templates()
                self.refresh_data()
                self.notify("The built-in templates are back as shipped.")

        self.app.push_screen(
            ConfirmDialog(
                "Put back the shipped templates? Edits to built-in templates are replaced; "
                "templates you added are kept."
            ),
            answered,
        )


class SettingsScreen(NetdeskScreen[None]):
    DEFAULT_CSS = """
    SettingsScreen #settings-pane { height: auto; }
    SettingsScreen #templates-pane { height: 1fr; }
    SettingsScreen #settings-pane, SettingsScreen #templates-pane {
        border: round $primary 50%; border-title-color: $text-muted; padding: 0 1;
    }
    SettingsScreen #settings-pane:focus-within, SettingsScreen #templates-pane:focus-within {
        border: round $accent; border-title-color: $accent;
    }
    SettingsScreen .setting { height: 1; margin-bottom: 1; }
    SettingsScreen .setting-label { width: 17; color: $text-muted; }
    SettingsScreen .setting Input { width: 20; }
    SettingsScreen .setting Select { width: 28; }
    SettingsScreen .setting-hint { width: 1fr; padding-left: 2; color: $text-muted; }
    SettingsScreen #settings-status { height: 1; }
    SettingsScreen #settings-status.-error { color: $error; }
    SettingsScreen #settings-status.-saved { color: $success; }
    SettingsScreen #settings-status.-save-failed { color: $error; }
    SettingsScreen #settings-status.-unsaved { color: $warning; }
    SettingsScreen TemplateList, SettingsScreen TemplateList:focus {
        height: 1fr; border: none; padding: 0;
    }
    """
    BINDINGS = [*bindings_for(SETTINGS_FIELDS), Binding("escape", "leave", "Queue")]

    def __init__(self) -> None:
        super().__init__()
        self._stored: dict[str, str] = {}
        """Each field's text as last loaded from (or saved to) the store."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="settings-pane") as pane:
            pane.border_title = "Settings"
            yield _setting(
                "Daily cap",
                StoredInput(id="daily_cap", type="integer", compact=True),
                "new people a day; follow-ups extra",
            )
            yield _setting(
                "Follow up after",
                StoredInput(id="follow_up_days", type="integer", compact=True),
                "days of silence before a follow-up",
            )
            yield _setting(
                "Your name",
                StoredInput(id="my_name", compact=True, placeholder="e.g. Sam Rivera"),
                "fills {my_name} in templates",
            )
            yield _setting(
                "Theme",
                Select(
                    [(name, name) for name in sorted(self.app.available_themes)],
                    value=self.app.theme,
                    allow_blank=False,
                    compact=True,
                    id="theme",
                ),
                "ctrl+t changes it anywhere",
            )
            yield Static(id="settings-status")
        with Vertical(id="templates-pane") as pane:
            pane.border_title = "Templates"
            yield TemplateList(id="templates")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._show_theme, init=False)
        self.watch(self.app, "save_state", self._show_save, init=False)
        self.query_one("#daily_cap", Input).focus()

    def on_screen_resume(self) -> None:
        """Show what is stored now (the welcome prompt or another screen may have changed it),
        except in a field edited here and not saved yet: that text stays."""
        settings = self.app.repo.settings()
        for field in _FIELDS:
            widget = self.query_one(f"#{field}", StoredInput)
            stored = str(getattr(settings, field))
            if field_text(widget) == self._stored.get(field, field_text(widget)):
                widget.show(stored)
            self._stored[field] = stored
        self._show_typed()
        self.query_one(TemplateList).refresh_data()

    def _unsaved(self) -> list[str]:
        """Labels of the fields whose text differs from what is stored."""
        return [
            label
            for field, label in _FIELDS.items()
            if field_text(self.query_one(f"#{field}", Input)) != self._stored.get(field)
        ]

    def _show_theme(self, name: str) -> None:
        self.query_one("#theme", Select).value = name

    def _show_status(self, message: Content, state: str = "") -> None:
        status = self.query_one("#settings-status", Static)
        status.set_classes(state)
        status.update(message)

    def _read(self) -> Settings:
        """The settings as typed; FormError names the first field that cannot be used and
        the value that stays saved."""
        stored = self.app.repo.settings()
        numbers: dict[str, int] = {}
        for field, (label, low, high) in _NUMBERS.items():
            text = self.query_one(f"#{field}", Input).value.strip()
            try:
                number = whole_number(text, label, low, high)
                if number is None:
                    raise FormError(f"{label}: enter a whole number from {low} to {high}")
            except FormError as exc:
                raise FormError(f"{exc}; {getattr(stored, field)} is kept") from None
            numbers[field] = number
        return replace(
            stored,
            my_name=field_text(self.query_one("#my_name", Input)),
            daily_cap=numbers["daily_cap"],
            follow_up_days=numbers["follow_up_days"],
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_typed()

    def _show_typed(self) -> None:
        """Name a value that cannot be used, else what is typed and not saved yet."""
        try:
            self._read()
        except FormError as exc:
            self._show_status(Content(f"{exc}."), "-error")
            return
        unsaved = self._unsaved()
        if unsaved:
            self._show_status(
                Content(f"Not saved yet: {', '.join(unsaved)}. ctrl+s saves; escape discards."),
                "-unsaved",
            )
        elif not self.query_one("#settings-status", Static).classes & _SAVE_CLASSES:
            self._show_status(Content(""))

    def action_save_settings(self) -> None:
        try:
            settings = self._read()
        except FormError as exc:
            self._show_status(Content(f"{exc}."), "-error")
            self.notify(f"Not saved: {exc}.", severity="error")
            return
        if settings != self.app.repo.settings():
            self.app.repo.save_settings(settings)
        for field in _FIELDS:
            self._stored[field] = str(getattr(settings, field))
            self.query_one(f"#{field}", StoredInput).show(self._stored[field])
        self._show_save()

    def _show_save(self, state: str | None = None) -> None:
        """What ctrl+s did, kept up to date: "Saved." only once the file holds it (the app's
        writer saves a moment later, or fails to when the disk is full)."""
        status = self.query_one("#settings-status", Static)
        if state is not None and not status.classes & _SAVE_CLASSES:
            return  # the line shows something else now
        storage = self.app.repo.storage
        if not storage.dirty:
            self._show_status(Content("Saved."), "-saved")
        elif storage.last_error:
            message = f"Not saved: {storage.last_error}. ctrl+r tries again."
            self._show_status(Content(message), "-save-failed")
        else:
            self._show_status(Content("Saving…"), "-saving")

    def action_leave(self) -> None:
        """Back to the queue; typed settings not saved yet are discarded only when you say so."""
        unsaved = self._unsaved()

        def leave(discard: bool | None = True) -> None:
            if not discard:
                return
            for field in _FIELDS:
                self.query_one(f"#{field}", StoredInput).show(self._stored.get(field, ""))
            self.app.switch_mode("workspace")

        if unsaved:
            self.app.push_screen(
                ConfirmDialog(
                    f"Discard your unsaved changes to {', '.join(unsaved)}? "
                    "(n keeps editing; ctrl+s saves them.)"
                ),
                leave,
            )
        else:
            leave()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value
