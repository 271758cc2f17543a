"""Realistic generated data, so every screen has something to show on first run.

The same seed and day give the same database, which the snapshot tests rely on. A small
cast of people is placed in every stage of the routine (follow-ups due, replies, calls,
introductions at each status, targets); everyone else is a fresh B-network connection.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    Medium,
    Message,
    MessageKind,
    OptIn,
    OptInAnswer,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Settings,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.domain.queue import silent_after_follow_up
from netdesk.io.demo_words import (
    CALL_NOTES,
    COMPANIES,
    CREDENTIALS,
    FIRST,
    HOW_MET,
    LAST,
    MATCHED_OFFERS,
    MATCHED_SEEKS,
    OFFERS,
    POSITIONS,
    SEEKS,
)

DEMO_NAME = "Sam Rivera"
"""Who the demo's messages are signed by."""


@dataclass
class DemoData:
    contacts: list[Contact] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    intros: list[Intro] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)


def generate(count: int, seed: int, today: date) -> DemoData:
    """A database of `count` people (at least 40) with every stage and screen populated."""
    rng = random.Random(seed)
    count = max(count, 40)
    data = DemoData(contacts=list(_people(rng, count, today)))
    ids = iter(range(1, count + 1))
    for contact, contact_id in zip(data.contacts, ids, strict=False):
        contact.id = contact_id  # the store assigns ids in insertion order from 1
    cast = iter(data.contacts)
    talked = _place_in_routine(rng, cast, data, today)
    # A separate stream, so the routine above comes out as it always has for a seed.
    _offers_and_seeks(random.Random(seed + 1), data.contacts, talked)
    _referrals(talked, data, today)
    # As a day's first start would leave it (Repo.settle): opening the demo changes nothing.
    for contact_id in silent_after_follow_up(data.contacts, Settings(), today):
        data.contacts[contact_id - 1].stage = Stage.NO_RESPONSE
    return data


def _people(rng: random.Random, count: int, today: date) -> Iterator[Contact]:
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{n}".lower().replace("'", "").replace(" ", "-")
        company = rng.choice(COMPANIES)
        stamp = datetime.combine(today - timedelta(days=rng.randint(30, 400)), time(9))
        yield Contact(
            first_name=first,
            last_name=last,
            email=f"{slug}@example.com" if rng.random() < 0.2 else "",
            company=company,
            position=rng.choice(POSITIONS),
            url=f"https://www.linkedin.com/in/{slug}",
            connected_on=today - timedelta(days=rng.randint(3, 9 * 365)),
            source="demo",
            closeness=rng.choices((0, 1, 2, 3), weights=(70, 18, 9, 3))[0],
            created_at=stamp,
            updated_at=stamp,
        )


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def _outreach(contact: Contact, sent: date) -> Message:
    body = (
        f"Hi {contact.first_name}, we have been connected for a while but never talked. "
        f"I'd love to hear what you are working on at {contact.company or 'your company'} — "
        "would you have 15 minutes for a phone or Skype call next week?"
    )
    return Message(
        contact.id,
        MessageKind.OUTREACH,
        body=body,
        template="First outreach",
        sent_at=_at(sent, 10),
    )


