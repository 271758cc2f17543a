"""ContactIndex: what matches, in which order, and that narrowing never changes the answer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from netdesk.domain.contact_index import SORT_KEYS, ContactIndex, fold
from netdesk.domain.models import Contact, Stage


def _people() -> list[Contact]:
    return [
        Contact(
            id=1,
            first_name="Anna",
            last_name="Müller",
            company="Siemens",
            position="Engineer",
            tags=["berlin", "hardware"],
            email="anna@siemens.example",
            connected_on=date(2019, 3, 14),
            last_contacted_on=date(2024, 5, 1),
            stage=Stage.TALKED,
        ),
        Contact(
            id=2,
            first_name="Björn",
            last_name="Straße",
            company="Acme",
            position="Product Manager",
            tags=["pm"],
            connected_on=date(2021, 1, 2),
            stage=Stage.CONTACTED,
        ),
        Contact(
            id=3,
            first_name="Zoë",
            last_name="Adams",
            company="",
            position="Founder",
            email="zoe@startup.example",
            connected_on=None,
            last_contacted_on=date(2025, 2, 3),
            stage=Stage.NEW,
        ),
        Contact(
            id=4,
            first_name="李",
            last_name="小龙",
            company="Acme",
            position="Engineer",
            connected_on=date(2023, 7, 7),
            stage=Stage.NEW,
        ),
        Contact(
            id=5,
            first_name="Carl",
            last_name="Anders",
            company="Beta GmbH",
            position="CTO",
            tags=["investor"],
            connected_on=date(2020, 6, 6),
            last_contacted_on=date(2023, 1, 1),
            stage=Stage.REPLIED,
        ),
    ]


@pytest.fixture
def index() -> ContactIndex:
    return ContactIndex(_people(), a_network={1, 5})


def test_fold_drops_accents_and_case() -> None:
    assert fold("Müller") == "muller"
    assert fold("STRASSE") == fold("Straße") == "strasse"
    assert fold("İstanbul") == "istanbul"
    assert fold("小龙") == "小龙"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("muller", [1]),
        ("MÜLLER", [1]),
        ("zoe", [3]),
        ("strasse", [2]),
        ("engineer", [1, 4]),
        ("acme engineer", [4]),
        ("engineer acme", [4]),
        ("  acme   engineer  ", [4]),
        ("investor", [5]),
        ("hardware", [1]),
        ("startup.example", [3]),
        ("小龙", [4]),
        ("nobody", []),
        ("anna siemens nobody", []),
    ],
)
def test_query_matches(index: ContactIndex, query: str, expected: list[int]) -> None:
    assert sorted(index.filter(query)) == expected


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_returns_everyone_in_order(index: ContactIndex, query: str) -> None:
    assert index.filter(query) == [1, 2, 5, 3, 4]


def test_words_do_not_match_across_fields(index: ContactIndex) -> None:
    # "siemensengineer" would only match if company and position were glued together.
    assert index.filter("siemensengineer") == []


def test_stage_and_network_filters(index: ContactIndex) -> None:
    assert sorted(index.filter("", stage=Stage.NEW)) == [3, 4]
    assert sorted(index.filter("", network="A")) == [1, 5]
    assert sorted(index.filter("", network="B")) == [2, 3, 4]
    assert index.filter("engineer", network="A") == [1]
    assert index.filter("engineer", stage=Stage.NEW, network="B") == [4]
    assert index.filter("", stage=Stage.TALKED, network="B") == []
    with pytest.raises(ValueError):
        index.filter("", network="C")


def _many() -> list[Contact]:
    firsts = ["Ann", "Anna", "Annika", "Bob", "Jörg", "Lee", "Mia", "Zoë"]
    companies = ["Acme", "Annex Labs", "Beta", "Leeway", ""]
    return [
        Contact(
            id=n + 1,
            first_name=firsts[n % len(firsts)],
            last_name=f"Lee{n % 7}",
            company=companies[n % len(companies)],
            position=["Engineer", "Annalist", "CTO"][n % 3],
            stage=list(Stage)[n % len(Stage)],
        )
        for n in range(200)
    ]


@pytest.mark.parametrize(
    "typed",
    [
        ["a", "an", "ann", "anna", "annal"],
        ["a", "an", "ann", "an", "a", ""],  # backspace back to empty
        ["ann", "ann ", "ann l", "ann le", "ann lee3"],
        ["jo", "jor", "jorg", "jör", "jörg"],
        ["lee", "lee ", "lee e", "lee en", "lee e", "lee ea"],
        ["b", "be", "bet", "beta", "", "beta"],
    ],
)
@pytest.mark.parametrize(("stage", "network"), [(None, None), (Stage.NEW, None), (None, "A")])
def test_narrowing_matches_full_scan(
    typed: list[str], stage: Stage | None, network: str | None
) -> None:
    people = _many()
    incremental = ContactIndex(people, a_network={c.id for c in people if c.id % 3 == 0})
    for query in typed:
        got = incremental.filter(query, stage=stage, network=network)
        fresh = ContactIndex(people, a_network={c.id for c in people if c.id % 3 == 0})
        assert got == fresh.filter(query, stage=stage, network=network), query


def test_changing_filters_does_not_reuse_narrowed_result(index: ContactIndex) -> None:
    assert sorted(index.filter("e", stage=Stage.NEW)) == [3, 4]
    # Same query text extended, but the stage filter is gone: must search everyone again.
    assert sorted(index.filter("en")) == [1, 4]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("name", [1, 2, 5, 3, 4]),  # Anna, Björn, Carl, Zoë, then CJK after Latin
        ("company", [2, 4, 5, 1, 3]),  # Acme (Björn, 李), Beta, Siemens; no company last
        ("connected", [4, 2, 5, 1, 3]),  # newest first, unknown last
        ("last_contact", [3, 1, 5, 2, 4]),  # most recent first, never contacted last by name
        ("stage", [3, 4, 2, 5, 1]),  # new, new, contacted, replied, talked
    ],
)
def test_sort_orders(index: ContactIndex, key: str, expected: list[int]) -> None:
    index.sort_by(key)
    assert index.sort_key == key
    assert index.filter("") == expected


def test_sort_keys_cover_every_order(index: ContactIndex) -> None:
    for key in SORT_KEYS:
        index.sort_by(key)
    with pytest.raises(ValueError):
        index.sort_by("shoe size")


def test_sort_invalidates_narrowing(index: ContactIndex) -> None:
    assert index.filter("a") == [1, 2, 5, 3, 4]
    index.sort_by("connected")
    assert index.filter("an") == [2, 5, 1]


def test_update_moves_and_reindexes(index: ContactIndex) -> None:
    index.filter("anna")
    edited = index.get(1)
    assert edited is not None
    # Edit the stored object in place, as a form might, then tell the index.
    edited.first_name = "Zelda"
    edited.company = "Initech"
    edited.email = ""
    index.update(edited)
    assert index.filter("anna") == []
    assert index.filter("initech") == [1]
    assert index.filter("") == [2, 5, 1, 3, 4]
    assert len(index) == 5


def test_update_changes_stage_and_network(index: ContactIndex) -> None:
    contact = index.get(2)
    assert contact is not None
    contact.stage = Stage.TALKED
    index.update(contact, talked=True)
    assert sorted(index.filter("", stage=Stage.TALKED, network="A")) == [1, 2]
    index.update(contact, talked=False)
    assert index.filter("", network="A") == [1, 5]
    index.update(contact)  # talked=None keeps membership
    assert 2 not in index.a_network


def test_remove_and_add(index: ContactIndex) -> None:
    index.remove(1)
    assert 1 not in index
    assert 1 not in index.a_network
    assert index.filter("") == [2, 5, 3, 4]
    with pytest.raises(KeyError):
        index.remove(1)
    index.add(Contact(id=9, first_name="Bea", company="Acme"), talked=True)
    assert index.filter("") == [9, 2, 5, 3, 4]
    assert index.filter("acme", network="A") == [9]
    with pytest.raises(KeyError):
        index.add(Contact(id=9, first_name="Dup"))


def test_edits_keep_order_equal_to_a_rebuild() -> None:
    people = _many()
    index = ContactIndex(people)
    index.sort_by("company")
    for n, contact in enumerate(people[::7]):
        contact.company = ["Zeta", "Acme", ""][n % 3]
        contact.first_name = f"X{n}"
        index.update(contact)
    index.remove(people[1].id)
    index.add(Contact(id=999, first_name="Mid", company="Leeway"))
    rebuilt = ContactIndex(index.contacts(index.filter("")))
    rebuilt.sort_by("company")
    assert index.filter("") == rebuilt.filter("")
    assert index.filter("x") == rebuilt.filter("x")


def test_contacts_returns_records_in_given_order(index: ContactIndex) -> None:
    assert [c.id for c in index.contacts([4, 1])] == [4, 1]


def _reference_key(key: str, contact: Contact) -> tuple[object, ...]:
    """Each order spelled out as one whole key per contact, ending with the unique id."""
    name = fold(f"{contact.first_name} {contact.last_name}").strip()

    def newest_first(day: date | None) -> tuple[bool, int]:
        return (day is None, -day.toordinal() if day else 0)

    first: tuple[object, ...] = {
        "name": (),
        "company": (not contact.company, fold(contact.company)),
        "connected": (newest_first(contact.connected_on),),
        "last_contact": (newest_first(contact.last_contacted_on),),
        "stage": (list(Stage).index(contact.stage),),
        "closeness": (-contact.closeness,),
    }[key]
    return (*first, name, contact.id)


def _varied() -> list[Contact]:
    """_many() with accents, empty and equal companies, unknown and equal dates, closeness."""
    people = _many()
    for n, contact in enumerate(people):
        contact.first_name = ["Ann", "Änn", "ann", "Zoë", "", "Łukasz"][n % 6]
        contact.company = ["Acme", "acme", "Äcme", "", "Beta"][n % 5]
        contact.connected_on = None if n % 4 == 0 else date(2020, 1, 1 + n % 9)
        contact.last_contacted_on = None if n % 3 else date(2024, 2, 1 + n % 5)
        contact.closeness = n % 5
    return people


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_order_equals_sorting_by_its_whole_key(key: str) -> None:
    """Orders are made by a stable sort on their first key over the name order; that must
    list people exactly as sorting by (first key, name, id) does."""
    people = _varied()
    index = ContactIndex(people)
    index.sort_by(key)
    expected = [c.id for c in sorted(people, key=lambda c: _reference_key(key, c))]
    assert index.filter("") == expected
    assert index.filter("a") == [cid for cid in expected if cid in set(index.filter("a"))]


def test_orders_made_earlier_follow_edits_made_in_place() -> None:
    """Every order asked for is kept; an edit (in place, as a form might) moves the person in
    each of them, and the stage and network filters see it in whichever order is current."""
    people = _varied()
    index = ContactIndex(people, a_network={2, 4})
    for key in SORT_KEYS:
        index.sort_by(key)
        index.filter("ann", stage=Stage.NEW, network="A")  # the filters' columns made too
    for n, contact in enumerate(people[::9]):
        contact.first_name, contact.company = f"Aaron{n}", ["Zeta", ""][n % 2]
        contact.connected_on, contact.stage, contact.closeness = None, Stage.TALKED, 4
        index.update(contact, talked=n % 2 == 0)
    for key in SORT_KEYS:
        index.sort_by(key)
        fresh = ContactIndex(people, a_network=index.a_network, sort_key=key)
        assert index.filter("") == fresh.filter("")
        assert index.filter("aaron", stage=Stage.TALKED, network="A") == fresh.filter(
            "aaron", stage=Stage.TALKED, network="A"
        )


@pytest.mark.parametrize("steps", [1, 3])
def test_search_texts_made_late_or_early_find_the_same(steps: int) -> None:
    """The search texts are made on the first query, or beforehand by prepare_search in
    steps (edits, a re-sort and a removal come between the steps here): all find the same."""
    people = _many()
    late, early = ContactIndex(people), ContactIndex(people)
    edits: dict[int, Callable[[ContactIndex], None]] = {  # after which step: the texts are
        1: lambda index: index.update(Contact(id=3, first_name="Quincy", company="Acme")),
        4: lambda index: index.sort_by("company"),  # half laid out: the layout starts again
        5: lambda index: index.remove(1),  # one already laid out
    }
    made: list[Callable[[ContactIndex], None]] = []
    step = 0
    while not early.prepare_search(len(people) // steps + 1):
        step += 1
        if step in edits:
            edits[step](early)
            made.append(edits[step])
    assert len(made) == (1 if steps == 1 else 3)
    for edit in made:
        edit(late)
    for index in (late, early):
        contact = index.get(7)
        assert contact is not None
        index.update(Contact(id=7, first_name="Quentin", company=contact.company))
        index.add(Contact(id=500, first_name="Quilla", company="Quarry"))
    assert late.filter("qu") == early.filter("qu")
    assert {7, 500} <= set(late.filter("qu"))
    assert late.filter("quarry") == early.filter("quarry") == [500]
