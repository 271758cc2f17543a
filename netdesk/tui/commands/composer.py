"""The composer: ctrl keys that TextArea does not consume."""

from __future__ import annotations

from netdesk.tui.commands.command import COMPOSER, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd(
        "composer.send",
        "ctrl+s",
        "Mark sent",
        "Mark the message sent and set the follow-up date.",
        "mark_sent",
        COMPOSER,
        priority=True,
    ),
    cmd(
        "composer.copy",
        "ctrl+y",
        "Copy",
        "Copy the message to the clipboard.",
        "copy",
        COMPOSER,
        priority=True,
    ),
    cmd(
        "composer.editor",
        "ctrl+e",
        "$EDITOR",
        "Edit the message in your $EDITOR.",
        "external_editor",
        COMPOSER,
        priority=True,
    ),
    cmd(
        "composer.template",
        "ctrl+g",
        "Template",
        "Switch to the next template.",
        "next_template",
        COMPOSER,
        priority=True,
    ),
    cmd(
        "composer.limit",
        "ctrl+l",
        "Limit",
        "Toggle connection note / message length limit.",
        "toggle_limit",
        COMPOSER,
        priority=True,
    ),
    cmd(
        "composer.profile",
        "ctrl+o",
        "Profile",
        "Open the person's profile in a browser.",
        "open_profile",
        COMPOSER,
        priority=True,
        show=False,
    ),
    cmd(
        "composer.email",
        "ctrl+n",
        "Email",
        "Open your mail client with the note to the person's email address (ctrl+s after it "
        "records the note as sent by email).",
        "email",
        COMPOSER,
        priority=True,
        show=False,
    ),
)
