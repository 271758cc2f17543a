"""People someone on a call offered to introduce you to, as typed in the call form.

One lead a line. The name comes first; the company follows a comma, the word "at", or a dash
(-, – or —, with spaces round a hyphen so "Jean-Luc" stays whole); after the company, a dash
starts why they matter: `Ada Byron, Acme — runs the tender team`, `Ada Byron at Acme`,
`Ada Byron – Acme – runs the tender team`.
"""

from __future__ import annotations

import re

from netdesk.domain.introducers import name_key
from netdesk.domain.models import Contact, Lead

_DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_AT = re.compile(r"\s+at\s+", re.IGNORECASE)


def parse_lead(line: str) -> Lead | None:
    """The lead one line names, or None for a line without a name."""
    first, *rest = _DASH.split(line.strip())
    if "," in first:
        name, _, company = first.partition(",")
        why = rest
    elif _AT.search(first):
        name, company = _AT.split(first, maxsplit=1)
        why = rest
    else:
        name, company, why = first, (rest[0] if rest else ""), rest[1:]
    name = " ".join(name.split())
    if not name:
        return None
    return Lead(name, " ".join(company.split()), " — ".join(w.strip() for w in why if w.strip()))


def parse_leads(text: str, person: Contact | None = None) -> list[Lead]:
    """Every lead in `text`; ValueError when one of them is `person`, the one on the call."""
    leads = [lead for line in text.splitlines() if (lead := parse_lead(line))]
    if person is not None:
        own = name_key(person.name)
        for lead in leads:
            if name_key(lead.name) == own:
                raise ValueError(
                    f"{lead.name} is the person you talked to, not someone they could "
                    "introduce you to."
                )
    return leads
