"""ContactTable at 30k rows: what is on screen, how the cursor moves, and hostile names."""

from __future__ import annotations

from datetime import date

import pytest
from rich.cells import cell_len
from rich.style import Style
from textual.app import App, ComposeResult
from textual.message import Message

from netdesk.domain.models import Contact, Stage
from netdesk.tui.widgets.contact_table import ContactTable, column_widths, fit

ROWS = 30_000
SIZE = (100, 20)
HOSTILE = ["[bold]Ann", "Ann [/b] Lee", "[@click=app.quit]Zed", "مرحبا بالعالم", "Zoë 🚀 李小龙"]


def _contacts(count: int = ROWS) -> list[Contact]:
    people = [
        Contact(
            id=n + 1,
            first_name=f"Person{n:05d}",
            last_name="Lee",
            company="Acme",
            position="Engineer",
            stage=Stage.NEW,
            last_contacted_on=date(2025, 1, 2) if n % 2 else None,
        )
        for n in range(count)
    ]
    for row, name in enumerate(HOSTILE, start=1):
        people[row].first_name, people[row].last_name = name, ""
    return people


class TableApp(App[None]):
    def __init__(self, contacts: list[Contact], a_network: set[int] | None = None) -> None:
        super().__init__()
        self.contacts = contacts
        self.a_network = a_network or set()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ContactTable()

    def on_mount(self) -> None:
        self.query_one(ContactTable).set_rows(self.contacts, self.a_network)

    def on_contact_table_highlighted(self, message: ContactTable.Highlighted) -> None:
        self.messages.append(message)

    def on_contact_table_selected(self, message: ContactTable.Selected) -> None:
        self.messages.append(message)


def _screen_lines(table: ContactTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


def _ids(app: TableApp, kind: type[Message]) -> list[int | None]:
    return [m.contact_id for m in app.messages if isinstance(m, kind)]  # type: ignore[attr-defined]


@pytest.fixture
def contacts() -> list[Contact]:
    return _contacts()


async def test_first_screen_shows_first_rows(contacts: list[Contact]) -> None:
    app = TableApp(contacts, a_network={1})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(ContactTable)
        lines = _screen_lines(table)
        assert lines[0].split() == [
            "Name",
            "Company",
            "Position",
            "Stage",
            "Last",
            "contact",
            "A/B",
        ]
        assert lines[1].split() == ["Person00000", "Lee", "Acme", "Engineer", "new", "—", "A"]
        assert "Person00007 Lee" in lines[8]
        assert "Thu 2 Jan 2025" in lines[8] and lines[8].rstrip().endswith("B")  # as format_day
        assert table.cursor == 0 and table.current_id == 1
        assert table.row_count == ROWS


async def test_end_home_and_paging(contacts: list[Contact]) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(ContactTable)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == ROWS - 1
        assert table.current_id == ROWS
        lines = _screen_lines(table)
        assert lines[0].startswith(" Name")  # the header stays while scrolled
        assert "Person29999" in lines[-1]
        assert "Person29998" in lines[-2]
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor == 0 and table.scroll_offset.y == 0
        assert "Person00000" in _screen_lines(table)[1]
        await pilot.press("pagedown")
        page = table.size.height - 1
        assert table.cursor == page
        await pilot.press("down", "up", "up")
        assert table.cursor == page - 1
        await pilot.press("pageup")
        assert table.cursor == 0
        await pilot.press("up")
        assert table.cursor == 0


async def test_scrolling_follows_the_cursor(contacts: list[Contact]) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(ContactTable)
        visible = table.size.height - 1
        await pilot.press(*["down"] * visible)
        await pilot.pause()
        assert table.cursor == visible
        assert table.scroll_offset.y == 1
        assert f"Person{visible:05d}" in _screen_lines(table)[-1]


async def test_hostile_names_render_literally_and_clicks_are_harmless(
    contacts: list[Contact],
) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(ContactTable)
        lines = _screen_lines(table)
        for row, name in enumerate(HOSTILE, start=1):
            assert lines[row + 1].startswith(f" {name} "), (name, lines[row + 1])
        zed_line = 1 + HOSTILE.index("[@click=app.quit]Zed") + 1
        await pilot.click(ContactTable, offset=(3, zed_line))
        await pilot.pause()
        assert app.is_running
        assert table.cursor == zed_line - 1
        await pilot.click(ContactTable, offset=(8, zed_line), times=2)
        await pilot.pause()
        assert app.is_running
        assert _ids(app, ContactTable.Selected) == [zed_line]


async def test_control_characters_cannot_break_the_row() -> None:
    people = _contacts(10)
    people[0].first_name = "Evil\nName\t\x1b[31mred\u202eesrever"
    app = TableApp(people)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.query_one(ContactTable).render_line(1).text
        assert line.startswith(" Evil Name  [31mredes…")
        assert "\x1b" not in line and "\n" not in line


async def test_highlighted_and_selected_messages(contacts: list[Contact]) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "up")
        await pilot.press("enter")
        await pilot.click(ContactTable, offset=(3, 6))
        await pilot.pause()
        assert _ids(app, ContactTable.Highlighted) == [1, 2, 3, 2, 6]
        assert _ids(app, ContactTable.Selected) == [2]


