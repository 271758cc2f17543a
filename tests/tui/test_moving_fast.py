"""Moving fast: queue sections by key, people from the palette, whole messages in the history,
contacts sorted and filtered directly, digits in pickers, the closest introducers first."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from conftest import MakeApp
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_helpers import FROZEN, SIZE, contacts_screen, enter_text, option_texts, plain, wait_for

from netdesk.domain.models import Contact, MessageKind, Stage
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.pickers import ChoicePrompt, ContactPicker
from netdesk.tui.screens.targets import FinderScreen
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.contact_search import ContactSearch
from netdesk.tui.widgets.contact_table import ContactTable

JAMAL, UMA_JENSEN, UMA_VARGA, VIKTOR, FATIMA, OLU = 3, 1, 12, 10, 13, 19
MARGIT = 2
"""The target with four introducers in the frozen demo."""


def workspace(app: NetdeskApp) -> WorkspaceScreen:
    assert isinstance(app.screen, WorkspaceScreen)
    return app.screen


# --- queue sections ----------------------------------------------------------------------------


async def test_brackets_jump_between_queue_sections(make_app: MakeApp) -> None:
    """] goes to the next section's first person; [ to the start of this section, then the
    one before."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = workspace(app)
        assert screen.current_id == JAMAL
        await pilot.press("right_square_bracket")
        assert screen.current_id == UMA_VARGA  # Replies to schedule
        await pilot.press("right_square_bracket")
        assert screen.current_id == FATIMA  # Calls today
        await pilot.press("right_square_bracket")
        assert screen.current_id == OLU  # Introductions waiting
        await pilot.press("left_square_bracket")
        assert screen.current_id == FATIMA
        await pilot.press("left_square_bracket", "down", "down")
        assert screen.current_id == VIKTOR  # the last of the replies
        await pilot.press("left_square_bracket")
        assert screen.current_id == UMA_VARGA
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.current_id == JAMAL  # and no further


async def test_the_last_section_jump_stays_put(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = workspace(app)
        await pilot.press("end")
        last = screen.current_id
        await pilot.press("right_square_bracket")
        assert screen.current_id == last


# --- the palette -------------------------------------------------------------------------------


async def palette_prompts(pilot: Pilot[int], query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await enter_text(pilot, query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(n).prompt) for n in range(commands.option_count)]


async def test_the_palette_goes_to_a_person_by_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        prompts = await palette_prompts(pilot, "go to uma varga")
        firsts = [prompt.split("\n")[0] for prompt in prompts]
        assert firsts[0] == "go to: Uma Varga", firsts
        assert "Software Engineer at Cobalt Energy" not in prompts[0]  # that is Keiko
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonDetailScreen))
        screen = app.screen
        assert isinstance(screen, PersonDetailScreen) and screen.contact_id == UMA_VARGA


