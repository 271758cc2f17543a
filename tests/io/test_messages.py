"""messages.csv: both shapes LinkedIn shipped, who "you" are, matching, and the history plan."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Contact, Message, MessageKind, Settings, Stage
from netdesk.io.archive_dates import parse_timestamp
from netdesk.io.csvfile import ImportFileError, Skipped
from netdesk.io.history import (
    Exchange,
    HistoryPlan,
    HistoryRead,
    Party,
    apply_history,
    plan_history,
)
from netdesk.io.messages import read_messages, read_messages_text
from netdesk.store import storage
from netdesk.store.repo import Repo

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
PROFILE = "https://www.linkedin.com/in/"
ME = Party("Sam Rivera", PROFILE + "sam-rivera")
ANN = Party("Ann Lee", PROFILE + "ann-lee")
BILAL = Party("Bilal Khan", PROFILE + "bilalkhan")
SETTINGS = Settings()

pytestmark = pytest.mark.usefixtures("utc")


def person(contact_id: int, name: str, url: str = "", **fields: object) -> Contact:
    first, last = name.split(" ", 1)
    return Contact(first_name=first, last_name=last, url=url, id=contact_id, **fields)  # type: ignore[arg-type]


def row(sender: Party, to: Party, when: str, content: str, conversation: str = "c1") -> list[str]:
    return [conversation, "", sender.name, sender.url, to.name, to.url, when, "", content, "INBOX"]


def messages(*rows: list[str]) -> HistoryRead:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return read_messages_text(f"{HEADER}\n{out.getvalue()}")


def plan(
    read: HistoryRead,
    contacts: list[Contact],
    stored: list[Message] | None = None,
    me: str | None = None,
) -> HistoryPlan:
    return plan_history(read, contacts, stored or [], SETTINGS, me)


def kinds(result: HistoryPlan) -> list[tuple[int, MessageKind, datetime | None]]:
    return [(m.contact_id, m.kind, m.replied_at) for m in result.new]


ann = person(1, "Ann Lee", ANN.url, company="Acme Robotics")
bilal = person(2, "Bilal Khan", BILAL.url)
ann_contacted = person(
    1,
    "Ann Lee",
    ANN.url,
    stage=Stage.CONTACTED,
    last_contacted_on=date(2026, 11, 20),
    next_action_on=date(2026, 11, 27),
)
"""Ann after an outreach marked sent in netdesk on 20 Nov 2026."""


# --- reading ------------------------------------------------------------------------------


def test_current_shape_with_quirky_rows() -> None:
    """Multi-line text, entities, empty and attachment-only rows, a company, doubled spaces,
    a draft, a bad date, a broken row and a senderless one: each read or skipped by line."""
    result = read_messages(DATA / "messages_current.csv")

    assert [(e.line, e.sent_at, e.sender, e.body) for e in result.exchanges] == [
        (2, datetime(2023, 5, 2, 16, 40, 3), ANN, "Hi Sam,\n\nTuesday works. See you then!"),
        (
            5,
            datetime(2023, 5, 1, 14, 22, 10),
            ME,
            "I’d love to hear about Acme Robotics & the fleet work.",
        ),
        (7, datetime(2023, 5, 3, 9, 1), ANN, ""),
        (
            8,
            datetime(2024, 11, 20, 13, 0),
            Party("Globex Recruiting", "https://www.linkedin.com/company/globex"),
            "Exciting opportunity\n\nWe are hiring!",
        ),
        (
            9,
            datetime(2023, 6, 13, 17, 45),
            Party("Dana Okafor", PROFILE + "dana-okafor"),
            "Sure. Thursday?",
        ),
        (
            13,
            datetime(2025, 2, 1, 7, 30),
            Party("Fay Wong", PROFILE + "fay-wong"),
            "Who is in for Saturday?",
        ),
    ]
    assert result.exchanges[4].recipients == (ME,)
    assert result.exchanges[5].recipients == (ME, BILAL)
    assert {e.outgoing for e in result.exchanges} == {None}
    assert {e.channel for e in result.exchanges} == {"linkedin"}
    assert result.skipped == [
        Skipped(6, "no text"),
        Skipped(10, "a draft, never sent"),
        Skipped(11, "unreadable date 'yesterday'"),
        Skipped(12, "expected 12 fields, found 4"),
        Skipped(14, "no sender"),
    ]


def test_older_shape_with_direction_and_local_times() -> None:
    result = read_messages(DATA / "messages_old.csv")

    sam, ann_old, zoe = Party("Sam Rivera"), Party("Ann Lee"), Party("Zoë Durand")
    assert result.exchanges == [
        Exchange(
            2,
            datetime(2018, 10, 16, 8, 36),
            sam,
            (ann_old,),
            "Coffee?\n\nHi Ann,\nwould you have 15 minutes next week?",
            "linkedin",
            True,
        ),
        Exchange(
            4,
            datetime(2018, 10, 17, 12, 5),
            ann_old,
            (sam,),
            "RE: Coffee?\n\nSure – Tuesday works.",
            "linkedin",
            False,
        ),
        Exchange(
            5, datetime(2019, 1, 2, 19, 0), zoe, (sam,), "Bonne année Sam !", "linkedin", False
        ),
        Exchange(
            6,
            datetime(2019, 3, 4, 9, 15),
            Party("Some Recruiter"),
            (sam,),
            "Opportunity\n\nAre you open to new roles?",
            "linkedin",
            False,
        ),
        Exchange(7, datetime(2019, 1, 3, 0, 30), sam, (zoe,), "Merci Zoë!", "linkedin", True),
    ]
    assert result.skipped == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-01 14:22:10 UTC", datetime(2023, 5, 1, 14, 22, 10)),
        ("2023-05-01T14:22:10Z", datetime(2023, 5, 1, 14, 22, 10)),
        ("2023-05-01 14:22", datetime(2023, 5, 1, 14, 22)),
        ("10/16/18, 8:36 AM", datetime(2018, 10, 16, 8, 36)),
        ("10/16/2018, 8:36 PM", datetime(2018, 10, 16, 20, 36)),
        ("1/2/19, 12:05 AM", datetime(2019, 1, 2, 0, 5)),
        ("1/2/19, 12:05 PM", datetime(2019, 1, 2, 12, 5)),
        ("1/2/19, 7:00\u202fpm", datetime(2019, 1, 2, 19, 0)),
        ("1/2/19 19:00", datetime(2019, 1, 2, 19, 0)),
        ("14 Mar 2019", datetime(2019, 3, 14)),
        ("1/2/19, 13:00 PM", None),
        ("2023-02-30 10:00:00 UTC", None),
        ("", None),
        ("soon", None),
    ],
)
def test_timestamps(text: str, expected: datetime | None) -> None:
    assert parse_timestamp(text) == expected


def test_utc_stamps_become_local_time(local_zone: Callable[[str], None]) -> None:
    """Summer and winter in New York: the zone's rules for that date, DST included."""
    local_zone("America/New_York")

    assert parse_timestamp("2023-05-01 14:22:10 UTC") == datetime(2023, 5, 1, 10, 22, 10)
    assert parse_timestamp("2023-01-01 03:00:00 UTC") == datetime(2022, 12, 31, 22, 0)
    assert parse_timestamp("10/16/18, 8:36 AM") == datetime(2018, 10, 16, 8, 36)


