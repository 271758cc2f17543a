from datetime import date, datetime, timedelta

import pytest

from netdesk.domain.models import (
    Call,
    Contact,
    Intro,
    IntroStatus,
    MessageKind,
    OptIn,
    OptInAnswer,
    Settings,
    Stage,
)
from netdesk.domain.queue import (
    ItemKind,
    QueueItem,
    build_queue,
    outreach_scores,
    silent_after_follow_up,
)
from netdesk.domain.queue_actions import (
    after_call,
    after_reply,
    after_schedule,
    after_send,
    done,
    skip,
    snooze,
)

TODAY = date(2026, 11, 27)
SETTINGS = Settings(daily_cap=5, follow_up_days=7)


def days(n: int) -> date:
    """The date n days from TODAY (negative: in the past)."""
    return TODAY + timedelta(days=n)


def person(contact_id: int, stage: Stage = Stage.NEW, **fields) -> Contact:
    return Contact(id=contact_id, first_name=f"P{contact_id}", last_name="X", stage=stage, **fields)


def queue(contacts, calls=(), intros=(), settings=SETTINGS, done_today=0) -> list[QueueItem]:
    return build_queue(contacts, calls, intros, settings, TODAY, done_today)


def kinds(items: list[QueueItem]) -> list[tuple[ItemKind, int]]:
    return [(item.kind, item.contact_id) for item in items]


def test_item_kinds_are_in_queue_order_with_labels() -> None:
    """Follow-ups, replies, calls, intros, thank-yous, new roles, keep-in-touch, then new
    outreach, each labelled."""
    assert list(ItemKind) == sorted(ItemKind)
    assert [kind.label for kind in ItemKind] == [
        "Follow-ups due",
        "Replies to schedule",
        "Calls today",
        "Introductions waiting",
        "Thanks to send",
        "New roles to congratulate",
        "Keep in touch",
        "New outreach",
    ]


def test_follow_up_due() -> None:
    """Contacted, due today or earlier, no follow-up yet: one follow-up item."""
    due = person(1, Stage.CONTACTED, next_action_on=days(-2), last_contacted_on=days(-9))
    (item,) = queue([due])
    assert item == QueueItem(
        ItemKind.FOLLOW_UP,
        1,
        "Contacted 9 days ago, no reply yet: send the one follow-up",
        days(-2),
        2.0,
    )


def test_follow_up_not_yet_due_or_already_sent_is_absent() -> None:
    """Not due yet, or the single follow-up already went out: nothing to do."""
    waiting = person(1, Stage.CONTACTED, next_action_on=days(1))
    followed = person(2, Stage.CONTACTED, next_action_on=days(-1), followed_up_on=days(-8))
    assert queue([waiting, followed]) == []


def test_follow_up_date_falls_back_to_last_contact() -> None:
    """Without next_action_on, the follow-up is due follow_up_days after the last contact."""
    due = person(1, Stage.CONTACTED, last_contacted_on=days(-7))
    early = person(2, Stage.CONTACTED, last_contacted_on=days(-6))
    assert kinds(queue([due, early])) == [(ItemKind.FOLLOW_UP, 1)]


def test_replies_are_never_capped() -> None:
    """Every replied person is listed even with a daily cap of zero."""
    replied = [person(i, Stage.REPLIED, last_contacted_on=days(-i)) for i in range(1, 8)]
    items = queue(replied, settings=Settings(daily_cap=0))
    assert kinds(items) == [(ItemKind.REPLY, i) for i in range(7, 0, -1)]
    assert items[0].reason == "Replied: schedule the 15-minute call"


def test_follow_ups_are_never_capped() -> None:
    """Ten due follow-ups all show, whatever the cap and however much was done today."""
    due = [person(i, Stage.CONTACTED, next_action_on=days(-1)) for i in range(10)]
    assert len(queue(due, settings=Settings(daily_cap=1), done_today=5)) == 10


def test_calls_today_and_overdue() -> None:
    """Unlogged calls up to today show, overdue first then by time; held and future ones do not."""
    contacts = [person(i, Stage.SCHEDULED) for i in range(1, 6)]
    calls = [
        Call(id=10, contact_id=1, scheduled_for=datetime(2026, 11, 27, 15, 0)),
        Call(id=11, contact_id=2, scheduled_for=datetime(2026, 11, 27, 9, 30)),
        Call(id=12, contact_id=3, scheduled_for=datetime(2026, 11, 25, 11, 0)),
        Call(
            id=13,
            contact_id=4,
            scheduled_for=datetime(2026, 11, 27, 8, 0),
            held_at=datetime(2026, 11, 27, 8, 0),
        ),
        Call(id=14, contact_id=5, scheduled_for=datetime(2026, 11, 28, 9, 0)),
    ]
    items = queue(contacts, calls)
    assert [(i.kind, i.contact_id, i.call_id) for i in items] == [
        (ItemKind.CALL_TODAY, 3, 12),
        (ItemKind.CALL_TODAY, 2, 11),
        (ItemKind.CALL_TODAY, 1, 10),
    ]
    assert [item.reason for item in items] == [
        "Call was due Wed 25 Nov 2026 11:00: log it or reschedule",
        "Call at 09:30",
        "Call at 15:00",
    ]


