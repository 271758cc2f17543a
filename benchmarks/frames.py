"""Key to frame through Pilot: the moment a terminal would receive the frame showing a change.

Shared by run.py's key-to-screen figures and keys.py (screen switches, list keys, searches,
tab), so every key -> frame figure is stamped the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot


class FrameClock:
    """Stamps the first composited frame drawn once a condition holds.

    Wraps App._display, where Textual hands each screen update to the driver; the update is
    rendered to terminal text first (what a real driver does and the headless one skips), so
    the stamp is when a terminal would receive the frame showing the change.
    """

    def __init__(self, app: App[Any]) -> None:
        self._condition: Callable[[], bool] | None = None
        self.stamp: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                render_segments = getattr(renderable, "render_segments", None)
                if render_segments is not None:
                    render_segments(app.console)
                if self._condition is not None and self.stamp is None and self._condition():
                    self.stamp = time.perf_counter()
            original(screen, renderable)

        app._display = display  # type: ignore[method-assign]

    def expect(self, condition: Callable[[], bool]) -> None:
        self._condition = condition
        self.stamp = None

    async def shown(self, timeout: float = 10.0) -> float:
        """The stamp, waiting for the frame if Pilot returned before it was drawn."""
        deadline = time.perf_counter() + timeout
        while self.stamp is None:
            if time.perf_counter() > deadline:
                raise RuntimeError("the change never reached the screen")
            await asyncio.sleep(0.002)
        self._condition = None
        return self.stamp


async def timed_pause(pilot: Pilot[Any]) -> float:
    start = time.perf_counter()
    await pilot.pause()
    return (time.perf_counter() - start) * 1000


async def timed_key(pilot: Pilot[Any], key: str, frames: FrameClock | None) -> tuple[float, float]:
    """(ms from the keypress to the frame showing its effect, ms of Pilot's press + pause)."""
    start = time.perf_counter()
    await pilot.press(key)
    await pilot.pause()
    raw = (time.perf_counter() - start) * 1000
    if frames is None:
        return raw, raw
    return (await frames.shown() - start) * 1000, raw
