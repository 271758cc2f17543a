"""The finder's indexes over the open database: built on first use, then patched.

"Who fits?", "search everything" and matchmaking read `fits.TextIndex`es built from the
records. Building one at 30,000 contacts takes about a second, so it happens once (the
first call; a screen may make it from a worker thread), and afterwards every change to a
contact, call, message, introduction or referral marks the people it concerns; the next
read re-indexes just those people (a few milliseconds), never everything per keystroke.
The index and matchmaking modules are imported on first use: start-up does not need them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netdesk.domain import referrals as referral_rules
from netdesk.domain.models import Call, Intro, Message, Referral
from netdesk.domain.referrals import ThankItem
from netdesk.store.core import BULK_CHANGE, RepoCore
from netdesk.store.heap import give_back_freed

if TYPE_CHECKING:
    from netdesk.domain.fits import Field, Fit, PersonText, TextIndex
    from netdesk.domain.matchmaking import Match, Matchmaker


@dataclass
class _Kept:
    """One built index and the people changed since it last caught up (None: too many)."""

    index: TextIndex | None = None
    """None while it is being built."""
    changed: set[int] | None = field(default_factory=set)


def _owners(table: str, record: Any) -> tuple[int, ...]:
    """The contacts a record's text belongs to."""
    if table in ("calls", "messages"):
        return (record.contact_id,)
    if table == "intros":
        return (record.a_id, record.b_id)
    ids = (record.giver_id, record.receiver_id, record.referred_id)
    return tuple(i for i in ids if i is not None)


