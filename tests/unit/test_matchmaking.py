"""Matchmaking: one person's seeks against everyone's offers, A network first, kept in step."""

from __future__ import annotations

import dataclasses

from netdesk.domain.fit_texts import fit_texts
from netdesk.domain.fits import FIT_FIELDS, TextIndex
from netdesk.domain.matchmaking import (
    MATCH_DISMISSAL,
    Matchmaker,
    dismissed_pairs,
    introduced_pairs,
    pair_key,
)
from netdesk.domain.models import Contact, Dismissal, Intro

PEOPLE = [
    Contact(id=1, first_name="Sara", seeks="a bookkeeper who knows Xero"),
    Contact(id=2, first_name="Ben", offers="Bookkeeping with Xero for small firms"),
    Contact(id=3, first_name="Kim", offers="knows everyone in Leeds"),
    Contact(id=4, first_name="Lou", offers="bookkeeping and payroll"),
    Contact(id=5, first_name="Tom", seeks="websites for a dental practice"),
    Contact(id=6, first_name="Ida", offers="websites for dental practices, Shopify"),
    Contact(id=7, first_name="Max", offers="Xero bookkeeping courses"),
]


def matchmaker(people: list[Contact] = PEOPLE, a_network: set[int] = frozenset()) -> Matchmaker:  # type: ignore[assignment]
    index = TextIndex(FIT_FIELDS, [fit_texts(c, [], in_a=c.id in a_network) for c in people])
    return Matchmaker(index)


def pairs(found: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(m.seeker_name, m.provider_name) for m in found]


def test_seeks_meet_offers_with_the_words_that_matched() -> None:
    """Sara's Xero bookkeeper is Max or Ben; Kim's "knows" and Lou's bookkeeping without Xero
    carry less than half of what she asked for (Xero is the rare word)."""
    found = matchmaker().suggestions()
    sara = [p for p in pairs(found) if p[0] == "Sara"]
    assert sara == [("Sara", "Max"), ("Sara", "Ben")]  # the shorter offer scores higher
    sara_ben = next(m for m in found if m.provider_name == "Ben")
    assert sara_ben.words == ("bookkeeper", "Xero")
    assert sara_ben.offers.matched() == ["Bookkeeping", "Xero"]
    assert sara_ben.seeks.text == "a bookkeeper who knows Xero"


def test_a_network_pairs_come_first() -> None:
    """Tom and Ida (both talked with) come before Sara and Ben (strangers), whatever the score."""
    found = matchmaker(a_network={5, 6}).suggestions()
    assert pairs(found)[0] == ("Tom", "Ida")
    assert [m.in_a for m in found] == sorted((m.in_a for m in found), reverse=True)


def test_dismissed_and_introduced_pairs_are_left_out() -> None:
    """A pair said no to, or already introduced (either way round), is not suggested."""
    dismissed = dismissed_pairs([Dismissal(MATCH_DISMISSAL, 2, 1), Dismissal("duplicate", 5, 6)])
    introduced = introduced_pairs([Intro(6, 5)])
    assert dismissed == {(1, 2), (5, 6)} - {(5, 6)}
    found = matchmaker().suggestions(dismissed=dismissed, introduced=introduced)
    assert pairs(found) == [("Sara", "Max")]


def test_nobody_seeking_means_no_suggestions() -> None:
    """Offers alone make no pairs."""
    people = [dataclasses.replace(c, seeks="") for c in PEOPLE]
    assert matchmaker(people).suggestions() == []


def test_sync_follows_changed_offers_and_seeks() -> None:
    """A new offer is suggested at once, a withdrawn one drops out, a deleted person too."""
    mm = matchmaker()
    ida = dataclasses.replace(PEOPLE[5], offers="")
    kim = dataclasses.replace(PEOPLE[2], offers="Xero bookkeeper, certified")
    mm.sync({6: fit_texts(ida, [], in_a=False), 3: fit_texts(kim, [], in_a=False), 4: None})
    found = pairs(mm.suggestions())
    assert ("Tom", "Ida") not in found
    assert ("Sara", "Kim") in found
    assert ("Sara", "Lou") not in found and ("Sara", "Max") in found
    sara = dataclasses.replace(PEOPLE[0], seeks="websites")
    mm.sync({1: fit_texts(sara, [], in_a=False)})
    assert [p for p in pairs(mm.suggestions()) if p[0] == "Sara"] == []  # Ida offers none now


def test_a_new_provider_answers_an_existing_seeker() -> None:
    """Someone added later whose offers fit is weighed for the seekers already kept."""
    mm = matchmaker(PEOPLE[:1])
    assert mm.suggestions() == []
    newcomer = Contact(id=9, first_name="Neo", offers="Xero bookkeeping")
    mm.sync({9: fit_texts(newcomer, [], in_a=True)})
    (match,) = mm.suggestions()
    assert (match.seeker_id, match.provider_id, match.in_a) == (1, 9, 1)
    assert mm.matches_for(1) == [match]


def test_pair_key_ignores_order() -> None:
    assert pair_key(7, 3) == pair_key(3, 7) == (3, 7)
