"""Referrals: what waits on you, the screen's groups, the card's lists and the thanks owed."""

from __future__ import annotations

from datetime import date, datetime

from netdesk.domain.models import (
    Contact,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.domain.referrals import (
    WaitKind,
    for_person,
    groups,
    thank_values,
    thanks_due,
    waiting,
)
from netdesk.domain.templates import THANK_YOU, fill

TODAY = date(2026, 12, 1)
GIVEN, RECEIVED = ReferralDirection.GIVEN, ReferralDirection.RECEIVED
S = ReferralStatus
PEOPLE = {
    1: Contact(id=1, first_name="Ann", last_name="Lee"),
    2: Contact(id=2, first_name="Bob", last_name="Ray"),
    3: Contact(id=3, first_name="Cy", last_name="Ng", stage=Stage.TALKED),
}


def at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 10)


def given(rid: int, to: int, status: S, moved: datetime, **kw: object) -> Referral:
    return Referral(
        GIVEN,
        None,
        to,
        status=status,
        created_at=moved,
        updated_at=moved,
        id=rid,
        **kw,  # type: ignore[arg-type]
    )


def received(rid: int, giver: int, status: S, moved: datetime, **kw: object) -> Referral:
    return Referral(
        RECEIVED,
        giver,
        None,
        status=status,
        created_at=moved,
        updated_at=moved,
        id=rid,
        **kw,  # type: ignore[arg-type]
    )


def test_waiting_thanks_first_then_stale_ones_to_check() -> None:
    """Unthanked received referrals (oldest first), then open ones quiet for 14+ days."""
    referrals = [
        given(1, 2, S.CONTACTED, at(1), referred_name="Jo Roe"),  # 30 days quiet
        given(2, 2, S.PASSED, at(25)),  # 6 days: not yet
        received(3, 1, S.MET, at(20), referred_name="Max"),  # thank, and 11 days: no check
        received(4, 1, S.CLOSED_WON, at(2), thanked_at=at(3)),  # thanked, closed: nothing
        received(5, 2, S.PASSED, at(10), referred_id=3),  # thank and check (21 days)
        given(6, 1, S.MET, at(17)),  # exactly 14 days: check
    ]
    items = waiting(referrals, PEOPLE, TODAY)
    assert [(w.kind, w.referral.id) for w in items] == [
        (WaitKind.THANK, 5),
        (WaitKind.THANK, 3),
        (WaitKind.CHECK, 1),
        (WaitKind.CHECK, 5),
        (WaitKind.CHECK, 6),
    ]
    assert items[0].reason == "Thank Bob Ray for sending Cy Ng your way"
    assert items[0].contact_id == 2
    assert items[2].reason == "Contacted 30 days ago: ask Bob Ray how Jo Roe went"


def test_groups_hold_each_referral_once() -> None:
    """Waiting first; then given open, received open, closed (newest first); none empty."""
    referrals = [
        given(1, 2, S.CONTACTED, at(1)),
        given(2, 2, S.PASSED, at(25)),
        given(3, 1, S.MET, at(28)),
        received(4, 1, S.CLOSED_WON, at(2), thanked_at=at(3)),
        given(5, 1, S.DROPPED, at(5)),
    ]
    found = [(g.title, [r.id for r in g.referrals]) for g in groups(referrals, PEOPLE, TODAY)]
    assert found == [
        ("Waiting on you", [1]),
        ("Given, open", [3, 2]),
        ("Closed", [5, 4]),
    ]
    assert groups([], PEOPLE, TODAY) == []


def test_for_person_splits_given_to_and_received_from() -> None:
    """The card: what you gave Ann, and what Ann gave you; someone else's not at all."""
    referrals = [
        given(1, 1, S.PASSED, at(1)),
        received(2, 1, S.MET, at(2)),
        given(3, 2, S.PASSED, at(3)),
        given(4, 1, S.CLOSED_WON, at(4)),
    ]
    mine = for_person(referrals, 1)
    assert [r.id for r in mine.given_to] == [4, 1]
    assert [r.id for r in mine.received_from] == [2]


def test_thanks_due_for_closed_referrals_and_reached_targets() -> None:
    """Closed received referrals and targets reached through an introducer, unthanked."""
    referrals = [
        received(
            1,
            1,
            S.CLOSED_WON,
            at(5),
            referred_name="Max",
            need="a Xero bookkeeper.",
            value="two years of books",
        ),
        received(2, 2, S.CLOSED_LOST, at(3), referred_name="Zoe"),
        received(3, 2, S.MET, at(1)),  # not closed
        received(4, 1, S.CLOSED_WON, at(1), thanked_at=at(2)),  # thanked
        given(5, 1, S.CLOSED_WON, at(1)),  # given: you thank nobody
    ]
    targets = [
        Target("Jo Roe", "Acme", asked_via=2, asked_at=at(4), status=TargetStatus.REACHED, id=7),
        Target("Vi Po", asked_via=1, asked_at=at(6), contact_id=3, id=8),  # Cy is talked
        Target("No One", asked_via=1, asked_at=at(1), status=TargetStatus.ASKED, id=9),
        Target("Done", asked_via=1, status=TargetStatus.REACHED, thanked_at=at(9), id=10),
    ]
    items = thanks_due(referrals, targets, PEOPLE, a_network={3})
    assert [(i.contact_id, i.referral_id, i.target_id) for i in items] == [
        (2, 2, None),
        (2, None, 7),
        (1, 1, None),
        (1, None, 8),
    ]
    assert items[2].happened == (
        "sending Max my way (a Xero bookkeeper); we ended up working together: two years of books"
    )
    assert items[1].happened == "introducing me to Jo Roe at Acme; we are in touch now"
    assert items[3].happened == "introducing me to Vi Po; we have talked since"
    assert items[1].reason == "Thank Bob Ray: Jo Roe at Acme through them, now reached"
    assert items[0].reason == "Thank Bob Ray: their referral of Zoe is closed lost"


def test_thank_you_template_names_what_happened() -> None:
    """The built-in thank-you, filled for a reached target, reads as a finished note."""
    item = thanks_due(
        [], [Target("Jo Roe", "Acme", asked_via=2, status=TargetStatus.REACHED, id=7)], PEOPLE, ()
    )[0]
    text = fill(THANK_YOU, {"first_name": "Bob", "my_name": "Sam", **thank_values(item)})
    assert text.startswith(
        "Hi Bob, thank you for introducing me to Jo Roe at Acme; we are in touch now. "
    )
    assert text.endswith("just ask.\n\nSam")
