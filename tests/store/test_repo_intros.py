"""Repo: the intro wizard's and the hard-target finder's changes, each in one save."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

import netdesk.store.storage as storage_module
from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    Introducer,
    IntroStatus,
    Lead,
    MessageKind,
    OptIn,
    OptInAnswer,
    Stage,
    Target,
    TargetStatus,
)
from netdesk.store.repo import Repo

T0 = datetime(2026, 11, 23, 9, 30)
T1 = datetime(2026, 11, 24, 14, 0)
T2 = datetime(2026, 11, 26, 8, 15)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """One entry per durable save."""
    saved: list[Path] = []
    real = storage_module.write_atomically

    def write(path: Path, payload: bytes, *, keep_backup: bool) -> None:
        saved.append(path)
        real(path, payload, keep_backup=keep_backup)

    monkeypatch.setattr(storage_module, "write_atomically", write)
    return saved


@pytest.fixture
def repo(db_path: Path) -> Iterator[Repo]:
    """The 10-contact database of tests/store/conftest.py, open."""
    with Repo.open(db_path) as opened:
        yield opened


def reopen(path: Path) -> Repo:
    return Repo.open(path, lock=False, read_only=True)


def new_intro(repo: Repo, a_id: int = 1, b_id: int = 2) -> Intro:
    return repo.save_intro(Intro(a_id, b_id, reason="both run warehouse pilots"), T0)


# --- introductions ---------------------------------------------------------------------------


def test_save_intro_inserts_a_draft_with_the_contact_fields_in_one_save(
    repo: Repo, writes: list[Path], db_path: Path
) -> None:
    changes = {1: {"how_met": "we shared an office in Leeds", "met_on": date(2019, 5, 1)}}
    intro = repo.save_intro(Intro(1, 2, reason="both run warehouse pilots"), T0, changes)
    assert len(writes) == 1
    assert intro.id == 1
    assert (intro.status, intro.created_at, intro.updated_at) == (IntroStatus.DRAFT, T0, T0)
    contact = repo.contacts.get(1)
    assert contact is not None
    assert (contact.how_met, contact.met_on, contact.updated_at) == (
        "we shared an office in Leeds",
        date(2019, 5, 1),
        T0,
    )
    repo.close()
    back = reopen(db_path)
    assert back.intros.all() == [intro]
    assert back.contacts.get(1) == contact


def test_save_intro_again_replaces_it_and_keeps_created_at(repo: Repo) -> None:
    intro = new_intro(repo)
    again = repo.save_intro(
        Intro(1, 2, reason="both run cold stores", created_at=intro.created_at, id=intro.id), T1
    )
    assert repo.intros.all() == [again]
    assert (again.reason, again.created_at, again.updated_at) == ("both run cold stores", T0, T1)


def test_save_intro_refuses_the_same_person_twice_and_unknown_people(
    repo: Repo, writes: list[Path]
) -> None:
    with pytest.raises(ValueError, match="two different people"):
        repo.save_intro(Intro(3, 3), T0)
    with pytest.raises(KeyError, match="no contact with id 99"):
        repo.save_intro(Intro(1, 99), T0)
    assert writes == []
    assert len(repo.intros) == 0


def test_mark_intro_asked_logs_the_ask_and_starts_asking(
    repo: Repo, writes: list[Path], db_path: Path
) -> None:
    intro = new_intro(repo)
    writes.clear()
    asked = repo.mark_intro_asked(intro.id, "a", "Would you like to meet Grace?", T1)
    assert len(writes) == 1
    assert asked.status is IntroStatus.ASKING
    assert asked.a_optin == OptIn(asked_at=T1)
    assert asked.b_optin == OptIn()
    assert asked.updated_at == T1
    [message] = repo.messages_for(1)
    assert (message.kind, message.body, message.sent_at, message.template) == (
        MessageKind.INTRO_ASK,
        "Would you like to meet Grace?",
        T1,
        "Introduction: ask first",
    )
    contact = repo.contacts.get(1)
    assert contact is not None
    assert contact.last_contacted_on == T1.date()
    repo.close()
    assert reopen(db_path).intros.get(intro.id) == asked


def test_asking_again_resets_the_answer_to_pending(repo: Repo) -> None:
    intro = new_intro(repo)
    repo.mark_intro_asked(intro.id, "b", "ask", T0)
    repo.record_optin(intro.id, "b", OptInAnswer.NO_ANSWER, T1)
    again = repo.mark_intro_asked(intro.id, "b", "ask again", T2)
    assert again.b_optin == OptIn(asked_at=T2)
    assert again.status is IntroStatus.ASKING
    assert [m.body for m in repo.messages_for(2)] == ["ask", "ask again"]


def test_mark_intro_asked_rejects_a_bad_side(repo: Repo) -> None:
    intro = new_intro(repo)
    with pytest.raises(ValueError, match="side must be 'a' or 'b'"):
        repo.mark_intro_asked(intro.id, "c", "ask", T1)
    with pytest.raises(KeyError, match="no intro with id 42"):
        repo.mark_intro_asked(42, "a", "ask", T1)


def test_both_agreeing_makes_it_agreed(repo: Repo, writes: list[Path]) -> None:
    intro = new_intro(repo)
    repo.mark_intro_asked(intro.id, "a", "ask a", T0)
    repo.mark_intro_asked(intro.id, "b", "ask b", T0)
    writes.clear()
    one = repo.record_optin(intro.id, "a", OptInAnswer.AGREED, T1)
    assert len(writes) == 1
    assert one.status is IntroStatus.ASKING
    assert one.a_optin == OptIn(T0, T1, OptInAnswer.AGREED)
    both = repo.record_optin(intro.id, "b", OptInAnswer.AGREED, T2)
    assert both.status is IntroStatus.AGREED
    assert both.b_optin == OptIn(T0, T2, OptInAnswer.AGREED)
    [ask_a] = repo.messages_for(1)
    [ask_b] = repo.messages_for(2)
    assert (ask_a.replied_at, ask_b.replied_at) == (T1, T2)


def test_a_decline_on_either_side_declines_it(repo: Repo) -> None:
    intro = new_intro(repo)
    repo.mark_intro_asked(intro.id, "a", "ask a", T0)
    repo.record_optin(intro.id, "a", OptInAnswer.AGREED, T1)
    declined = repo.record_optin(intro.id, "b", OptInAnswer.DECLINED, T2)
    assert declined.status is IntroStatus.DECLINED
    # B was never marked asked (asked in person): the ask counts as made when answered.
    assert declined.b_optin == OptIn(T2, T2, OptInAnswer.DECLINED)
    assert repo.messages_for(2) == []


def test_no_answer_keeps_it_asking_and_leaves_the_ask_unreplied(repo: Repo) -> None:
    intro = new_intro(repo)
    repo.mark_intro_asked(intro.id, "a", "ask a", T0)
    quiet = repo.record_optin(intro.id, "a", OptInAnswer.NO_ANSWER, T2)
    assert quiet.status is IntroStatus.ASKING
    assert quiet.a_optin == OptIn(T0, T2, OptInAnswer.NO_ANSWER)
    [ask] = repo.messages_for(1)
    assert ask.replied_at is None


def test_correcting_a_decline_reopens_the_intro(repo: Repo) -> None:
    intro = new_intro(repo)
    repo.record_optin(intro.id, "a", OptInAnswer.AGREED, T0)
    repo.record_optin(intro.id, "b", OptInAnswer.DECLINED, T1)
    fixed = repo.record_optin(intro.id, "b", OptInAnswer.AGREED, T2)
    assert fixed.status is IntroStatus.AGREED


def agreed_intro(repo: Repo) -> Intro:
    intro = new_intro(repo)
    repo.record_optin(intro.id, "a", OptInAnswer.AGREED, T0)
    return repo.record_optin(intro.id, "b", OptInAnswer.AGREED, T0)


def test_mark_intro_sent_logs_one_intro_message_for_each_side(
    repo: Repo, writes: list[Path], db_path: Path
) -> None:
    intro = agreed_intro(repo)
    writes.clear()
    sent = repo.mark_intro_sent(intro.id, "Ada, meet Grace.", "Grace, meet Ada.", "Enjoy!", T1)
    assert len(writes) == 1
    assert (sent.status, sent.sent_at, sent.a_text, sent.b_text, sent.closing) == (
        IntroStatus.SENT,
        T1,
        "Ada, meet Grace.",
        "Grace, meet Ada.",
        "Enjoy!",
    )
    for contact_id in (1, 2):
        [message] = repo.messages_for(contact_id)
        assert (message.kind, message.sent_at) == (MessageKind.INTRO, T1)
        assert message.body == "Ada, meet Grace.\n\nGrace, meet Ada.\n\nEnjoy!"
        contact = repo.contacts.get(contact_id)
        assert contact is not None
        assert contact.last_contacted_on == T1.date()
    repo.close()
    assert reopen(db_path).intros.get(intro.id) == sent


def test_mark_intro_sent_is_refused_before_both_agreed(repo: Repo, writes: list[Path]) -> None:
    intro = new_intro(repo)
    repo.record_optin(intro.id, "a", OptInAnswer.AGREED, T0)
    writes.clear()
    with pytest.raises(ValueError, match="both sides must agree"):
        repo.mark_intro_sent(intro.id, "a", "b", "c", T1)
    assert writes == []
    assert repo.messages_for(1) == []


def test_mark_intro_met_records_the_outcome(repo: Repo) -> None:
    intro = agreed_intro(repo)
    with pytest.raises(ValueError, match="only an introduction that was sent"):
        repo.mark_intro_met(intro.id, "coffee", T1)
    repo.mark_intro_sent(intro.id, "a", "b", "c", T1)
    met = repo.mark_intro_met(intro.id, "  Coffee, then a pilot.  ", T2)
    assert (met.status, met.outcome, met.updated_at) == (
        IntroStatus.MET,
        "Coffee, then a pilot.",
        T2,
    )
    # Answers recorded after sending do not move it back.
    assert repo.record_optin(intro.id, "a", OptInAnswer.DECLINED, T2).status is IntroStatus.MET


# --- targets ---------------------------------------------------------------------------------


def new_target(repo: Repo) -> Target:
    return repo.save_target(Target("Jane Roe", "Acme", why="she runs the cargo division"))


def test_save_target_inserts_then_replaces(repo: Repo, db_path: Path) -> None:
    target = new_target(repo)
    assert target.id == 1
    edited = repo.save_target(Target("Jane Roe", "Acme Air", id=target.id))
    assert repo.targets.all() == [edited]
    repo.close()
    assert reopen(db_path).targets.all() == [edited]


def test_add_introducers_uses_closeness_and_skips_people_already_listed(
    repo: Repo, writes: list[Path]
) -> None:
    target = new_target(repo)
    writes.clear()
    once = repo.add_introducers(target.id, [3, 4], T0, note="mutual connection")
    twice = repo.add_introducers(target.id, [4, 5], T0, they_know=3)
    assert len(writes) == 2
    closeness = {i: repo.contacts.get(i).closeness for i in (3, 4, 5)}  # type: ignore[union-attr]
    assert once.introducers == [
        Introducer(3, closeness[3], 2, "mutual connection"),
        Introducer(4, closeness[4], 2, "mutual connection"),
    ]
    assert twice.introducers == [*once.introducers, Introducer(5, closeness[5], 3, "")]


def test_add_introducers_adds_new_contacts_in_the_same_save(
    repo: Repo, writes: list[Path], db_path: Path
) -> None:
    target = new_target(repo)
    writes.clear()
    updated = repo.add_introducers(
        target.id,
        [2],
        T1,
        new_contacts=[Contact("Kim", "Lee", source="mutual list")],
        note="mutual connection",
    )
    assert len(writes) == 1
    kim = repo.contacts.get(11)
    assert kim is not None
    assert (kim.name, kim.source, kim.created_at, kim.stage) == (
        "Kim Lee",
        "mutual list",
        T1,
        Stage.NEW,
    )
    assert [i.contact_id for i in updated.introducers] == [2, 11]
    assert updated.introducers[1] == Introducer(11, 0, 2, "mutual connection")
    repo.close()
    assert reopen(db_path).targets.get(target.id) == updated


def test_add_introducers_with_an_unknown_contact_changes_nothing(
    repo: Repo, writes: list[Path]
) -> None:
    target = new_target(repo)
    writes.clear()
    with pytest.raises(KeyError):
        repo.add_introducers(target.id, [2, 77], T0, new_contacts=[Contact("New", "Person")])
    assert writes == []
    assert len(repo.contacts) == 10
    assert repo.targets.get(target.id) == target


def test_update_and_remove_introducer(repo: Repo) -> None:
    target = new_target(repo)
    repo.add_introducers(target.id, [3, 4], T0)
    updated = repo.update_introducer(target.id, 4, they_know=4, note="worked together")
    assert [(i.contact_id, i.they_know, i.note) for i in updated.introducers] == [
        (3, 2, ""),
        (4, 4, "worked together"),
    ]
    removed = repo.remove_introducer(target.id, 3)
    assert [i.contact_id for i in removed.introducers] == [4]


def test_mark_target_asked_logs_the_request_in_one_save(
    repo: Repo, writes: list[Path], db_path: Path
) -> None:
    target = new_target(repo)
    repo.add_introducers(target.id, [3], T0)
    writes.clear()
    asked = repo.mark_target_asked(target.id, 3, "Would you introduce me to Jane?", T1)
    assert len(writes) == 1
    assert (asked.status, asked.asked_via, asked.asked_at) == (TargetStatus.ASKED, 3, T1)
    [message] = repo.messages_for(3)
    assert (message.kind, message.body, message.sent_at, message.template) == (
        MessageKind.INTRO_REQUEST,
        "Would you introduce me to Jane?",
        T1,
        "Ask for an introduction",
    )
    repo.close()
    assert reopen(db_path).targets.get(target.id) == asked


def test_set_target_status_and_link_target(repo: Repo) -> None:
    target = new_target(repo)
    assert repo.set_target_status(target.id, TargetStatus.INTRODUCED).status is (
        TargetStatus.INTRODUCED
    )
    linked = repo.link_target(target.id, 7)
    assert (linked.contact_id, linked.status) == (7, TargetStatus.REACHED)
    repo.set_target_status(target.id, TargetStatus.DROPPED)
    relinked = repo.link_target(target.id, 8)
    assert (relinked.contact_id, relinked.status) == (8, TargetStatus.DROPPED)
    with pytest.raises(KeyError, match="no contact with id 99"):
        repo.link_target(target.id, 99)


def test_open_leads_lists_leads_not_yet_targets_and_promote_lead_adds_one(repo: Repo) -> None:
    with repo.batch():
        old = repo.calls.insert(
            Call(
                1,
                held_at=T0,
                leads=[Lead("Jane  Roe", "Acme", "already a target"), Lead("  ", "", "")],
            )
        )
        new = repo.calls.insert(
            Call(2, held_at=T1, leads=[Lead("Tom Bell", "Helix", "he wrote the paper")])
        )
        repo.calls.insert(Call(3, scheduled_for=T2, leads=[Lead("Not Held", "", "")]))
    new_target(repo)
    assert repo.open_leads() == [(new, new.leads[0])]
    promoted = repo.promote_lead(new.id, new.leads[0])
    closeness = repo.contacts.get(2).closeness  # type: ignore[union-attr]
    assert (promoted.name, promoted.company, promoted.why, promoted.source_call_id) == (
        "Tom Bell",
        "Helix",
        "he wrote the paper",
        new.id,
    )
    assert promoted.introducers == [Introducer(2, closeness, 3, "offered on our call")]
    assert repo.open_leads() == []
    assert old.id != new.id
