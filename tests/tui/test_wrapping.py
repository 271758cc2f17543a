"""Wrapped lines keep their indent and stay off the border, a date phrase is never split,
dates and counts read the same on every screen, and `Home` shows the first heading."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import MakeApp
from textual.content import Content
from textual.css.styles import RulesMap
from textual.widgets import Input
from tui_helpers import FROZEN, SIZE, contacts_screen, plain, screen_text

from netdesk.domain.dates import format_day
from netdesk.domain.models import Contact
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.help import KEY_COLUMN
from netdesk.tui.screens.merge import shown
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.contact_table import ContactTable
from netdesk.tui.widgets.wrapped import KEEP, Wrapped

JAMAL = 3
"""The first follow-up in the frozen demo: contacted Wed 11 Nov, due Wed 18 Nov."""


def wrapped(content: Content | str, width: int, hang: int | None = None) -> list[str]:
    text = content if isinstance(content, Content) else Content(content)
    return Wrapped(text, hang=hang).wrapped(width).plain.splitlines()


# --- the Visual on its own ------------------------------------------------------------------


def test_a_wrapped_line_starts_under_its_own_indent() -> None:
    assert wrapped("   one two three four five", 14) == ["   one two", "   three four", "   five"]


def test_hang_sets_where_wrapped_lines_start() -> None:
    lines = wrapped("  x        Skip the item until tomorrow", 24, hang=11)
    assert lines == ["  x        Skip the item", "           until", "           tomorrow"]


@pytest.mark.parametrize("width", range(29, 60))
def test_a_date_phrase_moves_to_the_next_line_whole(width: int) -> None:
    """Textual broke "(12 / days ago)" and "Wed 18 / Nov 2026" wherever the width fell; a
    phrase that fits the width is now on one line."""
    text = "Last contact Wed 11 Nov 2026 (12 days ago)   Next Wed 18 Nov 2026 (5 days ago)"
    lines = wrapped(text, width)
    joined = "\n".join(lines)
    for phrase in ("Wed 11 Nov 2026 (12 days ago)", "Wed 18 Nov 2026 (5 days ago)"):
        assert any(phrase in line for line in lines), (width, joined)


def test_a_phrase_wider_than_the_line_breaks_between_words() -> None:
    lines = wrapped("Next Wed 18 Nov 2026 (5 days ago)", 12)
    assert lines == ["Next Wed 18", "Nov 2026 (5", "days ago)"]


def test_a_no_break_space_holds_words_together_and_draws_as_a_space() -> None:
    lines = wrapped(f"aaa bbb{KEEP}ccc ddd", 9)
    assert lines == ["aaa", "bbb ccc", "ddd"]
    assert str(Wrapped(Content(f"a{KEEP}b"))) == "a b"


def test_styles_survive_the_wrap() -> None:
    content = Content.assemble(("bold words here", "bold"), " plain words")
    result = Wrapped(content).wrapped(11)
    assert result.plain.splitlines() == ["bold words", "here plain", "words"]
    assert result.spans and result.spans[0].start == 0


# --- on screen -------------------------------------------------------------------------------


def rows_of(app: NetdeskApp, selector: str) -> list[str]:
    """The terminal rows inside a bordered pane, borders and scroll bar cut off."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y + 1 : region.bottom - 1]
    return [line[region.x + 1 : region.right - 3] for line in lines]


