"""What a re-import of Connections.csv notices: job changes, and people no longer connected.

People download their archive again every few months. A known person whose company or
position differs has changed jobs, which is news worth acting on (congratulate the people
you have talked to; write first to the others while it is fresh); a person missing from a
complete new file has left your connections. LinkedIn's export carries no dates for either,
so both are dated the day the import noticed them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from netdesk.domain.dates import relative_day
from netdesk.domain.models import Contact, JobChange

NEWS_DAYS = 90
"""How long a noticed job change is news: the queue's congratulations, and a lift for new
outreach (someone settling into a new role is more open to a conversation)."""
NEWS_LIFT = 1.5
"""What that news adds to a new-outreach score (`queue.outreach_scores`): more than
closeness 2 or a filled headline, so among equals the people with news come first."""

UNREADABLE_SHARE = 100
"""A file that lost more than one row in this many to errors may have lost anyone."""
MISSING_SHARE = 10
"""A file without more than one in this many earlier connections is an older or filtered
copy, not the whole list (few people drop a tenth of their network between two exports)."""
MISSING_ANYWAY = 2
"""This many missing people are believed even in a small network."""


def _plain(text: str) -> str:
    """Text as a job compares: "ACME, Inc." and "Acme Inc" are one company."""
    return " ".join(text.casefold().replace(",", " ").replace(".", " ").split())


def job_change(contact: Contact, company: str, position: str) -> JobChange | None:
    """The change from `contact`'s job to the `company` and `position` a new file gives, or
    None when it is the same job.

    A change needs a company or position that was known and now reads differently. A value
    filled in where there was none (a completed profile), a difference of case, spacing or
    punctuation, and an empty new value (the import keeps the stored one) are no job change.
    """
    moved = any(
        new and old and _plain(new) != _plain(old)
        for old, new in ((contact.company, company), (contact.position, position))
    )
    if not moved:
        return None
    return JobChange(
        company_was=contact.company,
        position_was=contact.position,
        company=company or contact.company,
        position=position or contact.position,
    )


def describe(change: JobChange) -> str:
    """'Product Manager at Acme → Head of Product at Globex' (a history line's text)."""
    return f"{change.was or '—'} → {change.now or '—'}"


def news(contact: Contact, today: date) -> JobChange | None:
    """Their newest job change, if an import noticed it in the last NEWS_DAYS days."""
    if not contact.job_changes:
        return None
    newest = contact.job_changes[-1]
    if newest.at is None or today - newest.at.date() > timedelta(days=NEWS_DAYS):
        return None
    return newest


def news_line(contact: Contact, today: date) -> str:
    """'new role 3 days ago: Head of Product at Globex', or "" without recent news."""
    change = news(contact, today)
    if change is None or change.at is None:
        return ""
    return f"new role {relative_day(change.at.date(), today)}: {change.now}"


def congratulations_due(contact: Contact, today: date) -> JobChange | None:
    """The recent job change you have not yet written to them about, if any."""
    change = news(contact, today)
    return None if change is None or change.congratulated else change


def congratulated(contact: Contact) -> dict[str, Any]:
    """The field change that closes their newest job change ({} when there is none open):
    a note sent after it, whatever its template, is the getting back in touch."""
    if not contact.job_changes or contact.job_changes[-1].congratulated:
        return {}
    *older, newest = contact.job_changes
    return {"job_changes": [*older, replace(newest, congratulated=True)]}


def not_complete(*, known: int, missing: int, rows: int, unreadable: int) -> str | None:
    """Why a Connections.csv cannot be taken for the whole list of your connections, in
    words (None when it can), so that nobody it lacks is marked no longer connected.

    `known`: people from earlier Connections.csv imports still marked connected; `missing`:
    those this file lacks; `rows`: the records it holds; `unreadable`: those skipped as
    unreadable (a lost row may be anyone). Complete means at most one record in
    UNREADABLE_SHARE unreadable, and at most one known person in MISSING_SHARE missing
    (or MISSING_ANYWAY, in a small network).
    """
    if not missing:
        return None
    if unreadable * UNREADABLE_SHARE > rows:
        return f"{unreadable} of its {rows:,} rows could not be read"
    if missing > max(known // MISSING_SHARE, MISSING_ANYWAY):
        return (
            f"it lacks {missing:,} of the {known:,} connections imported before (an older or"
            " filtered copy?)"
        )
    return None
