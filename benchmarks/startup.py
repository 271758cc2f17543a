"""Startup to first paint, measured from outside in a pseudo-terminal.

Each program is launched in a fresh pty at 120x40; the clock stops when its first screen has
been drawn (a marker string appears in the terminal output). netdesk is compared with an
empty Textual app measured the same way in the same run, and with VisiData opening the
equivalent CSV when VisiData is installed.

    python benchmarks/startup.py [--sizes 2000 30000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

EMPTY_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Empty(App):
    def compose(self):
        yield Header()
        yield Static("first paint marker")
        yield Footer()

Empty().run()
"""


def time_to_marker(
    argv: list[str],
    marker: bytes,
    timeout: float = 60.0,
    at_marker: Callable[[int], None] | None = None,
) -> float:
    """Seconds from spawn until `marker` shows in the pty output; the process is then killed.

    `at_marker(pid)` runs once the marker has shown, before the kill (to read /proc/<pid>).
    """
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            # Search the whole chunk: a first frame can arrive in one read of tens of KB, and
            # cutting to the tail before searching would drop the marker near the top.
            window = seen + chunk
            seen = window[-4096:]
            if marker in window:
                elapsed = time.perf_counter() - start
                if at_marker is not None:
                    at_marker(pid)
                return elapsed
        screen = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b" ", seen).decode(errors="replace")
        raise RuntimeError(f"{argv} never showed {marker!r}; the end of its output: {screen!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def session(argv: list[str], marker: bytes, keys: bytes = b"q", timeout: float = 60.0) -> None:
    """Run `argv` in a pty until `marker` shows, type `keys`, and wait for it to exit: a
    session that ends as a user ends it (netdesk then writes its start-up preview)."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start, seen, sent = time.perf_counter(), b"", False
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    seen = (seen + os.read(fd, 65536))[-4096:]
                except OSError:  # it exited and closed the terminal
                    os.waitpid(pid, 0)
                    pid = 0
                    return
            if not sent and marker in seen:
                os.write(fd, keys)
                sent = True
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                pid = 0
                return
        raise RuntimeError(f"{argv} did not exit after {keys!r}")
    finally:
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


def median_time(argv: list[str], marker: bytes, runs: int) -> float:
    time_to_marker(argv, marker)  # warm the page cache
    return statistics.median(time_to_marker(argv, marker) for _ in range(runs))


def make_db(directory: Path, count: int) -> Path:
    """The demo network of `count` people with a heavy user's history (history.py)."""
    from history import write_db

    return write_db(directory / f"bench-{count}.json", count)


def make_csv(directory: Path, db: Path) -> Path:
    out = directory / (db.stem + ".csv")
    with out.open("w", newline="", encoding="utf-8") as handle:
        subprocess.run(
            [sys.executable, "-m", "netdesk", "export", "csv", "--db", str(db)],
            check=True,
            stdout=handle,
        )
    with out.open(newline="", encoding="utf-8") as handle:
        assert sum(1 for _ in csv.reader(handle)) > 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 30000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    targets = {2000: 1.5, 30000: 2.0}
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        empty_script = directory / "empty_app.py"
        empty_script.write_text(EMPTY_APP, encoding="utf-8")
        empty = median_time([sys.executable, str(empty_script)], b"first paint", args.runs)
        print(
            f"{'contacts':>9} {'netdesk s':>10} {'empty app s':>12} {'ratio':>6} "
            f"{'target':>7} {'visidata s':>11}  result"
        )
        for size in args.sizes:
            db = make_db(directory, size)
            netdesk = median_time(
                [sys.executable, "-m", "netdesk", "--db", str(db)],
                b"outreach done today",
                args.runs,
            )
            vd = "-"
            if shutil.which("vd"):
                table = make_csv(directory, db)
                vd = f"{median_time(['vd', str(table)], b'first_name', args.runs):.3f}"
            ratio = netdesk / empty
            target = targets.get(size, 2.0)
            verdict = "PASS" if ratio <= target else "FAIL"
            print(
                f"{size:>9,} {netdesk:>10.3f} {empty:>12.3f} {ratio:>5.2f}x {target:>6.1f}x "
                f"{vd:>11}  {verdict}"
            )


if __name__ == "__main__":
    main()
