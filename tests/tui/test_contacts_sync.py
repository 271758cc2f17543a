"""The contacts screen catches up by patching its index, and rebuilds only after a bulk change.

Whatever way a change arrives (a queue key, a key on the contacts list, the person screen, or
the repo directly), the list must show exactly what a freshly built index would show, in the
same sort order and under the same filters.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import MakeApp
from textual.widgets import Input, Static
from tui_helpers import FROZEN, SIZE, contacts_screen, enter_text, plain, wait_for

from netdesk.domain.contact_index import SORT_KEYS, ContactIndex
from netdesk.domain.models import Call, Contact, MessageKind, Stage
from netdesk.store.repo import BULK_CHANGE, Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens import contacts as contacts_module
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.contacts import NETWORK_CYCLE, STAGE_CYCLE
from netdesk.tui.screens.dialogs import WhenPrompt
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.contact_search import shared_index
from netdesk.tui.widgets.contact_table import ContactTable

TOTAL = 60
JAMAL = 3
"""First in the frozen demo queue (a follow-up due), as in test_workspace.py."""


def table(app: NetdeskApp) -> ContactTable:
    return contacts_screen(app).query_one(ContactTable)


def shown(app: NetdeskApp) -> list[Contact]:
    """The contacts the list holds, top to bottom (the table keeps the sequence it is given)."""
    return list(table(app)._rows)


def fresh_ids(app: NetdeskApp) -> list[int]:
    """What a new index of the repo, sorted and filtered as the screen is, would list."""
    screen = contacts_screen(app)
    fresh = ContactIndex(app.repo.contacts, app.repo.a_network())
    fresh.sort_by(SORT_KEYS[screen.sort])
    return fresh.filter(
        screen.query_one("#filter", Input).value,
        stage=STAGE_CYCLE[screen.stage],
        network=NETWORK_CYCLE[screen.network],
    )


def assert_like_a_fresh_build(app: NetdeskApp) -> None:
    """The list shows the repo's current records, as a fresh index would, and says so."""
    screen = contacts_screen(app)
    assert screen.index is not None
    rows = shown(app)
    expected = fresh_ids(app)
    assert [c.id for c in rows] == expected
    assert rows == [app.repo.contacts.get(cid) for cid in expected]  # no stale record
    assert len(screen.index) == len(app.repo.contacts)
    assert screen.index.a_network == app.repo.a_network()
    assert screen.indexed_revision == app.repo.revision
    status = plain(screen.query_one("#contacts-status", Static))
    assert status.startswith(f"{len(expected)} of {len(app.repo.contacts)}")


def row_text(app: NetdeskApp, contact_id: int) -> str:
    """The drawn line of one contact; moves the cursor there first so it is on screen."""
    t = table(app)
    row = [c.id for c in shown(app)].index(contact_id)
    t.cursor = row
    return t.render_line(row - t.scroll_offset.y + 1).text


async def test_skip_in_the_queue_patches_the_contacts_index(make_app: MakeApp) -> None:
    """2, 1, x, 2: the index comes back patched (same object) with the skipped person's record."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        index = contacts_screen(app).index
        assert index is not None
        old_record = index.get(JAMAL)
        assert old_record is not None
        assert old_record.snoozed_until is None

        await pilot.press("1")
        queue = app.screen
        assert isinstance(queue, WorkspaceScreen)
        assert queue.current_id == JAMAL
        await pilot.press("x")
        stored = app.repo.contacts.get(JAMAL)
        assert stored is not None
        assert stored.snoozed_until == FROZEN.date() + timedelta(days=1)

        await pilot.press("2")
        assert contacts_screen(app).index is index  # patched, not rebuilt
        assert index.get(JAMAL) is stored
        (row,) = [c for c in shown(app) if c.id == JAMAL]
        assert row is stored
        assert_like_a_fresh_build(app)


async def test_replied_in_the_queue_moves_the_person_in_a_stage_sort(make_app: MakeApp) -> None:
    """A stage change made on the queue re-sorts and re-filters the person on the contacts list."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", *["O"] * SORT_KEYS.index("stage"), "g", "g")  # stage contacted
        screen = contacts_screen(app)
        assert SORT_KEYS[screen.sort] == "stage"
        assert STAGE_CYCLE[screen.stage] is Stage.CONTACTED
        index = screen.index
        assert JAMAL in [c.id for c in shown(app)]

        await pilot.press("1", "r")  # Jamal replied
        stored = app.repo.contacts.get(JAMAL)
        assert stored is not None
        assert stored.stage is Stage.REPLIED

        await pilot.press("2")
        assert contacts_screen(app).index is index
        assert JAMAL not in [c.id for c in shown(app)]
        assert_like_a_fresh_build(app)
        await pilot.press("g")  # stage replied
        assert JAMAL in [c.id for c in shown(app)]
        assert_like_a_fresh_build(app)
        assert "replied" in row_text(app, JAMAL)