def test_a_file_without_message_columns_is_refused() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_messages(DATA / "archive" / "Invitations.csv")

    assert str(caught.value) == (
        f"{DATA / 'archive' / 'Invitations.csv'} has no LinkedIn messages columns; expected a"
        " header like FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT"
    )


def test_empty_text_is_refused() -> None:
    with pytest.raises(ImportFileError, match=r"^the pasted text is empty; export messages\.csv"):
        read_messages_text("\ufeff\n")


# --- who you are ----------------------------------------------------------------------------


def test_you_are_whoever_takes_part_in_most_rows() -> None:
    read = messages(
        row(ME, ANN, "2024-01-01 10:00:00 UTC", "Hi Ann"),
        row(BILAL, ME, "2024-01-02 10:00:00 UTC", "Hi Sam", "c2"),
        row(ANN, ME, "2024-01-03 10:00:00 UTC", "Hello!"),
    )

    result = plan(read, [ann, bilal])

    assert result.you == "Sam Rivera"
    assert [(m.contact_id, m.kind) for m in result.new] == [
        (1, MessageKind.OUTREACH),
        (1, MessageKind.INCOMING),
        (2, MessageKind.INCOMING),
    ]


def test_one_conversation_is_yours_not_your_contacts() -> None:
    """Both take part in every row: the one who is not a contact is you."""
    read = messages(row(ANN, ME, "2024-01-03 10:00:00 UTC", "Hello!"))

    assert plan(read, [ann]).you == "Sam Rivera"


