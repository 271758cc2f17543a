"""Your LinkedIn conversations (messages.csv, Invitations.csv) as netdesk history.

The readers (`messages`, `invitations`) turn a file into `Exchange`s: who wrote to whom, when
and what. `plan_history` matches each exchange to a contact and works out what importing would
change — messages to store, replies to mark, each person's last contact and stage — without
touching the store, so `--dry-run` and the real import share one path; `apply_history` writes
the plan in one save.

Rules, chosen so imported history reads as if it had been logged in netdesk at the time:
- Your first message to a person is OUTREACH (further messages on the same day, before they
  answer, continue it); later ones are FOLLOW_UP. Theirs are INCOMING.
- They "replied" when they wrote after a message of yours: that message gets `replied_at`.
- A person's stage and dates move by the queue's own rules (`after_send`, `after_reply`) for
  each new message, oldest first; messages older than the last contact netdesk already knows
  are stored as history only, so what you did in netdesk is never rewound. Their message that
  answers nothing of yours only updates the last contact.
- A message is already stored when the same person has one in the same direction with the same
  text (whitespace aside) within a day: re-importing adds nothing, and a note you marked sent in
  netdesk is not stored again when it reappears in the archive with LinkedIn's timestamp.
- Group conversations are skipped: a note to several people is not a personal exchange.
"""

from __future__ import annotations

import copy
import html
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from netdesk.domain import queue_actions
from netdesk.domain.dates import plural
from netdesk.domain.identity import normalise_url
from netdesk.domain.introducers import name_key
from netdesk.domain.models import Contact, Message, MessageKind, Settings
from netdesk.io.csvfile import Columns, ImportFileError, Problem, Skipped, named_records, problems

if TYPE_CHECKING:
    from netdesk.store.repo import Repo


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    url: str = ""

    @property
    def label(self) -> str:
        return self.name or self.url or "(unknown)"


@dataclass(frozen=True, slots=True)
class Exchange:
    """One message or invitation as the file records it."""

    line: int
    sent_at: datetime
    """Naive local time, as netdesk stores times."""
    sender: Party
    recipients: tuple[Party, ...]
    body: str
    channel: str
    outgoing: bool | None
    """From the file's Direction column; None when who "you" are decides it."""


@dataclass(slots=True)
class HistoryRead:
    exchanges: list[Exchange]
    skipped: list[Skipped]
    repaired: list[Skipped] = field(default_factory=list)
    """Rows read after mending them (one quoted field holding the whole row)."""


# --- reading helpers shared by the two readers ---------------------------------------------------


def read_exchanges(
    lines: list[str],
    source: str,
    columns: Columns,
    exchange: Callable[[int, tuple[str, ...]], Exchange | str],
) -> HistoryRead:
    """Each record under the header turned into an Exchange by `exchange`, which returns
    instead the reason when the row is to be skipped."""
    result = HistoryRead(exchanges=[], skipped=[])
    for line, cells in named_records(lines, source, columns, result.skipped, result.repaired):
        made = exchange(line, cells)
        if isinstance(made, str):
            result.skipped.append(Skipped(line, made))
        else:
            result.exchanges.append(made)
    return result


DIRECTIONS = {"outgoing": True, "incoming": False}
"""The Direction column of older messages.csv files and of Invitations.csv."""


def clean_text(text: str) -> str:
    """HTML entities decoded (`&rsquo;`, `&nbsp;` …) and the outer blank space trimmed."""
    return html.unescape(text).replace("\xa0", " ").strip()


def clean_name(text: str) -> str:
    """A display name with entities decoded and runs of spaces collapsed."""
    return " ".join(html.unescape(text).split())


# --- planning ----------------------------------------------------------------------------


