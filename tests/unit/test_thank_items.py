"""Thank-yous in the queue, the wizard's why for a suggested match, a referral in one line."""

from datetime import date, timedelta

from netdesk.domain.matchmaking import Match, why_meet
from netdesk.domain.models import Contact, Referral, ReferralStatus, Settings, Stage
from netdesk.domain.queue import ItemKind, QueueItem, build_queue
from netdesk.domain.referrals import ThankItem, summary
from netdesk.domain.snippets import Snippet

TODAY = date(2026, 11, 27)
SETTINGS = Settings(daily_cap=0, follow_up_days=7)


def person(contact_id: int, stage: Stage = Stage.TALKED, **fields: object) -> Contact:
    return Contact(id=contact_id, first_name=f"P{contact_id}", stage=stage, **fields)  # type: ignore[arg-type]


def thank(contact_id: int, days_ago: int) -> ThankItem:
    return ThankItem(
        contact_id,
        f"P{contact_id}",
        "sending work my way",
        TODAY - timedelta(days=days_ago),
        referral_id=contact_id,
        reason=f"Thank P{contact_id}",
    )


def queue(contacts: list[Contact], thanks: list[ThankItem]) -> list[QueueItem]:
    return build_queue(contacts, [], [], SETTINGS, TODAY, 0, thanks)


def test_thanks_are_listed_longest_waiting_first_with_what_they_are_for() -> None:
    owed = [thank(1, 3), thank(2, 20)]
    items = queue([person(1), person(2)], owed)
    assert [(i.kind, i.contact_id, i.reason) for i in items] == [
        (ItemKind.THANK_YOU, 2, "Thank P2"),
        (ItemKind.THANK_YOU, 1, "Thank P1"),
    ]
    assert items[0].thank is owed[1]
    assert items[0].due == TODAY - timedelta(days=20)


def test_a_thank_you_gives_way_to_a_follow_up_and_beats_keeping_in_touch() -> None:
    follow_up = person(1, Stage.CONTACTED, last_contacted_on=TODAY - timedelta(days=9))
    in_touch = person(2, keep_in_touch_days=30, last_contacted_on=TODAY - timedelta(days=90))
    items = queue([follow_up, in_touch], [thank(1, 1), thank(2, 1)])
    assert [(i.kind, i.contact_id) for i in items] == [
        (ItemKind.FOLLOW_UP, 1),
        (ItemKind.THANK_YOU, 2),
    ]


def test_nobody_resting_or_gone_is_asked_to_be_thanked() -> None:
    snoozed = person(1, snoozed_until=TODAY + timedelta(days=2))
    refused = person(2, Stage.DO_NOT_CONTACT)
    assert queue([snoozed, refused], [thank(1, 5), thank(2, 5), thank(3, 5)]) == []


def test_why_meet_joins_what_one_seeks_and_the_other_offers() -> None:
    match = Match(
        seeker_id=1,
        provider_id=2,
        seeker_name="Dmitri Wong",
        provider_name="Noor Reyes",
        score=1.0,
        in_a=2,
        words=("bookkeeper", "Xero"),
        seeks=Snippet("a bookkeeper who knows Xero."),
        offers=Snippet(" Bookkeeping and payroll with Xero "),
    )
    assert why_meet(match, "Dmitri", "Noor") == (
        "Dmitri is looking for a bookkeeper who knows Xero, and Noor offers Bookkeeping and"
        " payroll with Xero"
    )


def test_summary_names_who_was_referred_the_need_and_the_status() -> None:
    contacts = {5: Contact(id=5, first_name="Bob", last_name="Lee")}
    to_contact = Referral(referred_id=5, need="payroll", status=ReferralStatus.CLOSED_WON)
    by_name = Referral(referred_name="Pia Holm", need="an audit")
    assert summary(to_contact, contacts) == "Bob Lee: payroll (closed won)"
    assert summary(by_name, contacts) == "Pia Holm: an audit (passed)"
