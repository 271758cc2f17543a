"""Introductions: the list, and the wizard (ctrl keys, as its steps have text fields)."""

from __future__ import annotations

from netdesk.tui.commands.command import INTROS, WIZARD, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd("intros.new", "n", "New", "Start a new introduction.", "new_intro", INTROS),
    cmd(
        "intros.open",
        "enter",
        "Open",
        "Resume the selected introduction at the step it is waiting on; on a suggested"
        " match, start it with the two people and why already filled.",
        "open_intro",
        INTROS,
    ),
    cmd(
        "intros.dismiss_match",
        "x",
        "Not a match",
        "Dismiss the selected suggested match: the two are not suggested again.",
        "dismiss_match",
        INTROS,
    ),
    cmd(
        "intros.delete",
        "D",
        "Delete",
        "Delete the selected introduction (asks first).",
        "delete_intro",
        INTROS,
        show=False,
    ),
    cmd(
        "wizard.next", "ctrl+n", "Next", "Go to the next step.", "next_step", WIZARD, priority=True
    ),
    cmd(
        "wizard.back",
        "ctrl+b",
        "Back",
        "Go to the previous step.",
        "prev_step",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.copy",
        "ctrl+y",
        "Copy",
        "Copy the ask or the introduction in focus.",
        "copy",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.asked",
        "ctrl+s",
        "Mark asked",
        "Mark the ask in focus as sent to that side.",
        "mark_asked",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.answer",
        "ctrl+r",
        "Answer",
        "Record the answer of the side in focus: agreed, declined or no answer.",
        "answer",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.sent",
        "ctrl+s",
        "Mark sent",
        "Mark the introduction sent to both.",
        "mark_sent",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.met",
        "ctrl+s",
        "Mark met",
        "Mark that they met, with what came of it.",
        "mark_met",
        WIZARD,
        priority=True,
    ),
    cmd(
        "wizard.redraft",
        "ctrl+g",
        "Redraft",
        "Draft the introduction again from the facts (asks first).",
        "redraft",
        WIZARD,
        priority=True,
    ),
)
