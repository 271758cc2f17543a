"""Reaching a hard target through someone you both know.

A path's odds are the chance you know the introducer well enough to ask times the chance they
know the target well enough to vouch; a cold message is the blind baseline. Ranking also
counts recent asks, because the best-connected friend is not an endless resource.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netdesk.domain.models import Contact, Introducer, Message, MessageKind, Stage, Target
from netdesk.domain.templates import INTRO_REQUEST, as_clause, contact_values, fill

P_KNOW: dict[int, float] = {4: 0.8, 3: 0.5, 2: 0.2, 1: 0.05, 0: 0.01}
"""Chance that one person knows another well enough to act, by the 0–4 closeness scale."""

BLIND_BASELINE = 0.04
"""Odds with no information on either hop (0.2 × 0.2): an introducer must beat this."""

ASK_WINDOW_DAYS = 90
MAX_RESTFUL_ASKS = 2
"""More asks than this of one person within the window earns a warning."""


def odds(you_know: int, they_know: int) -> float:
    """Chance the two-hop path works; levels outside 0–4 count as the nearest end."""
    return _p_know(you_know) * _p_know(they_know)


def _p_know(level: int) -> float:
    return P_KNOW[min(max(level, 0), 4)]


@dataclass
class RankedIntroducer:
    introducer: Introducer
    contact: Contact | None
    """None when the introducer's contact has been deleted."""
    odds: float
    asks_90d: int
    """Introduction requests sent to them in the last 90 days."""
    warning: str

    @property
    def name(self) -> str:
        return self.contact.name if self.contact else f"contact #{self.introducer.contact_id}"


def rank(
    target: Target, contacts: Mapping[int, Contact], messages: Iterable[Message], today: date
) -> list[RankedIntroducer]:
    """The target's introducers, best path first, then the least-asked, then by name.

    Your side of the path uses the contact's current closeness (you may have talked since the
    introducer was added); the stored `you_know` is the fallback for a deleted contact.
    """
    asks = Counter(
        message.contact_id
        for message in messages
        if message.kind is MessageKind.INTRO_REQUEST
        and message.sent_at is not None
        and (today - message.sent_at.date()).days <= ASK_WINDOW_DAYS
    )
    ranked: list[RankedIntroducer] = []
    for introducer in target.introducers:
        contact = contacts.get(introducer.contact_id)
        you_know = contact.closeness if contact else introducer.you_know
        asked = asks[introducer.contact_id]
        warnings = []
        if contact and contact.stage is Stage.DO_NOT_CONTACT:
            warnings.append("marked do not contact")
        if asked > MAX_RESTFUL_ASKS:
            warnings.append(f"asked {asked} times in {ASK_WINDOW_DAYS} days — give them a rest")
        ranked.append(
            RankedIntroducer(
                introducer=introducer,
                contact=contact,
                odds=odds(you_know, introducer.they_know),
                asks_90d=asked,
                warning="; ".join(warnings),
            )
        )
    ranked.sort(key=lambda r: (-r.odds, r.asks_90d, r.name.casefold()))
    return ranked


def intro_requests(messages: Iterable[Message]) -> list[Message]:
    """The only messages ranking counts, requests for introductions: picked out once for a
    screen that ranks many targets."""
    return [m for m in messages if m.kind is MessageKind.INTRO_REQUEST]


def best_path(ranked: Sequence[RankedIntroducer]) -> RankedIntroducer | None:
    """The introducer to ask first: the best odds among those you may ask (not marked do not
    contact), if that is at least a blind ask's; None when a cold message is the better bet."""
    return next(
        (
            r
            for r in ranked
            if r.odds >= BLIND_BASELINE
            and not (r.contact and r.contact.stage is Stage.DO_NOT_CONTACT)
        ),
        None,
    )


def path_summary(ranked: Sequence[RankedIntroducer]) -> str:
    """'best path 25% via Ines Petrov · 4 introducers': the one line the targets list and the
    finder both show for a target, so the two never disagree."""
    if not ranked:
        return "no introducers yet"
    best = best_path(ranked)
    more = f" · {len(ranked)} introducers" if len(ranked) > 1 else ""
    if best is None:
        return f"best path {BLIND_BASELINE:.0%}: a blind ask beats every introducer{more}"
    return f"best path {best.odds:.0%} via {best.name}{more}"


# --- pasted mutual-connection lists ---------------------------------------------------------
# LinkedIn's copied search results put each name first, then some of: the name again, "View
# <name>'s profile", a degree marker, headline, location and buttons. Headlines and locations
# cannot be told from names by their look, so in such a paste a line counts as a name only when
# one of those markers vouches for it; a paste without markers is one name per line.

