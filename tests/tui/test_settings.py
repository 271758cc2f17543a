"""The settings screen: fields save on ctrl+s, and the templates list edits the templates."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea
from tui_helpers import SIZE, enter_text, notes, option_texts, plain, wait_for

from netdesk.domain.models import MessageKind, Template
from netdesk.domain.templates import BUILTIN_TEMPLATES
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.settings import SettingsScreen, TemplateList
from netdesk.tui.screens.template_form import TemplateForm

MakeApp = Callable[..., NetdeskApp]
"""The `make_app` fixture from conftest.py."""


async def open_settings(pilot: Pilot[int]) -> SettingsScreen:
    await pilot.press("comma")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen))
    return pilot.app.screen  # type: ignore[return-value]


async def retype(pilot: Pilot[int], field: str, text: str) -> None:
    """Focus a settings field, clear it and type `text` as a person would."""
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.press("home", "ctrl+k")
    await enter_text(pilot, text)
    await pilot.pause()


def status(app: NetdeskApp) -> str:
    return plain(app.screen.query_one("#settings-status", Static))


async def focus_templates(pilot: Pilot[int], name: str | None = None) -> TemplateList:
    templates = pilot.app.screen.query_one(TemplateList)
    templates.focus()
    if name is not None:
        templates.highlighted = [t.name for t in templates.templates].index(name)
    await pilot.pause()
    return templates


# --- the fields ------------------------------------------------------------------------------


async def test_settings_show_what_is_stored(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#daily_cap", Input).value == "5"
        assert screen.query_one("#follow_up_days", Input).value == "7"
        assert screen.query_one("#my_name", Input).value == "Sam Rivera"
        assert screen.query_one("#theme", Select).value == "netdesk-dark"
        assert app.focused is screen.query_one("#daily_cap", Input)


async def test_editing_cap_days_and_name_saves_on_ctrl_s(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await retype(pilot, "daily_cap", "8")
        await retype(pilot, "follow_up_days", "10")
        await retype(pilot, "my_name", "Pat [b]Doe")
        assert app.repo.settings().my_name == "Sam Rivera"  # typing alone saves nothing
        assert status(app) == (
            "Not saved yet: Daily cap, Follow up after, Your name. ctrl+s saves; escape discards."
        )
        await pilot.press("ctrl+s")
        settings = app.repo.settings()
        assert (settings.daily_cap, settings.follow_up_days) == (8, 10)
        assert settings.my_name == "Pat [b]Doe"
        assert status(app) == "Saved."
        await pilot.press("escape")  # back to the queue, which counts against the new cap
        await pilot.pause()
        assert "of 8" in plain(app.screen.query_one("#progress", Static))


async def test_bad_values_are_named_and_not_saved(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await retype(pilot, "daily_cap", "500")
        assert status(app) == "Daily cap: 500 is outside 0–100; 5 is kept."
        await retype(pilot, "daily_cap", "3")
        await retype(pilot, "follow_up_days", "")
        assert status(app) == "Follow up after: enter a whole number from 1 to 365; 7 is kept."
        await retype(pilot, "daily_cap", "4")
        await pilot.press("ctrl+s")
        assert app.repo.settings().daily_cap == 5  # nothing saves while a field is bad
        assert notes(app)[-1] == (
            "Not saved: Follow up after: enter a whole number from 1 to 365; 7 is kept."
        )
        await retype(pilot, "follow_up_days", "9")
        await pilot.press("ctrl+s")
        assert (app.repo.settings().daily_cap, status(app)) == (4, "Saved.")
        assert app.repo.settings().follow_up_days == 9


async def test_a_stray_key_is_not_saved_and_escape_asks(make_app: MakeApp) -> None:
    """A key typed into Your name changes nothing stored; escape asks, n keeps the text,
    y discards it and goes to the queue, and settings then shows the stored name again."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        name = screen.query_one("#my_name", Input)
        name.focus()
        await pilot.press("x")  # focus selects the whole name, so this key replaces it
        assert (name.value, app.repo.settings().my_name) == ("x", "Sam Rivera")
        assert status(app) == "Not saved yet: Your name. ctrl+s saves; escape discards."
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen)
        assert name.value == "x"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.current_mode == "workspace")
        assert app.repo.settings().my_name == "Sam Rivera"
        await open_settings(pilot)
        assert (name.value, status(app)) == ("Sam Rivera", "")