def test_a_tie_between_strangers_asks_for_me() -> None:
    read = messages(row(ANN, ME, "2024-01-03 10:00:00 UTC", "Hello!"))

    with pytest.raises(ImportFileError, match=r"^cannot tell which participant is you; pass --me"):
        plan(read, [])


@pytest.mark.parametrize("me", ["sam  RIVERA", "linkedin.com/in/sam-rivera/"])
def test_me_by_name_or_profile_url(me: str) -> None:
    read = messages(row(ANN, ME, "2024-01-03 10:00:00 UTC", "Hello!"))

    result = plan(read, [], me=me)

    assert result.you == "Sam Rivera"
    assert result.unmatched == {"Ann Lee": 1}


def test_me_who_is_not_in_the_file_is_refused() -> None:
    read = messages(row(ANN, ME, "2024-01-03 10:00:00 UTC", "Hello!"))

    with pytest.raises(ImportFileError, match=r"^--me 'Nobody' is in none of the conversations"):
        plan(read, [ann], me="Nobody")


# --- matching -------------------------------------------------------------------------------


def test_people_match_by_profile_url_then_by_name() -> None:
    zoe = person(3, "Zoë Durand")
    renamed = person(4, "Bee Smith", PROFILE + "bee-smith")
    read = messages(
        row(ME, Party("Ann L.", ANN.url.upper() + "/?trk=x"), "2024-01-01 10:00:00 UTC", "a"),
        row(ME, Party("zoe  DURAND"), "2024-01-01 10:00:00 UTC", "b", "c2"),
        row(ME, Party("Bee Smith", PROFILE + "ACoAAB1234"), "2024-01-01 10:00:00 UTC", "c", "c3"),
    )

    result = plan(read, [ann, zoe, renamed])

    assert [m.contact_id for m in result.new] == [1, 3, 4]
    assert result.unmatched == {}


def test_strangers_companies_namesakes_and_shared_names_stay_unmatched() -> None:
    twins = [person(5, "Jo Park"), person(6, "Jo Park")]
    read = messages(
        row(
            Party("Globex Recruiting", "https://www.linkedin.com/company/globex"),
            ME,
            "2024-01-01 10:00:00 UTC",
            "a",
        ),
        row(Party("LinkedIn Member"), ME, "2024-01-01 11:00:00 UTC", "b", "c2"),
        row(Party("Ann Lee", PROFILE + "ann-lee-2"), ME, "2024-01-01 12:00:00 UTC", "c", "c3"),
        row(Party("Jo Park"), ME, "2024-01-01 13:00:00 UTC", "d", "c4"),
        row(Party("Jo Park"), ME, "2024-01-01 14:00:00 UTC", "e", "c4"),
    )

    result = plan(read, [ann, *twins], me="Sam Rivera")

    assert result.new == []
    assert result.unmatched == {
        "Globex Recruiting": 1,
        "LinkedIn Member": 1,
        "Ann Lee": 1,
        "Jo Park": 2,
    }
    assert result.unmatched_line(most=2) == "Jo Park (2), Globex Recruiting (1) and 2 more"


