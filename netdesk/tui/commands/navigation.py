"""Navigation, everywhere."""

from __future__ import annotations

from netdesk.tui.commands.command import GLOBAL, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd(
        "go.queue", "1", "Queue", "Go to today's queue.", "app.go('workspace')", GLOBAL, show=False
    ),
    cmd(
        "go.contacts",
        "2",
        "Contacts",
        "Go to all contacts.",
        "app.go('contacts')",
        GLOBAL,
        show=False,
    ),
    cmd(
        "go.calls",
        "3",
        "Calls",
        "Go to upcoming and past calls.",
        "app.go('calls')",
        GLOBAL,
        show=False,
    ),
    cmd("go.intros", "4", "Intros", "Go to introductions.", "app.go('intros')", GLOBAL, show=False),
    cmd(
        "go.targets", "5", "Targets", "Go to hard targets.", "app.go('targets')", GLOBAL, show=False
    ),
    cmd(
        "go.stats",
        "6",
        "Stats",
        "Go to your stats: people contacted, replied, talked.",
        "app.go('stats')",
        GLOBAL,
        show=False,
    ),
    cmd(
        "go.referrals",
        "7",
        "Referrals",
        "Go to referrals: given and received, and what waits on you.",
        "app.go('referrals')",
        GLOBAL,
        show=False,
    ),
    cmd("app.help", "question_mark", "Help", "Show every key.", "app.help", GLOBAL),
    cmd(
        "app.settings",
        "comma",
        "Settings",
        "Open settings: daily cap, follow-ups, your name, theme, templates.",
        "app.go('settings')",
        GLOBAL,
        show=False,
    ),
    cmd(
        "app.theme",
        "ctrl+t",
        "Theme",
        "Change the colour theme (remembered for next time).",
        "app.change_theme",
        GLOBAL,
        show=False,
    ),
    cmd(
        "app.import",
        "less_than_sign",
        "Import",
        "Import a LinkedIn Connections.csv file.",
        "app.import_connections",
        GLOBAL,
        show=False,
    ),
    cmd(
        "app.export",
        "greater_than_sign",
        "Export",
        "Export all contacts to a CSV file.",
        "app.export_contacts",
        GLOBAL,
        show=False,
    ),
    cmd(
        "app.undo",
        "u,ctrl+z",
        "Undo",
        "Undo the last change (again for the one before; kept across restarts).",
        "app.undo",
        GLOBAL,
        show=False,  # every change's toast names the key ("… · u undo")
    ),
    cmd(
        "app.quit",
        "q",
        "Quit",
        "Quit netdesk (everything is saved).",
        "app.quit",
        GLOBAL,
        show=False,  # as everywhere; the bar keeps its room for the routine's keys
    ),
    cmd(
        "app.retry_save",
        "ctrl+r",
        "Retry save",
        "Save again after a save failed (the key shows only then).",
        "app.retry_save",
        GLOBAL,
    ),
)