async def test_unsaved_text_survives_a_visit_elsewhere(make_app: MakeApp) -> None:
    """Leaving by a screen key keeps what was typed (not saved, and still shown)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        await retype(pilot, "daily_cap", "9")
        await focus_templates(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: app.current_mode == "contacts")
        await open_settings(pilot)
        assert screen.query_one("#daily_cap", Input).value == "9"
        assert app.repo.settings().daily_cap == 5
        assert status(app) == "Not saved yet: Daily cap. ctrl+s saves; escape discards."


async def test_theme_select_switches_and_remembers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_settings(pilot)
        select = screen.query_one("#theme", Select)
        select.value = "netdesk-light"
        await wait_for(pilot, lambda: app.theme == "netdesk-light")
        assert app.repo.settings().theme == "netdesk-light"
        app.theme = "netdesk-high-contrast"  # as ctrl+t would
        await pilot.pause()
        assert select.value == "netdesk-high-contrast"


# --- templates -------------------------------------------------------------------------------


async def test_templates_are_listed_literally(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        templates = await focus_templates(pilot)
        rows = option_texts(templates)
        assert len(rows) == len(BUILTIN_TEMPLATES)
        assert rows[0].split() == ["First", "outreach", "outreach", "built-in"]
        congratulations = next(r for r in rows if r.startswith("Congratulations"))
        assert congratulations.split()[-2:] == ["congratulations", "built-in"]  # not run together


async def test_add_a_template(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await focus_templates(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TemplateForm))
        await enter_text(pilot, "[Recruiters]")
        app.screen.query_one("#kind", Select).value = MessageKind.FOLLOW_UP
        app.screen.query_one("#body", TextArea).focus()
        await enter_text(pilot, "Hi {first_name}, still hiring at {company}?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        (added,) = [t for t in app.repo.templates if not t.builtin]
        assert (added.name, added.kind) == ("[Recruiters]", MessageKind.FOLLOW_UP)
        assert added.body == "Hi {first_name}, still hiring at {company}?"
        templates = app.screen.query_one(TemplateList)
        assert templates.current == added
        assert "[Recruiters]" in option_texts(templates)[templates.highlighted or 0]


async def test_a_template_with_an_unknown_placeholder_is_refused(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await focus_templates(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TemplateForm))
        await enter_text(pilot, "Odd")
        app.screen.query_one("#body", TextArea).focus()
        await enter_text(pilot, "Hi {nickname}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TemplateForm)
        error = plain(app.screen.query_one("#form-error", Static))
        assert error.startswith("Body: {nickname} is not a placeholder netdesk fills")
        assert len(app.repo.templates) == len(BUILTIN_TEMPLATES)


async def test_edit_a_template_with_enter(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        templates = await focus_templates(pilot, "Follow-up")
        original = templates.current
        assert original is not None
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TemplateForm))
        await pilot.press("end")
        await enter_text(pilot, " (short)")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        edited = app.repo.templates.get(original.id)
        assert edited is not None
        assert (edited.name, edited.body, edited.builtin) == (
            "Follow-up (short)",
            original.body,
            True,
        )
        assert app.focused is templates


async def test_delete_asks_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        templates = await focus_templates(pilot, "Thanks after a call")
        doomed = templates.current
        assert doomed is not None
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        assert app.repo.templates.get(doomed.id) == doomed
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await pilot.pause()
        assert app.repo.templates.get(doomed.id) is None
        assert "Thanks after a call" not in " ".join(option_texts(templates))


async def test_restore_brings_back_built_ins_and_keeps_yours(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        repo = app.repo
        first = next(t for t in repo.templates if t.name == "First outreach")
        repo.templates.update(first.id, {"body": "edited"})
        repo.templates.remove([next(t.id for t in repo.templates if t.name == "Follow-up")])
        mine = repo.templates.insert(Template(name="Mine", body="Hi"))
        await open_settings(pilot)
        await focus_templates(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await pilot.pause()
        builtins = sorted((t.name, t.body) for t in repo.templates if t.builtin)
        assert builtins == sorted((t.name, t.body) for t in BUILTIN_TEMPLATES)
        assert repo.templates.get(mine.id) == mine
        assert len(option_texts(app.screen.query_one(TemplateList))) == len(BUILTIN_TEMPLATES) + 1


async def test_escape_goes_back_to_the_queue(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_settings(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "workspace"
