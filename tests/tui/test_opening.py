"""What the app leaves until after its first frame, and that nothing waits on it wrongly.

`run()` opens the database with `parse_later`: records come straight from the file, and the
TinyDB document is parsed by `NetdeskApp._after_start`, or by the first change if sooner.
"""

from __future__ import annotations

from conftest import MakeApp
from tui_helpers import SIZE, wait_for

from netdesk.store.repo import Repo


async def test_the_document_is_parsed_soon_after_start(make_app: MakeApp) -> None:
    app = make_app(deferred=True)
    assert app.repo.storage.unparsed is not None  # the fast path was taken
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.repo.storage.unparsed is None)
        assert app.is_running


async def test_a_change_before_the_parse_is_saved_with_everything_else(
    make_app: MakeApp,
) -> None:
    app = make_app(deferred=True)
    repo = app.repo
    people = len(repo.contacts)
    async with app.run_test(size=SIZE) as pilot:
        skipped = app.screen.current_id  # type: ignore[attr-defined]
        await pilot.press("x")  # at once: before the after-start parse
        assert repo.storage.unparsed is None
        await wait_for(pilot, lambda: not repo.storage.dirty)
    with Repo.open(repo.path, read_only=True, lock=False) as reopened:
        assert len(reopened.contacts) == people
        assert reopened.contacts.get(skipped).snoozed_until is not None
