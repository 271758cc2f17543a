"""Suggested introductions: one person's `seeks` fits another's `offers`.

Each person who seeks something is a query, ranked by the finder's scorer (`fits.TextIndex`)
over everyone's offers, the A network and closeness lifting as they do there. Their best few
providers are kept per seeker, so reading the suggestions is a walk over a few thousand
kept pairs, never thousands of queries. When people change, only the seekers they can
affect are asked again: the changed people themselves, the seekers who had them listed, and
the seekers whose seeks the new offers answer (a reverse query over the seeks field).
Other seekers keep scores from before the change; one person moves BM25's word weights by
a hair, so the order they give stays right.

A pair needs the matched words to carry at least half the weight (inverse document
frequency) of what the seeker asked for, so "a bookkeeper who knows Xero" is not answered
by everyone who "knows" something.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from netdesk.domain.contact_index import fold
from netdesk.domain.fits import PersonText, TextIndex
from netdesk.domain.models import Dismissal, Intro
from netdesk.domain.snippets import Snippet, make_snippet

MATCH_DISMISSAL = "match"
"""The Dismissal kind recording "not a match" for a pair."""
PER_SEEKER = 3
"""Providers kept per seeker."""
MIN_COVER = 0.5
"""Share of the seek's word weight the matched words must carry."""
REVERSE_LIMIT = 500
"""Seekers asked again at most when one person's offers change."""
_CANDIDATES = 4 * PER_SEEKER
"""Providers ranked per seeker before the cover rule picks the kept few."""


@dataclass(frozen=True, slots=True)
class Match:
    """A suggested introduction: what `seeker_id` seeks fits what `provider_id` offers."""

    seeker_id: int
    provider_id: int
    seeker_name: str
    provider_name: str
    score: float
    in_a: int
    """How many of the two are in the A network (2, 1 or 0): the suggestions' first key."""
    words: tuple[str, ...]
    """The seeker's words that matched, as they wrote them."""
    seeks: Snippet
    offers: Snippet

    @property
    def pair(self) -> tuple[int, int]:
        return pair_key(self.seeker_id, self.provider_id)


def why_meet(match: Match, seeker_first: str, provider_first: str) -> str:
    """The wizard's one-line why (it completes "… because"), from the two texts that matched:
    "Dmitri is looking for a bookkeeper who knows Xero, and Noor offers bookkeeping on Xero"."""
    seeks = match.seeks.text.strip().rstrip(".")
    offers = match.offers.text.strip().rstrip(".")
    return f"{seeker_first} is looking for {seeks}, and {provider_first} offers {offers}"


def pair_key(a: int, b: int) -> tuple[int, int]:
    """A pair of people in either order, as dismissals and introductions are compared."""
    return (a, b) if a <= b else (b, a)


def dismissed_pairs(dismissals: Iterable[Dismissal]) -> set[tuple[int, int]]:
    """Pairs the user said are not a match."""
    return {pair_key(d.a_id, d.b_id) for d in dismissals if d.kind == MATCH_DISMISSAL}


def introduced_pairs(intros: Iterable[Intro]) -> set[tuple[int, int]]:
    """Pairs with an introduction already (any status): nothing left to suggest."""
    return {pair_key(i.a_id, i.b_id) for i in intros}


_Key = tuple[int, float, str, str, int, int]


def _order(match: Match) -> _Key:
    """A network first, then by score; ties by the two names, then ids."""
    return (
        -match.in_a,
        -round(match.score, 5),
        fold(match.seeker_name),
        fold(match.provider_name),
        match.seeker_id,
        match.provider_id,
    )


