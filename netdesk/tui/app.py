"""NetdeskApp: the screens, the global keys, the palette, and the save status.

The repo is opened before the app starts (so a damaged or locked file is a one-line message,
not a traceback) and saves in its own writer thread; the app only hears "saved" or "failed".
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import signal
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import ModalScreen, Screen, SystemModalScreen

from netdesk.domain.models import Contact
from netdesk.store.errors import StoreError
from netdesk.store.repo import AppOpening, Repo, now
from netdesk.tui.commands import GLOBAL, bindings_for
from netdesk.tui.keymap import load_user_keys
from netdesk.tui.literal import editable, lines, one_line
from netdesk.tui.palette import NetdeskCommands
from netdesk.tui.screens.base import DataChanged, NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog, TextPrompt
from netdesk.tui.screens.help import HelpScreen
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.themes import VARIABLE_DEFAULTS, choose_theme, load_themes
from netdesk.tui.widgets.composer import Composer
from netdesk.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from netdesk.io.linkedin import ImportPlan

FRAME_OUT = 0.005
"""Seconds the first frame gets to reach the terminal before the whole database decodes."""
_INPUT_EVENTS = (events.Key, events.Paste, events.MouseEvent)
"""What must meet the whole database, never the start-up preview."""
AFTER_START = 0.5
"""Seconds after start-up, once the first frames are out, to do what they did not need."""
PROBLEMS_SHOWN = 3
"""Skipped import rows named in the import's report."""
SMALL, SMALL_BELOW = "-small", 30
"""The app's class on a terminal under 30 rows: a notification takes at most 3 lines there and
replaces the one shown instead of stacking (netdesk.tcss)."""
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""What `kill`, a logout, a shutdown and a closed terminal send: quit and save, as `q` does."""


SaveState = Literal["", "pending", "saving", "saved", "failed"]
"""Where the changes stand: "" before the first, then as the storage reports."""
SAVE_LABELS: dict[SaveState, str] = {
    "": "",
    "pending": " · not saved yet",
    "saving": " · saving…",
    "saved": " · saved",
    "failed": " · NOT SAVED",
}
"""The end of the title line for each state: "saved" only once the file holds every change."""


class SaveStatus(Message):
    """A save state reported by the storage, from the writer thread or the changing one."""

    def __init__(self, state: SaveState, error: str | None = None) -> None:
        super().__init__()
        self.state = state
        self.error = error


def _on_first_visit(module: str, name: str) -> Callable[[], Screen[None]]:
    """A mode's screen, imported when first shown: start-up pays only for the queue.

    The new screen is marked as styled by the current stylesheet (its widgets are styled as
    they mount): otherwise Textual re-parses every CSS rule and restyles the old screen twice
    over on a first visit (in _init_mode, then again in switch_mode), 20-45 ms at any size.
    """

    def make() -> Screen[None]:
        screen: type[Screen[None]] = getattr(
            importlib.import_module(f"netdesk.tui.screens.{module}"), name
        )
        made = screen()
        made._css_update_count = made.app._css_update_count  # a theme change refreshes it
        return made

    return make


class NetdeskApp(App[int]):
    TITLE = "netdesk"
    CSS_PATH = "netdesk.tcss"
    MODES = {  # and "workspace", the queue: see get_default_screen
        "contacts": _on_first_visit("contacts", "ContactsScreen"),
        "calls": _on_first_visit("calls", "CallsScreen"),
        "intros": _on_first_visit("intros", "IntrosScreen"),
        "targets": _on_first_visit("targets", "TargetsScreen"),
        "stats": _on_first_visit("stats", "StatsScreen"),
        "referrals": _on_first_visit("referrals", "ReferralsScreen"),
        "settings": _on_first_visit("settings", "SettingsScreen"),
    }
    DEFAULT_MODE = "workspace"
    BINDINGS = [*bindings_for(GLOBAL), Binding("ctrl+q", "quit", "Quit", show=False)]
    COMMANDS = App.COMMANDS | {NetdeskCommands}
    save_state: var[SaveState] = var("", init=False)

    def __init__(
        self,
        repo: Repo,
        *,
        clock: Callable[[], datetime] = now,
        open_rest: Callable[[], Repo] | None = None,
    ) -> None:
        """`repo` is the database, or with `open_rest` its start-up preview (store.preview):
        `open_rest()` then opens the whole database, once the first frame is out."""
        super().__init__()
        self.clock = clock
        self._open_rest = open_rest
        self._adopt(repo)
        self.startup_warnings: list[str] = []
        self._install_themes()
        self.user_keys = load_user_keys()
        if self.user_keys.keys:
            self.set_keymap(self.user_keys.keys)

    def _adopt(self, repo: Repo) -> None:
        self.repo = repo
        self.sub_title = str(repo.path)
        repo.storage.on_status = self.report_save
        repo.storage.on_progress = self.report_progress
        repo.settle(self.today())  # before any screen reads the queue

    @property
    def previewing(self) -> bool:
        """True while the screens show the start-up preview, not yet the whole database."""
        return self._open_rest is not None

    def finish_opening(self) -> None:
        """Open the whole database in place of the preview, and read every screen again.

        Runs right after the first frame, or sooner at the first key or click: nothing the
        user does ever reaches the preview.
        """
        open_rest, self._open_rest = self._open_rest, None
        if open_rest is None:
            return
        try:
            repo = open_rest()
        except StoreError as exc:
            self.exit(1, return_code=1, message=Text(f"netdesk: {exc}\n{exc.advice()}"))
            return
        self._adopt(repo)
        for screen in self.screen_stack:
            if isinstance(screen, NetdeskScreen) and screen.is_mounted:  # else it reads at mount
                screen.refresh_data()

    def _install_themes(self) -> None:
        """Register shipped and user themes and start with the saved choice.

        Problems become warnings shown once the app is up; they never stop it starting.
        """
        themes = load_themes()
        for theme in themes.by_name.values():
            self.register_theme(theme)
        name, unknown = choose_theme(self.repo.settings().theme, self.available_themes)
        self.startup_warnings += [w for w in (themes.warning(), unknown) if w]
        self._start_with_theme(name)

    def _start_with_theme(self, name: str) -> None:
        """Start in theme `name` without the watcher on `theme`.

        Nothing is parsed yet, so giving the stylesheet the theme's variables is enough;
        assigning `theme` would re-parse every rule twice before the first frame (its watcher
        and the first mode each refresh all CSS), about a tenth of netdesk's start-up.
        """
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        small = self.size.height < SMALL_BELOW  # the terminal's; a test's size comes later
        self.update_classes(
            {f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark, SMALL: small},
            update=False,
        )
        self._refresh_truecolor_filter(self.ansi_theme)

    def get_default_screen(self) -> Screen[None]:
        """The queue, as the start mode's screen; it joins MODES once shown (on_mount).

        A screen from MODES starts with a second parse of every CSS rule, which the default
        screen does not need: the theme was in place before the first parse. It is marked as
        styled by that stylesheet, as first-visited screens are (`_on_first_visit`), or the
        first `1` back to it would re-parse every rule.
        """
        screen = WorkspaceScreen()
        screen._css_update_count = self._css_update_count
        return screen

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return VARIABLE_DEFAULTS

    def _save_theme(self, name: str) -> None:
        if name != self.repo.settings().theme:
            self.repo.save_settings(replace(self.repo.settings(), theme=name))

    def now(self) -> datetime:
        return self.clock()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications quote names and typed text: never parse them as markup (DESIGN §7),
        and draw their control characters as spaces (an ESC in a name must not reach the
        terminal).

        Widget.notify passes markup=True by default, so it is ignored here on purpose.
        """
        if self.has_class(SMALL):
            self.clear_notifications()  # one at a time: a stack would cover the queue
        super().notify(
            lines(message), title=one_line(title), severity=severity, timeout=timeout, markup=False
        )

    def on_resize(self, event: events.Resize) -> None:
        if self.has_class(SMALL) != (event.size.height < SMALL_BELOW):
            self.set_class(not self.has_class(SMALL), SMALL)

    async def on_event(self, event: events.Event) -> None:
        """Pasted text reaches the focused widget with its control characters shown as
        symbols (␛): a terminal pastes ESC and BEL as they are, and an Input would draw them."""
        if self._open_rest is not None and isinstance(event, _INPUT_EVENTS):
            self.finish_opening()
        if isinstance(event, events.Paste) and not event.is_forwarded:
            event = events.Paste(editable(event.text, multiline=True))
        await super().on_event(event)

    def today(self) -> date:
        return self.clock().date()

    def on_mount(self) -> None:
        self.add_mode(self.DEFAULT_MODE, WorkspaceScreen)  # its screen exists: switch back to it
        self.set_timer(AFTER_START, self._after_start)
        if self._open_rest is not None:
            # After the first frame, and a moment more for the output thread to write it:
            # decoding the whole file holds the interpreter that long.
            self.call_after_refresh(self.set_timer, FRAME_OUT, self.finish_opening)
        self.screen_change_signal.subscribe(self, _give_key_bar)
        for warning in self.startup_warnings:
            self.notify(warning, title="Themes", severity="warning", timeout=20)
        if self.user_keys.warning:
            self.notify(self.user_keys.warning, title="Keys", severity="warning", timeout=20)
        # Watching from here on saves only the user's choices, not the start-up fallback.
        self.watch(self, "theme", self._save_theme, init=False)
        if not self.repo.settings().my_name:
            self.push_screen(
                TextPrompt(
                    "Welcome to netdesk. What name do you sign your messages with?",
                    "e.g. Sam Rivera",
                ),
                self._set_my_name,
            )

    def _after_start(self) -> None:
        """Open the whole database if the preview is still up, parse the stored document
        TinyDB changes (compact: about 25 ms at 30k contacts; the first change parses it if
        sooner), then collect garbage again if `run` paused it."""
        self.finish_opening()
        paused = not gc.isenabled()
        try:
            self.repo.storage.read()
        except StoreError as exc:  # the records decoded, so this is all but impossible
            self.exit(1, return_code=1, message=Text(f"netdesk: {exc}\n{exc.advice()}"))
        if paused:
            # What start-up built lives until quit, the document too: keep it out of
            # collections (each would walk the document again, ~40 ms at 30k contacts).
            gc.freeze()
            gc.enable()

    def _set_my_name(self, name: str | None) -> None:
        if name:
            self.repo.save_settings(replace(self.repo.settings(), my_name=name))
            self.notify(f"Messages will be signed {name}.")

    def report_save(self, saved: bool, error: str | None) -> None:
        """How a save ended (the storage's `on_status`): safe from any thread."""
        self.post_message(SaveStatus("saved" if saved else "failed", error))

    def report_progress(self, state: str) -> None:
        """A change waits ("pending") or a save began ("saving"): safe from any thread."""
        if state in ("pending", "saving"):
            self.post_message(SaveStatus("pending" if state == "pending" else "saving"))

    def on_save_status(self, event: SaveStatus) -> None:
        state = event.state
        if state == "pending" and self.save_state == "failed":
            return  # still not saved, until the writer tries again ("saving")
        if state == "saved" and self.repo.storage.dirty:
            state = "pending"  # changed again since: the writer saves that next
        self.save_state = state
        if state == "failed":
            self.notify(
                f"{event.error}. Your changes are kept in memory: free disk space or fix the "
                "permissions, then press ctrl+r to save again (the next change tries too).",
                title="Save failed",
                severity="error",
                timeout=15,
            )

    def watch_save_state(self, state: SaveState) -> None:
        self.sub_title = f"{self.repo.path}{SAVE_LABELS[state]}"
        self.refresh_bindings()  # the retry key shows only while a save has failed

    def action_retry_save(self) -> None:
        self.repo.storage.retry()

    def action_go(self, mode: str) -> None:
        self.switch_mode(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo only from a screen, never behind a dialog or form, and never while a text
        box has focus (ctrl+z there is the text box's own undo); retry only after a failed
        save."""
        if action == "retry_save":
            return self.save_state == "failed"
        if action == "undo":
            from textual.widgets import Input

            # The key bar asks before the first frame: importing TextArea just to ask
            # costs start-up ~8 ms, and before a form imports it no widget can be one.
            text_area = sys.modules.get("textual.widgets._text_area")
            text_boxes = (Input, text_area.TextArea) if text_area else (Input,)
            return not isinstance(self.screen, ModalScreen) and not isinstance(
                self.focused, text_boxes
            )
        return True

    def action_undo(self) -> None:
        """Reverse the newest change with a write of its own, and show the data as it is."""
        try:
            notes = self.repo.notes_in_newest()
            step = self.repo.undo(self.now())
        except (ValueError, StoreError) as exc:
            self.notify(str(exc), title="Undo", severity="error", timeout=15)
            return
        if step is None:
            self.notify("Nothing to undo.", title="Undo")
            return
        templates = self.repo.templates.all()
        taken = [c.take_back(notes, templates) for c in self.screen.query(Composer)]
        kept = " · its note is kept: c to edit or send it" if any(taken) else ""
        self.notify(f"Undid: {step.label}{kept}", title="Undo")
        people = [c.record_id for c in step.changes if c.table == "contacts"]
        self.screen.post_message(DataChanged("contacts", people or None))

    # Import and export: ask for a file, then read or write it in a thread worker so the screen
    # stays live (a 30k-row import). The repo changes only on this thread: the contacts are
    # copied into a list for the worker, and the planned import is applied when it comes back.
    # Every failure is a notification saying what went wrong, never a traceback.

    def _import_refused(self) -> bool:
        """One import at a time: a second one would plan against the contacts as they were
        before the first, and add every new person twice."""
        if any(w.group == "import" and not w.is_finished for w in self.workers):
            self.notify(
                "An import is already running: wait for its report, then import again.",
                title="Not imported",
                severity="warning",
            )
            return True
        return False

    def action_import_connections(self) -> None:
        if self._import_refused():
            return

        def answered(answer: str | None) -> None:
            if answer and not self._import_refused():  # one may have started meanwhile
                path = _typed_path(answer)
                self.notify(f"Importing {path.name}…")
                self._plan_import(path, list(self.repo.contacts))

        self.push_screen(
            TextPrompt(
                "Import LinkedIn connections: the path to Connections.csv "
                "(people you know are updated, never overwritten).",
                "~/Downloads/Connections.csv",
            ),
            answered,
        )

    # A description, or Textual builds one from repr() of every contact: 0.12 s at 30k.
    @work(thread=True, group="import", description="import", exit_on_error=False)
    def _plan_import(self, path: Path, existing: list[Contact]) -> None:
        try:
            from netdesk.io.linkedin import plan_import, read_connections

            plan = plan_import(read_connections(path), existing)
            self.call_from_thread(self._apply_import, path, plan)  # raises what it raised
        except Exception as exc:  # a worker error would otherwise go unreported
            self.call_from_thread(self._worker_failed, f"Import of {path.name} failed: {exc}")

    def _apply_import(self, path: Path, plan: ImportPlan) -> None:
        self.repo.import_contacts(
            plan.new,
            plan.updates,
            self.now(),
            job_changes=plan.job_changes,
            gone=plan.no_longer_connected,
        )
        problems = plan.problems()  # skipped, repaired, dates not understood: as the CLI says
        lines = [f"{path.name}: {plan.summary()}.", *plan.notes(most=3)]  # who changed, who left
        lines += [f"line {p.line}: {p.text}" for p in problems[:PROBLEMS_SHOWN]]
        if len(problems) > PROBLEMS_SHOWN:
            lines.append(
                f"… and {len(problems) - PROBLEMS_SHOWN} more"
                f" (netdesk import linkedin '{path}' --dry-run lists every line)"
            )
        self.notify("\n".join(lines), title="Imported", timeout=12)
        self.screen.post_message(DataChanged("contacts"))

    def action_export_contacts(self) -> None:
        suggested = f"~/netdesk-contacts-{self.today().isoformat()}.csv"

        def answered(answer: str | None) -> None:
            if not answer:
                return
            path = _typed_path(answer)

            def replace_file(yes: bool | None) -> None:
                if yes:
                    self._export_contacts(path, list(self.repo.contacts))

            if path.exists():
                self.push_screen(ConfirmDialog(f"{path} exists. Replace it?"), replace_file)
            else:
                replace_file(True)

        self.push_screen(
            TextPrompt("Export all contacts as CSV: the file to write.", suggested, suggested),
            answered,
        )

    @work(thread=True, group="export", description="export", exit_on_error=False)
    def _export_contacts(self, path: Path, contacts: list[Contact]) -> None:
        try:
            from io import TextIOWrapper

            from netdesk.io.export import open_export, write_contacts_csv

            # Private (0600) like the database, and never the database or its backup or lock.
            with TextIOWrapper(
                open_export(path, self.repo.path), encoding="utf-8", newline=""
            ) as out:
                count = write_contacts_csv(contacts, out)
        except OSError as exc:
            failure = f"cannot write {path}: {exc.strerror or exc}"
            self.call_from_thread(self._worker_failed, f"Export failed: {failure}")
            return
        except Exception as exc:  # a worker error would otherwise go unreported
            self.call_from_thread(self._worker_failed, f"Export failed: {exc}")
            return
        self.call_from_thread(
            self.notify, f"Exported {count:,} contacts to {path}", title="Exported"
        )

    def _worker_failed(self, message: str) -> None:
        self.notify(message, severity="error", timeout=15)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.user_keys.keys))

    async def action_quit(self) -> None:
        storage = self.repo.storage
        if storage.dirty and storage.last_error:

            def answered(leave: bool | None) -> None:
                if leave:
                    self.exit(0)  # `run` saves once more and says if that failed too

            self.push_screen(
                ConfirmDialog(
                    f"Your latest changes are not saved ({storage.last_error}). Quit anyway? "
                    "netdesk tries once more as it closes; if that fails too, they are lost. "
                    "(n stays: ctrl+r tries again now.)"
                ),
                answered,
            )
            return
        self.exit(0)


def _give_key_bar(screen: Screen[object]) -> None:
    """A dialog shows its own keys (escape too) over the bar of the screen behind it, which
    would name keys the dialog does not take."""
    modal = isinstance(screen, ModalScreen) and not isinstance(screen, SystemModalScreen)
    if modal and not screen.query(KeyBar):
        screen.mount(KeyBar())


def _typed_path(answer: str) -> Path:
    """The path as typed or pasted: quotes from drag-and-drop removed, `~` expanded."""
    return Path(answer.strip().strip("'\"")).expanduser()


async def _run_until_stopped(app: NetdeskApp) -> None:
    """Run the app until it exits, by a key or by a stop signal (then `run` saves, as on `q`).

    Without a handler SIGTERM and SIGHUP end the process at once, and the writer thread's last
    tenth of a second of changes with it. The loop's handler also wakes the loop at once.
    """
    loop = asyncio.get_running_loop()
    for number in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError):  # Windows: no loop signal handlers
            loop.add_signal_handler(number, app.exit)
    await app.run_async()


def run(path: Path) -> int:
    """Open the database, run the app, and save on the way out."""
    # Start-up allocates about a million objects that live until quit (records, widgets);
    # the cycle collector would walk them again and again and find nothing to free. It is
    # paused until the first screen is drawn (NetdeskApp._after_start).
    gc.disable()
    try:
        opening = AppOpening(path, date.today())
    except StoreError as exc:
        gc.enable()
        print(f"netdesk: {exc}\n{exc.advice()}", file=sys.stderr)
        return 1
    app = NetdeskApp(opening.first, open_rest=opening.open_rest if opening.previewing else None)
    try:
        asyncio.run(_run_until_stopped(app))
    finally:
        for number in STOP_SIGNALS:  # a second signal must not cut the last save short
            signal.signal(number, signal.SIG_IGN)
        try:
            opening.close(app.repo, app.today())
        except StoreError as exc:
            print(f"netdesk: {exc}\nThe changes since the last save are lost.", file=sys.stderr)
            return 1
    return app.return_code or 0
