"""The list of hard targets, each with its best path; enter opens the finder for one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.dates import ago, plural
from netdesk.domain.introducers import BLIND_BASELINE, intro_requests, path_summary, rank
from netdesk.domain.models import Target, TargetStatus
from netdesk.tui.commands import TARGETS, bindings_for
from netdesk.tui.literal import one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.targets.status import STATUS_ORDER, STATUS_STYLES
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.title_bar import TitleBar


class TargetsScreen(NetdeskScreen[None]):
    BINDINGS = [*bindings_for(TARGETS)]  # a list of BindingType, as Textual declares it
    DEFAULT_CSS = """
    TargetsScreen #targets-pane {
        border: round $primary 50%; border-title-color: $text-muted; height: 1fr;
    }
    TargetsScreen #targets-pane:focus-within { border: round $accent; border-title-color: $accent; }
    TargetsScreen #targets-summary { height: auto; padding: 0 1; color: $text-muted; }
    TargetsScreen #targets { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[Target] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="targets-pane") as pane:
            pane.border_title = "Hard targets"
            yield Static(id="targets-summary")
            yield OptionList(id="targets")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#targets", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_data(self, select: int | None = None) -> None:
        repo, app = self.repo, self.app
        today = app.today()
        previous = select or self.current_target
        people = repo.contacts.by_id()
        messages = intro_requests(repo.messages)
        self.targets = sorted(
            repo.targets, key=lambda t: (STATUS_ORDER[t.status], t.name.casefold(), t.id)
        )
        options: list[Option] = []
        for target in self.targets:
            ranked = rank(target, people, messages, today)
            if target.status is TargetStatus.ASKED and target.asked_via:
                via = people.get(target.asked_via)
                asked = f"asked via {via.name if via else '?'} {ago(target.asked_at, today)}"
                detail = f"{asked} · {path_summary(ranked)}"
            else:
                detail = path_summary(ranked)
            if target.contact_id and target.contact_id in people:
                detail += f" · now a contact: {people[target.contact_id].name}"
            options.append(
                Option(
                    Content.assemble(
                        " ",
                        (one_line(target.name), "bold"),
                        (f" · {one_line(target.company)}" if target.company else "", MUTED),
                        "  ",
                        (target.status.value, STATUS_STYLES[target.status]),
                        "\n   ",
                        (one_line(detail), MUTED),
                    ),
                    id=str(target.id),
                )
            )
        target_list = self.query_one("#targets", OptionList)
        target_list.set_options(options)
        if not self.targets:
            target_list.add_option(
                Option(
                    Content.styled(
                        "No hard targets yet. n adds one; p promotes a lead from a call.", MUTED
                    ),
                    disabled=True,
                )
            )
        leads = len(repo.open_leads())
        self.query_one("#targets-summary", Static).update(
            Content.assemble(
                (f"{len(self.targets)} targets", "bold"),
                (f"   a blind ask works about {BLIND_BASELINE:.0%} of the time", MUTED),
                (f"   {plural(leads, 'lead')} from calls to promote (p)" if leads else "", MUTED),
            )
        )
        if self.targets:
            ids = [t.id for t in self.targets]
            wanted = previous if previous in ids else ids[0]
            target_list.highlighted = target_list.get_option_index(str(wanted))

    @property
    def current_target(self) -> int | None:
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#targets", OptionList))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open_target()

    def action_open_target(self) -> None:
        target_id = self.current_target
        if target_id is None:
            self.notify(
                f"No target selected: {self.key_for('targets.new')} adds one.", severity="warning"
            )
            return
        from netdesk.tui.screens.targets.finder import FinderScreen  # loaded on first use

        self.app.push_screen(FinderScreen(target_id))

    def action_new_target(self) -> None:
        from netdesk.tui.screens.targets.finder import FinderScreen
        from netdesk.tui.screens.targets.form import TargetForm

        def saved(target: Target | None) -> None:
            if target is None:
                return
            target = self.repo.save_target(target)
            self.notify(f"Added {target.name}. Now add who could introduce you.")
            self.refresh_data(select=target.id)
            self.app.push_screen(FinderScreen(target.id))

        self.app.push_screen(TargetForm(None), saved)

    def action_edit_target(self) -> None:
        from netdesk.tui.screens.targets.form import TargetForm

        target = self.repo.targets.get(self.current_target or 0)
        if target is None:
            return

        def saved(edited: Target | None) -> None:
            if edited is not None:
                self.repo.save_target(edited)
                self.notify(f"Saved {edited.name}.")
                self.refresh_data()

        self.app.push_screen(TargetForm(target), saved)

    def action_delete_target(self) -> None:
        target = self.repo.targets.get(self.current_target or 0)
        if target is None:
            return

        def delete(yes: bool | None) -> None:
            if yes:
                self.repo.delete_target(target.id)
                self.notify(f"Deleted {target.name} from your targets.")
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(f"Delete {target.name} and their introducers from your targets?"),
            delete,
        )

    def action_promote_lead(self) -> None:
        from netdesk.tui.screens.pickers import ChoicePrompt

        leads = self.repo.open_leads()
        if not leads:
            self.notify(
                "No leads waiting: people named on a logged call appear here.", severity="warning"
            )
            return
        people = self.repo.contacts.by_id()
        choices = []
        for n, (call, lead) in enumerate(leads):
            who = people.get(call.contact_id)
            label = lead.name + (f" ({lead.company})" if lead.company else "")
            label += f", from your call with {who.name if who else '?'}"
            if lead.why:
                label += f": {lead.why}"
            choices.append((label, n))

        def promote(choice: int | None) -> None:
            if choice is None:
                return
            call, lead = leads[choice]
            target = self.repo.promote_lead(call.id, lead)
            self.notify(f"{target.name} is now a target.")
            self.refresh_data(select=target.id)

        self.app.push_screen(ChoicePrompt("Which lead becomes a target?", choices), promote)