def asked(days_ago: int, answer: OptInAnswer = OptInAnswer.PENDING) -> OptIn:
    moment = datetime.combine(days(-days_ago), datetime.min.time())
    answered = moment if answer is not OptInAnswer.PENDING else None
    return OptIn(asked_at=moment, answered_at=answered, answer=answer)


def test_intro_both_agreed_is_ready_to_send() -> None:
    """An AGREED intro is an item for A, naming B, due today."""
    intro = Intro(id=30, a_id=1, b_id=2, status=IntroStatus.AGREED)
    (item,) = queue([person(1), person(2)], intros=[intro], settings=Settings(daily_cap=0))
    assert item == QueueItem(
        ItemKind.INTRO_STEP,
        1,
        "Both said yes: send the introduction to P2 X",
        TODAY,
        0.0,
        intro_id=30,
    )


NUDGE_A = "No answer about meeting P2 X for 7 days: nudge or drop it"
ASK_B = "Ask whether they would like an introduction to P1 X"
NUDGE_B = "No answer about meeting P1 X for 8 days: nudge or drop it"
SEND = "Both said yes: send the introduction to P2 X"


@pytest.mark.parametrize(
    ("a_optin", "b_optin", "expected"),
    [
        (asked(7), OptIn(), (1, NUDGE_A)),
        (asked(6), OptIn(), None),
        (asked(9, OptInAnswer.AGREED), OptIn(), (2, ASK_B)),
        (asked(9, OptInAnswer.AGREED), asked(8), (2, NUDGE_B)),
        (asked(9, OptInAnswer.DECLINED), OptIn(), None),
        (asked(9, OptInAnswer.AGREED), asked(8, OptInAnswer.AGREED), (1, SEND)),
    ],
)
def test_intro_steps_while_asking(
    a_optin: OptIn, b_optin: OptIn, expected: tuple[int, str] | None
) -> None:
    """A stale ask gets a nudge, the unasked side an ask, a decline nothing, two yeses a send."""
    intro = Intro(
        id=30, a_id=1, b_id=2, status=IntroStatus.ASKING, a_optin=a_optin, b_optin=b_optin
    )
    items = queue([person(1), person(2)], intros=[intro], settings=Settings(daily_cap=0))
    assert [(i.contact_id, i.reason) for i in items] == ([expected] if expected else [])


def test_keep_in_touch_priority() -> None:
    """Due when the period has passed; priority is days over the period divided by the period."""
    contacts = [
        person(1, Stage.TALKED, keep_in_touch_days=30, last_contacted_on=days(-45)),
        person(2, Stage.TALKED, keep_in_touch_days=90, last_contacted_on=days(-90)),
        person(3, Stage.TALKED, keep_in_touch_days=30, last_contacted_on=days(-29)),
        person(4, Stage.TALKED, keep_in_touch_days=30),
    ]
    items = queue(contacts)
    assert [(i.contact_id, i.priority, i.due) for i in items] == [
        (1, 0.5, days(-15)),
        (2, 0.0, TODAY),
    ]
    assert items[0].reason == "Keep in touch every 30 days: last contact 45 days ago"


def test_new_outreach_cap_counts_what_was_done_today() -> None:
    """New outreach is limited to daily_cap minus today's sends, never below zero."""
    fresh = [person(i, connected_on=days(-i)) for i in range(1, 11)]
    assert len(queue(fresh, done_today=0)) == 5
    assert kinds(queue(fresh, done_today=3)) == [
        (ItemKind.NEW_OUTREACH, 1),
        (ItemKind.NEW_OUTREACH, 2),
    ]
    assert queue(fresh, done_today=5) == []
    assert queue(fresh, done_today=9) == []


def test_outreach_scores() -> None:
    """Recency up to 2 (1 at a year), closeness 0.5 a level, 0.5 each for company and position."""
    contacts = [
        person(1, connected_on=TODAY),
        person(2, connected_on=days(-365)),
        person(3, closeness=4, company="Acme", position="CTO"),
        person(4, connected_on=days(3)),
        person(5),
    ]
    assert outreach_scores(contacts, TODAY) == pytest.approx([2.0, 1.0, 3.0, 2.0, 0.0])