class FinderReads(RepoCore):
    _finder_hooked: bool = False
    _finder_owners: dict[tuple[str, int], tuple[int, ...]]
    _finder_kept: dict[str, _Kept]
    _finder_matchmaker: Matchmaker | None = None

    # --- what screens and the CLI call --------------------------------------------------------

    def find_fits(self, need: str, limit: int = 20) -> list[Fit]:
        """Who fits `need`, best first ([] when nothing matches)."""
        return self.fits_index().search(need, limit)

    def search_everything(self, text: str, limit: int = 20) -> list[Fit]:
        """People whose texts (notes, calls, messages, intros, referrals …) hold `text`."""
        return self.everything_index().search(text, limit)

    def suggested_matches(self, limit: int = 20) -> list[Match]:
        """Pairs to introduce, A network first, without dismissed or introduced pairs."""
        from netdesk.domain.matchmaking import dismissed_pairs, introduced_pairs

        matchmaker = self.matchmaker()
        return matchmaker.suggestions(
            dismissed=dismissed_pairs(self.dismissals),
            introduced=introduced_pairs(self.intros),
            limit=limit,
        )

    def thanks_due(self) -> list[ThankItem]:
        """The queue's "thank NAME" items (see `referrals.thanks_due`)."""
        return referral_rules.thanks_due(
            self.referrals, self.targets, self.contacts.by_id(), self.a_network()
        )

    def referral_waiting(self, today: date) -> list[referral_rules.Waiting]:
        """What waits on you on the Referrals screen."""
        return referral_rules.waiting(self.referrals, self.contacts.by_id(), today)

    # --- the indexes, current ----------------------------------------------------------------

    def fits_index(self) -> TextIndex:
        """The "who fits?" index, brought up to date."""
        from netdesk.domain.fits import FIT_FIELDS

        return self._current("fits", FIT_FIELDS, self._fit_people)

    def everything_index(self) -> TextIndex:
        """The "search everything" index, brought up to date."""
        from netdesk.domain.fits import EVERYTHING_FIELDS

        return self._current("everything", EVERYTHING_FIELDS, self._everything_people)

    def matchmaker(self) -> Matchmaker:
        """Matchmaking over the fits index, brought up to date."""
        from netdesk.domain.matchmaking import Matchmaker

        index = self.fits_index()
        matchmaker = self._finder_matchmaker
        if matchmaker is None or matchmaker.index is not index:
            matchmaker = self._finder_matchmaker = Matchmaker(index)
        return matchmaker

    def _current(
        self,
        name: str,
        fields: Sequence[Field],
        people: Callable[[Iterable[int] | None], list[PersonText]],
    ) -> TextIndex:
        from netdesk.domain.fits import TextIndex

        kept_all = self._finder_state()
        kept = kept_all.get(name)
        if kept is None or kept.index is None or kept.changed is None:
            kept = kept_all[name] = _Kept()  # changes made while building count from here
            kept.index = TextIndex(fields, people(None))
            give_back_freed()
            return kept.index
        if kept.changed:
            changed, kept.changed = kept.changed, set()
            found = {p.contact_id: p for p in people(changed)}
            patch = {contact_id: found.get(contact_id) for contact_id in changed}
            matchmaker = self._finder_matchmaker
            if matchmaker is not None and matchmaker.index is kept.index:
                matchmaker.sync(patch)  # re-indexes too
            else:
                kept.index.sync(patch)
        return kept.index

    # --- people's texts from the records -----------------------------------------------------

    # Each table is copied in one step first (a C-level copy, which another thread's write
    # cannot interleave with), so a first build may run in a worker thread while the UI
    # keeps writing; what the writes change is caught up on the next read.

    def _fit_people(self, ids: Iterable[int] | None) -> list[PersonText]:
        from netdesk.domain.fit_texts import fit_texts

        contacts = dict(self.contacts.by_id())
        wanted = list(contacts) if ids is None else [i for i in ids if i in contacts]
        all_calls = list(self.calls)
        calls = _by_owner(all_calls, "calls", set(wanted) if ids is not None else None)
        held = {c.contact_id for c in all_calls if c.held_at is not None}
        return [fit_texts(contacts[i], calls.get(i, ()), in_a=i in held) for i in wanted]

    def _everything_people(self, ids: Iterable[int] | None) -> list[PersonText]:
        from netdesk.domain.fit_texts import everything_texts

        contacts = dict(self.contacts.by_id())
        wanted = list(contacts) if ids is None else [i for i in ids if i in contacts]
        only = set(wanted) if ids is not None else None
        all_calls = list(self.calls)
        calls: dict[int, list[Call]] = _by_owner(all_calls, "calls", only)
        messages: dict[int, list[Message]] = _by_owner(list(self.messages), "messages", only)
        intros: dict[int, list[Intro]] = _by_owner(list(self.intros), "intros", only)
        referrals: dict[int, list[Referral]] = _by_owner(list(self.referrals), "referrals", only)
        held = {c.contact_id for c in all_calls if c.held_at is not None}
        return [
            everything_texts(
                contacts[i],
                calls.get(i, ()),
                messages.get(i, ()),
                intros.get(i, ()),
                referrals.get(i, ()),
                in_a=i in held,
            )
            for i in wanted
        ]

    # --- following changes -------------------------------------------------------------------

    def _finder_state(self) -> dict[str, _Kept]:
        """The kept indexes, after hooking the tables on first use."""
        if not self._finder_hooked:
            self._finder_hooked = True
            self._finder_kept = {}
            self._finder_owners = {}
            for collection in (self._calls, self._messages, self._intros, self._referrals):
                for record in collection:
                    key = (collection.name, record.id)
                    self._finder_owners[key] = _owners(collection.name, record)
                self._hook(collection)
            self._hook(self._contacts)
        return self._finder_kept

    def _hook(self, collection: Any) -> None:
        """Chain a change listener onto one table's (keeping the one already there)."""
        before: Callable[[Sequence[int] | None], None] | None = collection.on_change
        name = collection.name

        def changed(ids: Sequence[int] | None) -> None:
            if before is not None:
                before(ids)
            self._finder_changed(name, collection, ids)

        collection.on_change = changed

    def _finder_changed(self, table: str, collection: Any, ids: Sequence[int] | None) -> None:
        people: set[int] | None = set()
        if ids is None or len(ids) > BULK_CHANGE:
            people = None
            if table != "contacts":  # the owners of what is there now, for next time
                self._finder_owners = {
                    key: owners for key, owners in self._finder_owners.items() if key[0] != table
                }
                for record in collection:
                    self._finder_owners[(table, record.id)] = _owners(table, record)
        elif table == "contacts":
            people = set(ids)
        else:
            assert people is not None
            for record_id in ids:
                key = (table, record_id)
                people.update(self._finder_owners.pop(key, ()))
                record = collection.get(record_id)
                if record is not None:
                    owners = self._finder_owners[key] = _owners(table, record)
                    people.update(owners)
        for kept in self._finder_kept.values():
            if people is None or kept.changed is None:
                kept.changed = None
            else:
                kept.changed |= people
                if len(kept.changed) > BULK_CHANGE:
                    kept.changed = None


def _by_owner(records: Iterable[Any], table: str, only: set[int] | None) -> dict[int, list[Any]]:
    """Records grouped by the contacts they belong to (only those in `only`, if given)."""
    grouped: dict[int, list[Any]] = {}
    for record in records:
        for owner in _owners(table, record):
            if only is None or owner in only:
                grouped.setdefault(owner, []).append(record)
    return grouped
