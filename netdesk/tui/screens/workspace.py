"""Home: today's queue beside the selected person's card, composer and history.

Everything the morning routine needs is on this one screen, so working through the queue
never means going back and forth; after each action the next item is selected.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.models import MessageKind
from netdesk.domain.queue import ItemKind, QueueItem
from netdesk.domain.queue_actions import DONE_OUTSIDE
from netdesk.domain.referrals import ThankItem, thank_values
from netdesk.domain.stats import outreach_progress
from netdesk.tui.commands import WORKSPACE, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.person import PersonScreen
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.card import ContactCard
from netdesk.tui.widgets.composer import Composer
from netdesk.tui.widgets.history import History
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.section_list import SectionList
from netdesk.tui.widgets.title_bar import TitleBar
from netdesk.tui.widgets.wrapped import Wrapped

MESSAGE_FOR = {
    ItemKind.FOLLOW_UP: MessageKind.FOLLOW_UP,
    ItemKind.REPLY: MessageKind.SCHEDULING,
    ItemKind.CALL_TODAY: MessageKind.SCHEDULING,
    ItemKind.INTRO_STEP: MessageKind.INTRO_ASK,
    ItemKind.THANK_YOU: MessageKind.THANK_YOU,
    ItemKind.CONGRATULATE: MessageKind.CONGRATULATIONS,
    ItemKind.KEEP_IN_TOUCH: MessageKind.THANKS,
    ItemKind.NEW_OUTREACH: MessageKind.OUTREACH,
}
"""The note each kind of queue item calls for, which picks the composer's template."""


