"""Issue 19's key -> frame figures through Pilot, in a fresh process of their own.

    python benchmarks/keys.py DB RUNS OUT.json [--first-only]

run.py starts this once per size (and again, `--first-only`, for more samples of the first
visits): a first visit includes importing the screen's module, which a process that already
showed that screen (run.py's own Pilot session) would skip. netdesk runs first, so its first
visits are cold; the bare apps (baselines) run after it in the same process. netdesk runs
under `run`'s garbage collection: none until the app is up, then start-up's objects frozen
(NetdeskApp._after_start, 0.5 s in); the keys are pressed after that, as a person would.
Without it every collection of the oldest generation walks the whole 30k-contact heap
(~100 ms) and lands in whichever key's window it falls.

Figures, each the median of RUNS runs (ms from the keypress to the first frame showing the
change, stamped by frames.FrameClock):
  switch_<key>_first / _later   `1`-`7`, `,`, `?` from the queue (`1` from the contacts screen),
                                the first visit and later ones; bare_first / bare_later /
                                bare_help: a bare app switching between two static screens
                                with switch_mode (help: push_screen), the same way
  list_<screen>_<key>           sort `O`, stage `g` and network `a` on contacts; `down`,
                                `pagedown`, `end` (each from `home`, pressed untimed) on
                                contacts, calls, intros, targets
  search_slowest                the intro wizard's person search: typing "mar" then three
                                backspaces, the slowest of the six keystrokes; bare_type: one
                                character typed into a bare app's Input (the pickers and the
                                referral form use the same ContactSearch widget)
  fits_slowest                  the same six keystrokes in the who-fits search (`f`)
  tab_wizard / tab_form         `tab` through every field of the wizard's first step and of
                                the contact form; bare_tab_wizard / bare_tab_form: `tab` in a
                                bare app with as many inputs as each has focusable fields
  rss_mb                        VmRSS of this process after netdesk visited every screen and
                                the two forms (before any bare app ran); rss_start_mb: at the
                                queue's first frame, to compare with the pty start-up figure
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from frames import FrameClock, timed_key
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Input, Static

SCREEN = (120, 40)
SWITCHES = (
    ("2", "ContactsScreen"),
    ("3", "CallsScreen"),
    ("4", "IntrosScreen"),
    ("5", "TargetsScreen"),
    ("6", "StatsScreen"),
    ("7", "ReferralsScreen"),
    ("comma", "SettingsScreen"),
    ("question_mark", "HelpScreen"),
)
"""Each key and the screen it shows; class names, so nothing here imports a screen first."""
BY_ESCAPE = ("comma", "question_mark")
"""Screens left with escape: settings' fields take digits, help is a dialog."""
QUEUE = "WorkspaceScreen"
LIST_SCREENS = (("contacts", "2"), ("calls", "3"), ("intros", "4"), ("targets", "5"))
MOVES = ("down", "pagedown", "end")
FILTERS = (("O", "sort"), ("g", "stage"), ("a", "network"))
"""Contacts' own list keys and the screen attribute each one changes."""
TYPED = ("m", "a", "r", "backspace", "backspace", "backspace")

Samples = defaultdict[str, list[float]]


def vm_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError("no VmRSS")


def screen_named(app: App[Any], name: str) -> Callable[[], bool]:
    return lambda: type(app.screen).__name__ == name


async def switch(pilot: Pilot[Any], frames: FrameClock, key: str, name: str) -> float:
    frames.expect(screen_named(pilot.app, name))
    ms, _ = await timed_key(pilot, key, frames)
    assert type(pilot.app.screen).__name__ == name, f"{key} showed {pilot.app.screen}"
    return ms


