"""Who fits a need: BM25 ranking over what each person offers and what you know about them.

One document per person holds their texts by field (offers, credential, position, company,
tags, notes, call notes, highlights, leads; or, for "search everything", every text netdesk
keeps). The engine is tantivy (a maintained Rust search library) with an in-memory index:
English stemming, so "design" finds "designer", plus prefix matching on the word being typed,
so "bookk" already finds the bookkeeper. The index is built once and patched per changed
person (`sync`); a keystroke is one query, a fraction of a millisecond at 30,000 people.

People you have talked with (A network) and know well are lifted: each document carries a
lift factor that multiplies its BM25 score (tantivy's `weight_by_field`), so relevance still
decides between a perfect stranger and a vague friend, and a near tie goes to the friend.

Every result says which field matched and carries a snippet with the matched words' spans,
cut safely (`snippets`). tantivy is imported when the first index is built, never at start-up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netdesk.domain.contact_index import fold
from netdesk.domain.snippets import Snippet, escape_spans, make_snippet

if TYPE_CHECKING:  # imported on first use: the app starts without it
    import tantivy

A_LIFT = 0.5
"""How much more a match counts for someone in the A network (talked with)."""
CLOSENESS_LIFT = 0.125
"""How much more a match counts per closeness level (0–4)."""
PREFIX_TERMS = 24
"""Words of the index a half-typed last word may stand for, per field (the most common)."""
_SLACK = 32
"""Extra hits fetched beyond the limit, so equal scores are ordered by name, not by chance."""
_HEAP = 15_000_000
"""The index writer's memory budget, in bytes (tantivy's floor for one thread is 3 MB)."""

_STOPWORDS = (
    "a an and any anyone are as at be but by can could do does for from has have he her his "
    "i if in into is it its me my need needs of on or our she so some somebody someone that "
    "the their them they this to us we who whom with would you your"
)
STOPWORDS = frozenset(_STOPWORDS.split())
"""Words a need is phrased with that say nothing about who fits ("someone at Acme who …")."""


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable field: its key in the index, the label shown to the user, its weight."""

    key: str
    label: str
    weight: float
    searched: bool = True
    """False for a field kept only for matchmaking's reverse look-up (seeks)."""


FIT_FIELDS: tuple[Field, ...] = (
    Field("offers", "offers", 3.0),
    Field("credential", "credential", 2.0),
    Field("position", "position", 1.5),
    Field("tags", "tags", 1.5),
    Field("highlights", "highlights", 1.5),
    Field("company", "company", 1.0),
    Field("notes", "notes", 1.0),
    Field("call_notes", "call notes", 1.0),
    Field("leads", "leads", 1.0),
    Field("seeks", "seeks", 0.0, searched=False),
)
"""What "who fits?" searches, most telling first (the order breaks ties between fields)."""

EVERYTHING_FIELDS: tuple[Field, ...] = (
    Field("name", "name", 1.0),
    Field("company", "company", 1.0),
    Field("position", "position", 1.0),
    Field("tags", "tags", 1.0),
    Field("offers", "offers", 1.0),
    Field("seeks", "seeks", 1.0),
    Field("credential", "credential", 1.0),
    Field("notes", "notes", 1.0),
    Field("call_notes", "call notes", 1.0),
    Field("highlights", "highlights", 1.0),
    Field("leads", "leads", 1.0),
    Field("messages", "message", 1.0),
    Field("intros", "introduction", 1.0),
    Field("referrals", "referral", 1.0),
)
"""What "search everything" searches: every text netdesk holds about a person."""


@dataclass(frozen=True, slots=True)
class PersonText:
    """One person's texts, as the index holds them (built by `fit_texts`/`everything_texts`)."""

    contact_id: int
    name: str
    in_a: bool
    """Talked with: at least one held call."""
    closeness: int
    fields: Mapping[str, tuple[str, ...]]
    """Field key → its texts (several for calls, messages …); empty texts left out."""

    @property
    def lift(self) -> float:
        """The factor a match is multiplied by: 1 for a stranger, up to 2."""
        closeness = min(max(self.closeness, 0), 4)
        return 1.0 + (A_LIFT if self.in_a else 0.0) + CLOSENESS_LIFT * closeness


