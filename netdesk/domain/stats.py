"""Honest numbers about the routine: people, not messages.

Every people-count is a set of contact ids, so three messages to one person count once, and
ids of deleted contacts count not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    Message,
    MessageKind,
    Referral,
    ReferralDirection,
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


def outreach_progress(done: int, cap: int) -> str:
    """'2 of 5 new outreach done today', honest past the cap and with no cap at all."""
    if cap <= 0:
        return f"{done} new outreach done today · daily cap 0: none suggested"
    if done > cap:
        return f"{done} new outreach done today · over the daily cap of {cap}"
    return f"{done} of {cap} new outreach done today"


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


def as_text(stats: Stats, extra: Iterable[tuple[str, str]] = ()) -> str:
    """The figures as aligned plain text, for `netdesk stats` and the stats screen;
    `extra` rows (e.g. `referral_rows`) follow the rest."""
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
        *extra,
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


# --- referrals both ways --------------------------------------------------------------------

MONTHS_SHOWN = 12
IMBALANCES_SHOWN = 5
_INTRODUCED = frozenset({TargetStatus.INTRODUCED, TargetStatus.REACHED})


@dataclass
class Imbalance:
    """One person's referrals with you, either way."""

    contact_id: int
    given_to_them: int
    received_from_them: int
    """Referrals they sent you plus introductions they made for you."""

    @property
    def balance(self) -> int:
        """Positive: you gave more than you received."""
        return self.given_to_them - self.received_from_them


@dataclass
class ReferralStats:
    given: int = 0
    received: int = 0
    by_month: list[tuple[str, int, int]] = field(default_factory=list)
    """("2026-11", given, received) for the last twelve months, oldest first."""
    given_to_a_network: float | None = None
    """Share of the referrals you gave that went to people you have talked with."""
    received_from_a_network: float | None = None
    """Share of referrals and introductions you received that came from the A network;
    None when nothing was received."""
    introductions_received: int = 0
    """Targets an introducer got you to (introduced or reached)."""
    imbalances: list[Imbalance] = field(default_factory=list)
    """The people with the largest difference either way, largest first."""


def _months(today: date) -> list[str]:
    year, month = today.year, today.month
    keys = []
    for _ in range(MONTHS_SHOWN):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def _none_if_empty(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def referral_stats(
    referrals: Iterable[Referral],
    targets: Iterable[Target],
    a_network: Collection[int],
    today: date,
) -> ReferralStats:
    """Referrals given and received (each referral once), by month, and whom they involve.

    Who is in the A network is as of now: the question is whether the people you talk with
    are the ones who send you business.
    """
    months = {key: [0, 0] for key in _months(today)}
    given = received = given_to_a = from_a = 0
    to_them: Counter[int] = Counter()
    from_them: Counter[int] = Counter()
    for referral in referrals:
        is_given = referral.direction is ReferralDirection.GIVEN
        if referral.created_at is not None:
            slot = months.get(f"{referral.created_at:%Y-%m}")
            if slot is not None:
                slot[0 if is_given else 1] += 1
        if is_given:
            given += 1
            if referral.receiver_id is not None:
                to_them[referral.receiver_id] += 1
                given_to_a += referral.receiver_id in a_network
        else:
            received += 1
            if referral.giver_id is not None:
                from_them[referral.giver_id] += 1
                from_a += referral.giver_id in a_network
    introductions = 0
    for target in targets:
        introducer = target.asked_via
        made = target.status in _INTRODUCED or any(
            i.introduced for i in target.introducers if i.contact_id == introducer
        )
        if introducer is not None and made:
            introductions += 1
            from_them[introducer] += 1
            from_a += introducer in a_network
    people = set(to_them) | set(from_them)
    imbalances = sorted(
        (Imbalance(i, to_them[i], from_them[i]) for i in people),
        key=lambda b: (-abs(b.balance), -b.given_to_them - b.received_from_them, b.contact_id),
    )
    return ReferralStats(
        given=given,
        received=received,
        by_month=[(key, g, r) for key, (g, r) in months.items()],
        given_to_a_network=_none_if_empty(given_to_a, given),
        received_from_a_network=_none_if_empty(from_a, received + introductions),
        introductions_received=introductions,
        imbalances=[b for b in imbalances if b.balance][:IMBALANCES_SHOWN],
    )


def _month_name(key: str) -> str:
    """ "2026-11" → "Nov"."""
    return f"{date(int(key[:4]), int(key[5:]), 1):%b}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def referral_rows(figures: ReferralStats, names: dict[int, str]) -> list[tuple[str, str]]:
    """(label, value) rows for `netdesk stats` and the stats screen; `names` by contact id."""
    recent = figures.by_month[-6:]
    rows = [
        (
            "Referrals given",
            f"{figures.given:,}  ({_percent(figures.given_to_a_network)} to A network)",
        ),
        (
            "Referrals received",
            f"{figures.received:,} + {figures.introductions_received:,} introductions  "
            f"({_percent(figures.received_from_a_network)} from A network)",
        ),
        (
            "By month",
            "  ".join(f"{_month_name(m)} {g}/{r}" for m, g, r in recent) + "  (given/received)",
        ),
    ]
    for imbalance in figures.imbalances:
        name = names.get(imbalance.contact_id, f"contact #{imbalance.contact_id}")
        rows.append(
            (
                "Imbalance",
                f"{name}: you gave {imbalance.given_to_them}, received"
                f" {imbalance.received_from_them}",
            )
        )
    return rows