async def test_set_rows_keeps_the_person_or_goes_to_top(contacts: list[Contact]) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(ContactTable)
        table.cursor = 20_000
        await pilot.pause()
        table.set_rows(contacts[::-1], set())  # a re-sort: same person, new row
        await pilot.pause()
        assert table.current_id == 20_001
        assert table.cursor == ROWS - 1 - 20_000
        assert any("Person20000" in line for line in _screen_lines(table))
        table.set_rows(contacts[:50], set())  # the person is filtered out: back to top
        await pilot.pause()
        assert table.cursor == 0 and table.scroll_offset.y == 0
        assert _ids(app, ContactTable.Highlighted)[-1] == 1


async def test_empty_list_says_so(contacts: list[Contact]) -> None:
    app = TableApp(contacts)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(ContactTable)
        table.set_rows([], set())
        await pilot.pause()
        assert table.current_id is None
        assert table.render_line(1).text.strip() == "No contacts match"
        await pilot.press("down", "end", "enter")
        await pilot.click(ContactTable, offset=(3, 1))
        assert table.cursor == 0
        assert _ids(app, ContactTable.Highlighted)[-1] is None
        assert _ids(app, ContactTable.Selected) == []


@pytest.mark.parametrize("width", [59, 60, 80, 98, 116, 160])
def test_columns_fill_the_width(width: int) -> None:
    """Every column and gap adds up to the width; Tags (and its gap) only from ~116 cells."""
    name, company, _, tags, *_ = widths = column_widths(width)
    assert len(" ") + len("  ") * (5 + bool(tags)) + sum(widths) == width
    assert name >= company >= 6
    assert (tags > 0) == (width >= 116)
    if tags:
        assert name >= 20 and company >= 16


@pytest.mark.parametrize("width", [20, 40])
def test_narrow_widths_drop_position_and_cut_the_line(width: int) -> None:
    assert column_widths(width)[2] == 0
    strip = ContactTable._strip(["Ann", "Acme", "CTO", "", "new", "—", "B"], width, Style())
    assert strip.cell_length == width
    assert strip.text.endswith("…")


@pytest.mark.parametrize(
    ("text", "width"),
    [("李小龙李小龙", 5), ("ab😀😀", 4), ("Zoë", 6), ("مرحبا بالعالم", 6), ("x", 0)],
)
def test_fit_measures_cells(text: str, width: int) -> None:
    fitted = fit(text, width)
    assert cell_len(fitted) == width
    if cell_len(text) > width > 0:
        assert fitted.endswith("…")