@dataclass(slots=True)
class HistoryPlan:
    you: str
    """Who the file was read as belonging to; "" when its Direction column said so."""
    new: list[Message] = field(default_factory=list)
    replied: list[tuple[int, datetime]] = field(default_factory=list)
    """(stored message id, replied_at) for your messages the file shows were answered."""
    changes: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """(contact id, changed fields) as the queue's rules set them."""
    people: int = 0
    already: int = 0
    """Rows whose message is already stored."""
    unmatched: Counter[str] = field(default_factory=Counter)
    """Rows per person (or company) who is not one of your contacts."""
    skipped: list[Skipped] = field(default_factory=list)
    repaired: list[Skipped] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "already_stored": self.already,
            "people_updated": len(self.changes),
            "people_matched": self.people,
            "unmatched": sum(self.unmatched.values()),
            "repaired": len(self.repaired),
            "skipped": len(self.skipped),
        }

    def problems(self) -> list[Problem]:
        return problems(skipped=self.skipped, repaired=self.repaired)

    def summary(self) -> str:
        repaired = f" {len(self.repaired)} repaired," if self.repaired else ""
        return (
            f"{plural(len(self.new), 'new message')}, {self.already} already stored,"
            f" {_people(len(self.changes))} updated ({_people(self.people)} matched);"
            f" {plural(sum(self.unmatched.values()), 'row')} unmatched,{repaired}"
            f" {len(self.skipped)} skipped"
        )

    def unmatched_line(self, most: int = 5) -> str:
        """'Acme Corp (3), LinkedIn Member (2) and 4 more', the biggest senders first."""
        shown = [f"{name} ({rows})" for name, rows in self.unmatched.most_common(most)]
        rest = len(self.unmatched) - len(shown)
        return ", ".join(shown) + (f" and {rest} more" if rest > 0 else "")


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


_url_key = lru_cache(maxsize=1 << 16)(normalise_url)
_name_key = lru_cache(maxsize=1 << 16)(name_key)
"""Cached: a file names the same few people (you above all) on thousands of rows."""

_OPAQUE_PROFILE = "linkedin.com/in/acoa"
"""LinkedIn member ids (`/in/ACoAA…`) stand in for the public slug in some exports."""


