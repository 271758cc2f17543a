"""Copying a message out of netdesk, checked the way marking it sent is, to a clipboard that works.

A message is copied to be pasted into LinkedIn and sent there, so ctrl+y refuses text that
ctrl+s would refuse (an unfilled `{placeholder}`, empty, too long) with the same reasons,
instead of letting "{personal}" reach someone's inbox. Every ctrl+y in netdesk comes here.

The text goes two ways at once. OSC 52 asks the terminal to take it (the one way over ssh),
but not every terminal allows it and none says whether it did. The system clipboard (wl-copy,
xclip, xsel, pbcopy, clip.exe, through pyperclip) is read back to know it holds the text;
pyperclip ignores the tools' exit codes, so reading back is the only check. When no system
clipboard took it, the text is shown selected, to copy with the mouse, until the person says
pasting works (or `NETDESK_CLIPBOARD=terminal` says so for good).
"""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netdesk.tui.literal import one_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

CLIPBOARD_ENV = "NETDESK_CLIPBOARD"
TERMINAL_ONLY = "terminal"
"""`NETDESK_CLIPBOARD=terminal`: your terminal honours OSC 52; no system tool, no dialog."""

THROUGH_TERMINAL = "through your terminal, OSC 52"
_TOOL_NAMES = {
    "copy_wl": "wl-copy",
    "copy_xclip": "xclip",
    "copy_xsel": "xsel",
    "copy_klipper": "Klipper",
    "copy_osx_pbcopy": "pbcopy",
    "copy_osx_pyobjc": "the macOS pasteboard",
    "copy_wsl": "clip.exe",
    "copy_windows": "the Windows clipboard",
    "copy_qt": "the Qt clipboard",
}
"""pyperclip's copy functions, by name, as the person knows the tool behind them."""
TOOLS = "wl-copy, xclip, xsel, pbcopy or clip.exe"
_SHIFT_DRAG = "hold shift while you drag in most terminals, option on macOS"


@dataclass
class _Session:
    last_way: str = ""
    """How the last copy went, so the notification names the way only when it changes."""
    terminal_works: bool = False
    """The person said pasting an OSC 52 copy works: no more dialogs until netdesk closes."""


_SESSIONS: weakref.WeakKeyDictionary[App[object], _Session] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class SystemCopy:
    """What the system clipboard did with a copy."""

    tool: str
    """The tool pyperclip picked, as the person knows it; empty when it found none."""
    problem: str = ""
    """Why the tool did not take the text; empty when it holds it now."""

    @property
    def ok(self) -> bool:
        return bool(self.tool) and not self.problem


def copy_checked(node: Widget, text: str, problems: list[str], what: str) -> bool:
    """Copy `text` when `problems` (from the check its send key runs) is empty, and say so;
    otherwise say why nothing was copied. `what` names which text, so a key that acts on one
    of two sides says which: "the ask to Ann Lee"."""
    if problems:
        node.notify(
            one_line(f"{what[:1].upper()}{what[1:]} was not copied: " + " ".join(problems)),
            severity="error",
            timeout=8,
            markup=False,
        )
        return False
    app = node.app
    app.copy_to_clipboard(text)  # OSC 52, and the app's own clipboard for its text fields
    if os.environ.get(CLIPBOARD_ENV, "").strip().lower() == TERMINAL_ONLY:
        _say_copied(app, what, THROUGH_TERMINAL)
        return True

    def in_thread() -> None:
        result = system_copy(text)
        app.call_from_thread(_after_system_copy, app, text, what, result)

    # A clipboard tool can hang (an X server gone away): never on the event loop.
    app.run_worker(
        in_thread, thread=True, group="clipboard", description="copy", exit_on_error=False
    )
    return True


def system_copy(text: str) -> SystemCopy:
    """Put `text` on the system clipboard and read it back to know it is there."""
    import pyperclip  # on first use: detecting the tool runs `which` and may import Qt

    tool = "the system clipboard"
    try:
        copy, paste = pyperclip.determine_clipboard()  # each time: a tool installed since counts
        if not bool(copy):  # pyperclip's "no mechanism" stand-in is falsy
            return SystemCopy("")
        tool = _TOOL_NAMES.get(getattr(copy, "__name__", ""), tool)
        copy(text)
        back = paste()
    except Exception as exc:  # pyperclip's own error, OSError, a tool's decoding error …
        return SystemCopy(tool, one_line(str(exc)).strip()[:200] or type(exc).__name__)
    if _lines(back) != _lines(text):
        return SystemCopy(tool, "reading it back gave other text")
    return SystemCopy(tool)


def _lines(text: str) -> str:
    """Text as clipboards give it back: Windows turns line ends into CRLF, some add one."""
    return text.replace("\r\n", "\n").rstrip("\n")


def _after_system_copy(app: App[object], text: str, what: str, result: SystemCopy) -> None:
    session = _SESSIONS.setdefault(app, _Session())
    if result.ok:
        _say_copied(app, what, f"system clipboard: {result.tool}")
        return
    if session.terminal_works:
        _say_copied(app, what, THROUGH_TERMINAL)
        return
    from netdesk.tui.screens.copy_by_hand import CopyByHand

    if result.tool:
        why = f"{result.tool} did not take {what} ({result.problem})"
    else:
        why = f"No clipboard tool was found ({TOOLS}) for {what}"
    message = (
        f"{why}, so it went to your terminal's clipboard (OSC 52), which not every terminal "
        f"allows. If pasting gives nothing, select it here with the mouse ({_SHIFT_DRAG})."
    )

    def answered(works: bool | None) -> None:
        if works:
            session.terminal_works = True
            session.last_way = THROUGH_TERMINAL
            app.notify(
                "Noted: copies go through your terminal until netdesk closes "
                f"({CLIPBOARD_ENV}={TERMINAL_ONLY} makes it for good).",
                markup=False,
            )

    app.push_screen(CopyByHand(message, text, ask_if_pasting_works=True), answered)


def _say_copied(app: App[object], what: str, way: str) -> None:
    """Say "Copied …", naming the way it went the first time and whenever it changes."""
    session = _SESSIONS.setdefault(app, _Session())
    said = f"Copied {what} ({way})." if way != session.last_way else f"Copied {what}."
    session.last_way = way
    app.notify(one_line(said), timeout=5, markup=False)


def show_to_copy(app: App[object], message: str, text: str) -> None:
    """Show `text` (an address no browser could open) selected, to copy with the mouse."""
    from netdesk.tui.screens.copy_by_hand import CopyByHand

    app.push_screen(CopyByHand(f"{message} Copy it with the mouse ({_SHIFT_DRAG}).", text))
