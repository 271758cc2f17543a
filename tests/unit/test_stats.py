from datetime import date, datetime, time, timedelta

import pytest

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Message,
    MessageKind,
    Referral,
    ReferralDirection,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.domain.stats import (
    Stats,
    as_text,
    compute,
    referral_rows,
    referral_stats,
    sparkline,
)

TODAY = date(2026, 11, 27)
"""A Friday; this week runs Mon 23 Nov to Sun 29 Nov."""


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def message(contact_id: int, kind: MessageKind, day: date = TODAY, **fields) -> Message:
    return Message(contact_id=contact_id, kind=kind, sent_at=at(day), **fields)


def held(contact_id: int, day: date) -> Call:
    return Call(contact_id=contact_id, scheduled_for=at(day), held_at=at(day))


def stats(contacts=(), messages=(), calls=(), intros=(), targets=()) -> Stats:
    return compute(contacts, messages, calls, intros, targets, TODAY)


def test_empty() -> None:
    """No data: zeros everywhere, rates 0 instead of dividing by zero, twelve empty weeks."""
    assert stats() == Stats(calls_per_week=[0] * 12)
    assert stats().response_rate == 0.0


def test_three_messages_to_one_person_is_one_contacted() -> None:
    """Outreach, follow-up and a resend to the same person count as one person contacted."""
    messages = [
        message(1, MessageKind.OUTREACH, TODAY - timedelta(days=14)),
        message(1, MessageKind.FOLLOW_UP, TODAY - timedelta(days=7)),
        message(1, MessageKind.OUTREACH),
    ]
    result = stats([Contact(id=1), Contact(id=2)], messages)
    assert (result.people, result.contacted, result.outreach_today) == (2, 1, 1)


def test_contacted_from_stage_or_messages_counts_each_person_once() -> None:
    """A stage beyond NEW (but not do-not-contact) or a sent outreach both mark contacted."""
    contacts = [
        Contact(id=1, stage=Stage.CONTACTED),
        Contact(id=2, stage=Stage.TALKED),
        Contact(id=3),
        Contact(id=4, stage=Stage.DO_NOT_CONTACT),
        Contact(id=5),
    ]
    messages = [
        message(1, MessageKind.OUTREACH),
        message(3, MessageKind.OUTREACH),
        message(5, MessageKind.THANKS),
        Message(contact_id=5, kind=MessageKind.OUTREACH, sent_at=None),
    ]
    assert stats(contacts, messages).contacted == 3


def test_replied_and_response_rate() -> None:
    """Replied counts people who answered among those contacted; rate is replied / contacted."""
    contacts = [
        Contact(id=1, stage=Stage.REPLIED),
        Contact(id=2, stage=Stage.DECLINED),
        Contact(id=3, stage=Stage.CONTACTED),
        Contact(id=4, stage=Stage.CONTACTED),
        Contact(id=5),
    ]
    messages = [
        message(1, MessageKind.OUTREACH, replied_at=at(TODAY)),
        message(1, MessageKind.INCOMING),
        message(3, MessageKind.OUTREACH, replied_at=at(TODAY)),
        message(5, MessageKind.INCOMING),
    ]
    result = stats(contacts, messages)
    assert (result.contacted, result.replied) == (4, 3)
    assert result.response_rate == pytest.approx(0.75)


def test_a_and_b_networks_count_people_with_held_calls() -> None:
    """Talked = people with a held call, counted once; B = everyone else."""
    contacts = [Contact(id=i) for i in range(1, 5)]
    calls = [
        held(1, TODAY),
        held(1, TODAY - timedelta(days=30)),
        held(2, TODAY - timedelta(days=400)),
        Call(contact_id=3, scheduled_for=at(TODAY)),
        held(99, TODAY),
    ]
    result = stats(contacts, calls=calls)
    assert (result.talked, result.a_network, result.b_network) == (2, 2, 2)


def test_calls_per_week_buckets_from_monday() -> None:
    """Twelve weeks oldest first; Sunday belongs to the week before its Monday; older drop off."""
    calls = [
        held(1, date(2026, 11, 23)),
        held(2, date(2026, 11, 27)),
        held(3, date(2026, 11, 22)),
        held(4, date(2026, 9, 7)),
        held(5, date(2026, 9, 6)),
        Call(contact_id=6, scheduled_for=at(TODAY)),
    ]
    result = stats([Contact(id=i) for i in range(1, 7)], calls=calls)
    assert result.calls_per_week == [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]
    assert result.calls_this_week == 2


def test_intros_and_targets() -> None:
    """Made = sent or met; met = met; targets reached = status REACHED."""
    intros = [
        Intro(status=IntroStatus.SENT),
        Intro(status=IntroStatus.MET),
        Intro(status=IntroStatus.AGREED),
        Intro(status=IntroStatus.DECLINED),
    ]
    targets = [
        Target(status=TargetStatus.REACHED),
        Target(status=TargetStatus.INTRODUCED),
        Target(status=TargetStatus.OPEN),
    ]
    result = stats(intros=intros, targets=targets)
    assert (result.intros_made, result.intros_met, result.targets_reached) == (2, 1, 1)


