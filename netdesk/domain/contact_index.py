"""A prepared search index over contacts, so filtering 30k people stays under a keystroke.

Each contact gets one folded lowercase string (name, company, position, tags, email) kept in a
list parallel to the ids in the current sort order; a query is a comprehension of substring
tests over those strings. While the user keeps typing, the new query only shrinks the result,
so it is filtered from the previous matches instead of the whole list (DESIGN.md §7).

Person pickers rank the same matches (`ranked`): a name whose words start with the query's
words comes before someone whose job title merely contains them. The ranking is a few more
substring scans over prepared " word word " strings, not a fuzzy scorer, so it stays as fast.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import partial
from typing import Any

from netdesk.domain.models import Contact, Stage

SORT_KEYS = ("name", "company", "connected", "last_contact", "stage", "closeness")
"""Sort orders in the order a "cycle sort" key steps through them."""

NOT_CONNECTED = "no longer connected"
NETWORKS = ("A", "B", NOT_CONNECTED)
"""A = someone you have had a call with; B = never talked; and the people a re-import found
no longer in your connections (of either network)."""

_STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage)}
_FIELD_SEPARATOR = "\n"
"""Joins fields in the search string; queries are split on whitespace, so no word spans two."""
_WORD_BREAKS = str.maketrans(dict.fromkeys("-'’.,;:/&()[]+\"@_\t\n", " "))
"""Characters that end a word for ranking, so "o'b" starts "O'Brien" and "luc" "Jean-Luc"."""


def fold(text: str) -> str:
    """Casefold and drop accents, so "muller" finds "Müller" and "strasse" finds "Straße".

    Casefolding comes first because it can itself produce combining marks ("İ" → "i̇").
    Non-Latin scripts keep their letters; only combining marks are removed, on both the
    index and the query side, so matching stays consistent.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_WITHOUT_MARKS)


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table deleting combining marks, filled in as characters are seen.

    After the first sighting each lookup is a plain dict hit, so folding 30k non-ASCII names
    costs about half of a per-character `unicodedata.combining` loop.
    """

    def __missing__(self, codepoint: int) -> int | None:
        kept = None if unicodedata.combining(chr(codepoint)) else codepoint
        self[codepoint] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def search_text(contact: Contact) -> str:
    """The folded string a query is matched against."""
    name = f"{contact.first_name} {contact.last_name}"
    fields = [name, contact.company, contact.position, *contact.tags, contact.email]
    return fold(_FIELD_SEPARATOR.join(fields))


_PHRASE, _PHRASE_BEGUN, _WHOLE, _BEGUN, _COMPANY, _ANY_FIELD = range(6)
"""The tiers of `ContactIndex.ranked`, best first."""


def _words(text: str) -> str:
    """Folded text as " word word ": `" " + w` in it means some word starts with `w`."""
    return " " + " ".join(fold(text).translate(_WORD_BREAKS).split()) + " "


def rank_fields(contact: Contact) -> tuple[str, str, str]:
    """The prepared name, company, and position-and-tags that `ContactIndex.ranked` scans."""
    return (
        _words(f"{contact.first_name} {contact.last_name}"),
        _words(contact.company),
        _words(" ".join((contact.position, *contact.tags))),
    )


def _in_scan_order(texts: list[str]) -> list[str]:
    """Copies of `texts` made one after another, so a filter reads memory in sequence.

    Made in id order and then sorted, the strings lie scattered; at 30k contacts the
    scan misses the CPU cache and takes about twice as long. (A two-part join is the
    cheapest way to get a new string object with the same text.)
    """
    return ["".join((text, "")) for text in texts]


def sort_name(contact: Contact) -> str:
    """The folded name every order sorts by, last before the id (the head of `search_text`)."""
    return fold(f"{contact.first_name} {contact.last_name}").partition(_FIELD_SEPARATOR)[0].strip()


def _sort_names(contacts: Iterable[Contact]) -> dict[int, str]:
    """`sort_name` by id; a plain ASCII name (most of them) takes the short way, a third of
    the time at 30k contacts."""
    names: dict[int, str] = {}
    for contact in contacts:
        name = f"{contact.first_name} {contact.last_name}".casefold()
        if name.isascii() and _FIELD_SEPARATOR not in name:
            names[contact.id] = name.strip()
        else:
            names[contact.id] = sort_name(contact)
    return names


def _folded_companies(people: Iterable[Contact]) -> list[str | None]:
    """Each company folded (no company: None, listed last); a name seen before is not folded
    again, and most are: colleagues share one."""
    folded: dict[str, str] = {}
    return [
        (folded.get(company) or folded.setdefault(company, fold(company)))
        if (company := c.company)
        else None
        for c in people
    ]


_FIRST_KEYS: dict[str, Callable[[list[Contact]], list[Any]]] = {
    "company": _folded_companies,
    "connected": lambda people: [
        None if (day := c.connected_on) is None else -day.toordinal() for c in people
    ],  # newest first, unknown dates last
    "last_contact": lambda people: [
        None if (day := c.last_contacted_on) is None else -day.toordinal() for c in people
    ],
    "stage": lambda people: [_STAGE_RANK[c.stage] for c in people],
    "closeness": lambda people: [-c.closeness for c in people],  # closest first
}
"""What each order but "name" sorts by before the name and id, for a list of contacts at
once (a call per contact costs more than the sort); None sorts after any value."""


def _sort_key(key: str, contact: Contact, name: str) -> Any:
    """The whole sort key of a contact in order `key`: a tuple ending with the unique id."""
    if key == "name":
        return (name, contact.id)
    (first,) = _FIRST_KEYS[key]([contact])
    return (1, name, contact.id) if first is None else (0, first, name, contact.id)


def _ordered(key: str, contacts: Mapping[int, Contact], by_name: list[int]) -> list[int]:
    """Ids in order `key`, from the ids in name order: a stable sort on the first key alone
    keeps name and id as the tie-breaks, with no 30k key tuples to build and compare."""
    firsts = _FIRST_KEYS[key]([contacts[cid] for cid in by_name])
    positions = [p for p, first in enumerate(firsts) if first is not None]
    positions.sort(key=firsts.__getitem__)
    order = [by_name[p] for p in positions]
    if len(order) < len(by_name):
        order += [by_name[p] for p, first in enumerate(firsts) if first is None]
    return order


class ContactIndex:
    """Filter and sort contacts by id without touching the store or the UI.

    Each sort order is a list of ids, made the first time it is asked for and kept in step
    with every edit after, so going back to an order costs nothing. What only a filter needs
    (the search texts, stages and A/B marks in the current order) is made with the first
    filter that needs it, so an index that is only listed costs a folded name per contact
    and one sort. A contact is found in an order by binary search on its sort key (its old
    one, from the contact as indexed), else by a scan, so a caller that edits the Contact
    object in place before `update` is still safe.
    """

    def __init__(
        self,
        contacts: Iterable[Contact] = (),
        a_network: set[int] | None = None,
        sort_key: str = "name",
    ):
        if sort_key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {sort_key!r}; expected one of {SORT_KEYS}")
        self._contacts: dict[int, Contact] = {c.id: c for c in contacts}
        self._a_network: set[int] = set(a_network or ())
        self._names = _sort_names(self._contacts.values())
        self._orders: dict[str, list[int]] = {}
        """Ids per sort key asked for so far; the current one is `_ids`."""
        self._sort_key = sort_key
        self._ids = self._order(sort_key)
        self._text_by_id: dict[int, str] | None = None
        """`search_text` per id, made by `prepare_search` or the first query."""
        self._unprepared: list[int] = []
        """Ids whose search text `prepare_search` has still to make."""
        self._laid: list[str] = []
        """The search texts laid out so far in the current order, while `_texts` is None."""
        self._texts: list[str] | None = None
        self._stages: list[Stage] | None = None
        self._in_a: list[bool] | None = None
        """Parallel to `_ids` (texts; stages and A/B marks), made when a filter needs them."""
        self._rank: list[tuple[str, str, str]] | None = None
        """`rank_fields` per position, made on the first `ranked` call (pickers only)."""
        self._last: tuple[str, Stage | None, str | None, list[int]] | None = None
        """(folded query, stage, network, matching positions) of the previous filter."""

    # --- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, contact_id: object) -> bool:
        return contact_id in self._contacts

    def get(self, contact_id: int) -> Contact | None:
        return self._contacts.get(contact_id)

    def contacts(self, ids: Iterable[int]) -> list[Contact]:
        """The contacts for ids from `filter`, ready to hand to a list widget."""
        by_id = self._contacts
        return [by_id[cid] for cid in ids]

    @property
    def a_network(self) -> set[int]:
        """Ids of contacts with a logged call; read-only, changed through add/update/remove."""
        return self._a_network

    @property
    def sort_key(self) -> str:
        return self._sort_key

    def filter(
        self, query: str, *, stage: Stage | None = None, network: str | None = None
    ) -> list[int]:
        """Ids whose search text contains every word of `query`, in the current sort order.

        `network` is one of NETWORKS or None. When the query extends the previous one under
        the same filters, every new match is among the previous matches, so only those are
        scanned.
        """
        if network is not None and network not in NETWORKS:
            raise ValueError(f"network must be one of {NETWORKS} or None, not {network!r}")
        ids = self._ids
        if stage is None and network is None and not query.split():
            return ids.copy()  # everyone: no positions to make (and no texts)
        return [ids[p] for p in self._positions(query, stage, network)]

    def prepare_search(self, most: int) -> bool:
        """Make part of what the first typed query needs, so typing finds it made: the search
        texts of up to `most` more contacts, then their layout in the current order as many at
        a time. True once all is made. Called while idle in steps of a few milliseconds, it
        never keeps a key waiting long (all at once: ~30 ms at 30k contacts, ~100 at 100k).
        """
        if self._texts is not None:
            return True
        if most < 1:
            raise ValueError(f"prepare at least one contact a step, not {most}")
        contacts = self._contacts
        if self._text_by_id is None:
            self._text_by_id, self._unprepared = {}, list(contacts)
        texts = self._text_by_id
        if self._unprepared:
            for cid in self._unprepared[-most:]:
                if cid not in texts and (contact := contacts.get(cid)) is not None:
                    texts[cid] = search_text(contact)
            del self._unprepared[-most:]
            return False
        laid, ids = self._laid, self._ids
        chunk = ids[len(laid) : len(laid) + most]
        copies = _in_scan_order([texts[cid] for cid in chunk])
        texts.update(zip(chunk, copies, strict=True))  # one string per text stays alive
        laid += copies
        if len(laid) < len(ids):
            return False
        self._texts, self._laid = laid, []
        return True

    def ranked(self, query: str, limit: int, exclude: Collection[int] = ()) -> list[int]:
        """Up to `limit` ids of the contacts `filter(query)` finds, best match first.

        Tiers, each in sort order: the name holds the query as typed, word for word ("ann
        lee"), then with its last word begun ("fatima ro" → Fatima Rossi); every query word
        is a whole word of the name, then starts one, in any order ("rossi f"); every word
        starts a word of the name or company; of those or the position and tags; the rest
        (a match inside a word, or in the email).
        """
        positions = self._positions(query, None, None)
        ids = self._ids
        if exclude:
            positions = [p for p in positions if ids[p] not in exclude]
        if self._rank is None:
            self._rank = [rank_fields(self._contacts[cid]) for cid in ids]
        words = fold(query).translate(_WORD_BREAKS).split()
        if not words:
            return [ids[p] for p in positions[:limit]]
        tiers = (_PHRASE, _PHRASE_BEGUN, _WHOLE, _BEGUN, _COMPANY, _ANY_FIELD)
        best: dict[int, None] = {}  # an ordered set of positions
        for tier in tiers if len(words) > 1 else (_WHOLE, _BEGUN, _COMPANY, _ANY_FIELD):
            if len(best) >= limit:
                break
            best.update(dict.fromkeys(self._in_tier(tier, words, positions)))
        best.update(dict.fromkeys(positions[: limit + len(best)]))
        return [ids[p] for p in list(best)[:limit]]

    def _in_tier(self, tier: int, words: list[str], positions: list[int]) -> list[int]:
        """The positions that meet one tier of `ranked`: one substring scan per word."""
        rank = self._rank
        assert rank is not None
        if tier in (_PHRASE, _PHRASE_BEGUN):
            phrase = " " + " ".join(words) + (" " if tier == _PHRASE else "")
            return [p for p in positions if phrase in rank[p][0]]
        for word in words:
            key = f" {word} " if tier == _WHOLE else f" {word}"
            if tier in (_WHOLE, _BEGUN):
                positions = [p for p in positions if key in rank[p][0]]
            elif tier == _COMPANY:
                positions = [p for p in positions if key in rank[p][0] or key in rank[p][1]]
            else:
                positions = [
                    p
                    for p in positions
                    if key in (fields := rank[p])[0] or key in fields[1] or key in fields[2]
                ]
        return positions

    def _positions(self, query: str, stage: Stage | None, network: str | None) -> list[int]:
        """Positions of the contacts matching `query` under the filters, in sort order."""
        folded = fold(query)
        last = self._last
        if last is not None and last[1:3] == (stage, network) and folded.startswith(last[0]):
            candidates: list[int] | None = last[3]
        else:
            candidates = self._filtered_positions(stage, network)
        positions = self._match_words(folded.split(), candidates)
        self._last = (folded, stage, network, positions)
        return positions

    def _filtered_positions(self, stage: Stage | None, network: str | None) -> list[int] | None:
        """Positions passing the stage and network filters, or None meaning "all of them"."""
        if stage is None and network is None:
            return None
        stages, in_a = self._columns()
        if network == NOT_CONNECTED:
            contacts, ids = self._contacts, self._ids
            return [
                p
                for p, s in enumerate(stages)
                if (stage is None or s is stage) and contacts[ids[p]].disconnected_on is not None
            ]
        want_a = network == "A"
        if network is None:
            return [p for p, s in enumerate(stages) if s is stage]
        if stage is None:
            return [p for p, a in enumerate(in_a) if a is want_a]
        return [p for p, s in enumerate(stages) if s is stage and in_a[p] is want_a]

    def _match_words(self, words: list[str], candidates: list[int] | None) -> list[int]:
        """Narrow candidate positions (None = all) one word at a time, the cheapest loop."""
        if candidates is None:
            if not words:
                return list(range(len(self._ids)))
            texts = self._scan_texts()
            first, *words = words
            candidates = [p for p, text in enumerate(texts) if first in text]
        elif words:
            texts = self._scan_texts()
        for word in words:
            candidates = [p for p in candidates if word in texts[p]]
        return candidates

    def _scan_texts(self) -> list[str]:
        """The search texts in the current order, made (and laid out) on first need."""
        while self._texts is None:
            self.prepare_search(max(len(self._contacts), 1))
        return self._texts

    def _columns(self) -> tuple[list[Stage], list[bool]]:
        """Stages and A-network marks in the current order, made on first need."""
        if self._stages is None or self._in_a is None:
            contacts, a_network = self._contacts, self._a_network
            self._stages = [contacts[cid].stage for cid in self._ids]
            self._in_a = [cid in a_network for cid in self._ids]
        return self._stages, self._in_a

    # --- ordering ----------------------------------------------------------------------------

    def sort_by(self, key: str) -> None:
        """Reorder by one of SORT_KEYS; cached matches refer to old positions, so drop them."""
        if key not in SORT_KEYS:
            raise ValueError(f"unknown sort key {key!r}; expected one of {SORT_KEYS}")
        if key == self._sort_key:
            return
        self._sort_key = key
        self._ids = self._order(key)
        filtered = self._stages is not None  # likely again: remade now, not on the next key
        self._texts = self._stages = self._in_a = self._rank = None
        self._laid, self._last = [], None
        if filtered:
            self._columns()

    def _order(self, key: str) -> list[int]:
        """The ids in order `key`, sorted on first use."""
        order = self._orders.get(key)
        if order is None:
            if key == "name":
                names = self._names
                order = sorted(sorted(names), key=names.__getitem__)  # ties by id
            else:
                order = _ordered(key, self._contacts, self._order("name"))
            self._orders[key] = order
        return order

    def _find(self, order: list[int], key: str, contact_id: int) -> int:
        """Position of an indexed contact in one order: by its key as indexed, else a scan
        (the object was changed in place)."""
        key_of = partial(self._key_of, key)
        place = bisect.bisect_left(order, key_of(contact_id), key=key_of)
        if place < len(order) and order[place] == contact_id:
            return place
        return order.index(contact_id)

    def _key_of(self, key: str, contact_id: int) -> Any:
        return _sort_key(key, self._contacts[contact_id], self._names[contact_id])

    # --- single edits ------------------------------------------------------------------------

    def add(self, contact: Contact, *, talked: bool = False) -> None:
        """Insert one new contact at its sorted place; `talked` puts it in the A network."""
        if contact.id in self._contacts:
            raise KeyError(f"contact {contact.id} is already indexed")
        if talked:
            self._a_network.add(contact.id)
        self._insert(contact)

    def update(self, contact: Contact, *, talked: bool | None = None) -> None:
        """Re-index one edited contact, moving it if its sort position changed.

        `talked` True/False moves it into/out of the A network; None leaves it as it was.
        """
        self._detach(contact.id)
        if talked is True:
            self._a_network.add(contact.id)
        elif talked is False:
            self._a_network.discard(contact.id)
        self._insert(contact)

    def sync(
        self, contacts: Mapping[int, Contact], changed: Iterable[int], a_network: set[int]
    ) -> None:
        """Catch up with a few changes: the `changed` ids (now in `contacts` or deleted) and
        everyone whose A-network membership differs from `a_network`."""
        a_network = set(a_network)  # the caller's, or even this index's own set
        touched = {*changed, *(a_network ^ self._a_network)}
        for contact_id in touched:  # all out first: each is found by its key as indexed
            if contact_id in self._contacts:
                self._detach(contact_id)
        self._a_network.clear()  # as a fresh index would hold it (ids of people gone too)
        self._a_network.update(a_network)
        for contact_id in touched:
            contact = contacts.get(contact_id)
            if contact is not None:
                self._insert(contact)

    def remove(self, contact_id: int) -> None:
        """Drop one contact (KeyError if it is not indexed)."""
        self._detach(contact_id)
        self._a_network.discard(contact_id)

    def _detach(self, contact_id: int) -> None:
        if contact_id not in self._contacts:
            raise KeyError(contact_id)
        for key, order in self._orders.items():
            position = self._find(order, key, contact_id)
            del order[position]
            if order is self._ids:
                for column in (self._texts, self._stages, self._in_a, self._rank):
                    if column is not None:
                        del column[position]
        del self._contacts[contact_id]
        del self._names[contact_id]
        if self._text_by_id is not None:
            self._text_by_id.pop(contact_id, None)  # none yet while being prepared
        self._laid, self._last = [], None  # a layout under way starts again

    def _insert(self, contact: Contact) -> None:
        cid = contact.id
        self._contacts[cid] = contact
        self._names[cid] = name = sort_name(contact)
        text = ""
        if self._text_by_id is not None:
            self._text_by_id[cid] = text = search_text(contact)
        for key, order in self._orders.items():
            position = bisect.bisect_left(
                order, _sort_key(key, contact, name), key=partial(self._key_of, key)
            )
            order.insert(position, cid)
            if order is self._ids:
                if self._texts is not None:
                    self._texts.insert(position, text)
                if self._stages is not None and self._in_a is not None:
                    self._stages.insert(position, contact.stage)
                    self._in_a.insert(position, cid in self._a_network)
                if self._rank is not None:
                    self._rank.insert(position, rank_fields(contact))
        self._laid, self._last = [], None