def test_group_conversations_and_notes_to_yourself_are_skipped() -> None:
    read = messages(
        row(ANN, ME, "2024-01-01 10:00:00 UTC", "hello"),
        [
            "g1",
            "Hike",
            ANN.name,
            ANN.url,
            "Sam Rivera,Bilal Khan",
            f"{ME.url},{BILAL.url}",
            "2024-01-02 10:00:00 UTC",
            "",
            "Saturday?",
            "INBOX",
        ],
        [
            "g1",
            "Hike",
            ME.name,
            ME.url,
            "Ann Lee,Bilal Khan",
            f"{ANN.url},{BILAL.url}",
            "2024-01-02 11:00:00 UTC",
            "",
            "Yes!",
            "INBOX",
        ],
        row(ME, ME, "2024-01-03 10:00:00 UTC", "note to self", "c9"),
    )

    result = plan(read, [ann, bilal])

    assert result.skipped == [
        Skipped(3, "group conversation with 2 people"),
        Skipped(4, "group conversation with 2 people"),
        Skipped(5, "nobody but you in it"),
    ]
    assert len(result.new) == 1


# --- kinds, replies and stages ----------------------------------------------------------------


OUTREACH_AND_FOLLOW_UP = [
    row(ME, BILAL, "2024-01-05 09:30:00 UTC", "Hi Bilal, congratulations!"),
    row(ME, BILAL, "2024-01-05 09:31:00 UTC", "(the rest of the note)"),
    row(ME, BILAL, "2024-01-15 10:00:00 UTC", "Just floating this up."),
]
ANSWERED = [
    row(BILAL, ME, "2024-01-16 08:00:00 UTC", "Sorry, busy month! Friday?"),
    row(BILAL, ME, "2024-01-16 08:05:00 UTC", "Or Monday."),
    row(ME, BILAL, "2024-01-16 09:00:00 UTC", "Friday it is."),
]


def test_first_message_is_outreach_later_ones_follow_ups_and_replies_are_marked() -> None:
    result = plan(messages(*OUTREACH_AND_FOLLOW_UP, *ANSWERED), [bilal])

    assert kinds(result) == [
        (2, MessageKind.OUTREACH, None),
        (2, MessageKind.OUTREACH, None),
        (2, MessageKind.FOLLOW_UP, datetime(2024, 1, 16, 8, 0)),
        (2, MessageKind.INCOMING, None),
        (2, MessageKind.INCOMING, None),
        (2, MessageKind.FOLLOW_UP, None),
    ]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ([], {"stage": Stage.CONTACTED, "next_action_on": date(2024, 1, 22)}),
        (ANSWERED, {"stage": Stage.REPLIED, "last_contacted_on": date(2024, 1, 16)}),
    ],
    ids=["silent", "answered"],
)
def test_stages_follow_the_queue_rules(
    answer: list[list[str]], expected: dict[str, object]
) -> None:
    """Contacted with the one follow-up sent (the queue decides what silence means), or
    replied once they answer; when the follow-up went out stays recorded either way."""
    result = plan(messages(*OUTREACH_AND_FOLLOW_UP, *answer), [bilal])

    assert result.changes == [
        (
            2,
            {
                "stage": Stage.CONTACTED,
                "last_contacted_on": date(2024, 1, 15),
                "followed_up_on": date(2024, 1, 15),
                **expected,
            },
        )
    ]


def test_their_first_message_is_not_a_reply() -> None:
    read = messages(
        row(ANN, ME, "2021-03-01 11:15:00 UTC", "Thanks for accepting!"),
        row(ME, ANN, "2021-03-02 12:00:00 UTC", "Great to hear from you."),
    )

    result = plan(read, [ann])

    assert kinds(result) == [(1, MessageKind.INCOMING, None), (1, MessageKind.OUTREACH, None)]
    assert result.changes == [
        (
            1,
            {
                "stage": Stage.CONTACTED,
                "last_contacted_on": date(2021, 3, 2),
                "next_action_on": date(2021, 3, 9),
            },
        )
    ]


def test_a_later_stage_never_moves_back() -> None:
    talked = person(1, "Ann Lee", ANN.url, stage=Stage.TALKED, last_contacted_on=date(2023, 1, 1))
    read = messages(
        row(ME, ANN, "2023-05-01 14:22:10 UTC", "Coffee again?"),
        row(ANN, ME, "2023-05-02 16:40:03 UTC", "Yes!"),
    )

    assert plan(read, [talked]).changes == [(1, {"last_contacted_on": date(2023, 5, 2)})]


