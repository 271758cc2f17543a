"""Every DESIGN.md §9 figure next to its baseline, measured in one run, as one table.

    python benchmarks/run.py [--sizes 2000 10000 30000 100000] [--runs N] [--quick]

For each size a demo database is built (`netdesk demo --count N`) in a temporary directory;
HOME, the XDG folders and NETDESK_DB point there too, so no real data is ever read or written.
Figures (medians of `--runs` runs after one untimed warm-up unless a row says otherwise):

  startup          pty time to the queue's first paint vs an empty Textual app, interleaved
                   (startup.py's time_to_marker)
  startup vs vd    the same vs VisiData opening the exported CSV (only if `vd` is installed)
  mutation         one durable contact update: netdesk Repo vs stock TinyDB and vs the floor
                   (store.py; runs capped at 3 from 100k, stock TinyDB takes seconds there)
  group commit     file writes for 10 back-to-back `repo.skip` calls on a deferred Repo
                   (counted by wrapping netdesk.store.storage.write_atomically) vs the same
                   10 calls on a non-deferred Repo; plus, for information, `x` pressed ten
                   times through Pilot (each press waits for the app to go idle, ~50 ms apart)
  key → durable    a deferred Repo opened as the app opens it, one `repo.skip` (what `x` does)
                   per run, until the writer thread reports it saved (written, fsynced,
                   renamed, folder fsynced; it waits for 0.1 s of quiet first) vs the floor
                   of a journal: one appended record of a contact, fsynced. The first change,
                   which also parses the TinyDB document when the app has not yet, is shown
                   for information (store.py's durable_latency)
  x → queue        Pilot, deferred repo: from `pilot.press("x")` to the first composited frame
                   in which the queue's selection has moved off the skipped person (the frame is
                   stamped inside App._display after rendering it to terminal text, as a real
                   driver would); baseline: an idle `pilot.pause()`. The row beside it is the
                   raw Pilot wall time of press("x") + pause() vs press("f9") + pause() (an
                   unbound key): Pilot's own idle waits (3 x 20 ms sleeps) dominate that.
  filter           ContactIndex.filter: full scan ("mar" → "ma") and narrowing ("ma" → "mar"),
                   best of 7 (filter.py), vs a plain `q in text` scan over the same strings;
                   key → screen on the contacts screen (2, /, "ma", then "r" or backspace):
                   from the keypress to the first frame with the new row count, vs idle pause
  import           `netdesk import linkedin` of an N-row modern Connections.csv (with the
                   `Notes:` preamble) into an empty db, wall time and peak RSS of that process
                   (its own rusage, taken by a small launcher) vs `csv.reader` reading the same
                   file; runs capped at 3 from 100k
  who fits         fits.py: the slowest keystroke of typing two needs into the finder's
                   index (30k: with 5,000 logged calls) vs a plain substring scan of the same
                   text; patching one changed contact then searching vs rebuilding the index;
                   the first build (info)
  matchmaking      fits.py: one person's offers changed, then the suggestions, vs a plain scan
                   pairing every seeker's words with every offer (scaled from 200 seekers);
                   the first build (info)
  re-import        the same file imported again into that database (every row unchanged)
  memory           VmRSS of the TUI at first paint (read from /proc in the startup runs) vs the
                   empty Textual app's; after visiting every screen and both forms (keys.py,
                   in Pilot) vs the same empty app, beside the Pilot process's own RSS at first
                   paint (info: what running in Pilot adds to the pty figure)
  switch           keys.py, in processes of its own (a first visit imports the screen): each
                   of `1`-`7`, `,`, `?` from the queue, key to the first frame showing the new
                   screen; the first visit (median of FIRST_VISITS processes) and later ones vs
                   a bare Textual app switching between two static screens with switch_mode
                   (`?`: pushing a static dialog), stamped the same way
  list keys        keys.py: contacts' sort `O`, stage `g`, network `a` (the cursor must stay
                   on its person after a sort), and `down`, `pagedown`, `end` (each after an
                   untimed `home`) on contacts, calls, intros, targets, key to frame vs the
                   idle pause of the x -> queue session
  person search    keys.py: the intro wizard's person search, typing "mar" and three
                   backspaces, the slowest keystroke to the frame with the new matches vs one
                   character typed into a bare app's Input
  tab              keys.py: `tab` through every focusable field of the intro wizard's first
                   step and of the contact form vs `tab` in a bare app with as many inputs
  scaling          per figure, cost at 100k / cost at 10k against 10x more contacts (smallest
                   and largest size when those are not both measured); for startup, memory and
                   key → screen the cost is netdesk minus its baseline (the fixed part; list keys:
                   the raw figure, most are under the idle pause beside them);
                   super-linear means an exponent over 1.2, or for the filter and import
                   rows over 0.2 more than their baseline's (a plain loop over 100k strings
                   already grows faster than 10x here, from CPU cache misses)

Targets apply at 30k (startup also at 2k); other sizes are reported with target "-". Every
key -> frame figure is stamped by frames.FrameClock.
The exit status is 1 when any target fails. Benchmarks, not tests: no assertions beyond
sanity checks that each measurement really did what it claims.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import csv
import gc
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

# HOME and the XDG folders are pointed at the run's temporary directory before netdesk (or
# platformdirs) is imported, so nothing here or in a child process sees the user's files.
_TMP_ROOT = Path(tempfile.mkdtemp(prefix="netdesk-bench-"))
_HOME = _TMP_ROOT / "home"
for _name, _sub in (
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_STATE_HOME", ".local/state"),
):
    (_HOME / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_name] = str(_HOME / _sub)
os.environ["HOME"] = str(_HOME)
os.environ["NETDESK_DB"] = str(_HOME / "never-used.json")

import fits  # noqa: E402  (benchmarks/ is on sys.path when this file is run)
import startup  # noqa: E402
import store  # noqa: E402
from filter import keystroke_ms  # noqa: E402
from frames import FrameClock, timed_key, timed_pause  # noqa: E402
from textual.widgets import Input  # noqa: E402

import netdesk.store.storage as storage_module  # noqa: E402
from netdesk.domain.contact_index import ContactIndex, search_text  # noqa: E402
from netdesk.io import demo  # noqa: E402
from netdesk.store.preview import preview_path  # noqa: E402
from netdesk.store.repo import Repo  # noqa: E402
from netdesk.tui.app import NetdeskApp  # noqa: E402
from netdesk.tui.screens.workspace import WorkspaceScreen  # noqa: E402
from netdesk.tui.widgets.contact_table import ContactTable  # noqa: E402

DEFAULT_SIZES = (2_000, 10_000, 30_000, 100_000)
QUICK_SIZES = (2_000, 30_000)
TARGET_SIZE = 30_000
SCREEN = (120, 40)
QUEUE_MARKER = b"outreach done today"
EMPTY_MARKER = b"first paint"
VD_MARKER = b"first_name"
FILTER_TYPED, FILTER_KEY = "ma", "r"
"""The contacts screen filter: "ma" is typed untimed, then "r" (narrow) and backspace (widen)
alternate under the clock; both change the row count in every demo database."""

Unit = Literal["s", "ms", "MB", "writes"]
Kind = Literal["ratio_max", "speedup_min", "value_max"]
Scale = Literal["raw", "excess"]


# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kind: Kind
    limit: float

    def text(self, unit: Unit) -> str:
        if self.kind == "ratio_max":
            return f"<= {self.limit:g}x"
        if self.kind == "speedup_min":
            return f">= {self.limit:g}x faster"
        return f"<= {self.limit:g} {unit}"

    def passes(self, netdesk: float, baseline: float | None) -> bool:
        if self.kind == "value_max":
            return netdesk <= self.limit
        assert baseline is not None and baseline > 0 and netdesk > 0
        if self.kind == "ratio_max":
            return netdesk / baseline <= self.limit
        return baseline / netdesk >= self.limit


@dataclass(frozen=True, eq=False)
class Figure:
    name: str
    unit: Unit
    targets: dict[int, Target] = field(default_factory=dict)
    """Target by size; sizes not listed are reported without one."""
    speedup: bool = False
    """Show the ratio as baseline/netdesk ("N x faster") instead of netdesk/baseline."""
    scale: Scale | None = "raw"
    """What the scaling line compares: the netdesk figure, or netdesk minus its baseline."""
    same_work: bool = False
    """The baseline does the same work per contact (a plain scan, csv.reader): scaling is
    judged against how the baseline itself grows on this machine (cache effects included)."""


STARTUP = Figure(
    "startup: first paint vs empty Textual app",
    "s",
    {
        2_000: Target("ratio_max", 1.5),
        10_000: Target("ratio_max", 1.5),
        30_000: Target("ratio_max", 1.5),
        100_000: Target("ratio_max", 2.0),
    },
    scale="excess",
)
STARTUP_COLD = Figure("startup: no .start preview (info) vs empty app", "s", scale="excess")
STARTUP_VD = Figure(
    "startup: first paint vs VisiData", "s", {30_000: Target("ratio_max", 1.0)}, scale=None
)
MUTATION_STOCK = Figure(
    "mutation: durable update vs stock TinyDB",
    "ms",
    {30_000: Target("speedup_min", 6.0)},
    speedup=True,
)
MUTATION_FLOOR = Figure(
    "mutation: durable update vs floor", "ms", {30_000: Target("ratio_max", 1.3)}, scale=None
)
GROUP_COMMIT = Figure(
    "group commit: writes, 10 updates vs non-deferred",
    "writes",
    {30_000: Target("value_max", 2)},
    scale=None,
)
GROUP_COMMIT_UI = Figure("group commit: writes, 10 x via Pilot (info)", "writes", scale=None)
DURABLE = Figure(
    "durability: key -> durable vs 1 record fsync",
    "ms",
    {30_000: Target("value_max", 300)},
    scale="excess",
)
DURABLE_FIRST = Figure("durability: first change -> durable (info)", "ms", scale=None)
X_TO_SCREEN = Figure(
    "x -> queue frame vs idle pilot.pause()",
    "ms",
    {30_000: Target("value_max", 50)},
    scale="excess",
)
X_RAW = Figure("x press+pause raw vs unbound key (info)", "ms", scale="excess")
FILTER_FULL = Figure(
    "filter: domain full scan vs plain scan",
    "ms",
    {30_000: Target("value_max", 10)},
    same_work=True,
)
FILTER_NARROW = Figure("filter: domain narrowing vs plain scan", "ms", same_work=True)
FILTER_SCREEN_NARROW = Figure(
    "filter: key -> frame, narrow vs idle pause",
    "ms",
    {30_000: Target("value_max", 100)},
    scale="excess",
)
FILTER_SCREEN_WIDEN = Figure(
    "filter: key -> frame, backspace vs idle pause",
    "ms",
    {30_000: Target("value_max", 100)},
    scale="excess",
)
IMPORT_WALL = Figure(
    "import: wall time vs csv.reader", "s", {30_000: Target("value_max", 3)}, same_work=True
)
IMPORT_RSS = Figure(
    "import: peak RSS vs csv.reader", "MB", {30_000: Target("value_max", 200)}, same_work=True
)
FITS_KEYSTROKE = Figure(
    "who fits: slowest keystroke vs plain scan",
    "ms",
    {30_000: Target("value_max", 50)},
    same_work=True,
)
FITS_PATCH = Figure(
    "who fits: patch 1 contact + search vs rebuild",
    "ms",
    {30_000: Target("value_max", 50)},
)
FITS_BUILD = Figure("who fits: index build, first use (info)", "ms")
MATCHMAKING = Figure(
    "matchmaking: 1 change + suggestions vs plain scan",
    "ms",
    {30_000: Target("value_max", 50)},
)
MATCHMAKING_BUILD = Figure("matchmaking: build, first use (info)", "ms")
MEMORY = Figure(
    "memory: TUI RSS at first paint vs empty app",
    "MB",
    {30_000: Target("value_max", 150)},
    scale="excess",
)
MEMORY_VISITED = Figure(
    "memory: TUI RSS, every screen visited vs empty app",
    "MB",
    {30_000: Target("value_max", 150)},
    scale="excess",
)
MEMORY_IN_PILOT = Figure("memory: first paint in Pilot vs in a pty (info)", "MB", scale=None)
REIMPORT_WALL = Figure(
    "import: re-import, same file vs csv.reader",
    "s",
    {30_000: Target("value_max", 1.5)},
    same_work=True,
)
SWITCH_KEYS = (
    ("1", "1 queue"),
    ("2", "2 contacts"),
    ("3", "3 calls"),
    ("4", "4 intros"),
    ("5", "5 targets"),
    ("6", "6 stats"),
    ("7", "7 referrals"),
    ("comma", ", settings"),
    ("question_mark", "? help"),
)
"""keys.py's key names and how the table names them."""
SWITCHES = {
    (key, visit): Figure(
        f"switch: {label}, {'first' if visit == 'first' else 'later'} visit vs bare app",
        "ms",
        {30_000: Target("value_max", 100)},
        scale="excess",
    )
    for key, label in SWITCH_KEYS
    for visit in ("first", "later")
}
"""The first visit of `1` is the first return to the queue (it is built at start-up)."""
LIST_KEYS = {
    (screen, key): Figure(
        f"list: {screen} {key} key -> frame vs idle pause",
        "ms",
        {30_000: Target("value_max", 50)},
        scale="raw",  # most take less than an idle pause: netdesk minus it is noise
    )
    for screen, keys in (
        ("contacts", ("O", "g", "a", "down", "pagedown", "end")),
        ("calls", ("down", "pagedown", "end")),
        ("intros", ("down", "pagedown", "end")),
        ("targets", ("down", "pagedown", "end")),
    )
    for key in keys
}
PERSON_SEARCH = Figure(
    "search: wizard person, slowest key vs bare Input",
    "ms",
    {30_000: Target("value_max", 50)},
    scale="excess",
)
FITS_SEARCH = Figure(
    "search: who fits (f), slowest key vs bare Input",
    "ms",
    {30_000: Target("value_max", 50)},
    scale="excess",
)
TAB_WIZARD = Figure(
    "tab: intro wizard vs bare app, same fields",
    "ms",
    {30_000: Target("ratio_max", 1.3)},
    scale="excess",
)
TAB_FORM = Figure(
    "tab: contact form vs bare app, same fields",
    "ms",
    {30_000: Target("ratio_max", 1.3)},
    scale="excess",
)
FIGURES = (
    STARTUP,
    STARTUP_COLD,
    STARTUP_VD,
    MUTATION_STOCK,
    MUTATION_FLOOR,
    GROUP_COMMIT,
    GROUP_COMMIT_UI,
    DURABLE,
    DURABLE_FIRST,
    X_TO_SCREEN,
    X_RAW,
    FILTER_FULL,
    FILTER_NARROW,
    FILTER_SCREEN_NARROW,
    FILTER_SCREEN_WIDEN,
    IMPORT_WALL,
    REIMPORT_WALL,
    IMPORT_RSS,
    FITS_KEYSTROKE,
    FITS_PATCH,
    FITS_BUILD,
    MATCHMAKING,
    MATCHMAKING_BUILD,
    MEMORY,
    MEMORY_VISITED,
    MEMORY_IN_PILOT,
    *SWITCHES.values(),
    *LIST_KEYS.values(),
    PERSON_SEARCH,
    FITS_SEARCH,
    TAB_WIZARD,
    TAB_FORM,
)