def _place_in_routine(
    rng: random.Random, cast: Iterator[Contact], data: DemoData, today: date
) -> list[Contact]:
    """Put the first people in every stage; returns the ones you have talked with."""
    day = timedelta(days=1)

    def take(stage: Stage, contacted_days_ago: int | None = None) -> Contact:
        person = next(cast)
        person.stage = stage
        if contacted_days_ago is not None:
            sent = today - contacted_days_ago * day
            data.messages.append(_outreach(person, sent))
            person.last_contacted_on = sent
            person.next_action_on = sent + 7 * day
        return person

    for ago in (8, 9, 12):  # follow-up due
        take(Stage.CONTACTED, ago)
    for ago in range(0, 5):  # a week of fresh outreach, still waiting
        take(Stage.CONTACTED, ago)
    silent = take(Stage.CONTACTED, 16)
    silent.followed_up_on = today - 8 * day
    silent.next_action_on = today - day
    data.messages.append(
        Message(
            silent.id,
            MessageKind.FOLLOW_UP,
            sent_at=_at(silent.followed_up_on, 11),
            body=f"Hi {silent.first_name}, just bringing this back to the top of your inbox.",
        )
    )
    for ago in (3, 5, 6):  # replied, call to schedule
        person = take(Stage.REPLIED, ago + 4)
        data.messages[-1].replied_at = _at(today - ago * day, 16)
        person.next_action_on = today
    for when in (_at(today, 15), _at(today + 3 * day, 9)):
        person = take(Stage.SCHEDULED, 10)
        data.messages[-1].replied_at = _at(today - 8 * day, 12)
        data.calls.append(Call(person.id, scheduled_for=when, medium=rng.choice(list(Medium))))

    talked = []
    for n in range(8):
        person = take(Stage.TALKED, 14 + n * 9)
        held = today - (n * 9 + 2) * day
        person.closeness = rng.choice((2, 3, 3, 4))
        person.met_on = today - timedelta(days=rng.randint(200, 12 * 365))
        person.how_met = HOW_MET[n % len(HOW_MET)]
        person.credential = CREDENTIALS[n % len(CREDENTIALS)]
        person.last_contacted_on = held
        person.next_action_on = held + 30 * day
        person.keep_in_touch_days = 30 if n % 3 == 0 else None
        data.calls.append(
            Call(
                person.id,
                scheduled_for=_at(held, 14),
                held_at=_at(held, 14),
                medium=rng.choice(list(Medium)),
                notes=CALL_NOTES[n % len(CALL_NOTES)],
                highlights=person.credential,
                leads=[
                    Lead(
                        f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        rng.choice(COMPANIES),
                        "they could tell me how their tender process works",
                    )
                ]
                if n < 3
                else [],
                follow_up_on=held + 30 * day,
            )
        )
        data.messages.append(
            Message(
                person.id,
                MessageKind.THANKS,
                sent_at=_at(held, 17),
                body=f"Thanks for the call, {person.first_name} — really enjoyed it.",
            )
        )
        talked.append(person)

    for stage in (Stage.NO_RESPONSE, Stage.NO_RESPONSE, Stage.DECLINED, Stage.DO_NOT_CONTACT):
        take(stage, 40)

    _intros(talked, data, today)
    _targets(rng, talked, data, today)
    return talked


def _intros(talked: list[Contact], data: DemoData, today: date) -> None:
    agreed = OptInAnswer.AGREED
    steps = [
        (IntroStatus.DRAFT, OptInAnswer.PENDING, OptInAnswer.PENDING),
        (IntroStatus.ASKING, agreed, OptInAnswer.PENDING),
        (IntroStatus.AGREED, agreed, agreed),
        (IntroStatus.SENT, agreed, agreed),
        (IntroStatus.MET, agreed, agreed),
        (IntroStatus.DECLINED, agreed, OptInAnswer.DECLINED),
    ]
    for n, (status, a_answer, b_answer) in enumerate(steps):
        a, b = talked[n], talked[(n + 3) % len(talked)]
        asked = _at(today - (20 - n * 2) * timedelta(days=1), 10)
        answered = asked + timedelta(days=1)

        def optin(
            answer: OptInAnswer,
            asked: datetime = asked,
            answered: datetime = answered,
            status: IntroStatus = status,
        ) -> OptIn:
            if status is IntroStatus.DRAFT:
                return OptIn()
            if answer is OptInAnswer.PENDING:
                return OptIn(asked_at=asked)
            return OptIn(asked_at=asked, answered_at=answered, answer=answer)

        data.intros.append(
            Intro(
                a.id,
                b.id,
                reason="both are rethinking how they buy freight",
                status=status,
                a_optin=optin(a_answer),
                b_optin=optin(b_answer),
                sent_at=answered + timedelta(days=1)
                if status in (IntroStatus.SENT, IntroStatus.MET)
                else None,
                outcome="They met for coffee and are planning a pilot."
                if status is IntroStatus.MET
                else "",
                created_at=asked,
                updated_at=answered,
            )
        )


