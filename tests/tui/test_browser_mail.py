"""`o` opens the profile in a browser (a stub here) and shows the address when none started;
ctrl+n in the composer opens the mail client with the note, and ctrl+s then records email."""

from __future__ import annotations

import webbrowser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import MakeApp
from test_workspace import INES, JAMAL, body, select, workspace
from textual.pilot import Pilot
from textual.widgets import Static, TextArea
from tui_helpers import SIZE, notes, plain

from netdesk.tui.screens.copy_by_hand import CopyByHand
from netdesk.tui.screens.workspace import WorkspaceScreen

JAMAL_URL = "https://www.linkedin.com/in/jamal-castillo-2"
JAMAL_EMAIL = "jamal-castillo-2@example.com"
SHIFT_DRAG = (
    "Copy it with the mouse (hold shift while you drag in most terminals, option on macOS)."
)


class StubBrowser(webbrowser.BaseBrowser):
    """Records what it was asked to open; answers as a browser that started (or not)."""

    def __init__(self, starts: bool) -> None:
        super().__init__("stub")
        self.starts = starts
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return self.starts


def use_browser(monkeypatch: pytest.MonkeyPatch, browser: webbrowser.BaseBrowser | None) -> None:
    """What webbrowser finds: `browser`, or (None) nothing at all."""

    def get(using: str | None = None) -> webbrowser.BaseBrowser:
        if browser is None:
            raise webbrowser.Error("could not locate runnable browser")
        return browser

    monkeypatch.setattr(webbrowser, "get", get)


async def settle(pilot: Pilot[int]) -> None:
    """Let the browser thread finish and its answer arrive."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_o_opens_the_profile_in_the_browser(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = StubBrowser(starts=True)
    use_browser(monkeypatch, browser)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert workspace(app).current_id == JAMAL
        await pilot.press("o")
        await settle(pilot)
        assert browser.opened == [JAMAL_URL]
        assert isinstance(app.screen, WorkspaceScreen)


@pytest.mark.parametrize("found", ["a browser that fails", "no browser", "a terminal browser"])
async def test_without_a_browser_the_address_is_shown_to_copy(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, found: str
) -> None:
    """A terminal browser (lynx, w3m) would draw over netdesk: it runs only with netdesk
    suspended, which a headless test cannot do, so it is never started here."""
    browser: webbrowser.BaseBrowser | None = None
    started: list[str] = []
    if found == "a browser that fails":
        browser = StubBrowser(starts=False)
    elif found == "a terminal browser":
        browser = webbrowser.GenericBrowser("w3m")
        monkeypatch.setattr(browser, "open", lambda url, *args: started.append(url) or True)
    use_browser(monkeypatch, browser)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CopyByHand)
        assert plain(dialog.query_one(Static)) == (
            f"No browser could be started for Jamal Castillo's profile. {SHIFT_DRAG}"
        )
        assert dialog.query_one(TextArea).selected_text == JAMAL_URL
        assert started == []
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)


async def test_ctrl_n_emails_the_note_and_ctrl_s_records_email(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = StubBrowser(starts=True)
    use_browser(monkeypatch, browser)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # Jamal's follow-up: nothing to fill in
        note = body(app).text
        assert "\n" in note  # the signature is on a line of its own
        await pilot.press("ctrl+n")
        await settle(pilot)
        (link,) = browser.opened
        parts = urlsplit(link)
        assert (parts.scheme, unquote(parts.path)) == ("mailto", JAMAL_EMAIL)
        assert "+" not in parts.query and " " not in parts.query
        assert parse_qs(parts.query) == {
            "subject": ["Following up on my note"],
            "body": [note.replace("\n", "\r\n")],
        }
        assert "emailed: ctrl+s marks it sent" in plain(app.screen.query_one("#composer-head"))

        await pilot.press("ctrl+s")
        sent = app.repo.messages_for(JAMAL)[-1]
        assert (sent.channel, sent.body) == ("email", note)
        assert notes(app)[-1].startswith("Marked sent to Jamal Castillo by email.")


async def test_ctrl_s_without_ctrl_n_records_linkedin(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "ctrl+s")
        assert app.repo.messages_for(JAMAL)[-1].channel == "linkedin"


async def test_no_email_address_is_said_and_nothing_opens(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = StubBrowser(starts=True)
    use_browser(monkeypatch, browser)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c", "ctrl+n")
        await settle(pilot)
        assert notes(app)[-1] == (
            "The email to Ines Evans was not opened: Fill in or remove {personal} before sending."
        )
        body(app).text = body(app).text.replace("{personal}", "I loved your talk.")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert notes(app)[-1] == (
            "The email to Ines Evans was not opened: "
            "Ines Evans has no email address (escape, then e adds one)."
        )
        assert browser.opened == []


async def test_no_mail_client_shows_the_address(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, StubBrowser(starts=False))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "ctrl+n")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CopyByHand)
        assert plain(dialog.query_one(Static)) == (
            "No mail client could be started for the email to Jamal Castillo; ctrl+y copies "
            f"the note, and their address is below. {SHIFT_DRAG}"
        )
        assert dialog.query_one(TextArea).selected_text == JAMAL_EMAIL