@dataclass(frozen=True)
class Row:
    figure: Figure
    size: int
    netdesk: float
    baseline: float | None

    @property
    def target(self) -> Target | None:
        return self.figure.targets.get(self.size)

    def ratio_text(self) -> str:
        if self.baseline is None or self.baseline <= 0 or self.netdesk <= 0:
            return "-"
        if self.figure.speedup:
            return f"{self.baseline / self.netdesk:.1f}x faster"
        return f"{self.netdesk / self.baseline:.2f}x"

    def cost(self) -> float:
        """What scaling compares: the figure, or what netdesk adds to its baseline."""
        if self.figure.scale == "excess":
            return self.netdesk - (self.baseline or 0.0)
        return self.netdesk

    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "PASS" if self.target.passes(self.netdesk, self.baseline) else "FAIL"


def show(value: float | None, unit: Unit) -> str:
    if value is None:
        return "-"
    if unit == "writes":
        return f"{value:g}"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def table(rows: Sequence[Row]) -> list[str]:
    """The rows as one aligned plain-text (and Markdown-compatible) table."""
    header = ("figure", "size", "netdesk", "baseline", "ratio", "target", "result")
    cells = [
        (
            r.figure.name,
            f"{r.size:,}",
            show(r.netdesk, r.figure.unit),
            show(r.baseline, r.figure.unit),
            r.ratio_text(),
            r.target.text(r.figure.unit) if r.target else "-",
            r.verdict(),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    right = {1, 2, 3, 4}

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(parts) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return [line(header), rule, *(line(c) for c in cells)]


def scaling_lines(rows: Sequence[Row], sizes: Sequence[int]) -> list[str]:
    """Per figure: how cost grows from the small to the large size, and whether super-linearly."""
    if 10_000 in sizes and 100_000 in sizes:
        small, large = 10_000, 100_000
    else:
        small, large = min(sizes), max(sizes)
    if small == large:
        return []
    growth_of_size = large / small
    lines = [f"scaling {small:,} -> {large:,} contacts ({growth_of_size:g}x):"]
    for figure in FIGURES:
        if figure.scale is None:
            continue
        by_size = {r.size: r for r in rows if r.figure is figure}
        if small not in by_size or large not in by_size:
            continue
        low, high = by_size[small].cost(), by_size[large].cost()
        what = "netdesk - baseline" if figure.scale == "excess" else "netdesk"
        if low <= 0 or high <= 0:
            verdict = f"n/a ({what} is within noise of zero: {low:.3g} -> {high:.3g})"
        else:
            growth = high / low
            exponent = math.log(growth) / math.log(growth_of_size)
            limit, baseline_note = 1.2, ""
            base_low, base_high = by_size[small].baseline, by_size[large].baseline
            if figure.same_work and base_low and base_high:
                base_exponent = math.log(base_high / base_low) / math.log(growth_of_size)
                limit = max(limit, base_exponent + 0.2)
                baseline_note = f"; baseline {base_exponent:.2f}"
            shape = (
                "SUPER-LINEAR"
                if exponent > limit
                else "~linear"
                if exponent >= 0.8
                else "sub-linear"
            )
            verdict = f"{growth:.1f}x ({what}, exponent {exponent:.2f}{baseline_note})  {shape}"
        lines.append(f"  {figure.name:<50} {verdict}")
    return lines


# --- helpers -----------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def runs_for(size: int, runs: int) -> int:
    """Fewer runs for the figures that take seconds each at 100k."""
    return min(runs, max(3, runs * TARGET_SIZE // size))


def copy_db(base: Path, directory: Path, name: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    shutil.copyfile(base, path)
    return path


def vm_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmRSS for process {pid}")


class WriteCounter:
    """Counts calls of netdesk.store.storage.write_atomically (one per file write)."""

    def __init__(self) -> None:
        self.count = 0


@contextlib.contextmanager
def counting_writes() -> Iterator[WriteCounter]:
    original = storage_module.write_atomically
    counter = WriteCounter()

    def counted(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        counter.count += 1
        original(path, payload, keep_backup=keep_backup)

    storage_module.write_atomically = counted
    try:
        yield counter
    finally:
        storage_module.write_atomically = original


def wait_saved(repo: Repo, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while repo.storage.dirty:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{repo.path} still unsaved after {timeout:g} s")
        time.sleep(0.001)


async def wait_saved_async(repo: Repo, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while repo.storage.dirty:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{repo.path} still unsaved after {timeout:g} s")
        await asyncio.sleep(0.001)


# --- 1 and 5: startup and memory, from outside in a pty ----------------------------------------


def startup_figures(db: Path, empty_script: Path, runs: int) -> dict[str, float]:
    """Interleaved pty runs of the empty app and netdesk; RSS read at the marker in each."""
    empty_argv = [sys.executable, str(empty_script)]
    netdesk_argv = [sys.executable, "-m", "netdesk", "--db", str(db)]
    samples: dict[str, list[float]] = {k: [] for k in ("empty", "netdesk", "empty_mb", "mb")}

    def rss_into(key: str) -> Callable[[int], None]:
        return lambda pid: samples[key].append(vm_rss_mb(pid))

    samples["cold"] = []
    start_preview = preview_path(db)
    startup.time_to_marker(empty_argv, EMPTY_MARKER)  # warm the page cache
    # A session before, ended with q as a user ends it: it settles the day, saves, and leaves
    # the start-up preview every later start draws its first frame from.
    startup.session(netdesk_argv, QUEUE_MARKER)
    kept = start_preview.read_bytes()
    for _ in range(runs):
        samples["empty"].append(
            startup.time_to_marker(empty_argv, EMPTY_MARKER, at_marker=rss_into("empty_mb"))
        )
        samples["netdesk"].append(
            startup.time_to_marker(netdesk_argv, QUEUE_MARKER, at_marker=rss_into("mb"))
        )
        start_preview.unlink()  # as after a crash, or a change by another program
        samples["cold"].append(startup.time_to_marker(netdesk_argv, QUEUE_MARKER))
        start_preview.write_bytes(kept)  # the file is unchanged: still its preview
    return {key: median(values) for key, values in samples.items()}


def visidata_seconds(directory: Path, db: Path, runs: int) -> float | None:
    if not shutil.which("vd"):
        return None
    table_csv = startup.make_csv(directory, db)
    return startup.median_time(["vd", str(table_csv)], VD_MARKER, runs)


# --- 2: durable mutation and group commit ------------------------------------------------------


def group_commit_writes(db: Path, *, deferred: bool, when: datetime) -> int:
    """File writes for 10 back-to-back skips (as 10 presses of `x` make), once all are saved."""
    with Repo.open(db, deferred=deferred) as repo:
        ids = list(repo.contacts.by_id())[:10]
        with counting_writes() as writes:
            for contact_id in ids:
                repo.skip(contact_id, when)
            wait_saved(repo)
            count = writes.count
    with Repo.open(db, read_only=True, lock=False) as saved:  # every skip reached the file
        skipped = {c.id for c in saved.contacts if c.snoozed_until == when.date() + timedelta(1)}
    assert skipped >= set(ids), "not every update was saved"
    return count


# --- 2 and 3: key to screen, through Pilot -----------------------------------------------------


async def ui_session(db: Path, runs: int, when: datetime) -> dict[str, float]:
    """Workspace `x` and contacts-filter key-to-screen, and 10 `x` presses' writes, at 120x40."""
    samples: dict[str, list[float]] = {
        k: [] for k in ("idle", "x", "x_raw", "unbound_raw", "narrow", "widen", "idle_contacts")
    }
    gc.disable()  # as `run` does: the app freezes what start-up built, then collects again
    repo = Repo.open(db, deferred=True, parse_later=True)
    try:
        app = NetdeskApp(repo, clock=lambda: when)
        repo.storage.on_status = app.report_save
        async with app.run_test(size=SCREEN) as pilot:
            frames = FrameClock(app)
            await pilot.pause()
            await wait_saved_async(repo)  # the start-up settle() may have saved
            workspace = app.screen
            assert isinstance(workspace, WorkspaceScreen), "the app did not open on the queue"

            for run in range(runs + 1):  # round 0 warms up and is not counted
                idle = await timed_pause(pilot)
                skipped = workspace.current_id
                assert skipped is not None, "the queue is empty"
                frames.expect(lambda skipped=skipped: workspace.current_id != skipped)
                x_ms, x_raw = await timed_key(pilot, "x", frames)
                assert repo.contacts.by_id()[skipped].snoozed_until is not None
                await wait_saved_async(repo)  # each press starts from a saved, idle app
                _, unbound_raw = await timed_key(pilot, "f9", None)
                if run:
                    samples["idle"].append(idle)
                    samples["x"].append(x_ms)
                    samples["x_raw"].append(x_raw)
                    samples["unbound_raw"].append(unbound_raw)

            with counting_writes() as writes:
                await pilot.press(*["x"] * 10)
                await pilot.pause()
                await wait_saved_async(repo)
                ui_writes = writes.count

            await pilot.press("2")
            await pilot.pause()
            await pilot.press("slash", *FILTER_TYPED)
            await pilot.pause()
            contacts = app.screen
            search = contacts.query_one("#filter", Input)
            assert search.value == FILTER_TYPED, f"typed {FILTER_TYPED!r}, got {search.value!r}"
            table_widget = contacts.query_one(ContactTable)
            for run in range(runs + 1):
                for key, name, value in (
                    (FILTER_KEY, "narrow", FILTER_TYPED + FILTER_KEY),
                    ("backspace", "widen", FILTER_TYPED),
                ):
                    before = table_widget.row_count
                    frames.expect(lambda before=before: table_widget.row_count != before)
                    ms, _ = await timed_key(pilot, key, frames)
                    assert search.value == value, f"expected {value!r}, got {search.value!r}"
                    idle = await timed_pause(pilot)
                    if run:
                        samples[name].append(ms)
                        samples["idle_contacts"].append(idle)
    finally:
        repo.close()
        gc.enable()
    figures = {key: median(values) for key, values in samples.items()}
    figures["ui_writes"] = ui_writes
    return figures


# --- 3: the filter in the domain ---------------------------------------------------------------


def best_ms(action: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def domain_filter(db: Path) -> dict[str, float]:
    with Repo.open(db, read_only=True, lock=False) as repo:
        contacts = repo.contacts.all()
        index = ContactIndex(contacts, repo.a_network())
    wide, narrow = FILTER_TYPED, FILTER_TYPED + FILTER_KEY
    full = keystroke_ms(index, narrow, wide)  # a backspace: "ma" does not extend "mar"
    narrowing = keystroke_ms(index, wide, narrow)
    texts = [search_text(c) for c in contacts]
    previous = [t for t in texts if wide in t]
    assert len(index.filter(wide)) == len(previous), "index and plain scan disagree"
    return {
        "full": full,
        "narrow": narrowing,
        "plain_full": best_ms(lambda: [p for p, t in enumerate(texts) if wide in t]),
        "plain_narrow": best_ms(lambda: [p for p, t in enumerate(previous) if narrow in t]),
    }


# --- 4: import ---------------------------------------------------------------------------------

NOTES_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are'
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email.\r\n"
    'You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\r\n'
    "\r\n"
)
CSV_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)


def write_connections_csv(path: Path, rows: int, seed: int = 11) -> None:
    """A modern LinkedIn Connections.csv: preamble, header, CRLF, quoted commas, accents."""
    rng = random.Random(seed)
    companies = [*demo.COMPANIES, "Northwind, Inc.", "Müller & Söhne GmbH", ""]
    start = date(2010, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write(NOTES_PREAMBLE)
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for n in range(rows):
            first, last = rng.choice(demo.FIRST), rng.choice(demo.LAST)
            slug = f"{first}-{last}-{n:x}".lower().replace(" ", "-")
            writer.writerow(
                (
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    f"{slug}@example.com" if n % 4 == 0 else "",
                    rng.choice(companies),
                    rng.choice(demo.POSITIONS),
                    (start + timedelta(days=rng.randint(0, 5500))).strftime("%d %b %Y"),
                )
            )


RUSAGE_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{elapsed} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command as the child of a small process and reports its wall time and peak RSS.

Linux folds the RSS a process had before exec() into its ru_maxrss, and a child forked from
this benchmark starts as a copy of it (hundreds of MB at 100k): forked from this launcher it
starts as a copy of a bare `python -S` instead, smaller than any Python program measured."""


def run_child(argv: list[str], directory: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process, from its own rusage."""
    report = directory / "rusage.txt"
    launcher = [sys.executable, "-S", "-c", RUSAGE_LAUNCHER, str(report), *argv]
    done = subprocess.run(launcher, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        raise RuntimeError(f"{argv} failed: {done.stderr.decode(errors='replace')}")
    seconds, max_rss_kib = report.read_text().split()
    return float(seconds), int(max_rss_kib) * 1024 / 1e6


def import_figures(directory: Path, size: int, runs: int) -> dict[str, float]:
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / "Connections.csv"
    write_connections_csv(source, size)
    db = directory / "imported.json"
    netdesk_argv = [sys.executable, "-m", "netdesk", "import", "linkedin", str(source)]
    netdesk_argv += ["--db", str(db)]
    reader_argv = [
        sys.executable,
        "-c",
        "import csv, sys; list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))",
        str(source),
    ]
    samples: dict[str, list[float]] = {
        k: [] for k in ("s", "mb", "reader_s", "reader_mb", "again_s")
    }
    for run in range(runs + 1):  # round 0 warms the page cache and is not counted
        for leftover in directory.glob("imported.json*"):
            leftover.unlink()
        netdesk_s, netdesk_mb = run_child(netdesk_argv, directory)
        reader_s, reader_mb = run_child(reader_argv, directory)
        if run:
            samples["s"].append(netdesk_s)
            samples["mb"].append(netdesk_mb)
            samples["reader_s"].append(reader_s)
            samples["reader_mb"].append(reader_mb)
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert len(repo.contacts) == size, f"imported {len(repo.contacts)} of {size} rows"
    for _ in range(runs):  # the same file again: every row is found unchanged
        samples["again_s"].append(run_child(netdesk_argv, directory)[0])
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert len(repo.contacts) == size, f"the re-import left {len(repo.contacts)} contacts"
    return {key: median(values) for key, values in samples.items()}


# --- issue 19: every screen switch, list key, search and tab (keys.py) ------------------------

FIRST_VISITS = 3
"""keys.py processes per size: each gives one first visit of every screen (the first also
measures everything else, `runs` times)."""


def key_figures(base: Path, directory: Path, runs: int) -> dict[str, float]:
    """keys.py's figures; the first visits are the median over FIRST_VISITS fresh processes."""
    script = Path(__file__).with_name("keys.py")
    results: list[dict[str, float]] = []
    for n in range(FIRST_VISITS):
        db = copy_db(base, directory / str(n), "db.json")
        out = directory / str(n) / "keys.json"
        argv = [sys.executable, str(script), str(db), str(runs), str(out)]
        done = subprocess.run(argv + ["--first-only"] * bool(n), capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"keys.py failed: {done.stderr.strip().splitlines()[-1:]}")
        results.append(json.loads(out.read_text(encoding="utf-8")))
    figures = dict(results[0])
    for key in results[0]:
        if key.endswith("_first"):
            figures[key] = median([r[key] for r in results])
    return figures


# --- the run -----------------------------------------------------------------------------------


def measure_size(
    root: Path,
    size: int,
    runs: int,
    empty_script: Path,
    log: Callable[[str], None],
    rows: list[Row],
) -> None:
    """Append every figure at `size` to `rows` (as each is measured: a failure keeps the rest)."""
    directory = root / f"n{size}"
    directory.mkdir()
    base = startup.make_db(directory, size)
    heavy = runs_for(size, runs)
    when = datetime.now().replace(microsecond=0)  # the demo was generated for today

    log(f"{size:,}: startup and memory ({runs} runs)")
    s = startup_figures(copy_db(base, directory / "startup", "db.json"), empty_script, runs)
    rows.append(Row(STARTUP, size, s["netdesk"], s["empty"]))
    rows.append(Row(STARTUP_COLD, size, s["cold"], s["empty"]))
    rows.append(Row(MEMORY, size, s["mb"], s["empty_mb"]))
    vd = visidata_seconds(directory / "vd", base, runs)
    if vd is not None:
        rows.append(Row(STARTUP_VD, size, s["netdesk"], vd))

    log(f"{size:,}: durable mutation ({heavy} runs)")
    m = store.measure(
        directory / "store", size, heavy, base=copy_db(base, directory / "store", "base.json")
    )
    rows.append(Row(MUTATION_STOCK, size, m["netdesk"], m["stock"]))
    rows.append(Row(MUTATION_FLOOR, size, m["netdesk"], m["floor"]))

    log(f"{size:,}: group commit")
    grouped = group_commit_writes(
        copy_db(base, directory / "gc", "deferred.json"), deferred=True, when=when
    )
    single = group_commit_writes(
        copy_db(base, directory / "gc", "direct.json"), deferred=False, when=when
    )
    rows.append(Row(GROUP_COMMIT, size, grouped, single))

    log(f"{size:,}: key to durable ({heavy} runs)")
    durable_dir = directory / "durable"
    d = store.durable_latency(copy_db(base, durable_dir, "base.json"), durable_dir, heavy)
    rows.append(Row(DURABLE, size, d["durable"], d["floor"]))
    rows.append(Row(DURABLE_FIRST, size, d["first"], d["floor"]))

    log(f"{size:,}: key to screen through Pilot ({runs} runs)")
    ui = asyncio.run(ui_session(copy_db(base, directory / "ui", "db.json"), runs, when))
    rows.append(Row(GROUP_COMMIT_UI, size, ui["ui_writes"], single))
    rows.append(Row(X_TO_SCREEN, size, ui["x"], ui["idle"]))
    rows.append(Row(X_RAW, size, ui["x_raw"], ui["unbound_raw"]))

    log(f"{size:,}: filter in the domain")
    f = domain_filter(base)
    rows.append(Row(FILTER_FULL, size, f["full"], f["plain_full"]))
    rows.append(Row(FILTER_NARROW, size, f["narrow"], f["plain_narrow"]))
    rows.append(Row(FILTER_SCREEN_NARROW, size, ui["narrow"], ui["idle_contacts"]))
    rows.append(Row(FILTER_SCREEN_WIDEN, size, ui["widen"], ui["idle_contacts"]))

    log(f"{size:,}: who fits and matchmaking in the domain")
    w = fits.measure(base)
    rows.append(Row(FITS_KEYSTROKE, size, w["keystroke"], w["plain_keystroke"]))
    rows.append(Row(FITS_PATCH, size, w["patch"], w["rebuild"]))
    rows.append(Row(FITS_BUILD, size, w["build"], None))
    rows.append(Row(MATCHMAKING, size, w["match"], w["plain_match"]))
    rows.append(Row(MATCHMAKING_BUILD, size, w["match_build"], None))

    log(f"{size:,}: import and re-import ({heavy} runs)")
    i = import_figures(directory / "import", size, heavy)
    rows.append(Row(IMPORT_WALL, size, i["s"], i["reader_s"]))
    rows.append(Row(REIMPORT_WALL, size, i["again_s"], i["reader_s"]))
    rows.append(Row(IMPORT_RSS, size, i["mb"], i["reader_mb"]))

    log(f"{size:,}: screen switches, list keys, search, tab ({runs} runs, {FIRST_VISITS} starts)")
    k = key_figures(base, directory / "keys", runs)
    for (key, visit), figure in SWITCHES.items():
        bare = "bare_help" if key == "question_mark" else f"bare_{visit}"
        rows.append(Row(figure, size, k[f"switch_{key}_{visit}"], k[bare]))
    for (screen, key), figure in LIST_KEYS.items():
        rows.append(Row(figure, size, k[f"list_{screen}_{key}"], ui["idle_contacts"]))
    rows.append(Row(PERSON_SEARCH, size, k["search_slowest"], k["bare_type"]))
    rows.append(Row(FITS_SEARCH, size, k["fits_slowest"], k["bare_type"]))
    rows.append(Row(TAB_WIZARD, size, k["tab_wizard"], k["bare_tab_wizard"]))
    rows.append(Row(TAB_FORM, size, k["tab_form"], k["bare_tab_form"]))
    rows.append(Row(MEMORY_VISITED, size, k["rss_mb"], s["empty_mb"]))
    rows.append(Row(MEMORY_IN_PILOT, size, k["rss_start_mb"], s["mb"]))

    shutil.rmtree(directory)


def code_version() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "netdesk"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    except OSError:
        return "unknown"
    return f"{commit}" + (
        f" + uncommitted changes in {len(changed)} netdesk files" if changed else ""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="contact counts (default 2k 10k 30k 100k)"
    )
    parser.add_argument(
        "--runs", type=int, help="timed runs per figure, median (default 5, --quick 3)"
    )
    parser.add_argument("--quick", action="store_true", help="2k and 30k only, 3 runs")
    args = parser.parse_args()
    sizes: list[int] = args.sizes or list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs: int = args.runs or (3 if args.quick else 5)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    # Time netdesk as installed: pip compiles a package's modules when it installs it (as it
    # did Textual's), but an editable install does not, and PYTHONDONTWRITEBYTECODE would
    # then leave every start-up compiling netdesk from source.
    compileall.compile_dir(Path(storage_module.__file__).parents[1], quiet=1)
    rows: list[Row] = []
    errors: list[str] = []
    try:
        empty_script = _TMP_ROOT / "empty_app.py"
        empty_script.write_text(startup.EMPTY_APP, encoding="utf-8")
        for size in sizes:
            try:
                measure_size(_TMP_ROOT, size, runs, empty_script, log, rows)
            except Exception as exc:  # report what was measured, and what broke
                errors.append(f"{size:,}: {type(exc).__name__}: {exc}")
                log(f"{size:,}: FAILED, {errors[-1]}")
    finally:
        shutil.rmtree(_TMP_ROOT, ignore_errors=True)

    order = {figure: n for n, figure in enumerate(FIGURES)}
    rows.sort(key=lambda r: (order[r.figure], r.size))
    print(
        f"netdesk benchmarks, {datetime.now():%Y-%m-%d %H:%M}, code {code_version()},"
        f" Python {sys.version.split()[0]}, {os.cpu_count()} CPUs,"
        f" median of {runs} runs ({runs_for(max(sizes), runs)} at {max(sizes):,} for"
        f" mutation and import), {time.perf_counter() - started:.0f} s"
    )
    print("\n".join(table(rows)))
    print("\n".join(scaling_lines(rows, sizes)))
    print(
        "key -> frame rows are the raw time from the keypress to the first frame showing the"
        " change; the idle pilot.pause() beside them is reported, not subtracted."
    )
    if not shutil.which("vd"):
        print("VisiData (vd) is not installed: the startup-vs-VisiData row is skipped.")
    for error in errors:
        print(f"NOT MEASURED (an error stopped the rest of this size) {error}")
    raise SystemExit(1 if errors or any(r.verdict() == "FAIL" for r in rows) else 0)


if __name__ == "__main__":
    main()
