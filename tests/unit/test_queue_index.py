"""QueueIndex: patched one contact at a time, it always equals a queue built from scratch.

Random networks (seeded) are changed step by step the way the routine changes them; after
every step the incremental queue is compared with `build_queue` over the current contacts.
The Repo keeps such an index in step through `Collection.on_change`, so the same comparison
is made after each of its routine methods.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from netdesk.domain import queue
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    JobChange,
    MessageKind,
    OptIn,
    OptInAnswer,
    Settings,
    Stage,
)
from netdesk.domain.queue import ItemKind, QueueIndex, QueueItem, build_queue
from netdesk.domain.referrals import ThankItem
from netdesk.store.repo import BULK_CHANGE, Repo

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30)
DONE_VALUES = (0, 1, 3, 5, 200)
"""Outreach already done today: none, some, the cap, far past any cap."""


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- random networks ----------------------------------------------------------------------

STAGE_WEIGHTS = {
    Stage.NEW: 6,
    Stage.CONTACTED: 3,
    Stage.REPLIED: 2,
    Stage.SCHEDULED: 1,
    Stage.TALKED: 2,
    Stage.NO_RESPONSE: 1,
    Stage.DECLINED: 1,
    Stage.DO_NOT_CONTACT: 1,
}


def maybe_day(rng: random.Random, choices: tuple[int, ...], none_weight: int = 3) -> date | None:
    """None (often) or a day near TODAY; few distinct values, so ties are common."""
    if rng.randrange(none_weight + 1):
        return None
    return days(rng.choice(choices))


def random_fields(rng: random.Random) -> dict[str, object]:
    """Every field the queue reads, drawn from small sets so equal scores come up often."""
    return {
        "stage": rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0],
        "snoozed_until": maybe_day(rng, (-3, -1, 0, 1, 5)),
        "next_action_on": maybe_day(rng, (-10, -2, 0, 1, 4), none_weight=1),
        "last_contacted_on": maybe_day(rng, (-90, -40, -9, -7, -1, 0), none_weight=1),
        "followed_up_on": maybe_day(rng, (-8, -3, 0)),
        "keep_in_touch_days": rng.choice((None, None, 0, 7, 30)),
        "closeness": rng.choice((0, 0, 1, 2, 4)),
        "company": rng.choice(("", "Acme")),
        "position": rng.choice(("", "Engineer")),
        "connected_on": rng.choice((None, days(-400), days(-30), days(0), days(3))),
    }


def news_fields(fields: dict[str, object], share: float = 1.0) -> dict[str, object]:
    """Job news and the no-longer-connected mark (for a `share` of calls), drawn from a
    generator of their own seeded by `fields`: the main sequence, and the ties among the
    scores it gives, stay as they were before these fields existed."""
    extra = random.Random(repr(fields))
    if extra.random() >= share:
        return {}
    return {
        "job_changes": extra.choice(([], [], [], [], [], [], *JOB_NEWS)),
        "disconnected_on": extra.choice((*[None] * 7, days(-5))),
    }


JOB_NEWS = (
    [JobChange(at=NOW - timedelta(days=3), company_was="Initech", company="Acme")],
    [JobChange(at=NOW - timedelta(days=3), company="Acme", congratulated=True)],
    [JobChange(at=NOW - timedelta(days=200), company="Acme")],
)
"""Job changes: recent and open, recent and written about, too old to be news."""


def random_contact(rng: random.Random, contact_id: int) -> Contact:
    fields = random_fields(rng)
    fields.update(news_fields(fields))
    return Contact(id=contact_id, first_name=f"P{contact_id}", last_name="X", **fields)  # type: ignore[arg-type]


def random_calls(rng: random.Random, ids: list[int]) -> list[Call]:
    calls = []
    for call_id in range(1, 7):
        when = datetime.combine(days(rng.choice((-2, 0, 0, 1))), datetime.min.time())
        when += timedelta(hours=rng.choice((8, 11, 15)))
        held = when if rng.random() < 0.25 else None
        calls.append(Call(id=call_id, contact_id=rng.choice(ids), scheduled_for=when, held_at=held))
    held = datetime.combine(days(-60), datetime.min.time())
    for call_id, contact_id in enumerate(ids[:4], start=7):  # an A network, for new roles
        calls.append(Call(id=call_id, contact_id=contact_id, scheduled_for=held, held_at=held))
    return calls


def random_optin(rng: random.Random) -> OptIn:
    answer = rng.choice((*OptInAnswer, OptInAnswer.PENDING, OptInAnswer.AGREED))
    asked = None
    if answer is not OptInAnswer.PENDING or rng.random() < 0.6:
        asked = datetime.combine(days(rng.choice((-20, -8, -1))), datetime.min.time())
    answered = asked if answer is not OptInAnswer.PENDING else None
    return OptIn(asked_at=asked, answered_at=answered, answer=answer)


def random_intros(rng: random.Random, ids: list[int]) -> list[Intro]:
    intros = []
    for intro_id in range(1, 9):
        a, b = rng.sample(ids, 2)
        intros.append(
            Intro(
                id=intro_id,
                a_id=a,
                b_id=b,
                status=rng.choice(
                    (IntroStatus.ASKING, IntroStatus.ASKING, IntroStatus.AGREED, IntroStatus.SENT)
                ),
                a_optin=random_optin(rng),
                b_optin=random_optin(rng),
            )
        )
    return intros


def changed(rng: random.Random, contact: Contact) -> Contact:
    """The contact with one to three of the fields the queue reads changed at random."""
    fields = random_fields(rng)
    picked = rng.sample(sorted(fields), rng.randint(1, 3))
    changes = {name: fields[name] for name in picked} | news_fields(fields, share=0.2)
    return dataclasses.replace(contact, **changes)


Change = tuple[str, Contact | int]
"""("update", the contact as it now is) or ("remove", its id)."""


def steps(rng: random.Random, people: dict[int, Contact], count: int) -> Iterator[list[Change]]:
    """Change `people` in place `count` times, one to three changes at a time; yields each
    batch of changes so the index can be told the same."""
    removed: dict[int, Contact] = {}
    next_id = max(people) + 1
    for _ in range(count):
        batch: list[Change] = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            roll = rng.random()
            if roll < 0.55 and people:
                contact_id = rng.choice(sorted(people))
                people[contact_id] = changed(rng, people[contact_id])
                batch.append(("update", people[contact_id]))
            elif roll < 0.7 and people:
                contact_id = rng.choice(sorted(people))
                removed[contact_id] = people.pop(contact_id)
                batch.append(("remove", contact_id))
            elif roll < 0.85 and removed:
                # Back exactly as it was: same fields, so the same outreach score.
                contact_id = rng.choice(sorted(removed))
                people[contact_id] = removed.pop(contact_id)
                batch.append(("update", people[contact_id]))
            elif roll < 0.93 and people:
                # Saved again with only a field the queue ignores changed.
                contact_id = rng.choice(sorted(people))
                people[contact_id] = dataclasses.replace(people[contact_id], notes="edited")
                batch.append(("update", people[contact_id]))
            else:
                people[next_id] = random_contact(rng, next_id)
                batch.append(("update", people[next_id]))
                next_id += 1
        yield batch


def apply(index: QueueIndex, batch: list[Change]) -> None:
    for verb, subject in batch:
        if verb == "remove":
            assert isinstance(subject, int)
            index.remove(subject)
        else:
            assert isinstance(subject, Contact)
            index.update(subject)


@pytest.mark.parametrize("daily_cap", [0, 1, 5, 100])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_patched_index_always_equals_a_fresh_build(seed: int, daily_cap: int) -> None:
    """After every random change, index.queue equals build_queue for every done_today."""
    rng = random.Random(seed)
    settings = Settings(daily_cap=daily_cap, follow_up_days=rng.choice((3, 7)))
    people = {i: random_contact(rng, i) for i in range(1, 61)}
    ids = sorted(people)
    calls = random_calls(rng, ids)
    intros = random_intros(rng, ids)
    # Someone with a held call, nothing more urgent, and news to congratulate them on.
    busy = {c.contact_id for c in calls if c.held_at is None} | {
        side for intro in intros for side in (intro.a_id, intro.b_id)
    }
    talked = next(c.contact_id for c in calls if c.held_at and c.contact_id not in busy)
    people[talked] = dataclasses.replace(
        people[talked], stage=Stage.TALKED, snoozed_until=None, job_changes=JOB_NEWS[0]
    )
    # Some people owed a thank-you (whatever else the changes give them).
    owed = [i for i in ids if i not in busy and i != talked][::10]
    thanks = [ThankItem(i, f"#{i}", "sending work my way", TODAY, referral_id=i) for i in owed]
    index = QueueIndex(people.values(), settings, TODAY)
    kinds_seen: set[ItemKind] = set()
    for step, batch in enumerate(steps(rng, people, 150)):
        apply(index, batch)
        for done_today in DONE_VALUES:
            expected = build_queue(
                people.values(), calls, intros, settings, TODAY, done_today, thanks
            )
            got = index.queue(calls, intros, done_today, thanks)
            assert got == expected, f"seed {seed}, step {step} ({batch}), done {done_today}"
            kinds_seen.update(item.kind for item in got)
    # Every kind of item came up (new outreach too, unless the cap is 0): nothing went untested.
    assert kinds_seen == set(ItemKind) - ({ItemKind.NEW_OUTREACH} if not daily_cap else set())


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_random_networks_have_equal_scores(seed: int) -> None:
    """The generator makes ties among new outreach, so the order between equals is tested."""
    rng = random.Random(seed)
    people = [random_contact(rng, i) for i in range(1, 61)]
    items = build_queue(people, [], [], Settings(daily_cap=100), TODAY, 0)
    scores = [item.priority for item in items if item.kind is ItemKind.NEW_OUTREACH]
    assert len(scores) > len(set(scores))


def test_updates_before_the_first_queue_read_are_kept() -> None:
    """Changes made to a new index before anything was read from it count too."""
    rng = random.Random(11)
    settings = Settings(daily_cap=5)
    people = {i: random_contact(rng, i) for i in range(1, 41)}
    index = QueueIndex(people.values(), settings, TODAY)
    for batch in steps(rng, people, 40):
        apply(index, batch)
    assert index.queue([], [], 0) == build_queue(people.values(), [], [], settings, TODAY, 0)


# --- ties and re-added contacts -----------------------------------------------------------


def fresh(contact_id: int, **fields: object) -> Contact:
    """A never-contacted person; all with the same fields score the same."""
    return Contact(
        id=contact_id,
        first_name=f"P{contact_id}",
        company="Acme",
        connected_on=days(-30),
        **fields,  # type: ignore[arg-type]
    )


def outreach_ids(items: list[QueueItem]) -> list[int]:
    return [item.contact_id for item in items if item.kind is ItemKind.NEW_OUTREACH]


def test_removed_then_readded_with_the_same_score_appears_once() -> None:
    """A contact taken out and put back unchanged is listed once, and costs one slot of the cap."""
    people = [fresh(i) for i in range(1, 5)]
    index = QueueIndex(people, Settings(daily_cap=4), TODAY)
    assert outreach_ids(index.queue([], [], 0)) == [1, 2, 3, 4]
    index.remove(2)
    assert outreach_ids(index.queue([], [], 0)) == [1, 3, 4]
    index.update(people[1])
    assert outreach_ids(index.queue([], [], 0)) == [1, 2, 3, 4]
    index.update(people[1])  # saved again, unchanged
    index.update(people[1])
    items = index.queue([], [], 0)
    assert outreach_ids(items) == [1, 2, 3, 4]
    assert items == build_queue(people, [], [], Settings(daily_cap=4), TODAY, 0)
    assert outreach_ids(index.queue([], [], 1)) == [1, 2, 3]


def test_readded_contact_does_not_take_two_slots_of_a_tight_cap() -> None:
    """With the cap one short of everyone, a re-added best contact still leaves room for others."""
    people = [fresh(i, closeness=4 if i == 3 else 0) for i in range(1, 6)]
    settings = Settings(daily_cap=3)
    index = QueueIndex(people, settings, TODAY)
    assert outreach_ids(index.queue([], [], 0)) == [3, 1, 2]
    for _ in range(3):
        index.remove(3)
        index.update(people[2])
    assert outreach_ids(index.queue([], [], 0)) == [3, 1, 2]
    assert index.queue([], [], 0) == build_queue(people, [], [], settings, TODAY, 0)


def test_score_changing_back_and_forth_leaves_no_ghost() -> None:
    """A contact whose score goes up, down and back again sits only at its current rank."""
    people = {i: fresh(i) for i in range(1, 6)}
    settings = Settings(daily_cap=2)
    index = QueueIndex(people.values(), settings, TODAY)
    index.queue([], [], 0)
    for closeness in (4, 0, 4, 0):
        people[5] = dataclasses.replace(people[5], closeness=closeness)
        index.update(people[5])
        got = index.queue([], [], 0)
        assert got == build_queue(people.values(), [], [], settings, TODAY, 0)
        assert outreach_ids(got) == ([5, 1] if closeness else [1, 2])


def test_equal_scores_are_ordered_by_id_whatever_the_insertion_order() -> None:
    """Ties go to the lower id, also for contacts added to the index after it was read."""
    settings = Settings(daily_cap=3)
    index = QueueIndex([fresh(7), fresh(9)], settings, TODAY)
    index.queue([], [], 0)
    for contact_id in (8, 2, 5):
        index.update(fresh(contact_id))
    assert outreach_ids(index.queue([], [], 0)) == [2, 5, 7]


def test_a_contact_leaving_fresh_frees_its_slot() -> None:
    """Contacted, snoozed or resting: the next fresh person takes the slot."""
    people = {i: fresh(i) for i in range(1, 6)}
    settings = Settings(daily_cap=2)
    index = QueueIndex(people.values(), settings, TODAY)
    index.queue([], [], 0)
    for contact_id, fields in (
        (1, {"snoozed_until": days(1)}),
        (2, {"stage": Stage.CONTACTED, "next_action_on": days(5), "last_contacted_on": TODAY}),
        (3, {"stage": Stage.DO_NOT_CONTACT}),
    ):
        people[contact_id] = dataclasses.replace(people[contact_id], **fields)
        index.update(people[contact_id])
        assert index.queue([], [], 0) == build_queue(people.values(), [], [], settings, TODAY, 0)
    assert outreach_ids(index.queue([], [], 0)) == [4, 5]


# --- the Repo keeps its index in step ------------------------------------------------------


def assert_queue_fresh(repo: Repo, today: date) -> list[QueueItem]:
    """repo.queue(today) equals a queue built from scratch from what the repo holds now."""
    expected = queue.build_queue(
        repo.contacts, repo.calls, repo.intros, repo.settings(), today, repo.outreach_done(today)
    )
    got = repo.queue(today)
    assert got == expected
    return got


def first_names(repo: Repo, items: list[QueueItem]) -> list[str]:
    return [repo.contacts.by_id()[item.contact_id].first_name for item in items]


def first(items: list[QueueItem], kind: ItemKind) -> QueueItem:
    return next(item for item in items if item.kind is kind)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    """A database of 80 random people with calls and introductions, open (not deferred)."""
    rng = random.Random(42)
    with Repo.open(tmp_path / "netdesk.json") as opened:
        contacts = [dataclasses.replace(random_contact(rng, 0), id=0) for _ in range(80)]
        stored = opened.contacts.insert_many(contacts)
        ids = [c.id for c in stored]
        opened.calls.insert_many(dataclasses.replace(c, id=0) for c in random_calls(rng, ids))
        opened.intros.insert_many(dataclasses.replace(i, id=0) for i in random_intros(rng, ids))
        opened.save_settings(Settings(daily_cap=5, follow_up_days=7, my_name="Sam"))
        yield opened


def test_repo_queue_stays_fresh_through_the_routine(repo: Repo) -> None:
    """Each routine step patches (or rebuilds) the repo's index: its queue is never stale."""
    items = assert_queue_fresh(repo, TODAY)

    repo.skip(items[0].contact_id, NOW)
    items = assert_queue_fresh(repo, TODAY)

    repo.snooze(items[-1].contact_id, days(3), NOW)
    items = assert_queue_fresh(repo, TODAY)

    outreach = first(items, ItemKind.NEW_OUTREACH)
    repo.mark_sent(outreach.contact_id, MessageKind.OUTREACH, "Hello", "Outreach", NOW)
    items = assert_queue_fresh(repo, TODAY)
    assert repo.outreach_done(TODAY) == 1

    repo.mark_done(first(items, ItemKind.NEW_OUTREACH), NOW)
    items = assert_queue_fresh(repo, TODAY)

    repo.mark_done(first(items, ItemKind.FOLLOW_UP), NOW)
    items = assert_queue_fresh(repo, TODAY)

    repo.mark_replied(first(items, ItemKind.NEW_OUTREACH).contact_id, NOW)
    items = assert_queue_fresh(repo, TODAY)

    reply = first(items, ItemKind.REPLY)
    repo.schedule_call(reply.contact_id, NOW + timedelta(hours=2), NOW)
    items = assert_queue_fresh(repo, TODAY)

    call = first(items, ItemKind.CALL_TODAY)
    repo.log_call(Call(call.contact_id, held_at=NOW), NOW, closeness=3)
    items = assert_queue_fresh(repo, TODAY)

    repo.delete_contact(items[0].contact_id)
    items = assert_queue_fresh(repo, TODAY)
    intro = first(items, ItemKind.INTRO_STEP)
    repo.delete_contact(intro.contact_id)  # its introductions go too
    items = assert_queue_fresh(repo, TODAY)

    some = first(items, ItemKind.NEW_OUTREACH).contact_id
    repo.contacts.update(some, {"closeness": 4, "company": "", "position": ""})
    assert_queue_fresh(repo, TODAY)

    repo.settle(TODAY)
    assert_queue_fresh(repo, TODAY)


