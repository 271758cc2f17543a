"""Who fits? BM25 over people's texts: stemming, prefixes, lifts, the field and snippet why."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime

import pytest

from netdesk.domain.fit_texts import everything_texts, fit_texts
from netdesk.domain.fits import (
    EVERYTHING_FIELDS,
    FIT_FIELDS,
    TextIndex,
)
from netdesk.domain.models import Call, Contact, Intro, Lead, Message, Referral

HELD = datetime(2026, 11, 2, 10)


def person(contact_id: int, first: str, **fields: object) -> Contact:
    return Contact(id=contact_id, first_name=first, last_name="Test", **fields)  # type: ignore[arg-type]


def index_of(
    *contacts: Contact,
    a_network: frozenset[int] | set[int] = frozenset(),
    calls: Sequence[Call] = (),
) -> TextIndex:
    by_contact: dict[int, list[Call]] = {}
    for call in calls:
        by_contact.setdefault(call.contact_id, []).append(call)
    return TextIndex(
        FIT_FIELDS,
        [fit_texts(c, by_contact.get(c.id, []), in_a=c.id in a_network) for c in contacts],
    )


def found(index: TextIndex, need: str) -> list[str]:
    return [fit.name for fit in index.search(need)]


def test_stemming_finds_designer_for_design() -> None:
    """ "design" finds "Designer" and "designing", and not an unrelated person."""
    index = index_of(
        person(1, "Ann", offers="Web designer for dentists"),
        person(2, "Bob", notes="spent years designing ships"),
        person(3, "Cy", offers="bookkeeping"),
    )
    assert sorted(found(index, "design ")) == ["Ann Test", "Bob Test"]


def test_half_typed_last_word_is_a_prefix() -> None:
    """While typing, "bookk" already finds the bookkeeper; after a space it is a whole word."""
    index = index_of(person(1, "Ann", offers="Bookkeeping with Xero"), person(2, "Bob"))
    assert found(index, "bookk") == ["Ann Test"]
    assert found(index, "bookk ") == []


def test_no_match_is_an_honest_empty_result() -> None:
    """Words nobody has, only stop words, or nothing typed: no one is offered."""
    index = index_of(person(1, "Ann", offers="web design"))
    assert index.search("quantum astrophysics") == []
    assert index.search("someone who") == []
    assert index.search("") == []
    assert index.search("   ") == []


def test_offers_outrank_a_passing_mention_in_notes() -> None:
    """The same word in what someone offers counts more than in your notes on someone."""
    index = index_of(
        person(1, "Notes", notes="her cousin does freight"),
        person(2, "Offers", offers="freight forwarding"),
    )
    assert found(index, "freight") == ["Offers Test", "Notes Test"]


def test_a_network_and_closeness_lift_the_score() -> None:
    """Equal texts: someone you talked with and know well comes first, by the stated lift."""
    texts = {"offers": "tax advice for start-ups"}
    index = index_of(
        person(1, "Stranger", **texts),
        person(2, "Talked", **texts),
        person(3, "Close", closeness=4, **texts),
        a_network={2, 3},
    )
    fits = index.search("tax")
    assert [f.name for f in fits] == ["Close Test", "Talked Test", "Stranger Test"]
    assert [f.network for f in fits] == ["A", "A", "B"]
    base = fits[2].score
    assert fits[1].score == pytest.approx(base * 1.5, rel=1e-4)
    assert fits[0].score == pytest.approx(base * 2.0, rel=1e-4)


def test_more_of_the_need_matched_ranks_higher() -> None:
    """Both words of the need beat one of them."""
    index = index_of(
        person(1, "One", offers="websites for shops"),
        person(2, "Both", offers="website redesign for dental practices"),
    )
    assert found(index, "website redesign") == ["Both Test", "One Test"]


def test_each_result_names_the_field_and_spans_the_matched_words() -> None:
    """The snippet is from the field that matched, with the matched words' positions."""
    calls = [
        Call(1, held_at=HELD, notes="Looking at cold-chain trucks", highlights="Ran a port"),
        Call(1, held_at=HELD, leads=[Lead("Jo Roe", "Acme", "buys freight for Acme")]),
    ]
    index = index_of(person(1, "Ann", position="Teacher"), calls=calls, a_network={1})
    (fit,) = index.search("acme freight")
    assert fit.field == "leads"
    assert fit.snippet.text == "Jo Roe, Acme: buys freight for Acme"
    assert fit.snippet.matched() == ["Acme", "freight"]
    assert fit.snippet.spans == ((8, 12), (19, 26), (31, 35))
    (fit,) = index.search("trucks")
    assert (fit.field, fit.snippet.matched()) == ("call notes", ["trucks"])