async def test_edit_on_the_contacts_list_moves_the_row(make_app: MakeApp) -> None:
    """`e` on the first name in name order: renamed to Zed, the row moves near the end."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        index = screen.index
        person = screen.current_id
        assert person is not None
        assert shown(app)[0].id == person  # Bruno Park, first by name

        await pilot.press("e")
        assert isinstance(app.screen, ContactForm)
        await enter_text(pilot, "Zed")  # the first name is selected, so typing replaces it
        await pilot.press("ctrl+s")
        assert contacts_screen(app) is screen
        stored = app.repo.contacts.get(person)
        assert stored is not None
        assert stored.name == "Zed Park"

        assert screen.index is index
        ids = [c.id for c in shown(app)]
        assert ids[0] != person
        assert ids.index(person) > TOTAL // 2
        assert screen.current_id == person  # the cursor followed the person
        assert row_text(app, person)[1:].startswith("Zed Park")
        assert_like_a_fresh_build(app)

        await pilot.press("slash")
        await enter_text(pilot, "bruno park")
        assert person not in [c.id for c in shown(app)]
        assert_like_a_fresh_build(app)


async def test_snooze_on_the_contacts_list_patches_the_record(make_app: MakeApp) -> None:
    """`s` with the suggested day: the list holds the snoozed record, nothing else moves."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        index = screen.index
        before = [c.id for c in shown(app)]
        person = screen.current_id
        assert person is not None

        await pilot.press("s")
        assert isinstance(app.screen, WhenPrompt)
        await pilot.press("enter")  # the suggestion: next Monday
        assert contacts_screen(app) is screen
        stored = app.repo.contacts.get(person)
        assert stored is not None
        assert stored.snoozed_until == date(2026, 11, 30)

        assert screen.index is index
        assert index.get(person) is stored
        assert [c.id for c in shown(app)] == before
        assert_like_a_fresh_build(app)


async def test_do_not_contact_and_person_screen_changes_are_patched(make_app: MakeApp) -> None:
    """Changes made on the person screen show on the list when escape returns to it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", *["O"] * SORT_KEYS.index("last_contact"))
        screen = contacts_screen(app)
        index = screen.index
        await pilot.press("home", "down", "down")
        person = screen.current_id
        assert person is not None

        await pilot.press("D", "y")
        assert screen.index is index
        assert "do not contact" in row_text(app, person)
        assert_like_a_fresh_build(app)

        await pilot.press("end")
        other = screen.current_id
        assert other is not None and other != person
        await pilot.press("enter")
        assert isinstance(app.screen, PersonDetailScreen)
        await pilot.press("r")  # replied: last contact becomes today, so they sort first
        await pilot.press("escape")
        assert contacts_screen(app) is screen
        assert screen.index is index
        stored = app.repo.contacts.get(other)
        assert stored is not None
        assert stored.last_contacted_on == FROZEN.date()
        assert [c.id for c in shown(app)].index(other) < TOTAL // 2
        assert_like_a_fresh_build(app)


async def test_deleted_person_leaves_the_list(make_app: MakeApp) -> None:
    """No key deletes a contact; a deletion elsewhere (the repo) is patched out on return."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        index = screen.index
        assert index is not None
        await pilot.press("down", "down", "down")
        person = screen.current_id
        assert person is not None

        app.repo.delete_contact(person)
        await pilot.press("1", "2")
        assert screen.index is index
        assert person not in index
        assert person not in [c.id for c in shown(app)]
        assert len(shown(app)) == TOTAL - 1
        assert screen.current_id is not None  # the cursor found someone else
        assert_like_a_fresh_build(app)


async def test_a_call_logged_elsewhere_moves_the_person_to_network_a(make_app: MakeApp) -> None:
    """The A/B filter follows the A network, which comes from calls, not from contact fields."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a", "a")  # network B
        screen = contacts_screen(app)
        assert NETWORK_CYCLE[screen.network] == "B"
        index = screen.index
        person = screen.current_id
        assert person is not None
        assert person not in app.repo.a_network()

        app.repo.log_call(Call(person, minutes=20), FROZEN)
        await pilot.press("1", "2")
        assert screen.index is index
        assert person not in [c.id for c in shown(app)]
        assert_like_a_fresh_build(app)
        await pilot.press("a", "a", "a")  # no longer connected, all, then A
        assert NETWORK_CYCLE[screen.network] == "A"
        assert person in [c.id for c in shown(app)]
        assert_like_a_fresh_build(app)


async def test_several_changes_while_away_are_all_patched(make_app: MakeApp) -> None:
    """Edits, a new person, a deletion and a sent message, all made while on another screen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "O")  # by company
        screen = contacts_screen(app)
        index = screen.index
        ids = [c.id for c in shown(app)]

        await pilot.press("1")
        repo = app.repo
        repo.contacts.update(ids[0], {"company": "Zzyzx Ltd"})
        repo.contacts.update(ids[-1], {"company": "Aardvark Inc"})
        added = repo.contacts.insert(Contact(first_name="Nia", last_name="New", company="Acme"))
        repo.delete_contact(ids[5])
        repo.mark_sent(ids[10], MessageKind.OUTREACH, "Hi", "Outreach", FROZEN)

        await pilot.press("2")
        assert screen.index is index
        now_ids = [c.id for c in shown(app)]
        assert now_ids[0] == ids[-1]  # Aardvark first
        assert added.id in now_ids
        assert ids[5] not in now_ids
        assert_like_a_fresh_build(app)


