"""Who fits?: type a need in words, see the people who fit, best first, each with why.

Each keystroke is one query of the repo's finder index (built once, the first time in a
worker at scale, then patched per changed person), well under a millisecond at 30,000
people, so there is no debounce. A result shows the person, their network (A: talked with;
B: never talked), how well you know them, the field that matched and a snippet with the
matched words picked out. From a result: r records a referral you gave them, i starts an
introduction with them, enter opens them. ctrl+f switches to a search of every text
netdesk holds.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netdesk.domain.fits import Fit
from netdesk.domain.models import Referral, ReferralDirection, closeness_label
from netdesk.tui.background import build_in_place
from netdesk.tui.commands import FITS, bindings_for
from netdesk.tui.literal import editable, one_line
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.key_bar import KeyBar
from netdesk.tui.widgets.option_ids import highlighted_number
from netdesk.tui.widgets.snippet import snippet_content
from netdesk.tui.widgets.title_bar import TitleBar

LIMIT = 20
"""Results listed at most: the best few are what a need is answered with."""
MODES = {
    False: (
        "Who fits?",
        "what someone needs, in words: website redesign, someone at Acme who buys freight",
        "offers, credential, position, company, tags, notes, calls and leads",
    ),
    True: (
        "Search everything",
        "any words: notes, call notes, messages, introductions, referrals",
        "every text netdesk holds about each person",
    ),
}
"""(title, placeholder, what is searched) for who-fits (False) and search-everything (True)."""


def fit_content(fit: Fit) -> Content:
    """Two lines: who and how close; which field matched and the snippet."""
    network = (
        ("A network", "$success") if fit.network == "A" else ("B network · never talked", MUTED)
    )
    return Content.assemble(
        " ",
        (one_line(fit.name), "bold"),
        "  ",
        network,
        (f" · {closeness_label(fit.closeness)}", MUTED),
        "\n   ",
        (f"{fit.field}: ", MUTED),
        snippet_content(fit.snippet),
    )


class WhoFitsScreen(NetdeskScreen[None]):
    BINDINGS = [
        *bindings_for(FITS),
        Binding("escape", "close", "Back"),
        Binding("down", "focus_results", "Results", show=False),
    ]
    DEFAULT_CSS = """
    WhoFitsScreen #fits-pane {
        border: round $primary 50%; border-title-color: $text-muted; height: 1fr;
    }
    WhoFitsScreen #fits-pane:focus-within { border: round $accent; border-title-color: $accent; }
    WhoFitsScreen #need { margin: 0 1; }
    WhoFitsScreen #fits-status { height: auto; padding: 0 1; color: $text-muted; }
    WhoFitsScreen #fits { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, need: str = "", *, everything: bool = False) -> None:
        super().__init__()
        self.initial = need
        self.everything = everything
        self.results: list[Fit] = []
        self.ready: set[bool] = set()
        """The modes whose index is built (the first build runs in a worker)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="fits-pane"):
            yield Input(editable(self.initial), id="need", compact=True)
            yield Static(id="fits-status")
            yield OptionList(id="fits")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#need", Input).focus()
        self._show_mode()

    def on_screen_resume(self) -> None:
        if self.everything in self.ready:
            self.refresh_data()  # a referral or an edit since may change what fits

    # --- searching ------------------------------------------------------------------------

    @property
    def need(self) -> str:
        return self.query_one("#need", Input).value

    def _show_mode(self) -> None:
        title, placeholder, _ = MODES[self.everything]
        self.query_one("#fits-pane").border_title = title
        self.query_one("#need", Input).placeholder = placeholder
        if self.everything in self.ready:
            self.refresh_data()
        elif build_in_place(self.repo):
            self._built(self.everything)  # the first search builds it, in milliseconds
        else:
            self._status(Content.styled("Preparing the search (once per session)…", MUTED))
            self._build(self.everything)

    @work(thread=True, group="fits-index", description="who fits index", exit_on_error=False)
    def _build(self, everything: bool) -> None:
        """Build the index off the UI thread: about a second at 30,000 people."""
        repo = self.repo
        try:
            repo.everything_index() if everything else repo.fits_index()
        except Exception as exc:  # a worker error would otherwise go unreported
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._built, everything)

    def _failed(self, error: str) -> None:
        message = f"The search could not be prepared ({error}): escape, then f to try again."
        self._status(Content.styled(message, "$error"))
        self.notify(message, severity="error")

    def _built(self, everything: bool) -> None:
        self.ready.add(everything)
        if everything == self.everything:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Search for what is typed now; the selection stays on the same person if listed."""
        if self.everything not in self.ready:
            return
        previous = self.current_id
        had_results = bool(self.results)
        need = self.need
        repo = self.repo
        search = repo.search_everything if self.everything else repo.find_fits
        self.results = search(need, LIMIT) if need.strip() else []
        options = [Option(fit_content(fit), id=str(fit.contact_id)) for fit in self.results]
        if not options:
            options.append(Option(self._empty_text(need), disabled=True))
        results = self.query_one("#fits", OptionList)
        results.set_options(options)
        ids = [fit.contact_id for fit in self.results]
        if ids:
            results.highlighted = ids.index(previous) if previous in ids else 0
        _, _, searched = MODES[self.everything]
        if self.results:
            count = len(self.results)
            found = f"top {count}" if count == LIMIT else f"{count} found"
            self._status(
                Content.assemble(
                    (found, "bold"),
                    (", best first · ↓ then r referral · i introduce · enter open", MUTED),
                )
            )
        else:
            self._status(Content.styled(f"Searches {searched}.", MUTED))
        if had_results != bool(self.results):
            self.refresh_bindings()  # r, i and enter are dimmed without a result

    def _empty_text(self, need: str) -> Content:
        if not need.strip():
            return Content.styled("Type what someone needs; the people who fit show here.", MUTED)
        other = "who fits" if self.everything else "everything"
        return Content.assemble(
            ("Nobody fits “", MUTED),
            (one_line(need.strip()), "bold"),
            ("”: no text netdesk holds has those words. ", MUTED),
            (f"Try other words, or ctrl+f to search {other}.", MUTED),
        )

    def _status(self, content: Content) -> None:
        status = self.query_one("#fits-status", Static)
        if status.content != content:  # most keystrokes keep it: no layout for nothing
            status.update(content)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_focus_results()

    # --- the selected result --------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#fits", OptionList))

    def _current(self) -> Fit | None:
        fit = next((f for f in self.results if f.contact_id == self.current_id), None)
        if fit is None:
            self.notify("Type a need, then pick someone from the results.", severity="warning")
        return fit

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("referral", "introduce", "open"):
            return True if self.results else None  # shown dimmed until there is a result
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_focus_results(self) -> None:
        if self.results:
            self.query_one("#fits", OptionList).focus()

    def action_edit_need(self) -> None:
        self.query_one("#need", Input).focus()

    def action_toggle_mode(self) -> None:
        self.everything = not self.everything
        self._show_mode()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        from netdesk.tui.screens.person import PersonDetailScreen

        fit = self._current()
        if fit is not None:
            self.app.push_screen(PersonDetailScreen(fit.contact_id))

    def action_introduce(self) -> None:
        from netdesk.tui.screens.intro_wizard import IntroWizard  # a big screen, loaded on use

        fit = self._current()
        if fit is not None:
            self.app.push_screen(IntroWizard(a_id=fit.contact_id))

    def action_referral(self) -> None:
        """Record a referral given to the selected person, the need typed as its need."""
        from netdesk.tui.screens.referral_form import ReferralForm

        fit = self._current()
        if fit is None:
            return
        need = "" if self.everything else " ".join(self.need.split())
        referral = Referral(ReferralDirection.GIVEN, receiver_id=fit.contact_id, need=need)

        def saved(stored: Referral | None) -> None:
            if stored is not None:
                self.notify_undoable(f"Recorded a referral to {fit.name}.")
                self.refresh_data()

        self.app.push_screen(ReferralForm(referral, self.repo, self.app.now), saved)