class _People:
    """Your contacts by profile URL, then by name; a name two contacts share matches neither."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.by_url: dict[str, Contact] = {}
        self.by_name: dict[str, Contact | None] = {}
        for contact in contacts:
            if contact.url:
                self.by_url.setdefault(normalise_url(contact.url), contact)
            key = name_key(f"{contact.first_name} {contact.last_name}")
            if key:
                self.by_name[key] = None if key in self.by_name else contact

    def find(self, party: Party) -> Contact | None:
        url = _url_key(party.url) if party.url else ""
        if url and (contact := self.by_url.get(url)) is not None:
            return contact
        contact = self.by_name.get(_name_key(party.name))
        if contact is None or not (url and contact.url):
            return contact
        # Two public profile URLs that differ are two people who share a name.
        theirs = _url_key(contact.url)
        if url.startswith(_OPAQUE_PROFILE) or theirs.startswith(_OPAQUE_PROFILE):
            return contact
        return None


@dataclass(slots=True)
class _You:
    urls: set[str]
    names: set[str]

    def matches(self, party: Party) -> bool:
        if party.url and self.urls:
            return _url_key(party.url) in self.urls
        return _name_key(party.name) in self.names

    def learn(self, exchanges: Iterable[Exchange]) -> None:
        """Add the names and URLs you appear under as a sender, to recognise you either way."""
        for exchange in exchanges:
            sender = exchange.sender
            if self.matches(sender):
                if sender.url:
                    self.urls.add(_url_key(sender.url))
                if key := _name_key(sender.name):
                    self.names.add(key)


def _identity(party: Party) -> str:
    return f"url {_url_key(party.url)}" if party.url else f"name {_name_key(party.name)}"


def _find_you(exchanges: Sequence[Exchange], people: _People, me: str | None) -> _You | None:
    """You, from `--me` (a name or profile URL) or as the one taking part in most rows.

    A tie (a file holding one conversation) goes to the one who is not among your contacts.
    None when every row says its direction.
    """
    undecided = [e for e in exchanges if e.outgoing is None]
    if not undecided:
        return None
    if me:
        if "linkedin.com/" in me.casefold():
            you = _You({_url_key(me)}, set())
        else:
            you = _You(set(), {_name_key(me)})
        if not any(you.matches(p) for e in undecided for p in (e.sender, *e.recipients)):
            raise ImportFileError(
                f"--me {me!r} is in none of the conversations; give your name or profile URL"
                " as LinkedIn shows it"
            )
    else:
        seen: dict[str, Party] = {}
        counts: Counter[str] = Counter()
        for exchange in undecided:
            parties = {_identity(p): p for p in (exchange.sender, *exchange.recipients)}
            seen.update(parties)
            counts.update(parties.keys())
        top = counts.most_common(1)[0][1]
        tied = [key for key, rows in counts.items() if rows == top]
        if len(tied) > 1:
            tied = [key for key in tied if people.find(seen[key]) is None]
        party = seen[tied[0]] if len(tied) == 1 else Party("")
        you = _You({_url_key(party.url)} if party.url else set(), set())
        if key := _name_key(party.name):
            you.names.add(key)
        if not (you.urls or you.names):
            raise ImportFileError(
                "cannot tell which participant is you; pass --me with your name"
                " as LinkedIn shows it"
            )
    you.learn(undecided)
    return you


def _counterpart(exchange: Exchange, you: _You | None) -> tuple[bool, Party] | str:
    """(outgoing, the other person), or why the row is not a personal exchange."""
    outgoing = exchange.outgoing
    if outgoing is None:
        assert you is not None  # _find_you decides every row without a direction
        outgoing = you.matches(exchange.sender)
        others = [p for p in exchange.recipients if not you.matches(p)]
        if not outgoing:
            others.insert(0, exchange.sender)
    elif outgoing:
        others = list(exchange.recipients)
    else:
        # You are one of the recipients; any other makes it a group conversation.
        others = [exchange.sender, *exchange.recipients[1:]]
    others = [p for p in others if p.name or p.url]
    if not others:
        return "nobody but you in it"
    if len(others) > 1:
        return f"group conversation with {len(others)} people"
    return outgoing, others[0]


@dataclass(slots=True)
class _Entry:
    """One message in a person's timeline, stored or about to be."""

    message: Message
    new: bool
    line: int = 0

    @property
    def mine(self) -> bool:
        return self.message.kind is not MessageKind.INCOMING

    @property
    def when(self) -> datetime:
        return self.message.sent_at or datetime.min


_SAME_MESSAGE = timedelta(days=1)


def _same_text(contact_id: int, incoming: bool, body: str) -> tuple[int, bool, str]:
    """What two copies of one message share: person, direction, and text up to spacing."""
    return contact_id, incoming, " ".join(body.split())


