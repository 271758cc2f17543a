"""A real terminal for a real netdesk process: a pseudo-terminal, every byte it writes, signals.

The process is the session leader with the pty as its controlling terminal, as under a
terminal emulator, so closing the terminal (`hang_up`) sends it SIGHUP as the kernel would.
Readiness is polled in bounded loops on what has been written; nothing waits a fixed time.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Sequence

from reliability_helpers import TIMEOUT

POLL = 0.02
QUIET_POLLS = 5

_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[^\[]")
"""A CSI sequence, or ESC and the byte after it: what `screen_text` removes to find words."""


class Terminal:
    """`sys.executable ARGS` on a fresh pty of `size` (columns, rows), with `env`."""

    def __init__(
        self, args: Sequence[str], env: dict[str, str], size: tuple[int, int] = (120, 40)
    ) -> None:
        self.output = bytearray()
        self._lock = threading.Lock()
        self.status: int | None = None
        pid, fd = pty.fork()
        if pid == 0:  # the child: on the pty already, as session leader
            try:
                columns, rows = size
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
                os.execve(sys.executable, [sys.executable, *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed its side
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def written(self) -> bytes:
        with self._lock:
            return bytes(self.output)

    def screen_text(self, start: int = 0) -> str:
        """What was written (from byte `start`), escape sequences removed: enough to find a
        word that was drawn."""
        return _SEQUENCE.sub(b"", self.written()[start:]).decode("utf-8", "replace")

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if self.status is None:
                self._reap(os.WNOHANG)
            elif not self._reader.is_alive():  # it exited and all it wrote has been read
                raise AssertionError(f"the process exited before {what}:\n{self._tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}:\n{self._tail()}")
            time.sleep(POLL)

    def _tail(self) -> str:
        return self.screen_text()[-2000:]

    def wait_for_text(self, text: str) -> None:
        self.wait_for(lambda: text in self.screen_text(), repr(text))

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def press(self, keys: str, shown: str) -> None:
        """Send `keys`, wait until `shown` is drawn after them and the drawing has stopped
        (the next keys then reach the screen `shown` is on, not one still going away)."""
        start = len(self.written())
        self.send(keys)
        self.wait_for(lambda: shown in self.screen_text(start), repr(shown))
        self.wait_for(self._quiet, "the screen to settle")

    def _quiet(self) -> bool:
        """True once nothing new has been written for a few polls."""
        size = len(self.written())
        for _ in range(QUIET_POLLS):
            time.sleep(POLL)
            if len(self.written()) != size:
                return False
        return True

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the kernel sends SIGHUP."""
        os.close(self.fd)
        self.fd = -1

    def _reap(self, flags: int = 0) -> None:
        pid, status = os.waitpid(self.pid, flags)
        if pid:
            self.status = status

    def wait(self) -> int:
        """The exit code (128 + N for death by signal N), once the process has ended."""
        self.wait_for(lambda: self.status is not None, "the process to exit")
        if self.fd >= 0:
            self._reader.join(TIMEOUT)
            os.close(self.fd)
            self.fd = -1
        assert self.status is not None
        if os.WIFSIGNALED(self.status):
            return 128 + os.WTERMSIG(self.status)
        return os.WEXITSTATUS(self.status)

    def close(self) -> None:
        """Kill the process if a failing test left it running."""
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
