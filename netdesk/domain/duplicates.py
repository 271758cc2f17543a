"""Pairs of contacts that are likely one person, each with the reasons it was suggested.

Contacts are grouped by key (email address, profile URL, name, name and company) and only
people sharing a key are paired, so 30,000 contacts cost one pass, never 450 million
comparisons. A key shared by more than `CROWD` people is no identity (a team inbox, the
"LinkedIn Member" of hidden profiles, a very common name) and pairs nobody by itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

from netdesk.domain.identity import email_key, profile_key
from netdesk.domain.introducers import name_key
from netdesk.domain.models import Contact

CROWD = 8
"""More people than this on one key and the key pairs none of them."""

_EMAIL, _PROFILE, _NAME, _COMPANY = "email", "profile", "name", "company"
_WEIGHT = {_EMAIL: 4, _PROFILE: 4, _NAME: 2, _COMPANY: 2}


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    a_id: int
    """The older record (lower id): the one a merge keeps unless the user swaps them."""
    b_id: int
    reasons: tuple[str, ...]
    """Why they look like one person, strongest first, e.g. ("same email ann@acme.com",)."""


class _Keys(NamedTuple):
    """A contact's keys; a tuple, as 30k are built per look."""

    email: str
    profile: str
    name: str
    company: str


def pair_key(a_id: int, b_id: int) -> tuple[int, int]:
    """A pair in the order stored and compared: lower id first."""
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def possible_duplicates(
    contacts: Iterable[Contact], dismissed: Collection[tuple[int, int]] = ()
) -> list[DuplicatePair]:
    """Likely pairs, strongest first; `dismissed` pairs (lower id first) are left out."""
    keys: dict[int, _Keys] = {}
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for contact in contacts:
        k = keys[contact.id] = _keys_of(contact)
        if k.email:
            groups[_EMAIL, k.email].append(contact.id)
        if k.profile:
            groups[_PROFILE, k.profile].append(contact.id)
        if k.name:
            groups[_NAME, k.name].append(contact.id)
            if k.company:
                # a common name stays findable within one company
                groups[_COMPANY, f"{k.name}\x1f{k.company}"].append(contact.id)
    found: dict[tuple[int, int], set[str]] = defaultdict(set)
    for (kind, _), ids in groups.items():
        if 2 <= len(ids) <= CROWD:
            for a, b in combinations(ids, 2):
                pair = pair_key(a, b)
                if pair not in dismissed:
                    found[pair].add(kind)
    scored = []
    for (a, b), kinds in found.items():
        if _COMPANY in kinds:
            kinds.add(_NAME)
        reasons, score = _reasons(kinds, keys[a], keys[b])
        scored.append((-score, a, b, reasons))
    scored.sort()
    return [DuplicatePair(a, b, reasons) for _, a, b, reasons in scored]


def _keys_of(contact: Contact) -> _Keys:
    name = name_key(f"{contact.first_name} {contact.last_name}")
    return _Keys(
        email=email_key(contact.email),
        profile=profile_key(contact.url),
        name=name if " " in name else "",  # a first name alone is shared by too many
        company=" ".join(contact.company.casefold().split()),
    )


def _reasons(kinds: set[str], a: _Keys, b: _Keys) -> tuple[tuple[str, ...], int]:
    reasons = []
    score = sum(_WEIGHT[kind] for kind in kinds)
    if _EMAIL in kinds:
        reasons.append(f"same email {a.email}")
    if _PROFILE in kinds:
        reasons.append("same profile URL")
    if _COMPANY in kinds:
        reasons.append("same name and company")
    elif _NAME in kinds:
        reasons.append("same name")
    if _PROFILE not in kinds:
        if a.profile and b.profile:
            reasons.append("different profile URLs")
        else:
            score += 1  # nothing says they are two people
            reasons.append(
                "one has no profile URL" if a.profile or b.profile else "neither has a profile URL"
            )
    return tuple(reasons), score