def plan_history(
    read: HistoryRead,
    contacts: Iterable[Contact],
    messages: Iterable[Message],
    settings: Settings,
    me: str | None = None,
) -> HistoryPlan:
    """What importing `read` would change, without changing anything (see the module rules)."""
    contacts = list(contacts)
    people = _People(contacts)
    you = _find_you(read.exchanges, people, me)
    plan = HistoryPlan(
        you=_describe(you, read.exchanges),
        skipped=list(read.skipped),
        repaired=list(read.repaired),
    )
    stored: defaultdict[int, list[_Entry]] = defaultdict(list)
    known: defaultdict[tuple[int, bool, str], list[datetime]] = defaultdict(list)
    for message in messages:
        stored[message.contact_id].append(_Entry(message, new=False))
        if message.sent_at is not None:
            incoming = message.kind is MessageKind.INCOMING
            known[_same_text(message.contact_id, incoming, message.body)].append(message.sent_at)
    fresh: defaultdict[int, list[_Entry]] = defaultdict(list)
    first_line: dict[tuple[int, bool, str, datetime], int] = {}
    matched: set[int] = set()
    for exchange in read.exchanges:
        resolved = _counterpart(exchange, you)
        if isinstance(resolved, str):
            plan.skipped.append(Skipped(exchange.line, resolved))
            continue
        outgoing, party = resolved
        contact = people.find(party)
        if contact is None:
            plan.unmatched[party.label] += 1
            continue
        matched.add(contact.id)
        key = _same_text(contact.id, not outgoing, exchange.body)
        sent_at = exchange.sent_at
        if any(abs(sent_at - other) <= _SAME_MESSAGE for other in known.get(key, ())):
            plan.already += 1
            continue
        if (line := first_line.setdefault((*key, sent_at), exchange.line)) != exchange.line:
            plan.skipped.append(Skipped(exchange.line, f"duplicate of line {line}"))
            continue
        kind = MessageKind.FOLLOW_UP if outgoing else MessageKind.INCOMING
        message = Message(contact.id, kind, exchange.channel, exchange.body, sent_at=sent_at)
        fresh[contact.id].append(_Entry(message, new=True, line=exchange.line))
    plan.people = len(matched)
    by_id = {contact.id: contact for contact in contacts}
    for contact_id, entries in fresh.items():
        timeline = sorted([*stored[contact_id], *entries], key=lambda e: (e.when, e.line))
        changes = _walk(by_id[contact_id], timeline, settings, plan)
        if changes:
            plan.changes.append((contact_id, changes))
        plan.new.extend(entry.message for entry in timeline if entry.new)
    plan.skipped.sort(key=lambda s: s.line)
    return plan


def _describe(you: _You | None, exchanges: Sequence[Exchange]) -> str:
    """Your name (and profile) as the file shows it, to report who the file was read as."""
    if you is None:
        return ""
    parties = (p for e in exchanges if e.outgoing is None for p in (e.sender, *e.recipients))
    return next(p.label for p in parties if you.matches(p))


def _walk(
    contact: Contact, timeline: list[_Entry], settings: Settings, plan: HistoryPlan
) -> dict[str, Any]:
    """Classify the new messages, mark replies, and replay them on the contact's fields."""
    since = contact.last_contacted_on
    person = copy.copy(contact)  # as the replayed messages leave it; changed in place
    waiting: _Entry | None = None  # your latest message nothing of theirs has answered yet
    previous: _Entry | None = None
    wrote = False
    for entry in timeline:
        message = entry.message
        answered = False
        if entry.mine:
            if entry.new and (not wrote or _continues(previous, message)):
                message.kind = MessageKind.OUTREACH
            wrote, waiting = True, entry
        elif waiting is not None:
            if entry.new and waiting.message.replied_at is None:
                if waiting.new:
                    waiting.message.replied_at = message.sent_at
                else:
                    plan.replied.append((waiting.message.id, entry.when))
            answered, waiting = True, None
        previous = entry
        day = entry.when.date()
        if entry.new and (since is None or day >= since):
            _replay(person, entry, answered, settings, day)
    return {
        name: getattr(person, name)
        for name in ("stage", "last_contacted_on", "next_action_on", "followed_up_on")
        if getattr(person, name) != getattr(contact, name)
    }


def _continues(previous: _Entry | None, message: Message) -> bool:
    """A second message of yours on the day of your outreach, before any answer, is part of it."""
    return (
        previous is not None
        and previous.message.kind is MessageKind.OUTREACH
        and previous.when.date() == (message.sent_at or datetime.min).date()
    )


def _replay(person: Contact, entry: _Entry, answered: bool, settings: Settings, day: date) -> None:
    """Apply what the queue's rules change for one message; the last contact never goes back."""
    if entry.mine:
        changes = queue_actions.after_send(person, entry.message.kind, settings, day)
    elif answered:
        changes = queue_actions.after_reply(person, day)
    else:
        changes = {"last_contacted_on": day}
    last = person.last_contacted_on
    changes["last_contacted_on"] = max(day, last) if last else day
    for name, value in changes.items():
        setattr(person, name, value)


def apply_history(repo: Repo, plan: HistoryPlan, now: datetime) -> None:
    """Write the plan in one save."""
    repo.import_history(plan.new, plan.replied, plan.changes, now)