def test_repo_queue_after_a_bulk_import(repo: Repo) -> None:
    """Importing more than BULK_CHANGE new people (plus updates) rebuilds: all are considered."""
    repo.save_settings(dataclasses.replace(repo.settings(), daily_cap=100))
    assert_queue_fresh(repo, TODAY)
    newcomers = [
        Contact(
            first_name=f"New{i}",
            company="Acme",
            closeness=4,
            connected_on=TODAY,
        )
        for i in range(BULK_CHANGE + 5)
    ]
    existing = [c.id for c in repo.contacts][:3]
    repo.import_contacts(newcomers, [(i, {"closeness": 4}) for i in existing], NOW)
    items = assert_queue_fresh(repo, TODAY)
    assert any(name.startswith("New") for name in first_names(repo, items))


def test_repo_queue_after_a_small_import(repo: Repo) -> None:
    """A few new people and field updates are patched into the index one by one."""
    repo.save_settings(dataclasses.replace(repo.settings(), daily_cap=100))
    assert_queue_fresh(repo, TODAY)
    newcomers = [
        Contact(first_name=f"Few{i}", company="Acme", closeness=4, connected_on=TODAY)
        for i in range(3)
    ]
    existing = [c.id for c in repo.contacts][: BULK_CHANGE - 10]
    repo.import_contacts(newcomers, [(i, {"position": "CTO"}) for i in existing], NOW)
    items = assert_queue_fresh(repo, TODAY)
    assert sum(name.startswith("Few") for name in first_names(repo, items)) == 3


