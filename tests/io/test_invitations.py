"""Invitations.csv: old and new shapes, notes as first outreach, incoming invitations noted."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.domain.models import Contact, MessageKind, Settings, Stage
from netdesk.io.csvfile import ImportFileError, Skipped
from netdesk.io.history import Exchange, Party, apply_history, plan_history
from netdesk.io.invitations import read_invitations, read_invitations_text
from netdesk.io.messages import read_messages
from netdesk.store.repo import Repo

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
PROFILE = "https://www.linkedin.com/in/"
NOTE = "Hi Ann, I loved your talk on robot fleets. Would be glad to connect."

pytestmark = pytest.mark.usefixtures("utc")


def contacts() -> list[Contact]:
    return [
        Contact(first_name="Ann", last_name="Lee", url=PROFILE + "ann-lee", id=1),
        Contact(first_name="Zoë", last_name="Durand", id=2),
        Contact(first_name="Cleo", last_name="Martin", url=PROFILE + "cleo-martin-4a1b2c", id=3),
    ]


def test_old_shape_without_profile_urls() -> None:
    result = read_invitations(DATA / "invitations_old.csv")

    sam = Party("Sam Rivera")
    assert result.exchanges == [
        Exchange(
            2,
            datetime(2019, 3, 12, 9, 15),
            sam,
            (Party("Ann Lee"),),
            NOTE,
            "invitation",
            True,
        ),
        Exchange(
            3, datetime(2018, 12, 30, 18, 2), Party("Zoë Durand"), (sam,), "", "invitation", False
        ),
    ]
    assert result.skipped == [
        Skipped(4, "an invitation without a note is not outreach"),
        Skipped(5, "unreadable date 'someday'"),
        Skipped(6, "unknown direction 'SIDEWAYS'"),
    ]


def test_new_shape_with_profile_urls_and_entities() -> None:
    result = read_invitations(DATA / "archive" / "Invitations.csv")

    assert [(e.line, e.sender, e.recipients, e.body, e.outgoing) for e in result.exchanges] == [
        (
            2,
            Party("Sam Rivera", PROFILE + "sam-rivera"),
            (Party("Ann Lee", PROFILE + "ann-lee"),),
            "Hi Ann, I loved your talk on robot fleets at RoboConf. Would be glad to connect.",
            True,
        ),
        (
            3,
            Party("Cleo Martin", PROFILE + "cleo-martin-4a1b2c"),
            (Party("Sam Rivera", PROFILE + "sam-rivera"),),
            "Hi Sam — we met at PyCon, let's stay in touch!",
            False,
        ),
        (
            5,
            Party("Sam Rivera", PROFILE + "sam-rivera"),
            (Party("Zed Pending", PROFILE + "zed-pending"),),
            "Hi Zed, we both volunteer at the code club. Shall we connect?",
            True,
        ),
    ]
    assert result.skipped == [Skipped(4, "an invitation without a note is not outreach")]


def test_a_file_without_invitation_columns_is_refused() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_invitations_text("From,To,Date,Content\nAnn,Sam,1/1/20,hi\n")

    assert str(caught.value) == (
        "the pasted text has no LinkedIn invitations columns; expected a header like"
        " From, To, Sent At, Message, Direction"
    )


def test_your_note_is_the_first_outreach_and_theirs_is_noted() -> None:
    result = plan_history(
        read_invitations(DATA / "invitations_old.csv"), contacts(), [], Settings()
    )

    assert result.you == ""
    assert [(m.contact_id, m.kind, m.channel, m.body, m.sent_at) for m in result.new] == [
        (1, MessageKind.OUTREACH, "invitation", NOTE, datetime(2019, 3, 12, 9, 15)),
        (2, MessageKind.INCOMING, "invitation", "", datetime(2018, 12, 30, 18, 2)),
    ]
    assert result.changes == [
        (
            1,
            {
                "stage": Stage.CONTACTED,
                "last_contacted_on": date(2019, 3, 12),
                "next_action_on": date(2019, 3, 19),
            },
        ),
        (2, {"last_contacted_on": date(2018, 12, 30)}),
    ]


def test_the_note_reappearing_in_messages_is_not_stored_twice(tmp_path: Path) -> None:
    """LinkedIn can file an accepted invitation's note as the conversation's first message."""
    sam, ann = f"Sam Rivera,{PROFILE}sam-rivera", f"Ann Lee,{PROFILE}ann-lee"
    (tmp_path / "messages.csv").write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        f'c1,,{sam},{ann},2019-03-12 09:15:30 UTC,,"{NOTE}",INBOX\n'
        f"c1,,{ann},{sam},2019-03-15 08:01:44 UTC,,Thanks for the note!,INBOX\n",
        encoding="utf-8",
    )
    now = datetime(2026, 11, 23, 9, 30)
    with Repo.open(tmp_path / "db.json") as repo:
        repo.contacts.insert_many(contacts())
        for read in (
            read_invitations(DATA / "invitations_old.csv"),
            read_messages(tmp_path / "messages.csv"),
        ):
            apply_history(
                repo, plan_history(read, repo.contacts, repo.messages, repo.settings()), now
            )
        ann_messages = [(m.kind, m.channel, m.replied_at) for m in repo.messages_for(1)]
        stage = repo.contacts.get(1).stage  # type: ignore[union-attr]

    assert ann_messages == [
        (MessageKind.OUTREACH, "invitation", datetime(2019, 3, 15, 8, 1, 44)),
        (MessageKind.INCOMING, "linkedin", None),
    ]
    assert stage is Stage.REPLIED


def test_reimporting_adds_nothing() -> None:
    read = read_invitations(DATA / "invitations_old.csv")
    first = plan_history(read, contacts(), [], Settings())
    stored = [dataclasses.replace(m, id=i) for i, m in enumerate(first.new, start=1)]

    again = plan_history(read, contacts(), stored, Settings())

    assert (again.new, again.changes, again.already) == ([], [], 2)
