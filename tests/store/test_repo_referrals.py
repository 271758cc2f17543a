"""Referrals, asks of introducers, thanks and dismissed matches: validated, saved, undoable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from netdesk.domain.models import (
    Call,
    Contact,
    Introducer,
    MessageKind,
    OptInAnswer,
    Referral,
    ReferralDirection,
    ReferralStatus,
    Target,
    TargetStatus,
)
from netdesk.store.repo import Repo

NOW = datetime(2026, 11, 23, 9, 30)
LATER = datetime(2026, 11, 30, 9, 30)
GIVEN, RECEIVED = ReferralDirection.GIVEN, ReferralDirection.RECEIVED


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repo]:
    with Repo.open(tmp_path / "netdesk.json") as repo:
        repo.save_contact(Contact("Ann", "Lee", closeness=3), NOW)  # 1
        repo.save_contact(Contact("Bo", "Chen"), NOW)  # 2
        repo.save_contact(Contact("Cy", "Ng"), NOW)  # 3
        yield repo


def reopened(repo: Repo) -> Repo:
    repo.close()
    return Repo.open(repo.path)


def test_a_referral_is_recorded_stamped_and_kept_across_a_reopen(repo: Repo) -> None:
    """Added with created/updated stamps and the need tidied to one line; saved to the file."""
    added = repo.add_referral(
        Referral(GIVEN, None, 2, referred_id=3, need="  a  Xero\nbookkeeper ", consent=True), NOW
    )
    assert (added.need, added.created_at, added.updated_at) == ("a Xero bookkeeper", NOW, NOW)
    repo = reopened(repo)
    try:
        (stored,) = repo.referrals
        assert (stored.receiver_id, stored.referred_id, stored.consent) == (2, 3, True)
        assert repo.undo_history()[0].label == "Recorded a referral to Bo Chen"
    finally:
        repo.close()


@pytest.mark.parametrize(
    ("referral", "message"),
    [
        (Referral(GIVEN, None, 2, referred_name="Max", need=" "), "Say what the referral is for"),
        (Referral(GIVEN, None, None, referred_name="Max", need="x"), "Choose the receiver"),
        (Referral(RECEIVED, 99, None, referred_name="Max", need="x"), "Choose the giver"),
        (Referral(GIVEN, 1, 2, referred_name="Max", need="x"), "has you as the other side"),
        (Referral(GIVEN, None, 2, need="x"), "Say who was referred"),
        (Referral(GIVEN, None, 2, referred_id=2, need="x"), "cannot also be the receiver"),
        (Referral(GIVEN, None, 2, referred_id=42, need="x"), "not among your contacts"),
        (Referral(GIVEN, None, 2, referred_name="M", need="x" * 301), "keep it to 300"),
    ],
)
def test_a_bad_referral_is_refused_before_anything_is_written(
    repo: Repo, referral: Referral, message: str
) -> None:
    revision = repo.revision
    with pytest.raises(ValueError, match=message):
        repo.add_referral(referral, NOW)
    assert repo.revision == revision and len(repo.referrals) == 0


def test_status_thanks_edit_and_delete_are_each_one_undo_step(repo: Repo) -> None:
    """Each change stamps updated_at; undo walks them back one at a time."""
    ref = repo.add_referral(Referral(RECEIVED, 1, None, referred_name="Max", need="tax"), NOW)
    repo.set_referral_status(ref.id, ReferralStatus.MET, LATER)
    repo.thank_referral(ref.id, LATER)
    stored = repo.referrals.get(ref.id)
    assert stored is not None
    assert (stored.status, stored.thanked_at, stored.updated_at) == (
        ReferralStatus.MET,
        LATER,
        LATER,
    )
    edited = repo.edit_referral(
        Referral(RECEIVED, 2, None, referred_name="Max", need="VAT", id=ref.id), LATER
    )
    assert (edited.giver_id, edited.need, edited.created_at) == (2, "VAT", NOW)
    repo.delete_referral(ref.id, LATER)
    assert len(repo.referrals) == 0
    labels = [step.label for step in repo.undo_history()[:4]]
    assert labels == [
        "Deleted the referral with Bo Chen",
        "Edited the referral with Ann Lee",
        "Thanked Ann Lee",
        "Marked the referral with Ann Lee met",
    ]
    repo.undo()
    repo.undo()
    back = repo.referrals.get(ref.id)
    assert back is not None and (back.giver_id, back.thanked_at) == (1, LATER)
    with pytest.raises(ValueError, match="Only a referral you received"):
        given = repo.add_referral(Referral(GIVEN, None, 2, referred_name="Z", need="x"), NOW)
        repo.thank_referral(given.id, NOW)


def test_marking_a_thank_you_sent_logs_it_and_clears_the_queue_item(repo: Repo) -> None:
    """A closed referral and a reached target each ask for thanks until the note is sent."""
    ref = repo.add_referral(
        Referral(
            RECEIVED, 1, None, referred_name="Max", need="tax", status=ReferralStatus.CLOSED_WON
        ),
        NOW,
    )
    target = repo.save_target(
        Target("Jo Roe", "Acme", asked_via=2, status=TargetStatus.REACHED), NOW
    )
    due = repo.thanks_due()  # the target has no date of asking: it sorts first
    assert [(i.contact_id, i.referral_id, i.target_id) for i in due] == [
        (2, None, target.id),
        (1, ref.id, None),
    ]
    due.reverse()
    message = repo.mark_thanked(due[0], "Thank you, Ann!", LATER)
    assert (message.kind, message.contact_id, message.template) == (
        MessageKind.THANK_YOU,
        1,
        "Thanks for a referral or introduction",
    )
    repo.mark_thanked(due[1], "Thank you, Bo!", LATER)
    assert repo.thanks_due() == []
    stored_target = repo.targets.get(target.id)
    assert stored_target is not None and stored_target.thanked_at == LATER
    repo.undo()
    assert [i.target_id for i in repo.thanks_due()] == [target.id]


def test_recording_an_ask_keeps_the_level_you_knew_them_at(repo: Repo) -> None:
    """The answer, then later the introduction and call; closeness then is kept for odds."""
    target = repo.save_target(
        Target(
            "Jo Roe",
            introducers=[Introducer(1, 3, 2), Introducer(2, 0, 1)],
            asked_via=1,
            asked_at=NOW,
        ),
        NOW,
    )
    repo.record_ask(target.id, 1, LATER, answer=OptInAnswer.AGREED)
    repo.set_closeness(1, 4, LATER)  # knowing Ann better later does not re-file the ask
    repo.record_ask(target.id, 1, LATER, introduced=True, call_held=True)
    stored = repo.targets.get(target.id)
    assert stored is not None
    ann, bo = stored.introducers
    assert (ann.asked_at, ann.asked_closeness, ann.answer, ann.answered_at) == (
        NOW,
        3,
        OptInAnswer.AGREED,
        LATER,
    )
    assert (ann.introduced, ann.call_held) == (True, True)
    assert bo.asked_at is None and bo.answer is OptInAnswer.PENDING
    with pytest.raises(ValueError, match="not an introducer"):
        repo.record_ask(target.id, 3, LATER, answer=OptInAnswer.DECLINED)
    with pytest.raises(ValueError, match="no answer yet"):
        repo.record_ask(target.id, 2, LATER, answer=OptInAnswer.PENDING, introduced=True)


def test_a_dismissed_match_stays_dismissed(repo: Repo) -> None:
    """Dismissing is kept (either order, once) and the pair is no longer suggested."""
    repo.save_contact(Contact("Di", "Po", seeks="a Xero bookkeeper"), NOW)  # 4
    repo.save_contact(Contact("Ed", "Yu", offers="Xero bookkeeping"), NOW)  # 5
    assert [(m.seeker_id, m.provider_id) for m in repo.suggested_matches()] == [(4, 5)]
    first = repo.dismiss_match(5, 4, NOW)
    assert repo.dismiss_match(4, 5, NOW) == first
    assert (first.kind, first.a_id, first.b_id) == ("match", 4, 5)
    assert len(repo.dismissals) == 1
    assert repo.suggested_matches() == []
    repo = reopened(repo)
    try:
        assert repo.suggested_matches() == []
    finally:
        repo.close()
    with pytest.raises(ValueError, match="two different people"):
        Repo.dismiss_match(repo, 1, 1, NOW)


def test_the_finder_follows_every_kind_of_change(repo: Repo) -> None:
    """Contacts, calls, referrals, deletes and undo all reach the indexes without a rebuild."""
    assert repo.find_fits("freight") == []
    index = repo.fits_index()
    repo.save_contact(Contact("Fay", "Ox", offers="freight forwarding"), NOW)  # 4
    assert [f.name for f in repo.find_fits("freight")] == ["Fay Ox"]
    repo.log_call(Call(2, notes="Bo buys freight for Acme"), NOW)
    fits = repo.find_fits("freight")
    assert [(f.name, f.network, f.field) for f in fits] == [
        ("Fay Ox", "B", "offers"),
        ("Bo Chen", "A", "call notes"),
    ]
    assert repo.search_everything("notary") == []
    repo.add_referral(Referral(GIVEN, None, 3, referred_name="Max", need="a notary"), NOW)
    assert [f.name for f in repo.search_everything("notary")] == ["Cy Ng"]
    repo.undo()
    assert repo.search_everything("notary") == []
    repo.delete_contact(4, NOW)
    assert [f.name for f in repo.find_fits("freight")] == ["Bo Chen"]
    assert repo.fits_index() is index  # patched all along, never rebuilt