async def test_bulk_import_rebuilds_the_index(make_app: MakeApp) -> None:
    """More than BULK_CHANGE people at once: a new index, complete, in the screen's sort."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "O")  # by company, so the rebuild must keep the sort
        screen = contacts_screen(app)
        index = screen.index
        assert index is not None

        new = [
            Contact(first_name=f"Bulk{n:03}", last_name="Person", company=f"Co {n % 7}")
            for n in range(BULK_CHANGE + 1)
        ]
        app.repo.import_contacts(new, [], FROZEN)
        await pilot.press("1", "2")
        rebuilt = screen.index
        assert rebuilt is not None
        assert rebuilt is not index  # rebuilt, not patched
        assert rebuilt.sort_key == "company"
        assert len(rebuilt) == TOTAL + BULK_CHANGE + 1
        assert_like_a_fresh_build(app)

        # And the next small change patches the rebuilt index again.
        person = screen.current_id
        assert person is not None
        app.repo.contacts.update(person, {"company": "Zzyzx Ltd"})
        await pilot.press("1", "2")
        assert screen.index is rebuilt
        assert [c.id for c in shown(app) if c.company][-1] == person  # Zzyzx: last company
        assert_like_a_fresh_build(app)


async def test_replace_all_rebuilds_the_index(make_app: MakeApp) -> None:
    """A whole new network (demo data) replaces the index even though it is small."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        index = screen.index
        app.repo.replace_all([Contact(first_name="Only", last_name="One")])
        await pilot.press("1", "2")
        assert screen.index is not index
        assert [c.name for c in shown(app)] == ["Only One"]
        assert_like_a_fresh_build(app)


def test_the_shared_picker_index_belongs_to_its_own_repo(tmp_path: Path) -> None:
    """Repos opened one after another each get their own people, never a closed repo's
    index (its id() can be reused), and a revision from another repo forces a rebuild."""
    for n in range(12):
        with Repo.open(tmp_path / f"db{n}.json") as repo:
            repo.contacts.insert(Contact(first_name=f"Person{n}", last_name="Only"))
            index = shared_index(repo)
            assert [c.first_name for c in index.contacts(index.filter(""))] == [f"Person{n}"]
            assert repo.contacts_changed_since(repo.revision + 5) is None


async def test_each_sort_order_shows_changes_made_while_another_was_shown(
    make_app: MakeApp,
) -> None:
    """O steps through every order (each made once, then kept); a change made on the queue
    while the list is sorted one way shows in every other order, on the same person."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        screen = contacts_screen(app)
        await pilot.press("down", "down")
        person = table(app).current_id
        for _ in SORT_KEYS:
            await pilot.press("O")
            assert table(app).current_id == person
            assert_like_a_fresh_build(app)
        assert SORT_KEYS[screen.sort] == "name"
        await pilot.press("1", "r")  # the queue's first person replied
        await pilot.press("2")
        for _ in SORT_KEYS:
            await pilot.press("O")
            assert table(app).current_id == person
            assert_like_a_fresh_build(app)


async def test_the_filter_is_prepared_step_by_step_once_the_list_is_drawn(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What typing a filter needs is made while idle, a few contacts a step (7 here, so 60
    people take many steps), not in one go before or after the first frame."""
    steps: list[int] = []
    prepare = ContactIndex.prepare_search

    def counted(index: ContactIndex, most: int) -> bool:
        steps.append(most)
        return prepare(index, most)

    monkeypatch.setattr(ContactIndex, "prepare_search", counted)
    monkeypatch.setattr(contacts_module, "SEARCH_STEP", 7)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        index = contacts_screen(app).index
        assert index is not None
        await wait_for(pilot, lambda: index._texts is not None)
        assert steps[:1] == [7] and len(steps) >= 2 * TOTAL // 7
        await pilot.press("slash")
        await enter_text(pilot, "a")
        assert_like_a_fresh_build(app)