class Matchmaker:
    """The kept best matches of every seeker over one `TextIndex` of `fit_texts` people."""

    def __init__(self, index: TextIndex) -> None:
        self.index = index
        self._by_seeker: dict[int, list[Match]] = {}
        """Seeker id → kept matches, best first."""
        self._listed_by: dict[int, set[int]] = {}
        """Provider id → seekers whose kept matches name them."""
        self._ordered: list[tuple[_Key, Match]] = []
        """Every kept match in suggestion order."""
        self._words: dict[int, dict[str, float]] = {}
        """Seeker id → their weighed words, as of their last full refresh."""
        self._offered: dict[int, set[str]] = {}
        """Provider id → the index words of their offers (analysed once, not per seeker)."""
        self._freqs: dict[str, int] = {}
        """Word → how many people offer it, until the next change."""
        for person in list(index.people()):
            self._refresh(person.contact_id)

    def sync(self, changed: Mapping[int, PersonText | None]) -> None:
        """Re-index `changed` (None: gone) and ask again the seekers they can affect.

        Seekers who had a changed person listed, and the changed people themselves, are
        asked again in full; a seeker the new offers may answer only weighs that one offer.
        """
        self.index.sync(changed)
        self._freqs.clear()
        for contact_id in changed:
            self._offered.pop(contact_id, None)
        again: set[int] = set()
        for contact_id in changed:
            again.add(contact_id)
            again |= self._listed_by.get(contact_id, set())
        for seeker_id in again:
            self._refresh(seeker_id)
        for contact_id, person in changed.items():
            if person is None:
                continue
            offered = self._offers_of(person)
            for seeker_id in self._seekers_answered_by(offered) - again:
                self._consider(seeker_id, contact_id, offered)

    def suggestions(
        self,
        *,
        dismissed: Collection[tuple[int, int]] = (),
        introduced: Collection[tuple[int, int]] = (),
        limit: int = 20,
    ) -> list[Match]:
        """The best pairs, A network first, then by score; each pair once (its best way
        round). `dismissed` and `introduced` are `pair_key` pairs left out."""
        taken: set[tuple[int, int]] = set()
        found: list[Match] = []
        for _, match in self._ordered:
            key = match.pair
            if key in taken or key in dismissed or key in introduced:
                continue
            taken.add(key)
            found.append(match)
            if len(found) >= limit:
                break
        return found

    def matches_for(self, contact_id: int) -> list[Match]:
        """What fits this person's seeks, best first (for their card)."""
        return list(self._by_seeker.get(contact_id, ()))

    # --- one seeker --------------------------------------------------------------------------

    def _keep(self, seeker_id: int, matches: list[Match]) -> None:
        """Replace the seeker's kept matches (none: forget them)."""
        for match in self._by_seeker.pop(seeker_id, ()):
            listed = self._listed_by.get(match.provider_id)
            if listed is not None:
                listed.discard(seeker_id)
            entry = (_order(match), match)
            del self._ordered[bisect.bisect_left(self._ordered, entry)]
        if not matches:
            return
        self._by_seeker[seeker_id] = matches
        for match in matches:
            self._listed_by.setdefault(match.provider_id, set()).add(seeker_id)
            bisect.insort(self._ordered, (_order(match), match))

    def _refresh(self, seeker_id: int) -> None:
        seeker = self.index.get(seeker_id)
        words = self._weights(seeker) if seeker is not None else {}
        if words:
            self._words[seeker_id] = words
        else:
            self._words.pop(seeker_id, None)
        matches: list[Match] = []
        if seeker is not None and words:
            hits = self.index.ranked(
                {"offers": list(words)}, _CANDIDATES, exclude=[seeker.contact_id]
            )
            for provider_id, score in hits:
                match = self._match(seeker, provider_id, score, words)
                if match is not None:
                    matches.append(match)
                    if len(matches) == PER_SEEKER:
                        break
        self._keep(seeker_id, matches)

    def _consider(self, seeker_id: int, provider_id: int, offered: set[str]) -> None:
        """Weigh one (changed) provider, offering the index words `offered`, for a seeker,
        keeping it if it is among their best."""
        seeker = self.index.get(seeker_id)
        if seeker is None or seeker_id == provider_id:
            return
        words = self._words.get(seeker_id)
        if words is None:  # none of their words was offered before: ask in full
            self._refresh(seeker_id)
            return
        if _shared(words, offered) is None:  # the usual case: one word in common is not enough
            return
        score = self.index.score_of(provider_id, {"offers": list(words)})
        match = self._match(seeker, provider_id, score, words) if score is not None else None
        if match is None:
            return
        kept = [m for m in self._by_seeker.get(seeker_id, ()) if m.provider_id != provider_id]
        kept = sorted([*kept, match], key=_order)[:PER_SEEKER]
        if match in kept:
            self._keep(seeker_id, kept)

    def _weights(self, seeker: PersonText) -> dict[str, float]:
        """The seeker's words that someone offers, with their inverse document frequency."""
        index = self.index
        words = index.terms(" ".join(seeker.fields.get("seeks", ())))
        known = self._freqs
        freqs = {w: known[w] if w in known else index.doc_freq("offers", w) for w in words}
        known.update(freqs)
        return {w: index.idf("offers", w, freq) for w, freq in freqs.items() if freq}

    def _offers_of(self, person: PersonText) -> set[str]:
        offered = self._offered.get(person.contact_id)
        if offered is None:
            offered = set(self.index.terms(" ".join(person.fields.get("offers", ()))))
            self._offered[person.contact_id] = offered
        return offered

    def _match(
        self, seeker: PersonText, provider_id: int, score: float, words: Mapping[str, float]
    ) -> Match | None:
        """The pair as a Match, or None when the shared words carry too little of the seek."""
        index = self.index
        provider = index.get(provider_id)
        if provider is None:
            return None
        shared = _shared(words, self._offers_of(provider))
        if shared is None:
            return None
        offers = " ".join(provider.fields.get("offers", ()))
        seeks = " ".join(seeker.fields.get("seeks", ()))
        seek_snippet = make_snippet(seeks, index.matches(seeks, shared)[0])
        return Match(
            seeker_id=seeker.contact_id,
            provider_id=provider_id,
            seeker_name=seeker.name,
            provider_name=provider.name,
            score=score,
            in_a=int(seeker.in_a) + int(provider.in_a),
            words=tuple(dict.fromkeys(seek_snippet.matched())),
            seeks=seek_snippet,
            offers=make_snippet(offers, index.matches(offers, shared)[0]),
        )

    def _seekers_answered_by(self, offered: set[str]) -> set[int]:
        """Seekers whose seeks hold any of the index words `offered`."""
        if not offered:
            return set()
        return self.index.matching_ids(
            {"seeks": sorted(offered)}, REVERSE_LIMIT, weights={"seeks": 1.0}
        )


def _shared(words: Mapping[str, float], offered: set[str]) -> set[str] | None:
    """The seek's words among `offered`, when they carry MIN_COVER of its weight; else None."""
    shared = offered.intersection(words)
    if not shared or sum(words[w] for w in shared) < MIN_COVER * sum(words.values()):
        return None
    return shared