class WorkspaceScreen(PersonScreen):
    BINDINGS = [
        *bindings_for(WORKSPACE),
        Binding("escape", "back", "Back", show=False),
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[QueueItem] = []
        self._read_from: object = None
        """The repo `items` were read from (the app's changes once the start-up preview goes)."""
        self._composed_queue = True
        # Start with the classes the first resize would give: adding them then restyles every
        # widget once more before the first frame.
        width, height = self.app.size
        for size, points in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            self.add_class(max((m, name) for m, name in points if size >= m)[1])

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="panes"):
            with Vertical(id="queue-pane") as pane:
                pane.border_title = "Queue"
                # Built here, not after mounting, so the first frame already shows the queue.
                options, progress = self._read_queue()
                yield Static(progress, id="progress")
                yield SectionList(*options, id="queue")
            with Vertical(id="person-pane"):
                with VerticalScroll(id="card-pane") as card:
                    card.border_title = "Contact"
                    yield ContactCard(id="card")
                composer = Composer(now=self.app.now, id="composer")
                composer.border_title = "Composer"
                yield composer
                with VerticalScroll(id="history-pane") as history:
                    history.border_title = "History"
                    yield History(id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#queue", OptionList).focus()
        if self._read_from is not self.app.repo:  # composed from the start-up preview
            self.refresh_data()
        else:
            self._select(None)

    def on_screen_resume(self) -> None:
        if self._composed_queue:
            self._composed_queue = False  # compose has just read it
        else:
            self.refresh_data()

    # --- data -----------------------------------------------------------------------------

    def refresh_data(self, fallback_index: int = 0) -> None:
        """Rebuild the queue, keeping the selection on the same person when still there."""
        previous = self.current_id
        options, progress = self._read_queue()
        self.query_one("#queue", OptionList).set_options(options)
        self.query_one("#progress", Static).update(progress)
        self._select(previous, fallback_index)

    def _read_queue(self) -> tuple[list[Option], Content]:
        """Today's items as options, under a heading per kind, and the outreach progress line."""
        app = self.app
        today = app.today()
        self._read_from = app.repo
        self.items = app.repo.queue(today)
        options: list[Option] = []
        kind: ItemKind | None = None
        for n, item in enumerate(self.items):
            if item.kind is not kind:
                kind = item.kind
                count = sum(1 for i in self.items if i.kind is kind)
                options.append(
                    Option(Content.styled(f"{kind.label} ({count})", "bold $accent"), disabled=True)
                )
            contact = app.repo.contacts.get(item.contact_id)
            name = one_line(contact.name) if contact else "?"
            prompt = Content.assemble(" ", (name, "bold"), "\n   ", (item.reason, MUTED))
            options.append(Option(Wrapped(prompt), id=str(n)))
        if not self.items:
            empty = (
                "All done for today. Press 2 to browse contacts."
                if len(app.repo.contacts)
                else "No contacts yet. Press < to import your LinkedIn Connections.csv, "
                "or 2 then n to add someone."
            )
            options.append(Option(Content.styled(empty, MUTED), disabled=True))
        done = app.repo.outreach_done(today)
        cap = app.repo.settings().daily_cap
        figure, words, rest = outreach_progress(done, cap).partition(" new outreach")
        progress = Content.assemble((figure, "bold"), words + rest)
        return options, progress

    def select_person(self, contact_id: int) -> None:
        if any(item.contact_id == contact_id for item in self.items):
            self._select(contact_id)

    def _select(self, contact_id: int | None, fallback_index: int = 0) -> None:
        queue = self.query_one("#queue", OptionList)
        index = next((n for n, i in enumerate(self.items) if i.contact_id == contact_id), None)
        if index is None and self.items:
            index = min(fallback_index, len(self.items) - 1)
        if index is None:
            self.show_person(None)
            return
        queue.highlighted = queue.get_option_index(str(index))
        self.show_person(self.items[index].contact_id)

    @property
    def current_item(self) -> QueueItem | None:
        n = highlighted_number(self.query_one("#queue", OptionList))
        return None if n is None else self.items[n]

    @property
    def current_id(self) -> int | None:
        item = self.current_item if self.is_mounted else None
        return item.contact_id if item else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_person(self.items[int(event.option.id)].contact_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        item = self.current_item
        if item is not None and item.kind is ItemKind.INTRO_STEP:
            self.open_intro(item)
        else:
            self.action_open()

    def open_intro(self, item: QueueItem) -> None:
        """An introduction step: the wizard, at the step the introduction is waiting on."""
        from netdesk.tui.screens.intro_wizard import IntroWizard  # a big screen, loaded on use

        self.app.push_screen(IntroWizard(intro_id=item.intro_id), lambda _: self.after_action())

    def after_action(self) -> None:
        """Refresh; stay with the person if they still have a step, else take the next item."""
        queue = self.query_one("#queue", OptionList)
        position = queue.highlighted or 0
        index = sum(1 for o in range(position) if not queue.get_option_at_index(o).disabled)
        self.refresh_data(fallback_index=index)
        queue.focus()

    # --- queue-only actions ---------------------------------------------------------------

    def composer_kind(self) -> MessageKind | None:
        item = self.current_item
        return MESSAGE_FOR[item.kind] if item else None

    def composer_values(self) -> dict[str, str]:
        item = self.current_item
        return thank_values(item.thank) if item and item.thank else {}

    def on_composer_send(self, event: Composer.Send) -> None:
        """A thank-you from the queue is recorded on the referral or target it is for
        (the person screen's handler, for every other note, is skipped)."""
        item = self.current_item
        thank = item.thank if item else None
        if event.kind is not MessageKind.THANK_YOU or thank is None:
            return
        if thank.contact_id != event.contact.id:
            return
        event.prevent_default()
        self._thanked(thank, event.body)
        event.composer.sent()
        self.set_focus(None)  # out of the emptied composer, so the queue keys act again

    def _thanked(self, thank: ThankItem, body: str) -> None:
        self.app.repo.mark_thanked(thank, body, self.app.now())
        where = "referral" if thank.referral_id is not None else "target"
        self.notify_undoable(f"Thanked {thank.name}: recorded on the {where}.")
        self.after_action()

    def action_back(self) -> None:
        self.query_one("#queue", OptionList).focus()

    def action_compose(self) -> None:
        """On a narrow screen the composer is shown only while writing: open it first, as
        a hidden widget cannot take the focus."""
        self.set_class(True, "-composing")
        super().action_compose()
        self.call_after_refresh(self._composing)

    def _composing(self) -> None:
        """The composer is open while it has the focus (`c` until escape, or sent)."""
        composer = self.query_one(Composer)
        writing = composer.has_focus_within
        if self.has_class("-composing") != writing:
            self.set_class(writing, "-composing")

    def on_descendant_focus(self) -> None:
        self._composing()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._composing)  # focus may be moving inside the composer

    def action_next_section(self) -> None:
        self.query_one(SectionList).jump_section(1)

    def action_previous_section(self) -> None:
        self.query_one(SectionList).jump_section(-1)

    def action_done(self) -> None:
        item = self.current_item
        if item is None:
            return
        if item.kind is ItemKind.REPLY:
            self.action_schedule()
        elif item.kind is ItemKind.CALL_TODAY:
            self.action_log_call()
        elif item.kind is ItemKind.INTRO_STEP:
            self.open_intro(item)
        elif item.thank is not None:
            self._thanked(item.thank, DONE_OUTSIDE)  # thanked in person or elsewhere
        else:
            self.app.repo.mark_done(item, self.app.now())
            self.notify_undoable(f"Done: {self.person_name()}")
            self.after_action()
