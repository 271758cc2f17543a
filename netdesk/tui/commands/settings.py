"""Settings: the fields save on ctrl+s, and the templates list has keys of its own."""

from __future__ import annotations

from netdesk.tui.commands.command import SETTINGS, SETTINGS_FIELDS, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd(
        "settings.save",
        "ctrl+s",
        "Save",
        "Save the settings typed above.",
        "save_settings",
        SETTINGS_FIELDS,
        priority=True,
    ),
    cmd("templates.new", "n", "New", "Add a message template.", "add_template", SETTINGS),
    cmd(
        "templates.edit",
        "e",
        "Edit",
        "Edit the selected template (enter does the same).",
        "edit_template",
        SETTINGS,
    ),
    cmd(
        "templates.delete",
        "delete",
        "Delete",
        "Delete the selected template (asks first).",
        "delete_template",
        SETTINGS,
    ),
    cmd(
        "templates.restore",
        "R",
        "Restore built-ins",
        "Put back the shipped templates; templates you added are kept (asks first).",
        "restore_templates",
        SETTINGS,
    ),
)
