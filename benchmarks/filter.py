"""Time ContactIndex filtering at 2k / 30k / 100k generated contacts.

Run: python benchmarks/filter.py
Prints, per size: building the index, a full scan (a backspace: the query no longer extends
the previous one), a narrowing keystroke (the query grows by one letter), and a person
picker's ranked search (`ranked`, 50 matches) for its slowest keystrokes here.
DESIGN.md §7 targets ≤ 10 ms for a full scan and ~0.3 ms for narrowing at 30k; §9 ≤ 50 ms
for every person search.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from netdesk.domain.contact_index import ContactIndex
from netdesk.domain.models import Contact, Stage

FIRST = [
    "Anna",
    "Björn",
    "Chloé",
    "David",
    "Emma",
    "François",
    "Grace",
    "Hiro",
    "Ines",
    "Jürgen",
    "Karim",
    "Lena",
    "Marta",
    "Noah",
    "Olga",
    "Pedro",
    "Quinn",
    "Rosa",
    "Sven",
    "Zoë",
    "李",
]
LAST = [
    "Müller",
    "Smith",
    "García",
    "Nguyen",
    "Okafor",
    "Rossi",
    "Søren",
    "Tanaka",
    "Ivanova",
    "Dubois",
    "Kowalski",
    "O'Brien",
    "Haddad",
    "Schröder",
    "Lee",
    "Patel",
    "小龙",
]
COMPANIES = [
    "Acme",
    "Initech",
    "Globex",
    "Umbrella",
    "Stark Industries",
    "Wayne Enterprises",
    "Siemens",
    "SAP",
    "Zalando",
    "Beta GmbH",
    "",
    "Hooli",
    "Pied Piper",
    "Vandelay",
]
POSITIONS = [
    "Software Engineer",
    "Product Manager",
    "CTO",
    "Founder",
    "Recruiter",
    "Designer",
    "Data Scientist",
    "Head of Sales",
    "Consultant",
    "",
]
TAGS = ["berlin", "pm", "investor", "alumni", "hiring", "ml"]


def generate(count: int, seed: int = 7) -> list[Contact]:
    rng = random.Random(seed)
    start = date(2012, 1, 1)
    people = []
    for n in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        people.append(
            Contact(
                id=n,
                first_name=first,
                last_name=last,
                company=rng.choice(COMPANIES),
                position=rng.choice(POSITIONS),
                email=f"{first.lower()}.{n}@example.com",
                tags=rng.sample(TAGS, rng.randint(0, 2)),
                connected_on=start + timedelta(days=rng.randint(0, 4500)),
                stage=rng.choice(list(Stage)),
            )
        )
    return people


def keystroke_ms(index: ContactIndex, previous: str, query: str) -> float:
    """Best of several timed `filter(query)` calls, each right after an untimed `previous`."""
    times = []
    for _ in range(7):
        index.filter(previous)
        started = time.perf_counter()
        index.filter(query)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


RANKED_KEYS = (("", "a"), ("ann", "an"), ("a", "a c"), ("", "x"), ("fatima", "fatima ro"))
"""(previous, typed) pairs for `ranked`: one letter, a backspace, two words, a rare letter
that leaves few early tiers filled, and a name with a second word begun."""


def ranked_ms(index: ContactIndex) -> float:
    """The slowest of RANKED_KEYS, each the best of several `ranked(typed, 50)` calls."""
    slowest = 0.0
    for previous, query in RANKED_KEYS:
        times = []
        for _ in range(7):
            index.ranked(previous, 50)
            started = time.perf_counter()
            index.ranked(query, 50)
            times.append(time.perf_counter() - started)
        slowest = max(slowest, min(times))
    return slowest * 1000


def main() -> None:
    print(
        f"{'contacts':>9} {'build':>9} {'full scan':>10} {'narrow':>8} {'ranked':>8}"
        "  matches 'an' → 'ann'"
    )
    for count in (2_000, 30_000, 100_000):
        people = generate(count)
        started = time.perf_counter()
        index = ContactIndex(people, a_network={c.id for c in people if c.id % 5 == 0})
        build = (time.perf_counter() - started) * 1000
        full = keystroke_ms(index, "ann", "an")  # a backspace: "an" does not extend "ann"
        narrow = keystroke_ms(index, "an", "ann")
        ranked = ranked_ms(index)
        wide, narrowed = len(index.filter("an")), len(index.filter("ann"))
        print(
            f"{count:>9,} {build:>7.1f}ms {full:>8.2f}ms {narrow:>6.2f}ms {ranked:>6.2f}ms"
            f"  {wide:,} → {narrowed:,}"
        )


if __name__ == "__main__":
    main()
