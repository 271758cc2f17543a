"""Your own keys: keymap.toml in netdesk's config folder remaps commands by id, end to end;
help, the key bar and the palette show the keys; bad entries are named once, the rest apply."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import MakeApp
from test_targets import MARGIT, open_target
from textual.command import CommandList, CommandPalette
from textual.widgets import Static
from tui_helpers import SIZE, enter_text, notes, plain, screen_text, wait_for

from netdesk.tui.keymap import check_keys, keymap_path, load_user_keys
from netdesk.tui.screens.help import HelpScreen
from netdesk.tui.screens.pickers import ContactPicker
from netdesk.tui.screens.schedule import CallPrompt
from netdesk.tui.screens.workspace import WorkspaceScreen

TOMORROW = date(2026, 11, 24)


def write_keymap(text: str) -> Path:
    """keymap.toml in netdesk's config folder under the test's own XDG_CONFIG_HOME."""
    path = keymap_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_lives_in_netdesks_config_folder(isolated_home: Path) -> None:
    assert keymap_path() == isolated_home / ".config" / "netdesk" / "keymap.toml"


async def test_a_remapped_key_works_end_to_end(make_app: MakeApp) -> None:
    """z skips (and x no longer does); the bar, help and the palette all say z."""
    write_keymap('"queue.skip" = "z"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        first = screen.current_id
        assert first is not None
        await pilot.press("x")
        assert screen.current_id == first  # x is free now
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert " z Skip " in bar and "x Skip" not in bar
        await pilot.press("z")
        contact = app.repo.contacts.get(first)
        assert contact is not None and contact.snoozed_until == TOMORROW
        assert not [n for n in notes(app) if "Keys" in n or "keymap" in n]

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = plain(app.screen.query_one(Static)).splitlines()
        assert "  z        Skip the selected item until tomorrow. queue.skip" in lines
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await enter_text(pilot, "skip the selected")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(n).prompt) for n in range(results.option_count)]
        assert any(
            p.startswith("workspace: Skip the selected item until tomorrow  z") for p in prompts
        )


async def test_two_keys_can_be_swapped(make_app: MakeApp) -> None:
    write_keymap('"queue.skip" = "d"\n"queue.done" = "x"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert " d Skip " in bar and " x Done " in bar
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        first = screen.current_id
        await pilot.press("d")
        contact = app.repo.contacts.get(first or 0)
        assert contact is not None and contact.snoozed_until == TOMORROW


async def test_toasts_name_the_undo_key_the_user_chose(make_app: MakeApp) -> None:
    """With undo on ctrl+z alone, a change's toast says "ctrl+z undo", and that key undoes."""
    write_keymap('"app.undo" = "ctrl+z"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        first = screen.current_id
        before = app.repo.contacts.get(first or 0)
        assert before is not None
        await pilot.press("x")
        assert notes(app)[-1] == f"Skipped {before.name} until tomorrow. · ctrl+z undo"
        await pilot.press("ctrl+z")
        assert app.repo.contacts.get(before.id) == before


async def test_a_toast_names_the_next_steps_key_the_user_chose(make_app: MakeApp) -> None:
    """With schedule on S, marking a reply says "Press S to schedule the call", and S does."""
    write_keymap('"person.schedule" = "S"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        contact = app.repo.contacts.get(screen.current_id or 0)
        assert contact is not None
        await pilot.press("r")
        assert notes(app)[-1] == f"{contact.name} replied. Press S to schedule the call. · u undo"
        await pilot.press("S")
        assert isinstance(app.screen, CallPrompt)


async def test_the_finders_toasts_name_the_users_keys(make_app: MakeApp) -> None:
    """With link on K, a target marked reached says "Link them … with K", and K links."""
    write_keymap('"finder.link" = "K"\n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_target(pilot, MARGIT)
        await pilot.press("s", "down", "down", "down", "enter")
        assert notes(app)[-1] == (
            "Margit Halvorsen: reached. Link them to their contact with K once you are connected."
        )
        await pilot.press("K")
        assert isinstance(app.screen, ContactPicker)


async def test_bad_entries_are_named_in_one_warning_and_the_rest_apply(make_app: MakeApp) -> None:
    path = write_keymap(
        '"queue.skip" = "z"\n'
        '"queue.nope" = "y"\n'  # no such command
        '"queue.done" = "c"\n'  # compose has c
        '"person.snooze" = "ctrl+nonsense"\n'  # not a key
        '"composer.copy" = "k"\n'  # would type into the message
        '"person.replied" = 3\n'  # not text
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warnings = [n for n in notes(app) if str(path) in n]
        assert len(warnings) == 1
        warning = warnings[0]
        for named in ("queue.nope", "queue.done", "person.snooze", "composer.copy"):
            assert f'"{named}"' in warning, named
        assert '"person.replied"' in warning
        assert '"queue.skip"' not in warning
        assert "already runs person.compose" in warning
        bar = screen_text(app).splitlines()[-1]
        assert " z Skip " in bar and " d Done " in bar and " c Compose " in bar


async def test_a_file_that_is_not_toml_leaves_the_usual_keys(make_app: MakeApp) -> None:
    path = write_keymap('"queue.skip" = \n')
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [n for n in notes(app) if str(path) in n and "not valid TOML" in n]
        assert " x Skip " in screen_text(app).splitlines()[-1]


def test_no_file_is_no_keymap_and_no_warning(isolated_home: Path) -> None:
    keys = load_user_keys()
    assert keys.keys == {} and keys.warning == ""


@pytest.mark.parametrize(
    ("entries", "applied"),
    [
        ({"queue.skip": "?"}, {}),  # help's key, everywhere
        ({"queue.skip": "escape"}, {}),  # kept for going back
        ({"wizard.sent": "ctrl+s"}, {"wizard.sent": "ctrl+s"}),  # its own key, shared by design
        ({"app.undo": ["u", "ctrl+z"]}, {"app.undo": "u,ctrl+z"}),
        ({"queue.next_section": "]"}, {"queue.next_section": "right_square_bracket"}),
        ({"calls.cancel": "s"}, {"calls.cancel": "s"}),  # snooze is not on the calls list
        ({"calls.cancel": "t"}, {}),  # but scheduling is
        ({"composer.copy": "ctrl+k"}, {"composer.copy": "ctrl+k"}),
    ],
)
def test_which_entries_apply(entries: dict[str, object], applied: dict[str, str]) -> None:
    keys, problems = check_keys(entries)
    assert keys == applied
    assert bool(problems) == (not applied)