@dataclass(frozen=True, slots=True)
class Fit:
    """One person found for a need, with why."""

    contact_id: int
    name: str
    network: str
    """"A" (talked with) or "B" (never talked)."""
    closeness: int
    score: float
    field: str
    """The label of the field the snippet is from ("offers", "call notes" …)."""
    snippet: Snippet


def texts(*values: str) -> tuple[str, ...]:
    """The non-blank values, as a field's texts."""
    return tuple(v for v in values if v and v.strip())


class TextIndex:
    """A BM25 index over people's texts, one document per person, patched per person.

    Not thread-safe: build it in a worker if you like, then use it from one thread.
    """

    def __init__(self, fields: Sequence[Field], people: Iterable[PersonText] = ()) -> None:
        import tantivy

        self._tantivy = tantivy
        self.fields = tuple(fields)
        self._searched = tuple(f for f in self.fields if f.searched)
        self._analyzer = _analyzer()
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        builder.add_float_field("lift", fast=True)
        for field in self.fields:
            builder.add_text_field(field.key, stored=False, tokenizer_name="fits")
        self._schema = builder.build()
        self._index = tantivy.Index(self._schema)
        self._index.register_tokenizer("fits", self._analyzer)
        self._people: dict[int, PersonText] = {}
        writer = self._writer()
        for person in people:
            self._add(writer, person)
        self._commit(writer)

    # --- keeping up to date ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._people

    def get(self, contact_id: int) -> PersonText | None:
        return self._people.get(contact_id)

    def people(self) -> Iterable[PersonText]:
        return self._people.values()

    def sync(self, changed: Mapping[int, PersonText | None]) -> None:
        """Re-index the people in `changed` (None: the person is gone), in one commit."""
        if not changed:
            return
        writer = self._writer()
        for contact_id, person in changed.items():
            if contact_id in self._people:
                writer.delete_documents_by_term("id", contact_id)
                del self._people[contact_id]
            if person is not None:
                self._add(writer, person)
        self._commit(writer)

    def _writer(self) -> tantivy.IndexWriter:
        """A writer for one build or patch: it holds a memory budget of _HEAP bytes while it
        lives, so none is kept between commits (a new one also commits faster than one kept,
        about 5 ms against 100 ms)."""
        return self._index.writer(heap_size=_HEAP, num_threads=1)

    def _add(self, writer: tantivy.IndexWriter, person: PersonText) -> None:
        if person.contact_id in self._people:
            raise KeyError(f"contact {person.contact_id} is already indexed")
        self._people[person.contact_id] = person
        doc = self._tantivy.Document(id=person.contact_id, lift=2.0**person.lift - 2.0)
        for field in self.fields:
            for text in person.fields.get(field.key, ()):
                doc.add_text(field.key, _engine_text(text))
        writer.add_document(doc)

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        writer.commit()
        writer.wait_merging_threads()  # and gone, with its memory
        self._index.reload()
        self._searcher = self._index.searcher()

    # --- the words of a query ----------------------------------------------------------------

    def terms(self, text: str) -> list[str]:
        """The index words `text` stands for (folded, stemmed, without stop words), once each."""
        return list(dict.fromkeys(self._analyzer.analyze(_engine_text(text))))

    def _query_terms(self, need: str) -> tuple[list[str], str | None]:
        """(whole words, the half-typed last word or None) of what the user typed."""
        terms = self.terms(need)
        if not terms or need[-1:].isspace():
            return terms, None
        tokens = self._analyzer.pre_tokenize(_engine_text(need)).tokens
        if not tokens or tokens[-1].char_offset_to != len(need.rstrip()):
            return terms, None  # the last word typed was a stop word or punctuation
        partial = tokens[-1].text
        return [t for t in terms if t != partial], partial

    def _expand(self, field: str, partial: str) -> list[str]:
        """Index words of `field` starting with `partial` (itself included), commonest first."""
        found = self._searcher.terms_with_prefix(field, partial, limit=PREFIX_TERMS)
        return [term for term, _ in found]

    # --- searching ---------------------------------------------------------------------------

    def search(self, need: str, limit: int = 20, *, exclude: Iterable[int] = ()) -> list[Fit]:
        """The people who best fit `need`, best first; [] when no word of it matches.

        The last word counts as a prefix while it is being typed (no space after it).
        """
        whole, partial = self._query_terms(need)
        if not whole and partial is None:
            return []
        by_field: dict[str, list[str]] = {}
        for field in self._searched:
            words = list(whole)
            if partial is not None:
                words += [t for t in self._expand(field.key, partial) if t not in words]
            by_field[field.key] = words
        hits = self.ranked(by_field, limit + _SLACK, exclude=exclude)
        return [self._fit(contact_id, score, by_field) for contact_id, score in hits[:limit]]

    def ranked(
        self,
        by_field: Mapping[str, Sequence[str]],
        limit: int,
        *,
        exclude: Iterable[int] = (),
        lifted: bool = True,
        weights: Mapping[str, float] | None = None,
    ) -> list[tuple[int, float]]:
        """(contact id, score), best first (ties by name, then id), for index words per field.

        Each field's words are OR-ed and weighted by the field's weight (or by `weights`,
        which can reach a field the finder does not search); `lifted` multiplies every
        score by the person's lift.
        """
        query = self._query(by_field, weights)
        if query is None or limit <= 0:
            return []
        excluded = set(exclude)
        searcher = self._searcher
        result = searcher.search(
            query, limit + len(excluded), count=False, weight_by_field="lift" if lifted else None
        )
        people = self._people
        hits: list[tuple[int, float]] = []
        for score, address in result.hits:
            contact_id = searcher.doc(address)["id"][0]
            if contact_id not in excluded and contact_id in people:
                hits.append((contact_id, score))
        hits.sort(key=lambda h: (-round(h[1], 5), fold(people[h[0]].name), h[0]))
        return hits[:limit]

    def matching_ids(
        self,
        by_field: Mapping[str, Sequence[str]],
        limit: int,
        *,
        weights: Mapping[str, float] | None = None,
    ) -> set[int]:
        """Up to `limit` people with any of the words, unranked (cheaper than `ranked`)."""
        query = self._query(by_field, weights)
        if query is None or limit <= 0:
            return set()
        result = self._searcher.search(query, limit, count=False, order_by_field="id")
        return {int(contact_id) for contact_id, _ in result.hits}

    def _query(
        self, by_field: Mapping[str, Sequence[str]], weights: Mapping[str, float] | None
    ) -> tantivy.Query | None:
        """Each field's words OR-ed, each field weighted; None when there is nothing to ask."""
        tantivy = self._tantivy
        should = tantivy.Occur.Should
        if weights is None:
            weights = {f.key: f.weight for f in self.fields}
        clauses = []
        for key, words in by_field.items():
            if not words or weights.get(key, 0.0) <= 0.0:
                continue
            terms = [(should, tantivy.Query.term_query(self._schema, key, w)) for w in words]
            either = tantivy.Query.boolean_query(terms)
            clauses.append((should, tantivy.Query.boost_query(either, weights[key])))
        return tantivy.Query.boolean_query(clauses) if clauses else None

    def score_of(
        self,
        contact_id: int,
        by_field: Mapping[str, Sequence[str]],
        *,
        weights: Mapping[str, float] | None = None,
    ) -> float | None:
        """What `ranked` would score one person (lifted), or None when nothing matches."""
        tantivy = self._tantivy
        base = self._query(by_field, weights)
        if base is None or contact_id not in self._people:
            return None
        only = tantivy.Query.const_score_query(
            tantivy.Query.term_query(self._schema, "id", contact_id), 0.0
        )
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, base), (tantivy.Occur.Must, only)]
        )
        result = self._searcher.search(query, 1, count=False, weight_by_field="lift")
        return float(result.hits[0][0]) if result.hits else None

    def _fit(self, contact_id: int, score: float, by_field: Mapping[str, Sequence[str]]) -> Fit:
        person = self._people[contact_id]
        label, snippet = self.best_snippet(person, by_field)
        return Fit(
            contact_id=contact_id,
            name=person.name,
            network="A" if person.in_a else "B",
            closeness=person.closeness,
            score=score,
            field=label,
            snippet=snippet,
        )

    def best_snippet(
        self, person: PersonText, by_field: Mapping[str, Sequence[str]]
    ) -> tuple[str, Snippet]:
        """(field label, snippet) from the text of `person` where the most query words match.

        Between texts, the one matching more distinct words wins, then the field with the
        greater weight, then the field listed first.
        """
        best: tuple[float, float, int] | None = None
        chosen: tuple[str, str, list[tuple[int, int]]] = ("", "", [])
        for rank, field in enumerate(self.fields):
            words = set(by_field.get(field.key, ()))
            if not words:
                continue
            for text in person.fields.get(field.key, ()):
                spans, distinct = self.matches(text, words)
                if not spans:
                    continue
                key = (float(distinct), field.weight, -rank)
                if best is None or key > best:
                    best, chosen = key, (field.label, text, spans)
        label, text, spans = chosen
        return label, make_snippet(_one_line(text), spans)

    def matches(self, text: str, words: set[str]) -> tuple[list[tuple[int, int]], int]:
        """([start, end) of every word of `text` that stands for one of `words`, how many
        of `words` appear)."""
        tokens = self._analyzer.pre_tokenize(_engine_text(text)).tokens
        spans = [(t.char_offset_from, t.char_offset_to) for t in tokens if t.text in words]
        distinct = len({t.text for t in tokens if t.text in words})
        return spans, distinct

    def doc_freq(self, field: str, word: str) -> int:
        """How many people's `field` holds the index word `word` (for weighing words).

        Counted by a query, not read from the term dictionary: that still counts people
        re-indexed or removed until segments merge.
        """
        query = self._tantivy.Query.term_query(self._schema, field, word)
        result = self._searcher.search(query, 1, count=True)
        return int(result.count)  # type: ignore[attr-defined]  # (missing from tantivy's stub)

    def idf(self, field: str, word: str, freq: int | None = None) -> float:
        """BM25's inverse document frequency of `word` in `field` (`freq`: its doc_freq)."""
        people = max(len(self._people), 1)
        freq = min(self.doc_freq(field, word) if freq is None else freq, people)
        return math.log(1.0 + (people - freq + 0.5) / (freq + 0.5))


def _analyzer() -> tantivy.TextAnalyzer:
    """Words: letters and digits, lower case, accents folded, stop words out, stemmed."""
    from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

    return (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
        .filter(Filter.custom_stopword(sorted(STOPWORDS)))
        .filter(Filter.stemmer("english"))
        .build()
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _engine_text(text: str) -> str:
    """`text` as the engine reads it: escape sequences as spaces (so `ESC[31mdesigner` is
    the word "designer"), a lone surrogate (not valid UTF-8) as U+FFFD.

    One character for one, so positions in the result are positions in `text`.
    """
    for start, end in reversed(escape_spans(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _one_line(text: str) -> str:
    """Line breaks and tabs as single spaces (same length), so a snippet is one line."""
    return text.translate(_LINE_BREAKS)


_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\t\v\f\x85\u2028\u2029", " "))