@pytest.mark.parametrize("field", ["daily_cap", "follow_up_days"])
def test_repo_queue_after_new_settings(repo: Repo, field: str) -> None:
    """A changed cap or follow-up period shows at once in the queue."""
    before = assert_queue_fresh(repo, TODAY)
    value = {"daily_cap": 1, "follow_up_days": 2}[field]
    repo.save_settings(dataclasses.replace(repo.settings(), **{field: value}))
    after = assert_queue_fresh(repo, TODAY)
    assert after != before
    repo.save_settings(dataclasses.replace(repo.settings(), daily_cap=0))
    assert outreach_ids(assert_queue_fresh(repo, TODAY)) == []


def test_repo_queue_for_another_day(repo: Repo) -> None:
    """Tomorrow's queue is tomorrow's, and changes made in between reach both days."""
    assert_queue_fresh(repo, TODAY)
    tomorrow = TODAY + timedelta(days=1)
    assert_queue_fresh(repo, tomorrow)
    items = assert_queue_fresh(repo, tomorrow)
    repo.skip(items[0].contact_id, NOW + timedelta(days=1))
    assert_queue_fresh(repo, tomorrow)
    assert_queue_fresh(repo, TODAY)
    repo.snooze(first(repo.queue(TODAY), ItemKind.NEW_OUTREACH).contact_id, tomorrow, NOW)
    assert_queue_fresh(repo, TODAY)
    assert_queue_fresh(repo, tomorrow)


def test_repo_queue_after_contacts_are_replaced_and_readded(repo: Repo) -> None:
    """A contact saved back after removal, and a whole new network, are both seen."""
    items = assert_queue_fresh(repo, TODAY)
    outreach = first(items, ItemKind.NEW_OUTREACH)
    contact = repo.contacts.get(outreach.contact_id)
    assert contact is not None
    repo.contacts.remove([contact.id])
    assert contact.id not in outreach_ids(assert_queue_fresh(repo, TODAY))
    repo.contacts.save(contact)  # back with the same id and the same score
    again = assert_queue_fresh(repo, TODAY)
    assert outreach_ids(again).count(contact.id) == 1

    rng = random.Random(5)
    repo.replace_all([dataclasses.replace(random_contact(rng, 0), id=0) for _ in range(30)])
    assert_queue_fresh(repo, TODAY)
