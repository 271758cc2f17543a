"""ctrl+y puts the text on the system clipboard when a tool is there (a stand-in on PATH here),
sends OSC 52 as well, names the way once, and shows the text to copy by hand when no tool
took it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MakeApp
from test_workspace import INES, PERSONAL, body, select
from textual.pilot import Pilot
from textual.widgets import Static, TextArea
from tui_helpers import SIZE, notes, paste, plain

from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.copy_by_hand import CopyByHand
from netdesk.tui.screens.workspace import WorkspaceScreen

FILE_TOOLS = {
    # tool, the display variable pyperclip looks for, the script for each command it runs
    "wl-copy": ("WAYLAND_DISPLAY", {"wl-copy": 'cat > "{file}"', "wl-paste": 'cat "{file}"'}),
    "xclip": (
        "DISPLAY",
        {"xclip": 'case " $* " in *" -o "*) cat "{file}" ;; *) cat > "{file}" ;; esac'},
    ),
}


@pytest.fixture
def no_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the tests' terminal-only setting nor a display: pyperclip finds no tool."""
    for name in ("NETDESK_CLIPBOARD", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)


def stand_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, display: str, scripts: dict[str, str]
) -> Path:
    """Put `scripts` first on PATH, as the tools pyperclip runs; returns the clipboard file."""
    folder, clipboard = tmp_path / "bin", tmp_path / "clipboard.txt"
    folder.mkdir()
    for name, script in scripts.items():
        tool = folder / name
        tool.write_text(f"#!/bin/sh\n{script.format(file=clipboard)}\n")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv(display, ":0")
    return clipboard


async def copy(pilot: Pilot[int]) -> None:
    """Press ctrl+y and let the copy's thread finish and its answer arrive."""
    await pilot.press("ctrl+y")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def compose_to_ines(pilot: Pilot[int], app: NetdeskApp) -> str:
    await select(pilot, app, INES)
    await pilot.press("c")
    await paste(pilot, PERSONAL)
    return body(app).text


@pytest.mark.parametrize("tool", FILE_TOOLS)
async def test_copy_reaches_the_system_clipboard(
    make_app: MakeApp,
    no_clipboard: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tool: str,
) -> None:
    display, scripts = FILE_TOOLS[tool]
    clipboard = stand_in(tmp_path, monkeypatch, display, scripts)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = await compose_to_ines(pilot, app)
        await copy(pilot)
        assert clipboard.read_text() == text
        assert app.clipboard == text  # sent as OSC 52 too
        assert notes(app)[-1] == f"Copied the message to Ines Evans (system clipboard: {tool})."
        assert isinstance(app.screen, WorkspaceScreen)  # nothing to copy by hand

        clipboard.unlink()
        await copy(pilot)
        assert clipboard.read_text() == text
        assert notes(app)[-1] == "Copied the message to Ines Evans."  # the way is said once


async def test_without_a_tool_the_text_is_shown_to_copy_until_pasting_works(
    make_app: MakeApp, no_clipboard: None
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = await compose_to_ines(pilot, app)
        await copy(pilot)
        assert app.clipboard == text  # OSC 52 was sent
        dialog = app.screen
        assert isinstance(dialog, CopyByHand)
        assert plain(dialog.query_one(Static)) == (
            "No clipboard tool was found (wl-copy, xclip, xsel, pbcopy or clip.exe) for the "
            "message to Ines Evans, so it went to your terminal's clipboard (OSC 52), which "
            "not every terminal allows. If pasting gives nothing, select it here with the "
            "mouse (hold shift while you drag in most terminals, option on macOS)."
        )
        shown = dialog.query_one(TextArea)
        assert (shown.read_only, shown.has_focus, shown.selected_text) == (True, True, text)

        await pilot.press("escape")  # closed without an answer: the next copy shows it again
        assert isinstance(app.screen, WorkspaceScreen)
        await copy(pilot)
        assert isinstance(app.screen, CopyByHand)

        await pilot.press("enter")  # pasting works
        assert isinstance(app.screen, WorkspaceScreen)
        assert notes(app)[-1] == (
            "Noted: copies go through your terminal until netdesk closes "
            "(NETDESK_CLIPBOARD=terminal makes it for good)."
        )
        await copy(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert notes(app)[-1] == "Copied the message to Ines Evans."


async def test_a_tool_that_fails_is_named_and_the_text_shown(
    make_app: MakeApp, no_clipboard: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wl-copy that takes nothing: pyperclip does not notice, reading back does."""
    stand_in(tmp_path, monkeypatch, "WAYLAND_DISPLAY", {"wl-copy": "exit 1", "wl-paste": ":"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = await compose_to_ines(pilot, app)
        await copy(pilot)
        dialog = app.screen
        assert isinstance(dialog, CopyByHand)
        assert plain(dialog.query_one(Static)).startswith(
            "wl-copy did not take the message to Ines Evans (reading it back gave other "
            "text), so it went to your terminal's clipboard (OSC 52)"
        )
        assert dialog.query_one(TextArea).selected_text == text
