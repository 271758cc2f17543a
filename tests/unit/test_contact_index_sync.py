"""ContactIndex.sync: an index patched with a few changes answers exactly as a fresh build.

Every round applies random edits, deletions, additions and A-network moves to a dict of
contacts, syncs the index with the changed ids, and compares it with `ContactIndex` built
from scratch on the same contacts and sorted the same way.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest

from netdesk.domain.contact_index import SORT_KEYS, ContactIndex
from netdesk.domain.models import Contact, Stage

FIRST = ("Anna", "Änna", "Ann", "Zoë", "Zoe", "Björn", "Bjorn", "Mara", "María", "Łukasz", "")
LAST = ("Müller", "Muller", "Straße", "Strasse", "Marsh", "Øst", "Adams", "李", "Ma", "")
COMPANIES = ("Acme", "acme", "Äcme Labs", "Siemens", "Beta GmbH", "Marine Corp", "Mäander AG", "")
POSITIONS = ("Engineer", "Product Manager", "CTO", "Analyst", "")
TAGS = ("berlin", "alumni", "investor", "marathon", "pm")
STAGES = tuple(Stage)
QUERY_STAGES = (None, Stage.NEW, Stage.TALKED)
NETWORKS = (None, "A", "B")
ROUNDS = 40
START = 120
ABSENT_IDS = range(10_000, 10_020)
"""Ids never given to a contact: the A network may still name them (a deleted person's call)."""


def random_date(rng: random.Random) -> date | None:
    if rng.random() < 0.25:
        return None
    # A narrow range, so equal dates (ties broken by name, then id) are common.
    return date(2020, 1, 1) + timedelta(days=rng.randrange(60))


def random_contact(rng: random.Random, contact_id: int) -> Contact:
    first = rng.choice(FIRST)
    return Contact(
        id=contact_id,
        first_name=first,
        last_name=rng.choice(LAST),
        company=rng.choice(COMPANIES),
        position=rng.choice(POSITIONS),
        tags=rng.sample(TAGS, rng.randrange(3)),
        email=f"{first.casefold() or 'x'}{contact_id}@example.com" if rng.random() < 0.7 else "",
        stage=rng.choice(STAGES),
        connected_on=random_date(rng),
        last_contacted_on=random_date(rng),
    )


def random_edit(rng: random.Random, contact: Contact) -> Contact:
    """A changed copy that usually moves in some sort order (and sometimes in none)."""
    fields = rng.sample(
        [
            "first_name",
            "last_name",
            "company",
            "position",
            "tags",
            "stage",
            "connected_on",
            "last_contacted_on",
            "email",
        ],
        rng.randrange(1, 4),
    )
    other = random_contact(rng, contact.id)
    return dataclasses.replace(contact, **{name: getattr(other, name) for name in fields})


class Network:
    """The contacts and A network a test changes, and the ids each round touched."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.contacts = {i: random_contact(rng, i) for i in range(1, START + 1)}
        self.a_network = {i for i in self.contacts if rng.random() < 0.3} | {ABSENT_IDS[0]}
        self.next_id = START + 1
        self.ever: set[int] = set(self.contacts)

    def change(self) -> set[int]:
        """Apply one random round of changes; returns the contact ids touched."""
        rng, contacts = self.rng, self.contacts
        changed: set[int] = set()
        for _ in range(rng.randrange(1, 8)):
            roll = rng.random()
            if roll < 0.4 and contacts:
                cid = rng.choice(list(contacts))
                contacts[cid] = random_edit(rng, contacts[cid])
                changed.add(cid)
            elif roll < 0.6 and contacts:
                cid = rng.choice(list(contacts))
                del contacts[cid]
                changed.add(cid)
            elif roll < 0.8:
                cid = self.next_id
                self.next_id += 1
                contacts[cid] = random_contact(rng, cid)
                self.ever.add(cid)
                changed.add(cid)
            else:
                self.move_in_network()
        return changed

    def move_in_network(self) -> None:
        """Someone joins or leaves the A network: present, deleted, or never a contact."""
        rng = self.rng
        if self.a_network and rng.random() < 0.4:
            self.a_network.discard(rng.choice(sorted(self.a_network)))
            return
        pool = [*self.contacts] if rng.random() < 0.7 else [*self.ever, *ABSENT_IDS]
        if pool:
            self.a_network.add(rng.choice(pool))


def fresh_index(contacts: dict[int, Contact], a_network: set[int], key: str) -> ContactIndex:
    index = ContactIndex(contacts.values(), set(a_network))
    index.sort_by(key)
    return index


def queries(rng: random.Random, contacts: dict[int, Contact], gone: set[int]) -> list[str]:
    """Short, accented, whole-name and company-word queries, some naming deleted people."""
    chosen = ["", "a", "ma", "mü", "MULLER", "strasse"]
    people = list(contacts.values())
    if people:
        person = rng.choice(people)
        chosen.append(f"{person.first_name} {person.last_name}")
        with_company = [c for c in people if c.company]
        if with_company:
            chosen.append(rng.choice(with_company).company.split()[0])
    chosen.extend(f"{cid}@example" for cid in sorted(gone)[:2])
    return chosen


def assert_same(
    synced: ContactIndex, contacts: dict[int, Contact], a_network: set[int], query_list: list[str]
) -> None:
    fresh = fresh_index(contacts, a_network, synced.sort_key)
    assert len(synced) == len(fresh) == len(contacts)
    assert synced.a_network == fresh.a_network == a_network
    for query in query_list:
        for stage in QUERY_STAGES:
            for network in NETWORKS:
                got = synced.filter(query, stage=stage, network=network)
                want = fresh.filter(query, stage=stage, network=network)
                assert got == want, (query, stage, network)
    everyone = synced.filter("")
    assert synced.contacts(everyone) == [contacts[cid] for cid in everyone]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("key", SORT_KEYS)
def test_synced_index_equals_a_fresh_one(key: str, seed: int) -> None:
    rng = random.Random(f"{key}-{seed}")
    net = Network(rng)
    index = fresh_index(net.contacts, net.a_network, key)
    for _ in range(ROUNDS):
        before = set(net.contacts)
        changed = net.change()
        index.sync(net.contacts, changed, set(net.a_network))
        assert index.sort_key == key
        gone = before - set(net.contacts)
        assert all(cid not in index for cid in gone)
        assert all(cid in index for cid in net.contacts)
        assert_same(index, net.contacts, net.a_network, queries(rng, net.contacts, gone))


@pytest.mark.parametrize("key", SORT_KEYS)
def test_added_then_deleted_in_one_round_is_ignored(key: str) -> None:
    """An id added and removed between two syncs, or listed but never there, changes nothing."""
    net = Network(random.Random(key))
    index = fresh_index(net.contacts, net.a_network, key)
    ghost = net.next_id
    edited = dataclasses.replace(net.contacts[5], last_name="Aaronson", company="Zeta")
    net.contacts[5] = edited
    del net.contacts[7]
    index.sync(net.contacts, [ghost, 5, 7, 99_999, 5], net.a_network)
    assert ghost not in index
    assert index.get(5) is edited
    assert_same(index, net.contacts, net.a_network, ["", "aaronson", "zeta", "a"])


def test_only_network_changes_move_people_between_a_and_b() -> None:
    """Nobody listed as changed: the A-network difference alone re-marks the people."""
    net = Network(random.Random(3))
    index = fresh_index(net.contacts, net.a_network, "stage")
    joined = next(cid for cid in net.contacts if cid not in net.a_network)
    left = next(cid for cid in sorted(net.a_network) if cid in net.contacts)
    net.a_network = (net.a_network - {left}) | {joined, ABSENT_IDS[5]}
    index.sync(net.contacts, (), net.a_network)
    assert joined in index.filter("", network="A")
    assert left in index.filter("", network="B")
    assert_same(index, net.contacts, net.a_network, ["", "a"])


def test_sync_keeps_its_own_copy_of_the_a_network() -> None:
    """Changing the set handed to sync afterwards must not change the index."""
    net = Network(random.Random(4))
    index = fresh_index(net.contacts, net.a_network, "name")
    given = set(net.a_network) | {1, 2}
    index.sync(net.contacts, [], given)
    snapshot = set(given)
    given.clear()
    assert index.a_network == snapshot
    assert_same(index, net.contacts, snapshot, [""])


@pytest.mark.parametrize("key", SORT_KEYS)
@pytest.mark.parametrize(("stage", "network"), [(None, None), (None, "A"), (Stage.NEW, "B")])
def test_narrowing_cache_does_not_survive_a_sync(
    key: str, stage: Stage | None, network: str | None
) -> None:
    """filter("ma") then sync then filter("mar"): the longer query must not reuse the old
    matches, whose positions and membership the sync changed."""
    contacts = {
        1: Contact(id=1, first_name="Mara", last_name="Adams", stage=Stage.NEW),
        2: Contact(id=2, first_name="Marco", last_name="Zeller", stage=Stage.NEW),
        3: Contact(id=3, first_name="Anna", last_name="Marsh", stage=Stage.NEW),
        4: Contact(id=4, first_name="Bob", last_name="Mayer", company="Marine", stage=Stage.NEW),
        5: Contact(id=5, first_name="Zoë", last_name="Ma", stage=Stage.TALKED),
        7: Contact(id=7, first_name="Ivy", last_name="Stone", stage=Stage.NEW),
        8: Contact(id=8, first_name="Zed", last_name="Quinn", company="Zeta", stage=Stage.NEW),
    }
    a_network = {2, 5, 8}
    index = fresh_index(contacts, a_network, key)
    assert index.filter("ma", stage=stage, network=network)  # primes the narrowing cache

    contacts[6] = Contact(
        id=6,
        first_name="Aaron",
        last_name="Marquez",
        company="Acme",
        stage=Stage.NEW,
        connected_on=date(2024, 1, 1),
    )  # new, sorts first by name, connected and company
    contacts[3] = dataclasses.replace(contacts[3], last_name="Smith")  # no longer "mar"
    del contacts[1]
    contacts[4] = dataclasses.replace(contacts[4], stage=Stage.REPLIED)
    a_network = {4, 6, 5}  # 2 leaves, 4 and 6 join
    index.sync(contacts, [6, 3, 1, 4], a_network)

    got = index.filter("mar", stage=stage, network=network)
    fresh = fresh_index(contacts, a_network, key)
    assert got == fresh.filter("mar", stage=stage, network=network)
    # And backing off to a shorter query after the sync also matches a rebuild.
    assert index.filter("m", stage=stage, network=network) == fresh.filter(
        "m", stage=stage, network=network
    )


def test_narrowing_cache_after_a_network_only_sync() -> None:
    """A sync that only moves people between A and B must not leave the A filter stale."""
    contacts = {i: Contact(id=i, first_name="Mara", last_name=f"M{i}") for i in range(1, 6)}
    index = fresh_index(contacts, {1, 2}, "name")
    assert index.filter("ma", network="A") == [1, 2]
    index.sync(contacts, [], {2, 3, 4})
    assert index.filter("mar", network="A") == [2, 3, 4]
    assert index.filter("mara", network="B") == [1, 5]


def test_every_order_seen_stays_equal_to_a_fresh_one() -> None:
    """Orders made earlier are patched by each sync too: going back to one shows what a
    fresh index sorted that way would."""
    rng = random.Random("every order")
    net = Network(rng)
    index = fresh_index(net.contacts, net.a_network, "name")
    for key in SORT_KEYS:
        index.sort_by(key)
        index.filter("ma", stage=Stage.NEW, network="A")  # its texts and columns made
    for round_number in range(ROUNDS):
        index.sync(net.contacts, net.change(), set(net.a_network))
        index.sort_by(SORT_KEYS[round_number % len(SORT_KEYS)])
        assert_same(index, net.contacts, net.a_network, ["", "a", "ma"])