async def test_the_palette_finds_people_by_a_word_of_their_name(make_app: MakeApp) -> None:
    """A command that matches stays above the people ("log call" is not a person)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        prompts = [p.split("\n")[0] for p in await palette_prompts(pilot, "varga")]
        assert "go to: Uma Varga" in prompts and "go to: Keiko Varga" in prompts
        await pilot.press("escape")
        prompts = [p.split("\n")[0] for p in await palette_prompts(pilot, "log call")]
        assert prompts[0].startswith("workspace: Log a call")


# --- the history -------------------------------------------------------------------------------

LONG = "First line of a long note.\nSecond line, which only the full history shows."


async def test_h_shows_every_message_in_full(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.repo.mark_sent(JAMAL, MessageKind.FOLLOW_UP, LONG, "", datetime(2026, 11, 23, 9))
        await pilot.press("enter")  # Jamal's page, with the note just sent on top
        await wait_for(pilot, lambda: isinstance(app.screen, PersonDetailScreen))
        history = app.screen.query_one("#history", Static)
        text = plain(history)
        assert "First line of a long note." in text and "Second line" not in text
        await pilot.press("h")
        text = plain(history)
        assert "    First line of a long note.\n    Second line, which only" in text
        await pilot.press("h")
        assert "Second line" not in plain(history)


async def test_h_shows_the_history_on_a_narrow_queue(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.screen.query_one("#history-pane")
        assert not pane.display
        await pilot.press("h")
        await pilot.pause()
        assert pane.display and pane.region.height >= 4
        await pilot.press("h")
        await pilot.pause()
        assert not pane.display


# --- the contacts list -------------------------------------------------------------------------


def listed(app: NetdeskApp) -> list[Contact]:
    table = contacts_screen(app).query_one(ContactTable)
    return list(table._rows)


async def test_contacts_sort_by_closeness_and_either_way(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        while screen.sort != 5:
            await pilot.press("O")
        status = plain(screen.query_one("#contacts-status"))
        assert "sort closeness" in status
        closeness = [c.closeness for c in listed(app)]
        assert closeness == sorted(closeness, reverse=True) and closeness[0] > closeness[-1]
        await pilot.press("R")
        assert "sort closeness, reversed" in plain(screen.query_one("#contacts-status"))
        assert [c.closeness for c in listed(app)] == sorted(closeness)


async def test_contacts_last_contact_either_way(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "O", "O", "O")  # name, company, connected, last contact
        days = [c.last_contacted_on for c in listed(app) if c.last_contacted_on]
        assert days == sorted(days, reverse=True)  # the most recent first
        await pilot.press("R")
        days = [c.last_contacted_on for c in listed(app) if c.last_contacted_on]
        assert days == sorted(days)


async def test_a_stage_is_picked_directly(make_app: MakeApp) -> None:
    """G lists the stages; a digit (or enter) picks one without cycling through the rest."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "G")
        assert isinstance(app.screen, ChoicePrompt)
        labels = option_texts(app.screen.query_one(OptionList))
        assert labels[0] == "0 all stages" and "5 talked" in labels
        await pilot.press("5")
        await pilot.pause()
        assert {c.stage for c in listed(app)} == {Stage.TALKED}
        await pilot.press("G", "0")
        await pilot.pause()
        assert len({c.stage for c in listed(app)}) > 3


async def test_tags_show_in_the_contacts_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        app.repo.save_contact(replace(contact, tags=["climbing", "EU"]), FROZEN)
        await pilot.press("2")
        table = contacts_screen(app).query_one(ContactTable)
        header = table.render_line(0).text
        assert "Tags" in header
        row = next(n for n, c in enumerate(table._rows) if c.id == JAMAL)
        table.cursor = row
        await pilot.pause()
        line = table.render_line(row - table.scroll_offset.y + 1).text
        assert "climbing, EU" in line


# --- pickers -----------------------------------------------------------------------------------


async def open_finder(pilot: Pilot[int], app: NetdeskApp) -> FinderScreen:
    await pilot.press("5")
    screen = app.screen
    while getattr(screen, "current_target", None) != MARGIT:
        await pilot.press("down")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, FinderScreen))
    finder = app.screen
    assert isinstance(finder, FinderScreen)
    return finder


async def test_a_digit_picks_closeness_in_a_picker(make_app: MakeApp) -> None:
    """k on an introducer: pressing 3 sets how well they know the target, at once."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        finder = await open_finder(pilot, app)
        ranked = finder._selected()
        assert ranked is not None
        who = ranked.introducer.contact_id
        before = ranked.introducer.they_know
        level = 1 if before != 1 else 2
        await pilot.press("k")
        assert isinstance(app.screen, ChoicePrompt)
        await pilot.press(str(level))
        await pilot.pause()
        assert app.screen is finder
        target = app.repo.targets.get(MARGIT)
        assert target is not None
        assert {i.contact_id: i.they_know for i in target.introducers}[who] == level


async def test_the_introducer_picker_lists_the_closest_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        finder = await open_finder(pilot, app)
        await pilot.press("a")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ContactPicker)
        matches = picker.query_one(ContactSearch).matches
        closeness = [c.closeness for c in matches]
        assert closeness == sorted(closeness, reverse=True)
        best = max(
            c.closeness
            for c in app.repo.contacts
            if c.id not in {i.contact_id for i in finder.target.introducers}
        )
        assert closeness[0] == best > 0
        await enter_text(pilot, "a")  # typing narrows, and keeps the closest first
        closeness = [c.closeness for c in picker.query_one(ContactSearch).matches]
        assert closeness == sorted(closeness, reverse=True)