async def untimed(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def changed(
    pilot: Pilot[Any], frames: FrameClock, key: str, probe: Callable[[], object]
) -> float:
    """Key -> frame in which `probe()` is another value (a number, text) or another object
    (a list rebuilt with the same people counts as changed) than before the key."""
    before = probe()
    by_value = before is None or isinstance(before, int | str)

    def differs() -> bool:
        now = probe()
        return now != before if by_value else now is not before

    frames.expect(differs)
    ms, _ = await timed_key(pilot, key, frames)
    assert differs(), f"{key} changed nothing"
    return ms


async def tab_through(pilot: Pilot[Any], frames: FrameClock, samples: list[float]) -> int:
    """Tab once per focusable field of the current screen; returns how many there are."""
    fields = len(pilot.app.screen.focus_chain)
    assert fields > 1, "nothing to tab between"
    for _ in range(fields):
        samples.append(await changed(pilot, frames, "tab", lambda: pilot.app.focused))
    return fields


# --- netdesk -----------------------------------------------------------------------------------


async def netdesk_session(db: Path, runs: int, first_only: bool, out: dict[str, Any]) -> None:
    from netdesk.store.repo import Repo
    from netdesk.tui.app import NetdeskApp

    when = datetime.now().replace(microsecond=0)  # the demo was generated for today
    samples: Samples = defaultdict(list)
    gc.disable()  # as netdesk.tui.app.run: start-up's objects are frozen once the app is up
    repo = Repo.open(db, deferred=True, parse_later=True)
    try:
        app = NetdeskApp(repo, clock=lambda: when)
        async with app.run_test(size=SCREEN) as pilot:
            frames = FrameClock(app)
            await pilot.pause()
            assert type(app.screen).__name__ == QUEUE, "the app did not open on the queue"
            out["rss_start_mb"] = vm_rss_mb()
            while not gc.isenabled():  # the app's after-start: freeze, collect again, parse
                await asyncio.sleep(0.05)
            await pilot.pause()
            for key, name in SWITCHES:  # first visits, each from the queue
                samples[f"switch_{key}_first"].append(await switch(pilot, frames, key, name))
                if name == "ContactsScreen":  # `1` leaves a screen seen before, too
                    samples["switch_1_first"].append(await switch(pilot, frames, "1", QUEUE))
                await untimed(pilot, "escape" if key in BY_ESCAPE else "1")
            if not first_only:
                await later_visits(pilot, frames, runs, samples)
                await list_keys(pilot, frames, runs, samples)
                out["tab_fields_wizard"] = await wizard(pilot, frames, runs, samples)
                out["tab_fields_form"] = await contact_form(pilot, frames, runs, samples)
                await who_fits(pilot, frames, runs, samples)
                out["rss_mb"] = vm_rss_mb()
    finally:
        repo.close()
        gc.enable()  # in case the app never got to its after-start
    out.update({key: statistics.median(values) for key, values in samples.items()})


async def later_visits(pilot: Pilot[Any], frames: FrameClock, runs: int, samples: Samples) -> None:
    for _ in range(runs):
        for key, name in SWITCHES:
            samples[f"switch_{key}_later"].append(await switch(pilot, frames, key, name))
            if key in BY_ESCAPE:
                await untimed(pilot, "escape")
            else:
                samples["switch_1_later"].append(await switch(pilot, frames, "1", QUEUE))


async def list_keys(pilot: Pilot[Any], frames: FrameClock, runs: int, samples: Samples) -> None:
    for screen_name, key in LIST_SCREENS:
        await untimed(pilot, key)
        for _ in range(runs):
            await one_list(pilot, frames, screen_name, samples)
        await untimed(pilot, "1")


async def one_list(pilot: Pilot[Any], frames: FrameClock, name: str, samples: Samples) -> None:
    """One round of the list keys on the current screen, from its focused list."""
    from netdesk.tui.widgets.contact_table import ContactTable

    screen, focused = pilot.app.screen, pilot.app.focused
    assert focused is not None, f"nothing has focus on {name}"
    position = "cursor" if isinstance(focused, ContactTable) else "highlighted"
    if isinstance(focused, ContactTable):
        for key, attribute in FILTERS:
            person = focused.current_id
            ms = await changed(pilot, frames, key, lambda a=attribute: getattr(screen, a))
            samples[f"list_{name}_{key}"].append(ms)
            if key == "O":
                assert focused.current_id == person, "the sort moved the cursor off its person"
            while key != "O" and getattr(screen, attribute):
                await untimed(pilot, key)  # back to all contacts, untimed
    for move in MOVES:
        await untimed(pilot, "home")
        ms = await changed(pilot, frames, move, lambda: getattr(focused, position))
        samples[f"list_{name}_{move}"].append(ms)


async def wizard(pilot: Pilot[Any], frames: FrameClock, runs: int, samples: Samples) -> int:
    """The new-intro wizard: the person search per keystroke, then tab through its fields."""
    await untimed(pilot, "4", "n")
    app = pilot.app
    assert type(app.screen).__name__ == "IntroWizard", f"n showed {app.screen}"
    search: Any = app.screen.query_one("#pick-a")
    assert app.focused is search.input, "the wizard did not open in the person search"
    for _ in range(runs):
        slowest = 0.0
        for key in TYPED:
            slowest = max(slowest, await changed(pilot, frames, key, lambda: search.matches))
        assert search.input.value == "", f"typed and deleted, left {search.input.value!r}"
        samples["search_slowest"].append(slowest)
    fields = 0
    for _ in range(runs):
        fields = await tab_through(pilot, frames, samples["tab_wizard"])
    app.pop_screen()  # untouched: closing it directly skips no question
    await untimed(pilot, "1")
    return fields


async def contact_form(pilot: Pilot[Any], frames: FrameClock, runs: int, samples: Samples) -> int:
    await untimed(pilot, "2", "e")
    assert type(pilot.app.screen).__name__ == "ContactForm", f"e showed {pilot.app.screen}"
    fields = 0
    for _ in range(runs):
        fields = await tab_through(pilot, frames, samples["tab_form"])
    pilot.app.pop_screen()
    await untimed(pilot, "1")
    return fields


async def who_fits(pilot: Pilot[Any], frames: FrameClock, runs: int, samples: Samples) -> None:
    """The who-fits search (`f`): each keystroke, once its index is built (in a worker)."""
    await untimed(pilot, "f")
    app = pilot.app
    screen: Any = app.screen
    assert type(screen).__name__ == "WhoFitsScreen", f"f showed {screen}"
    for _ in range(600):  # the first build runs in a thread: up to a minute at 100k
        if False in screen.ready:
            break
        await pilot.pause(0.1)
    assert False in screen.ready, "the who-fits index was never built"
    for _ in range(runs):
        slowest = 0.0
        for key in TYPED:
            slowest = max(slowest, await changed(pilot, frames, key, lambda: screen.results))
        samples["fits_slowest"].append(slowest)
    await untimed(pilot, "escape")


# --- the bare Textual apps (baselines) ---------------------------------------------------------


class Plain(Screen[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.text)
        yield Footer()


class PlainHelp(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        yield Static("every key")


class Switching(App[None]):
    """Two static screens as modes, switched with switch_mode (as netdesk's `1`-`7` and `,`),
    and a help screen pushed over them (as `?`)."""

    MODES = {"one": lambda: Plain("screen one"), "two": lambda: Plain("screen two")}
    DEFAULT_MODE = "one"
    BINDINGS = [
        Binding("1", "switch_mode('one')", "One"),
        Binding("2", "switch_mode('two')", "Two"),
        Binding("question_mark", "push_help", "Help"),
    ]

    def action_push_help(self) -> None:
        self.push_screen(PlainHelp())


class Fields(App[None]):
    """A screen of `count` inputs, to tab between (and type into)."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.can_focus = False  # only the inputs take focus, as in netdesk's forms
            for n in range(self.count):
                yield Input(placeholder=f"field {n}")


async def bare_switching(runs: int, first_only: bool, out: dict[str, Any]) -> None:
    samples: Samples = defaultdict(list)
    app = Switching()
    async with app.run_test(size=SCREEN) as pilot:
        frames = FrameClock(app)
        await pilot.pause()
        samples["bare_first"].append(await changed(pilot, frames, "2", lambda: app.screen))
        for _ in range(0 if first_only else runs):
            for key in ("1", "2"):
                samples["bare_later"].append(await changed(pilot, frames, key, lambda: app.screen))
            samples["bare_help"].append(
                await changed(pilot, frames, "question_mark", lambda: app.screen)
            )
            await untimed(pilot, "escape")
    out.update({key: statistics.median(values) for key, values in samples.items()})


async def bare_fields(count: int, runs: int) -> tuple[float, float]:
    """(median ms of tab, median ms of typing one character) in a bare app of `count` inputs."""
    tabs: list[float] = []
    typed: list[float] = []
    app = Fields(count)
    async with app.run_test(size=SCREEN) as pilot:
        frames = FrameClock(app)
        await pilot.pause()
        for _ in range(runs):
            assert await tab_through(pilot, frames, tabs) == count
            for key in TYPED:
                typed.append(await changed(pilot, frames, key, lambda: app.focused.value))
    return statistics.median(tabs), statistics.median(typed)


async def main(db: Path, runs: int, out_path: Path, first_only: bool) -> None:
    out: dict[str, Any] = {}
    await netdesk_session(db, runs, first_only, out)
    await bare_switching(runs, first_only, out)
    if not first_only:
        out["bare_tab_wizard"], out["bare_type"] = await bare_fields(out["tab_fields_wizard"], runs)
        out["bare_tab_form"], _ = await bare_fields(out["tab_fields_form"], runs)
    out_path.write_text(json.dumps(out), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(
        main(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), "--first-only" in sys.argv)
    )
