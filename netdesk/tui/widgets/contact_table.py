"""A virtual contacts list that stays instant at 30k rows and shows user data literally.

DataTable takes seconds to fill with 30k rows and OptionList/Static parse strings as markup,
so a name like `[@click=app.quit]Zed` would become a live action (DESIGN.md §7). This widget
keeps a reference to a Python list and, through the Line API, builds only the visible rows
as plain-text `Segment`s with a style: no markup is ever parsed and nothing is clickable.
The header is line 0 of the widget and ignores the scroll offset, the way DataTable draws its
fixed header, so one focusable widget owns cursor, keys, mouse and scrolling.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date
from operator import attrgetter
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netdesk.domain.dates import format_day
from netdesk.domain.models import Contact, Stage
from netdesk.tui.literal import one_line

HEADERS = ("Name", "Company", "Position", "Tags", "Stage", "Last contact", "A/B")
TAGS = HEADERS.index("Tags")
_STAGE_LABELS = {stage: stage.value.replace("_", " ") for stage in Stage}
_FIXED_WIDTHS = (
    20,
    max(map(len, _STAGE_LABELS.values())),
    len(format_day(date(2026, 11, 25))),  # "Wed 25 Nov 2026", the longest a day gets
    len("A/B"),
)
"""Position, Stage, Last contact, A/B; Name and Company share what is left."""
_MIN_NAME, _MIN_COMPANY = 10, 6
_TAGS_ROOM = (10, 24, 20 + 16)
"""Tags show, 10 to 24 cells wide, only while name and company keep 20 and 16 beside them."""
_GAP = "  "
_LEFT_PAD = " "
_NO_DATE = "—"
_EMPTY_TEXT = "No contacts match"
_ID = attrgetter("id")


def column_widths(width: int) -> tuple[int, ...]:
    """Cell widths of the columns (HEADERS) for a content width: narrow screens lose Position
    first; Tags (0: not drawn, nor its gap) show only where name and company have room."""
    position, stage, last_contact, network = _FIXED_WIDTHS
    spare = width - len(_LEFT_PAD) - len(_GAP) * (len(HEADERS) - 2)
    spare -= stage + last_contact + network
    position = max(0, min(position, spare - _MIN_NAME - _MIN_COMPANY))
    least_tags, most_tags, beside = _TAGS_ROOM
    tags = min(most_tags, spare - position - len(_GAP) - beside)
    if tags < least_tags:
        tags = 0
    flexible = max(0, spare - position - (tags + len(_GAP) if tags else 0))
    name = max(_MIN_NAME, flexible - flexible * 9 // 20)  # name gets ~55%, company the rest
    company = max(_MIN_COMPANY, flexible - name)
    return (name, company, position, tags, stage, last_contact, network)


def fit(text: str, width: int) -> str:
    """`text` as exactly `width` terminal cells: control characters neutralised, padded, or
    cut with "…" by cell width so CJK and emoji neither overflow nor misalign a column."""
    if width <= 0:
        return ""
    text = one_line(text)
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class ContactTable(ScrollView, can_focus=True):
    """Contacts as rows (Name, Company, Position, Tags where they fit, Stage, Last contact,
    A/B) with a row cursor.

    Feed it with `set_rows`; it keeps the sequence, it does not copy it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"contact-table--header", "contact-table--cursor"}

    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .contact-table--header {
            background: $panel;
            color: $foreground;
            text-style: bold;
        }
        & > .contact-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .contact-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted row in the current rows."""

    class Highlighted(Message):
        """The row under the cursor now shows another contact (None: the list is empty)."""

        def __init__(self, table: ContactTable, contact_id: int | None) -> None:
            super().__init__()
            self.table = table
            self.contact_id = contact_id

        @property
        def control(self) -> ContactTable:
            return self.table

    class Selected(Message):
        """The user asked to open the contact under the cursor (enter or double-click)."""

        def __init__(self, table: ContactTable, contact_id: int) -> None:
            super().__init__()
            self.table = table
            self.contact_id = contact_id

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._rows: Sequence[Contact] = ()
        self._a_network: Set[int] = frozenset()
        self._announced: int | None = None

    # --- data --------------------------------------------------------------------------------

    def set_rows(self, contacts: Sequence[Contact], a_network: Set[int]) -> None:
        """Show `contacts` (kept by reference) in the given order; `a_network` marks A vs B.

        The cursor stays on the same person while they are listed (after an edit, a re-sort
        or a new filter), so the next key acts on whom you were looking at; otherwise it goes
        to the top.
        """
        current = self.current_id
        self._rows = contacts
        self._a_network = a_network
        self.virtual_size = Size(0, max(len(contacts), 1) + 1)
        self.set_reactive(ContactTable.cursor, self._index_of(current))
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def _index_of(self, contact_id: int | None) -> int:
        """Row of a contact, 0 if absent; checks the old cursor row first, the common case."""
        rows = self._rows
        if contact_id is None:
            return 0
        if self.cursor < len(rows) and rows[self.cursor].id == contact_id:
            return self.cursor
        try:
            return list(map(_ID, rows)).index(contact_id)  # in C: 30k rows in about 1 ms
        except ValueError:
            return 0

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current_id(self) -> int | None:
        """Id of the contact under the cursor, None when the list is empty."""
        if self.cursor < len(self._rows):
            return self._rows[self.cursor].id
        return None

    # --- cursor ------------------------------------------------------------------------------

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self._scroll_to_cursor()
        self._announce()

    def _announce(self) -> None:
        """Post Highlighted only when the person under the cursor really changed."""
        current = self.current_id
        if current != self._announced:
            self._announced = current
            self.post_message(self.Highlighted(self, current))

    @property
    def _page_rows(self) -> int:
        """Rows visible below the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        if self.scrollable_content_region.height < 2:
            return  # not laid out yet; on_resize comes back here
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + self._page_rows:
            self.scroll_to(y=self.cursor - self._page_rows + 1, animate=False)

    def on_resize(self, _event: events.Resize) -> None:
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page_rows

    def action_page_down(self) -> None:
        self.cursor += self._page_rows

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        if (current := self.current_id) is not None:
            self.post_message(self.Selected(self, current))

    def on_click(self, event: events.Click) -> None:
        """A click highlights its row; a double-click also opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = self.scroll_offset.y + offset.y - 1
        if row >= len(self._rows):
            return
        self.cursor = row
        if event.chain == 2:
            self.action_select()

    # --- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header; line y shows row scroll_y + y - 1, and nothing else is built."""
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("contact-table--header")
            return self._strip(HEADERS, width, style)
        row = self.scroll_offset.y + y - 1
        if not self._rows:
            if y == 1:
                return self._strip((_EMPTY_TEXT,), width, self.rich_style + Style(dim=True))
            return Strip.blank(width, self.rich_style)
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        contact = self._rows[row]
        if row == self.cursor:
            style = self.get_component_rich_style("contact-table--cursor")
        else:
            style = self.rich_style
        last = contact.last_contacted_on
        cells = (
            contact.name,
            contact.company,
            contact.position,
            ", ".join(contact.tags),
            _STAGE_LABELS[contact.stage],
            format_day(last) if last is not None else _NO_DATE,
            "A" if contact.id in self._a_network else "B",
        )
        return self._strip(cells, width, style)

    @staticmethod
    def _strip(cells: Sequence[str], width: int, style: Style) -> Strip:
        """One plain-text segment for the whole line: user text is never parsed as markup."""
        if len(cells) == 1:
            text = _LEFT_PAD + cells[0]
        else:
            widths = column_widths(width)
            fitted = (
                fit(cell, w)
                for n, (cell, w) in enumerate(zip(cells, widths, strict=True))
                if w or n != TAGS
            )
            text = _LEFT_PAD + _GAP.join(fitted)
        return Strip([Segment(fit(text, width), style)], width)