def test_new_outreach_prefers_recent_close_and_described_people() -> None:
    """Higher score first; the reason says when you connected."""
    contacts = [
        person(1, connected_on=days(-3000)),
        person(2, connected_on=days(-10)),
        person(3, connected_on=days(-3000), closeness=3, company="Acme", position="CTO"),
        person(4),
    ]
    items = queue(contacts, settings=Settings(daily_cap=3))
    assert kinds(items) == [
        (ItemKind.NEW_OUTREACH, 3),
        (ItemKind.NEW_OUTREACH, 2),
        (ItemKind.NEW_OUTREACH, 1),
    ]
    assert items[1].reason == "New: connected 10 days ago, never talked"


def test_snoozed_people_are_hidden_until_their_date() -> None:
    """snoozed_until after today hides a person; on the day itself they are back."""
    contacts = [
        person(1, Stage.REPLIED, snoozed_until=days(1)),
        person(2, Stage.REPLIED, snoozed_until=TODAY),
        person(3, snoozed_until=days(2)),
    ]
    calls = [Call(contact_id=1, scheduled_for=datetime(2026, 11, 27, 9, 0))]
    assert kinds(queue(contacts, calls)) == [(ItemKind.REPLY, 2)]


@pytest.mark.parametrize("stage", [Stage.DO_NOT_CONTACT, Stage.DECLINED, Stage.NO_RESPONSE])
def test_resting_stages_never_appear(stage: Stage) -> None:
    """Do-not-contact, declined and no-response people get no item of any kind."""
    someone = person(1, stage, next_action_on=days(-3), keep_in_touch_days=1)
    calls = [Call(contact_id=1, scheduled_for=datetime(2026, 11, 27, 9, 0))]
    intros = [Intro(a_id=1, b_id=2, status=IntroStatus.AGREED)]
    assert queue([someone, person(2, Stage.TALKED)], calls, intros, Settings(daily_cap=0)) == []


def test_one_entry_per_person_most_urgent_kind_wins() -> None:
    """A due follow-up beats a call and an intro step for the same person."""
    contacts = [person(1, Stage.CONTACTED, next_action_on=days(-1)), person(2, Stage.TALKED)]
    calls = [
        Call(contact_id=1, scheduled_for=datetime(2026, 11, 27, 9, 0)),
        Call(contact_id=1, scheduled_for=datetime(2026, 11, 26, 9, 0)),
    ]
    intros = [Intro(a_id=1, b_id=2, status=IntroStatus.AGREED)]
    assert kinds(queue(contacts, calls, intros)) == [(ItemKind.FOLLOW_UP, 1)]


def test_a_new_person_with_a_call_does_not_use_an_outreach_slot() -> None:
    """A NEW person with a call today shows as the call, and the cap goes to someone else."""
    contacts = [person(1, connected_on=TODAY), person(2, connected_on=days(-30))]
    calls = [Call(id=5, contact_id=1, scheduled_for=datetime(2026, 11, 27, 16, 0))]
    assert kinds(queue(contacts, calls, settings=Settings(daily_cap=1))) == [
        (ItemKind.CALL_TODAY, 1),
        (ItemKind.NEW_OUTREACH, 2),
    ]


def test_queue_orders_kinds() -> None:
    """Items come grouped in ItemKind order whatever the input order."""
    contacts = [
        person(6, connected_on=TODAY),
        person(5, Stage.TALKED, keep_in_touch_days=10, last_contacted_on=days(-20)),
        person(4, Stage.TALKED),
        person(3, Stage.SCHEDULED),
        person(2, Stage.REPLIED),
        person(1, Stage.CONTACTED, next_action_on=TODAY),
        person(7, Stage.TALKED),
    ]
    calls = [Call(contact_id=3, scheduled_for=datetime(2026, 11, 27, 16, 0))]
    intros = [Intro(a_id=4, b_id=7, status=IntroStatus.AGREED)]
    assert kinds(queue(contacts, calls, intros)) == [
        (ItemKind.FOLLOW_UP, 1),
        (ItemKind.REPLY, 2),
        (ItemKind.CALL_TODAY, 3),
        (ItemKind.INTRO_STEP, 4),
        (ItemKind.KEEP_IN_TOUCH, 5),
        (ItemKind.NEW_OUTREACH, 6),
    ]


def test_items_for_unknown_contacts_are_dropped() -> None:
    """A call or intro pointing at a deleted contact produces no item."""
    calls = [Call(contact_id=99, scheduled_for=datetime(2026, 11, 27, 9, 0))]
    intros = [Intro(a_id=98, b_id=99, status=IntroStatus.AGREED)]
    assert queue([], calls, intros) == []


