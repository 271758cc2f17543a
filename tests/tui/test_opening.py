"""What the app leaves until after its first frame, and that nothing waits on it wrongly.

`run()` opens the database with `parse_later`: records come straight from the file, and the
TinyDB document is parsed by `NetdeskApp._after_start`, or by the first change if sooner.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
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


@pytest.fixture
def paused_collections() -> Iterator[None]:
    """Collections paused as `run` pauses them; afterwards nothing stays frozen or paused."""
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.mark.usefixtures("paused_collections")
async def test_after_start_freezes_what_start_up_built_and_the_document(
    make_app: MakeApp,
) -> None:
    """Once up, the app collects garbage again, with start-up's objects and the parsed
    document frozen out of the collections (else each full one walks the document again)."""
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, gc.isenabled)
        assert app.repo.storage.unparsed is None
        document = app.repo.storage.read()
        meta = document["meta"]  # its records are dicts: the collector would walk it
        assert gc.is_tracked(meta)
        tracked = {id(o) for o in gc.get_objects()}  # frozen objects are not among them
        assert id(meta) not in tracked
        assert id(document) not in tracked
        # The records are still their bytes (store.compact): nothing there to walk at all.
        assert not gc.is_tracked(document["contacts"])
        assert id(app.repo.contacts) not in tracked
