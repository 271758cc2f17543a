"""The real program in a real terminal (tmux): open the queue, write a note, mark it sent, quit.

Only readiness is polled (the pane's text, the exit-code file), in bounded loops; nothing
waits a fixed time for something to happen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netdesk.store.repo import Repo

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

READY_SECONDS = 20.0
POLL = 0.1


def poll(condition: Callable[[], bool], what: str, seconds: float = READY_SECONDS) -> None:
    """Check `condition` every POLL seconds until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(POLL)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private HOME and XDG folders, so the real user's data and settings are never used."""
    home = tmp_path / "home"
    home.mkdir()
    environment = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "TERM": "xterm-256color",
    }
    environment.pop("NETDESK_DB", None)
    environment.pop("TMUX", None)
    return environment


@pytest.fixture
def tmux(env: dict[str, str]) -> Iterator[Callable[..., subprocess.CompletedProcess[str]]]:
    """`tmux` on a private server (its own socket), killed at the end whatever happened."""
    socket = f"netdesk-test-{uuid.uuid4().hex[:12]}"

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", socket, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=30,
            check=check,
        )

    try:
        yield run
    finally:
        run("kill-server", check=False)


def test_compose_mark_sent_and_quit_in_tmux(
    tmp_path: Path,
    env: dict[str, str],
    tmux: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    """Queue appears, `c` + text + ctrl+s says "Marked sent", `q` exits 0, the file checks."""
    db = tmp_path / "demo.json"
    built = subprocess.run(
        [sys.executable, "-m", "netdesk", "demo", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    with Repo.open(db, lock=False, read_only=True) as before:
        messages = len(before.messages)

    exit_file = tmp_path / "exit-code"
    program = shlex.join([sys.executable, "-m", "netdesk", "--db", str(db)])
    shell = f"{program}; echo $? > {shlex.quote(str(exit_file))}"
    session = f"netdesk-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell)

    def screen() -> str:
        result = tmux("capture-pane", "-p", "-t", session, check=False)
        return result.stdout if result.returncode == 0 else ""

    poll(lambda: "Queue" in screen() and "Follow-ups due" in screen(), "the queue")
    tmux("send-keys", "-t", session, "c")
    poll(lambda: "template Follow-up" in screen(), "the composer")
    tmux("send-keys", "-t", session, "-l", "Good to see your move to the new team. ")
    poll(lambda: "Good to see your move" in screen(), "the typed text")
    tmux("send-keys", "-t", session, "C-s")
    poll(lambda: "Marked sent" in screen(), "the Marked sent notification")
    tmux("send-keys", "-t", session, "q")
    poll(exit_file.exists, "netdesk to exit")
    assert exit_file.read_text().strip() == "0"
    poll(lambda: tmux("has-session", "-t", session, check=False).returncode != 0, "the pane")

    checked = subprocess.run(
        [sys.executable, "-m", "netdesk", "check", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith(f"{db}: OK (200 contacts, {messages + 1} messages")
    with Repo.open(db, lock=False, read_only=True) as after:
        sent = max(after.messages, key=lambda m: m.id)
        assert sent.body.startswith("Good to see your move to the new team. Hi ")
        assert sent.template == "Follow-up"