def test_silent_after_follow_up() -> None:
    """Contacted people whose follow-up also went unanswered for a period are listed."""
    contacts = [
        person(1, Stage.CONTACTED, followed_up_on=days(-7), next_action_on=TODAY),
        person(2, Stage.CONTACTED, followed_up_on=days(-6), next_action_on=days(1)),
        person(3, Stage.CONTACTED, next_action_on=days(-3)),
        person(4, Stage.REPLIED, followed_up_on=days(-30), next_action_on=days(-23)),
        person(5, Stage.CONTACTED, followed_up_on=days(-8)),
    ]
    assert silent_after_follow_up(contacts, SETTINGS, TODAY) == [1, 5]


def test_after_send_outreach_starts_the_wait() -> None:
    """First outreach: contacted, last contact today, follow-up due in follow_up_days."""
    assert after_send(person(1), MessageKind.OUTREACH, SETTINGS, TODAY) == {
        "stage": Stage.CONTACTED,
        "last_contacted_on": TODAY,
        "next_action_on": days(7),
        "followed_up_on": None,
    }


def test_after_send_outreach_never_moves_a_stage_back() -> None:
    """Outreach to someone you already talked to only records the contact."""
    assert after_send(person(1, Stage.TALKED), MessageKind.OUTREACH, SETTINGS, TODAY) == {
        "last_contacted_on": TODAY
    }


def test_after_send_follow_up() -> None:
    """The follow-up is recorded and starts the second wait."""
    contacted = person(1, Stage.CONTACTED)
    assert after_send(contacted, MessageKind.FOLLOW_UP, SETTINGS, TODAY) == {
        "last_contacted_on": TODAY,
        "followed_up_on": TODAY,
        "next_action_on": days(7),
    }


@pytest.mark.parametrize(
    "kind",
    [
        MessageKind.SCHEDULING,
        MessageKind.THANKS,
        MessageKind.INTRO_ASK,
        MessageKind.INTRO,
        MessageKind.INTRO_REQUEST,
    ],
)
def test_after_send_other_kinds_record_the_contact(kind: MessageKind) -> None:
    """Other messages only update last_contacted_on."""
    assert after_send(person(1, Stage.REPLIED), kind, SETTINGS, TODAY) == {
        "last_contacted_on": TODAY
    }


def test_after_send_incoming_is_an_error() -> None:
    """Incoming messages are not sent; after_reply handles them."""
    with pytest.raises(ValueError, match="after_reply"):
        after_send(person(1), MessageKind.INCOMING, SETTINGS, TODAY)


REPLIED = {"last_contacted_on": TODAY, "stage": Stage.REPLIED, "next_action_on": None}


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (Stage.CONTACTED, REPLIED),
        (Stage.NO_RESPONSE, REPLIED),
        (Stage.TALKED, {"last_contacted_on": TODAY}),
    ],
)
def test_after_reply(stage: Stage, expected: dict) -> None:
    """A reply moves people awaiting one to REPLIED; later stages only record the contact."""
    assert after_reply(person(1, stage), TODAY) == expected


def test_after_schedule_and_after_call() -> None:
    """Scheduling sets SCHEDULED until the call; a logged call makes the person TALKED."""
    assert after_schedule(datetime(2026, 12, 1, 15, 0)) == {
        "stage": Stage.SCHEDULED,
        "next_action_on": date(2026, 12, 1),
    }
    assert after_call(TODAY, days(30)) == {
        "stage": Stage.TALKED,
        "last_contacted_on": TODAY,
        "next_action_on": days(30),
    }


def test_snooze_and_skip() -> None:
    """Snooze hides until a date; skip hides until tomorrow."""
    assert snooze(days(10)) == {"snoozed_until": days(10)}
    assert skip(TODAY) == {"snoozed_until": days(1)}


def test_done() -> None:
    """Done counts outreach and follow-ups as sent; other kinds record contact and rest a day."""
    assert done(person(1), ItemKind.NEW_OUTREACH, SETTINGS, TODAY) == after_send(
        person(1), MessageKind.OUTREACH, SETTINGS, TODAY
    )
    contacted = person(1, Stage.CONTACTED)
    assert done(contacted, ItemKind.FOLLOW_UP, SETTINGS, TODAY) == after_send(
        contacted, MessageKind.FOLLOW_UP, SETTINGS, TODAY
    )
    assert done(person(1, Stage.REPLIED), ItemKind.REPLY, SETTINGS, TODAY) == {
        "last_contacted_on": TODAY,
        "snoozed_until": days(1),
    }


def test_queue_hides_what_done_and_skip_handled() -> None:
    """Applying skip's changes removes the person from today's queue."""
    replied = person(1, Stage.REPLIED)
    for name, value in skip(TODAY).items():
        setattr(replied, name, value)
    assert queue([replied]) == []
