"""Who fits?: type a need, then act on a result from the list."""

from __future__ import annotations

from netdesk.tui.commands.command import FITS, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd(
        "fits.everything",
        "ctrl+f",
        "Everything",
        "Switch between who fits a need and a search of all text netdesk holds.",
        "toggle_mode",
        FITS,
        priority=True,
    ),
    cmd(
        "fits.referral",
        "r",
        "Referral",
        "Record a referral you gave to the selected person, for the need typed.",
        "referral",
        FITS,
    ),
    cmd(
        "fits.introduce",
        "i",
        "Introduce",
        "Start an introduction with the selected person.",
        "introduce",
        FITS,
    ),
    cmd("fits.open_person", "enter", "Open", "Open the selected person.", "open", FITS),
    cmd("fits.need", "slash", "Need", "Back to the need, to change it.", "edit_need", FITS),
)