def _targets(rng: random.Random, talked: list[Contact], data: DemoData, today: date) -> None:
    lead_call = next(c for c in data.calls if c.leads)
    lead = lead_call.leads[0]
    data.targets.append(
        Target(
            lead.name,
            lead.company,
            why=lead.why,
            source_call_id=None,
            introducers=[Introducer(lead_call.contact_id, 3, 3, "mentioned on our call")],
        )
    )
    data.targets.append(
        Target(
            "Margit Halvorsen",
            "Zephyr Air",
            "https://www.linkedin.com/in/margit-halvorsen",
            why="she runs the cargo division I would like to work with",
            introducers=[Introducer(p.id, p.closeness, rng.randint(1, 4)) for p in talked[:4]],
        )
    )
    data.targets.append(
        Target(
            "Tobias Rahm",
            "Helix Bio",
            why="he wrote the paper on cold-chain vaccines I keep quoting",
            status=TargetStatus.ASKED,
            asked_via=talked[4].id,
            asked_at=_at(today - timedelta(days=5), 12),
            introducers=[Introducer(talked[4].id, talked[4].closeness, 3)],
        )
    )


def _offers_and_seeks(rng: random.Random, contacts: list[Contact], talked: list[Contact]) -> None:
    """Offers on about a third of everyone, seeks on a few; everyone talked with has both
    (the call form asks), and two of them answer two others' seeks."""
    for contact in contacts:
        if rng.random() < 0.35:
            contact.offers = rng.choice(OFFERS)
        if rng.random() < 0.04:
            contact.seeks = rng.choice(SEEKS)
    for n, person in enumerate(talked):
        person.offers = OFFERS[(n * 3) % len(OFFERS)]
        person.seeks = SEEKS[(n * 5) % len(SEEKS)]
    # Pairs that have no introduction yet (the intros above pair n with n + 3).
    for (seeker, provider), seeks, offers in zip(
        ((0, 6), (2, 7)), MATCHED_SEEKS, MATCHED_OFFERS, strict=True
    ):
        talked[seeker].seeks = seeks
        talked[provider].offers = offers


def _referrals(talked: list[Contact], data: DemoData, today: date) -> None:
    """A dozen referrals, given and received in every status; some waiting on you."""
    day = timedelta(days=1)
    given, received = ReferralDirection.GIVEN, ReferralDirection.RECEIVED
    outsider = data.contacts[-1]  # a B-network connection who still sent one
    steps = [
        (given, talked[0], ReferralStatus.PASSED, 3, "a Shopify developer for a dental chain"),
        (given, talked[1], ReferralStatus.CONTACTED, 20, "freight from Rotterdam to Hamburg"),
        (given, talked[2], ReferralStatus.MET, 16, "a tender writer for a ports project"),
        (given, talked[3], ReferralStatus.CLOSED_WON, 60, "a cold-chain audit"),
        (given, talked[4], ReferralStatus.CLOSED_LOST, 45, "AWS migration for a retailer"),
        (given, outsider, ReferralStatus.DROPPED, 90, "brand strategy for a bakery"),
        (received, talked[5], ReferralStatus.PASSED, 2, "a procurement audit"),
        (received, talked[6], ReferralStatus.CONTACTED, 18, "route planning for a food wholesaler"),
        (received, talked[7], ReferralStatus.MET, 9, "mentoring for a new engineering lead"),
        (received, talked[0], ReferralStatus.CLOSED_WON, 30, "warehouse robotics pilot"),
        (received, talked[1], ReferralStatus.CLOSED_LOST, 50, "solar panels for two depots"),
        (received, outsider, ReferralStatus.DROPPED, 70, "a grant application"),
    ]
    for n, (direction, person, status, days_ago, need) in enumerate(steps):
        created = _at(today - days_ago * day, 11)
        moved = created if status is ReferralStatus.PASSED else created + day
        thanked = direction is received and n % 3 == 0 and status is not ReferralStatus.CLOSED_WON
        data.referrals.append(
            Referral(
                direction,
                giver_id=None if direction is given else person.id,
                receiver_id=person.id if direction is given else None,
                referred_name=f"{FIRST[(n * 7) % len(FIRST)]} {LAST[(n * 11) % len(LAST)]}",
                need=need,
                consent=n % 4 != 3,
                status=status,
                value="a six-month contract" if status is ReferralStatus.CLOSED_WON else "",
                thanked_at=moved if thanked else None,
                created_at=created,
                updated_at=moved,
            )
        )
