"""The contacts list keeps its cursor on a person, and the arrow keys leave the filter box."""

from __future__ import annotations

from conftest import MakeApp
from textual.widgets import Input
from tui_helpers import SIZE, contacts_screen, enter_text

from netdesk.tui.widgets.contact_table import ContactTable

UMA_VARGA, KEIKO_VARGA = 12, 11
"""Contact ids in the frozen demo data; "varga" lists Keiko first, then Uma."""


async def test_down_and_up_in_the_filter_box_move_to_the_list(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        screen = contacts_screen(app)
        search, table = screen.query_one("#filter", Input), screen.query_one(ContactTable)
        await enter_text(pilot, "varga")
        assert search.has_focus
        await pilot.press("down")
        assert table.has_focus
        assert table.current_id == KEIKO_VARGA  # focus moved; the cursor did not jump
        await pilot.press("slash", "up")
        assert table.has_focus
        assert search.value == "varga"


async def test_filtering_and_sorting_keep_the_cursor_on_its_person(make_app: MakeApp) -> None:
    """A filter that still lists the highlighted person keeps them highlighted (not row 0),
    and so does a re-sort, though they move to another row."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        table = screen.query_one(ContactTable)
        while table.current_id != UMA_VARGA:
            await pilot.press("down")
        await pilot.press("slash")
        await enter_text(pilot, "varga")
        assert (table.row_count, table.current_id, table.cursor) == (2, UMA_VARGA, 1)
        await pilot.press("escape")  # clears the filter: still on Uma, among all 60
        assert table.row_count == 60
        assert table.current_id == UMA_VARGA
        row = table.cursor
        await pilot.press("O")  # sort by company
        assert table.current_id == UMA_VARGA
        assert table.cursor != row