_DEGREE = r"(?:1st|2nd|3rd\+?)"
_DEGREE_LINE = re.compile(rf"(?:[•·]\s*)?{_DEGREE}(?:\s+degree connection)?", re.IGNORECASE)
_INLINE_DEGREE = re.compile(rf"(?P<name>.+?)\s*[•·]\s*{_DEGREE}", re.IGNORECASE)
_VIEW_PROFILE = re.compile(r"view (?P<name>.+?)[’']s?\s+profile", re.IGNORECASE)
_BUTTON = re.compile(
    r"message|connect|follow|following|pending|more|send inmail|view profile", re.IGNORECASE
)
_IGNORED = re.compile(
    r"[•·\-–—]*"
    r"|status is \w+"
    r"|.*\bmutual connections?"
    r"|.*\bis a mutual connection",
    re.IGNORECASE,
)


def parse_mutual_list(text: str) -> list[str]:
    """Names from a pasted list of mutual connections, each once, in the order given."""
    lines = [
        line
        for line in (" ".join(raw.split()) for raw in text.splitlines())
        if not _IGNORED.fullmatch(line)
    ]
    structured = any(
        _DEGREE_LINE.fullmatch(line)
        or _INLINE_DEGREE.fullmatch(line)
        or _VIEW_PROFILE.fullmatch(line)
        or _BUTTON.fullmatch(line)
        for line in lines
    )
    names: list[str] = []
    for index, line in enumerate(lines):
        if _DEGREE_LINE.fullmatch(line) or _BUTTON.fullmatch(line):
            continue
        if inline := _INLINE_DEGREE.fullmatch(line):
            names.append(inline["name"])
        elif view := _VIEW_PROFILE.fullmatch(line):
            names.append(view["name"])
        elif not structured or _vouched(line, lines[index + 1 : index + 2]):
            names.append(line)
    return list(dict.fromkeys(names))


def _vouched(line: str, following: list[str]) -> bool:
    """Whether the next line marks `line` as a name: a repeat, its profile link, or a degree."""
    if not following:
        return False
    after = following[0]
    view = _VIEW_PROFILE.fullmatch(after)
    return (
        after == line or bool(view and view["name"] == line) or bool(_DEGREE_LINE.fullmatch(after))
    )


def name_key(name: str) -> str:
    """A name reduced to what identifies it across exports.

    Accents, case, punctuation and spacing are dropped, and so is anything after a comma or
    an opening bracket ('Jane Doe, PhD', 'Jane Doe (she/her)').
    """
    name = re.split(r"[,(\[]", name, maxsplit=1)[0]
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(
        char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char)
    )
    return " ".join(kept.casefold().split())


def match_names(
    names: Iterable[str], contacts: Iterable[Contact]
) -> tuple[list[tuple[str, Contact]], list[str]]:
    """(name, contact) pairs for the names you are connected to, and the names left over.

    A name shared by two of your contacts matches both: netdesk cannot tell which one is the
    mutual connection, so the user picks rather than netdesk guessing.
    """
    by_key: dict[str, list[Contact]] = {}
    for contact in contacts:
        key = name_key(f"{contact.first_name} {contact.last_name}")
        if key:
            by_key.setdefault(key, []).append(contact)
    matched: list[tuple[str, Contact]] = []
    unmatched: list[str] = []
    seen: set[str] = set()
    for name in names:
        key = name_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        found = by_key.get(key)
        if found:
            matched.extend((name, contact) for contact in found)
        else:
            unmatched.append(name)
    return matched, unmatched


def target_label(target: Target) -> str:
    """'Jane Roe at Acme', or just the name when the company is unknown."""
    name = target.name.strip()
    company = target.company.strip()
    return f"{name} at {company}" if name and company else name or company


_AUXILIARIES = frozenset(
    {"is", "was", "has", "had", "does", "did", "can", "could", "will", "would", "may", "might"}
)
_PLURAL_NOUNS = frozenset(
    {"sales", "news", "ops", "analytics", "logistics", "operations", "series", "this", "his"}
)


def reason_clause(target: Target) -> str:
    """The target's why, to follow "because" in the request.

    A lead's why is usually typed as what they do ("runs the tender team"); starting with a
    verb, it gets the target's first name as its subject, so the request reads as a sentence.
    """
    why = as_clause(target.why)
    word = why.split(maxsplit=1)[0] if why else ""
    verb = word in _AUXILIARIES or (
        word.endswith("s") and not word.endswith("ss") and word not in _PLURAL_NOUNS
    )
    first = target.name.split()[0] if target.name.split() else ""
    return f"{first} {why}" if word.islower() and verb and first else why


def request_text(
    introducer: Contact, target: Target, my_name: str, blurb: str, *, body: str = INTRO_REQUEST
) -> str:
    """The ask to an introducer, with `blurb` as a note they can forward unchanged."""
    values = {
        **contact_values(introducer),
        "target": target_label(target),
        "reason": reason_clause(target),
        "blurb": blurb.strip(),
        "my_name": my_name,
    }
    return fill(body, values)