async def test_queue_reasons_wrap_under_their_first_word(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = rows_of(app, "#queue-pane")
        at = next(n for n, row in enumerate(rows) if "Contacted 12 days ago" in row)
        reason_column = rows[at].index("Contacted")
        follow = rows[at + 1]
        assert follow.strip() == "the one follow-up"
        assert follow.index("the") == reason_column


async def test_calls_wrap_under_their_date(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        rows = rows_of(app, "#calls-pane")
        at = next(n for n, row in enumerate(rows) if "Dmitri Wong" in row)
        assert rows[at + 1].index(rows[at + 1].strip()) == rows[at].index("Sat 21 Nov")


async def test_help_wraps_descriptions_in_their_column(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = next(n for n, line in enumerate(lines) if "Open settings: daily cap" in line)
        start = lines[at].index("Open settings")
        assert lines[at + 1][start - 1] == " " and lines[at + 1][start] != " "
        assert lines[at + 1][start - KEY_COLUMN + 2 : start].strip() == ""


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 30)])
async def test_queue_text_keeps_off_the_border(make_app: MakeApp, size: tuple[int, int]) -> None:
    """A heading touched the left border; every row now has a space at both edges."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        region = app.screen.query_one("#queue").region
        lines = screen_text(app).splitlines()[region.y : region.bottom]
        for line in lines:
            inside = line[region.x : region.right]
            assert inside[0] == " ", line
        assert any("Follow-ups due" in line for line in lines)


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120])
async def test_card_dates_stay_whole(make_app: MakeApp, width: int) -> None:
    """Each of the card's lines as wrapped at the card's width, and as drawn when wide."""
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        card = app.screen.query_one("#card")
        visual = card.render()
        assert isinstance(visual, Wrapped)
        lines = visual.wrapped(card.content_region.width).plain.splitlines()
        assert all(len(line) <= card.content_region.width for line in lines)
        assert any(line.endswith("Wed 11 Nov 2026 (12 days ago)") for line in lines), lines
        assert any("Next Wed 18 Nov 2026 (5 days ago)" in line for line in lines), lines
        if width >= 100:  # side by side, the whole card is in view
            assert "Next Wed 18 Nov 2026 (5 days ago)" in screen_text(app)


async def test_dates_read_the_same_in_the_card_the_history_and_the_contacts_list(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None and contact.last_contacted_on is not None
        day = format_day(contact.last_contacted_on)
        assert day == "Wed 11 Nov 2026"
        assert day in plain(app.screen.query_one("#card"))
        assert plain(app.screen.query_one("#history")).startswith(day)
        await pilot.press("2")
        screen = contacts_screen(app)
        table = screen.query_one(ContactTable)
        row = next(n for n in range(table.row_count) if table._rows[n].id == JAMAL)
        table.cursor = row
        await pilot.pause()
        line = table.render_line(row - table.scroll_offset.y + 1).text
        assert day in line and contact.last_contacted_on.isoformat() not in line


async def test_counts_use_thousands_separators(make_app: MakeApp, db_path: Path) -> None:
    with Repo.open(db_path) as repo:
        more = [Contact(first_name=f"Extra{n:04d}", created_at=FROZEN) for n in range(1_000)]
        repo.import_contacts(more, [], FROZEN)
        total = len(repo.contacts)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        status = plain(contacts_screen(app).query_one("#contacts-status"))
        assert status.startswith(f"{total:,} of {total:,}")
        assert "," in status.split(" of ")[0]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_home_shows_the_first_heading(make_app: MakeApp, size: tuple[int, int]) -> None:
    """The cursor on the first person scrolls their section's heading into view too."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("end")
        await pilot.pause()
        queue = app.screen.query_one("#queue")
        assert queue.scroll_offset.y > 0
        await pilot.press("home")
        await pilot.pause()
        assert queue.scroll_offset.y == 0
        assert "Follow-ups due (3)" in screen_text(app)
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen) and screen.current_id == JAMAL


async def test_forms_and_the_merge_screen_write_a_day_as_everywhere(make_app: MakeApp) -> None:
    """The contact form showed "2019-03-14" where every other screen says "Thu 14 Mar 2019";
    the form reads its own text back to the same day."""
    met = date(2019, 3, 14)
    assert shown("met_on", met) == "Thu 14 Mar 2019" == format_day(met)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        app.repo.save_contact(replace(contact, met_on=met), FROZEN)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#met_on", Input).value == "Thu 14 Mar 2019"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.repo.contacts.get(JAMAL)
        assert saved is not None and saved.met_on == met


@pytest.mark.parametrize("width", [8, 20, 39, 40, 41, 80])
@pytest.mark.parametrize(
    "text",
    [
        "Contacted 12 days ago, no reply yet: send the one follow-up",
        " Fatima Rossi\n   Call at 15:00",
        "a" * 45,
        "",
        "two\u00a0words and Mon 3 Dec 2026 15:00 kept",
    ],
)
def test_a_rows_height_is_the_height_of_its_wrapped_lines(text: str, width: int) -> None:
    """The quick height (lines that fit are not broken) is the height of what is drawn."""
    rules = RulesMap()
    wrapped = Wrapped(Content(text))
    drawn = wrapped.wrapped(width)
    assert wrapped.get_height(rules, width) == drawn.get_height(rules, width)
