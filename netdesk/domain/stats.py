"""Honest numbers about the routine: people, not messages.

Every people-count is a set of contact ids, so three messages to one person count once, and
ids of deleted contacts count not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    Message,
    MessageKind,
    Stage,
    Target,
    TargetStatus,
)

WEEKS_SHOWN = 12

_REACHED_OUT = frozenset({MessageKind.OUTREACH, MessageKind.FOLLOW_UP})
_ANSWERED_STAGES = frozenset({Stage.REPLIED, Stage.SCHEDULED, Stage.TALKED, Stage.DECLINED})
"""Stages that mean the person answered; a 'no thanks' is still a reply."""
_UNCONTACTED_STAGES = frozenset({Stage.NEW, Stage.DO_NOT_CONTACT})


@dataclass
class Stats:
    people: int = 0
    contacted: int = 0
    """People sent outreach or a follow-up, or whose stage shows you reached out."""
    replied: int = 0
    """Contacted people who answered."""
    talked: int = 0
    """People with at least one logged call: the A network."""
    response_rate: float = 0.0
    """replied / contacted."""
    a_network: int = 0
    b_network: int = 0
    calls_this_week: int = 0
    calls_per_week: list[int] = field(default_factory=lambda: [0] * WEEKS_SHOWN)
    """Calls held in each of the last twelve weeks (Monday to Sunday), oldest first."""
    intros_made: int = 0
    intros_met: int = 0
    targets_reached: int = 0
    no_response_share: float = 0.0
    """Share of contacted people who went silent after the follow-up."""
    outreach_today: int = 0
    """People sent a first outreach message today; what the daily cap counts."""


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def compute(
    contacts: Iterable[Contact],
    messages: Iterable[Message],
    calls: Iterable[Call],
    intros: Iterable[Intro],
    targets: Iterable[Target],
    today: date,
) -> Stats:
    """All the figures the stats screen shows, as of `today`."""
    people = {contact.id: contact for contact in contacts}
    contacted = {i for i, c in people.items() if c.stage not in _UNCONTACTED_STAGES}
    answered = {i for i, c in people.items() if c.stage in _ANSWERED_STAGES}
    outreach_today: set[int] = set()
    for message in messages:
        if message.kind in _REACHED_OUT and message.sent_at is not None:
            contacted.add(message.contact_id)
            if message.kind is MessageKind.OUTREACH and message.sent_at.date() == today:
                outreach_today.add(message.contact_id)
        if message.replied_at is not None or message.kind is MessageKind.INCOMING:
            answered.add(message.contact_id)
    contacted &= people.keys()
    replied = answered & contacted

    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS_SHOWN - 1)
    per_week = [0] * WEEKS_SHOWN
    talked: set[int] = set()
    for call in calls:
        if call.held_at is None:
            continue
        talked.add(call.contact_id)
        week = (call.held_at.date() - first_monday).days // 7
        if 0 <= week < WEEKS_SHOWN:
            per_week[week] += 1
    talked &= people.keys()

    intro_statuses = [intro.status for intro in intros]
    no_response = sum(1 for i in contacted if people[i].stage is Stage.NO_RESPONSE)
    return Stats(
        people=len(people),
        contacted=len(contacted),
        replied=len(replied),
        talked=len(talked),
        response_rate=_share(len(replied), len(contacted)),
        a_network=len(talked),
        b_network=len(people) - len(talked),
        calls_this_week=per_week[-1],
        calls_per_week=per_week,
        intros_made=sum(s in (IntroStatus.SENT, IntroStatus.MET) for s in intro_statuses),
        intros_met=sum(s is IntroStatus.MET for s in intro_statuses),
        targets_reached=sum(t.status is TargetStatus.REACHED for t in targets),
        no_response_share=_share(no_response, len(contacted)),
        outreach_today=len(outreach_today & people.keys()),
    )


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """One character per value, scaled to the largest; zero is '·' so a quiet week shows."""
    top = max(values, default=0)
    return "".join(_BARS[(value * len(_BARS) - 1) // top] if value > 0 else "·" for value in values)


def as_text(stats: Stats) -> str:
    """The figures as aligned plain text, for `netdesk stats` and the stats screen."""
    rows = [
        ("People", f"{stats.people:,}  (A network {stats.a_network:,}, B {stats.b_network:,})"),
        ("Contacted", f"{stats.contacted:,}"),
        ("Replied", f"{stats.replied:,}  ({stats.response_rate:.0%} response rate)"),
        ("Talked", f"{stats.talked:,}"),
        ("No response", f"{stats.no_response_share:.0%} of contacted"),
        ("Outreach today", f"{stats.outreach_today:,}"),
        ("Calls this week", f"{stats.calls_this_week:,}"),
        ("Calls by week", f"{sparkline(stats.calls_per_week)}  (last {WEEKS_SHOWN} weeks)"),
        ("Introductions", f"{stats.intros_made:,} made, {stats.intros_met:,} met"),
        ("Targets reached", f"{stats.targets_reached:,}"),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