def test_history_older_than_what_netdesk_knows_is_stored_but_not_replayed() -> None:
    read = messages(
        row(ME, ANN, "2019-03-14 10:00:00 UTC", "Nice to meet you at RoboConf."),
        row(ANN, ME, "2019-03-15 10:00:00 UTC", "Likewise!"),
    )

    result = plan(read, [ann_contacted])

    assert kinds(result) == [
        (1, MessageKind.OUTREACH, datetime(2019, 3, 15, 10, 0)),
        (1, MessageKind.INCOMING, None),
    ]
    assert result.changes == []


def test_a_reply_to_a_note_marked_sent_in_netdesk() -> None:
    """The archive's copy of a note sent from netdesk is recognised; the reply marks it."""
    sent = Message(
        1,
        MessageKind.OUTREACH,
        body="Hi Ann,  15 minutes?",
        sent_at=datetime(2026, 11, 20, 9, 0),
        id=7,
    )
    read = messages(
        row(ME, ANN, "2026-11-20 09:02:41 UTC", "Hi Ann, 15 minutes?"),
        row(ANN, ME, "2026-11-21 18:00:00 UTC", "Gladly."),
    )

    result = plan(read, [ann_contacted], [sent])

    assert result.already == 1
    assert kinds(result) == [(1, MessageKind.INCOMING, None)]
    assert result.replied == [(7, datetime(2026, 11, 21, 18, 0))]
    assert result.changes == [
        (
            1,
            {
                "stage": Stage.REPLIED,
                "last_contacted_on": date(2026, 11, 21),
                "next_action_on": None,
            },
        )
    ]


def test_a_row_twice_in_the_file_is_skipped() -> None:
    read = messages(
        row(ME, ANN, "2024-01-01 10:00:00 UTC", "Hi"),
        row(ME, ANN, "2024-01-01 10:00:00 UTC", "Hi"),
        row(ME, ANN, "2024-01-01 10:30:00 UTC", "Hi"),
    )

    result = plan(read, [ann])

    assert result.skipped == [Skipped(3, "duplicate of line 2")]
    assert len(result.new) == 2


# --- applying -----------------------------------------------------------------------------


def test_apply_is_one_save_and_reimporting_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[Path] = []
    write = storage.write_atomically

    def counted(path: Path, payload: bytes, **kwargs: bool) -> None:
        saves.append(path)
        write(path, payload, **kwargs)

    monkeypatch.setattr(storage, "write_atomically", counted)
    read = read_messages(DATA / "messages_current.csv")
    now = datetime(2026, 11, 23, 9, 30)
    with Repo.open(tmp_path / "db.json") as repo:
        repo.contacts.insert_many([ann, person(3, "Dana Okafor", PROFILE + "dana-okafor")])
        saves.clear()
        first = plan_history(read, repo.contacts, repo.messages, repo.settings())
        apply_history(repo, first, now)
        assert len(saves) == 1
        again = plan_history(read, repo.contacts, repo.messages, repo.settings())
        stored = {c.id: c for c in repo.contacts}
        history = [(m.kind, m.sent_at, m.replied_at) for m in repo.messages_for(1)]

    assert first.summary() == (
        "4 new messages, 0 already stored, 2 people updated (2 people matched);"
        " 1 row unmatched, 6 skipped"
    )
    assert again.summary() == (
        "0 new messages, 4 already stored, 0 people updated (2 people matched);"
        " 1 row unmatched, 6 skipped"
    )
    assert (again.new, again.replied, again.changes) == ([], [], [])
    assert history == [
        (MessageKind.OUTREACH, datetime(2023, 5, 1, 14, 22, 10), datetime(2023, 5, 2, 16, 40, 3)),
        (MessageKind.INCOMING, datetime(2023, 5, 2, 16, 40, 3), None),
        (MessageKind.INCOMING, datetime(2023, 5, 3, 9, 1), None),
    ]
    assert (stored[1].stage, stored[1].last_contacted_on, stored[1].updated_at) == (
        Stage.REPLIED,
        date(2023, 5, 3),
        now,
    )
    assert (stored[3].stage, stored[3].last_contacted_on) == (Stage.NEW, date(2023, 6, 13))
