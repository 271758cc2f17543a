"""Time "who fits?" and matchmaking on a demo database plus logged calls (benchmarks/run.py).

    python benchmarks/fits.py [--sizes 2000 30000]

The demo database gets one held call per six contacts (5,000 at 30k), with call notes and
highlights, and half of those people get a seek of three words from a 140-word vocabulary,
so seeks differ from person to person (identical seeks would make matchmaking look cheaper
than it is). Figures, best of 7:

  keystroke   the slowest keystroke of typing a need letter by letter ("website redesign",
              "someone at acme who buys freight"), in the domain: `TextIndex.search`, vs a
              plain scan of the same text: every person's fields folded into one string,
              every typed word tested with `in` (what a substring finder would do)
  patch       one contact's offers changed: `Repo`-style `sync` of that person and the next
              search, vs rebuilding the index from scratch (what "never rebuild" avoids)
  matchmaking one person's offers changed: `Matchmaker.sync` and reading the suggestions,
              vs a plain scan pairing every seeker's words with every offers text (timed
              over the first 200 seekers and scaled to all of them: the whole scan takes
              minutes at 100k)
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from netdesk.domain.contact_index import fold
from netdesk.domain.fit_texts import fit_texts
from netdesk.domain.fits import FIT_FIELDS, PersonText, TextIndex
from netdesk.domain.matchmaking import Matchmaker
from netdesk.domain.models import Call, Contact, Lead
from netdesk.io import demo
from netdesk.store.repo import Repo

NEEDS = ("website redesign", "someone at acme who buys freight")
CALLS_PER_CONTACT = 1 / 6
"""5,000 logged calls at 30,000 contacts."""
SCAN_SEEKERS = 200

_VOCABULARY = sorted(
    {
        word.lower()
        for text in (*demo.OFFERS, *demo.SEEKS, *demo.CALL_NOTES, *demo.CREDENTIALS)
        for word in re.findall(r"[A-Za-z]{4,}", text)
    }
)


def best_ms(action: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def people_with_calls(db: Path, seed: int = 5) -> tuple[list[Contact], list[Call]]:
    """The demo's contacts and calls, plus one held call per six contacts and their seeks."""
    rng = random.Random(seed)
    with Repo.open(db, read_only=True, lock=False) as repo:
        contacts = repo.contacts.all()
        calls = repo.calls.all()
    held = datetime(2026, 1, 5, 10)
    for n in range(int(len(contacts) * CALLS_PER_CONTACT)):
        person = rng.choice(contacts)
        leads = [Lead("Jo Roe", rng.choice(demo.COMPANIES), "buys freight")] if n % 5 == 0 else []
        calls.append(
            Call(
                person.id,
                held_at=held + timedelta(hours=n),
                notes=f"{rng.choice(demo.CALL_NOTES)} {rng.choice(demo.OFFERS)}",
                highlights=rng.choice(demo.CREDENTIALS),
                leads=leads,
            )
        )
    talked = sorted({c.contact_id for c in calls if c.held_at is not None})
    by_id = {c.id: c for c in contacts}
    for contact_id in talked:
        if rng.random() < 0.5:
            by_id[contact_id].seeks = " ".join(rng.sample(_VOCABULARY, 3))
    return contacts, calls


def fit_people(contacts: list[Contact], calls: list[Call]) -> list[PersonText]:
    by_contact: dict[int, list[Call]] = {}
    for call in calls:
        by_contact.setdefault(call.contact_id, []).append(call)
    talked = {c.contact_id for c in calls if c.held_at is not None}
    return [fit_texts(c, by_contact.get(c.id, ()), in_a=c.id in talked) for c in contacts]


def plain_texts(people: list[PersonText]) -> list[str]:
    return [
        fold(" ".join(t for f in FIT_FIELDS if f.searched for t in p.fields.get(f.key, ())))
        for p in people
    ]


def measure(db: Path) -> dict[str, Any]:
    contacts, calls = people_with_calls(db)
    people = fit_people(contacts, calls)
    start = time.perf_counter()
    index = TextIndex(FIT_FIELDS, people)
    build_ms = (time.perf_counter() - start) * 1000
    texts = plain_texts(people)

    keystroke = plain = 0.0
    for need in NEEDS:
        for end in range(1, len(need) + 1):
            typed = need[:end]
            keystroke = max(keystroke, best_ms(lambda typed=typed: index.search(typed, 20)))
            words = fold(typed).split()
            plain = max(
                plain,
                best_ms(
                    lambda words=words: [
                        i for i, t in enumerate(texts) if all(w in t for w in words)
                    ]
                ),
            )
    found = index.search(NEEDS[0], 20)
    assert found and found[0].snippet.spans, "the finder found nothing to time"

    someone = contacts[len(contacts) // 2]
    edits = iter(range(1_000_000))

    def patch() -> None:
        edited = replace(someone, offers=f"website redesign, round {next(edits)}")
        index.sync({someone.id: fit_texts(edited, (), in_a=False)})
        index.search(NEEDS[0], 20)

    patch_ms = best_ms(patch)
    rebuild_ms = best_ms(lambda: TextIndex(FIT_FIELDS, people), repeat=1)

    start = time.perf_counter()
    matchmaker = Matchmaker(index)
    match_build_ms = (time.perf_counter() - start) * 1000
    assert matchmaker.suggestions(), "matchmaking found no pairs to time"

    def rematch() -> None:
        words = " ".join(random.Random(next(edits)).sample(_VOCABULARY, 4))
        matchmaker.sync({someone.id: fit_texts(replace(someone, offers=words), (), in_a=True)})
        matchmaker.suggestions(limit=20)

    match_ms = best_ms(rematch)
    seekers = [fold(p.fields["seeks"][0]).split() for p in people if p.fields.get("seeks")]
    offers = [fold(p.fields["offers"][0]) for p in people if p.fields.get("offers")]
    sample = seekers[:SCAN_SEEKERS]

    def scan() -> None:
        for words in sample:
            [i for i, text in enumerate(offers) if any(w in text for w in words)]

    plain_match_ms = best_ms(scan, repeat=1) * len(seekers) / max(len(sample), 1)
    return {
        "contacts": len(contacts),
        "calls": sum(1 for c in calls if c.held_at is not None),
        "seekers": len(seekers),
        "build": build_ms,
        "keystroke": keystroke,
        "plain_keystroke": plain,
        "patch": patch_ms,
        "rebuild": rebuild_ms,
        "match_build": match_build_ms,
        "match": match_ms,
        "plain_match": plain_match_ms,
    }


def main() -> None:
    import tempfile

    import startup  # benchmarks/ is on sys.path when this file is run

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 30_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            figures = measure(startup.make_db(Path(directory), size))
            print(
                ", ".join(
                    f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in figures.items()
                )
            )


if __name__ == "__main__":
    main()
