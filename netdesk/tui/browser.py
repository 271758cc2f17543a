"""Opening an address in the person's browser, and saying so when none could start.

Textual's `open_url` drops webbrowser's answer and runs on the event loop, where finding the
browser can run `xdg-settings`. Here webbrowser is asked in a thread and its answer read: when
no browser started, the address is shown to copy instead. A terminal browser (lynx, w3m, a
`$BROWSER` command) takes over the terminal, so it runs with netdesk suspended, as `$EDITOR`
does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netdesk.tui.clipboard import show_to_copy

if TYPE_CHECKING:
    import webbrowser

    from textual.app import App
    from textual.widget import Widget


def open_in_browser(node: Widget, url: str, failed: str, shown: str | None = None) -> None:
    """Open `url` in a browser, in a thread; if none starts, say `failed` and show `shown`
    (the address itself unless given) to copy."""
    import webbrowser  # on first use, not at start-up

    app = node.app
    to_copy = shown or url

    def in_thread() -> None:
        try:
            browser = webbrowser.get()
            if type(browser) is webbrowser.GenericBrowser:  # runs in this terminal and waits
                app.call_from_thread(_open_in_terminal, app, browser, url, failed, to_copy)
                return
            opened = browser.open(url)
        except (webbrowser.Error, OSError):
            opened = False
        if not opened:
            app.call_from_thread(show_to_copy, app, failed, to_copy)

    app.run_worker(
        in_thread, thread=True, group="browser", description="open in browser", exit_on_error=False
    )


def _open_in_terminal(
    app: App[object], browser: webbrowser.BaseBrowser, url: str, failed: str, to_copy: str
) -> None:
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            opened = browser.open(url)
    except (SuspendNotSupported, OSError):
        opened = False
    if not opened:
        show_to_copy(app, failed, to_copy)
