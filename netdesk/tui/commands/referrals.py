"""Referrals: both ways, and what waits on you."""

from __future__ import annotations

from netdesk.tui.commands.command import REFERRALS, Command, cmd

COMMANDS: tuple[Command, ...] = (
    cmd(
        "referrals.given",
        "g",
        "Gave",
        "Record a referral you gave to one of your contacts.",
        "add_given",
        REFERRALS,
    ),
    cmd(
        "referrals.received",
        "r",
        "Received",
        "Record a referral a contact sent your way.",
        "add_received",
        REFERRALS,
    ),
    cmd(
        "referrals.status",
        "s",
        "Status",
        "Move the selected referral on: passed, contacted, met, closed won or lost, dropped.",
        "set_status",
        REFERRALS,
    ),
    cmd(
        "referrals.thanked",
        "t",
        "Thanked",
        "Record that you thanked the person who sent the selected referral your way.",
        "thanked",
        REFERRALS,
    ),
    cmd("referrals.edit", "e", "Edit", "Edit the selected referral.", "edit", REFERRALS),
    cmd(
        "referrals.delete",
        "D",
        "Delete",
        "Delete the selected referral (asks first).",
        "delete",
        REFERRALS,
        show=False,
    ),
    cmd(
        "referrals.open",
        "enter",
        "Open",
        "Open the person on the other side of the selected referral.",
        "open",
        REFERRALS,
        show=False,
    ),
)