def test_no_response_share() -> None:
    """People gone silent after the follow-up, as a share of people contacted."""
    contacts = [
        Contact(id=1, stage=Stage.NO_RESPONSE),
        Contact(id=2, stage=Stage.CONTACTED),
        Contact(id=3, stage=Stage.REPLIED),
        Contact(id=4, stage=Stage.CONTACTED),
    ]
    assert stats(contacts).no_response_share == pytest.approx(0.25)


def test_outreach_today_counts_people_sent_a_first_outreach_today() -> None:
    """Follow-ups and earlier outreach do not count; two notes to one person count once."""
    contacts = [Contact(id=i) for i in range(1, 5)]
    messages = [
        message(1, MessageKind.OUTREACH),
        message(1, MessageKind.OUTREACH),
        message(2, MessageKind.FOLLOW_UP),
        message(3, MessageKind.OUTREACH, TODAY - timedelta(days=1)),
        message(4, MessageKind.OUTREACH),
        message(99, MessageKind.OUTREACH),
    ]
    assert stats(contacts, messages).outreach_today == 2


def test_messages_to_deleted_contacts_are_not_counted() -> None:
    """Ids that are no longer contacts count in no people figure."""
    messages = [
        message(99, MessageKind.OUTREACH, replied_at=at(TODAY)),
        message(98, MessageKind.FOLLOW_UP),
    ]
    result = stats([Contact(id=1)], messages)
    assert (result.contacted, result.replied, result.outreach_today) == (0, 0, 0)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 1, 2, 3, 4, 5, 6, 7, 8], "·▁▂▃▄▅▆▇█"),
        ([3, 0, 1], "█·▃"),
        ([0, 0], "··"),
        ([], ""),
    ],
)
def test_sparkline(values: list[int], expected: str) -> None:
    """Bars scale to the busiest week; an empty week is a dot, not the lowest bar."""
    assert sparkline(values) == expected


def test_as_text() -> None:
    """Plain aligned lines with people, rates as percentages and the weekly sparkline."""
    figures = Stats(
        people=1234,
        contacted=120,
        replied=42,
        talked=56,
        response_rate=0.35,
        a_network=56,
        b_network=1178,
        calls_this_week=1,
        calls_per_week=[0, 1, 2, 0, 0, 0, 0, 3, 1, 0, 2, 1],
        intros_made=3,
        intros_met=1,
        targets_reached=1,
        no_response_share=0.25,
        outreach_today=2,
    )
    assert as_text(figures) == (
        "People           1,234  (A network 56, B 1,178)\n"
        "Contacted        120\n"
        "Replied          42  (35% response rate)\n"
        "Talked           56\n"
        "No response      25% of contacted\n"
        "Outreach today   2\n"
        "Calls this week  1\n"
        "Calls by week    ·▃▆····█▃·▆▃  (last 12 weeks)\n"
        "Introductions    3 made, 1 met\n"
        "Targets reached  1"
    )


# --- referrals ------------------------------------------------------------------------------


def _referral(
    direction: ReferralDirection, other: int | None, month: int, year: int = 2026
) -> Referral:
    given = direction is ReferralDirection.GIVEN
    return Referral(
        direction,
        None if given else other,
        other if given else None,
        created_at=datetime(year, month, 3, 9),
    )


def test_referral_stats_count_each_referral_once_by_month_and_network() -> None:
    """Given/received totals and months; shares to and from the A network (people 1, 2)."""
    g, r = ReferralDirection.GIVEN, ReferralDirection.RECEIVED
    referrals = [
        _referral(g, 1, 11),
        _referral(g, 1, 11),
        _referral(g, 5, 10),
        _referral(g, 6, 12, 2025),  # outside the twelve months shown, still counted
        _referral(r, 2, 11),
        _referral(r, 7, 9),
    ]
    targets = [
        Target("T", asked_via=1, status=TargetStatus.REACHED),
        Target("U", asked_via=8, introducers=[Introducer(8, introduced=True)]),
        Target("V", asked_via=2, status=TargetStatus.ASKED),  # not (yet) introduced
    ]
    figures = referral_stats(referrals, targets, {1, 2}, date(2026, 11, 20))
    assert (figures.given, figures.received, figures.introductions_received) == (4, 2, 2)
    assert figures.by_month[-3:] == [("2026-09", 0, 1), ("2026-10", 1, 0), ("2026-11", 2, 1)]
    assert figures.by_month[0] == ("2025-12", 1, 0)
    assert len(figures.by_month) == 12
    assert figures.given_to_a_network == 2 / 4
    assert figures.received_from_a_network == 2 / 4  # person 2's referral, person 1's intro
    # largest difference first, then most referrals, then by id; five shown
    assert [(b.contact_id, b.balance) for b in figures.imbalances] == [
        (1, 1),
        (2, -1),
        (5, 1),
        (6, 1),
        (7, -1),
    ]


def test_referral_stats_with_nothing_received_say_so() -> None:
    """No referral or introduction received: the share is None, shown as a dash."""
    figures = referral_stats([], [], {1}, date(2026, 11, 20))
    assert figures.received_from_a_network is None and figures.given_to_a_network is None
    rows = dict(referral_rows(figures, {}))
    assert rows["Referrals received"] == "0 + 0 introductions  (— from A network)"
    assert rows["By month"].startswith("Jun 0/0  Jul 0/0")