def test_accents_and_case_fold() -> None:
    """ "muller" finds Müller's company; "CAFÉ" finds "cafe"."""
    index = index_of(person(1, "Ann", company="Müller Logistik"), person(2, "Bob", tags=["cafe"]))
    assert found(index, "muller") == ["Ann Test"]
    assert found(index, "CAFÉ ") == ["Bob Test"]


def test_escape_sequences_and_markup_are_text() -> None:
    """A word glued to an escape sequence is still found; the snippet keeps the text as is."""
    notes = "knows a \x1b[31mdesigner\x1b[0m and [bold]Eve[/bold]"
    index = index_of(person(1, "Ann", notes=notes))
    (fit,) = index.search("designer ")
    assert fit.snippet.text == notes
    assert fit.snippet.matched() == ["designer"]
    (fit,) = index.search("bold")
    assert fit.snippet.spans == ((31, 35), (41, 45))


def test_sync_patches_changed_and_removed_people() -> None:
    """An edit is found at once; a deleted person never is; an added one is."""
    ann = person(1, "Ann", offers="plumbing")
    index = index_of(ann, person(2, "Bob", offers="plumbing"))
    index.sync(
        {
            1: fit_texts(dataclasses.replace(ann, offers="carpentry"), [], in_a=False),
            2: None,
            3: fit_texts(person(3, "Cy", offers="plumbing"), [], in_a=False),
        }
    )
    assert found(index, "plumbing") == ["Cy Test"]
    assert found(index, "carpentry") == ["Ann Test"]
    assert len(index) == 2 and 2 not in index


def test_exclude_and_limit() -> None:
    """`exclude` leaves people out; `limit` caps the list, ties in name order."""
    index = index_of(*(person(i, name, offers="solar panels") for i, name in enumerate("DCBA", 1)))
    assert found(index, "solar") == ["A Test", "B Test", "C Test", "D Test"]
    assert [f.name for f in index.search("solar", 2, exclude=[4])] == ["B Test", "C Test"]


def test_a_long_text_gives_a_short_snippet_around_the_match() -> None:
    """Call notes of a page give a one-line snippet that still holds the word."""
    notes = ("We talked about the weather.\n" * 20) + "She needs a Xero bookkeeper." + " x" * 80
    index = index_of(person(1, "Ann"), calls=[Call(1, held_at=HELD, notes=notes)])
    (fit,) = index.search("xero")
    assert len(fit.snippet.text) <= 92
    assert "\n" not in fit.snippet.text
    assert fit.snippet.matched() == ["Xero"]
    assert fit.snippet.text.startswith("…") and fit.snippet.text.endswith("…")


def test_search_everything_reaches_messages_intros_and_referrals() -> None:
    """The second mode finds words in message bodies, intro texts and referral needs."""
    ann, bob = person(1, "Ann"), person(2, "Bob")
    people = [
        everything_texts(
            ann,
            [],
            [Message(1, body="Loved your talk on hydroponics")],
            [Intro(1, 2, reason="both are into beekeeping")],
            [],
            in_a=False,
        ),
        everything_texts(
            bob,
            [],
            [],
            [Intro(1, 2, reason="both are into beekeeping")],
            [Referral(giver_id=2, need="a notary in Lisbon")],
            in_a=False,
        ),
    ]
    index = TextIndex(EVERYTHING_FIELDS, people)
    assert [(f.name, f.field) for f in index.search("hydroponics")] == [("Ann Test", "message")]
    assert sorted(f.name for f in index.search("beekeeping")) == ["Ann Test", "Bob Test"]
    assert [(f.name, f.field) for f in index.search("notary")] == [("Bob Test", "referral")]
    assert [f.name for f in index.search("ann")] == ["Ann Test"]  # names too


def test_the_engine_loads_on_first_use_not_at_start_up() -> None:
    """Importing the finder, matchmaking, the repo or the CLI loads no tantivy."""
    code = (
        "import sys, netdesk.domain.fits, netdesk.domain.fit_texts, netdesk.domain.matchmaking,"
        " netdesk.store.repo, netdesk.cli; print('tantivy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
