from datetime import date, datetime, timedelta

import pytest

from netdesk.domain.introducers import (
    BLIND_BASELINE,
    P_KNOW,
    intro_requests,
    match_names,
    odds,
    parse_mutual_list,
    rank,
    request_text,
    target_label,
)
from netdesk.domain.models import Contact, Introducer, Message, MessageKind, Stage, Target
from netdesk.domain.templates import unfilled

TODAY = date(2026, 11, 27)

SEARCH_RESULTS_PASTE = """
Status is online
Priya Raman
View Priya Raman’s profile
 • 1st
1st degree connection
Head of Data at Lumen Analytics
London, England, United Kingdom
Message

Tomás Ó Briain
Tomás Ó Briain
View Tomás Ó Briain’s profile
 • 1st
1st degree connection
Founder | Helping B2B SaaS teams hire engineers
Dublin, County Dublin, Ireland
Current: Founder at Hirewell
Message

Status is reachable
Jane Doe, PhD
View Jane Doe, PhD’s profile
 • 1st
1st degree connection
Senior Engineer at Acme
Leeds
Alan Roe, Barbara Lee and 12 other mutual connections
Message
"""

COMPACT_PASTE = """Ahmed Khan
· 1st
Product lead at Paystream
Follow
Li Wei
· 1st
VP Engineering, Northwind
Message
Sophie Martin · 1st
Recruiter at TalentCo
Message
and 4 other mutual connections
"""

DOUBLED_NAMES_PASTE = """María José Núñez
María José Núñez

Oluwaseun Adeyemi
Oluwaseun Adeyemi

Zoë Schmidt
"""


def contact(contact_id: int, first: str, last: str, closeness: int = 0, **fields) -> Contact:
    return Contact(id=contact_id, first_name=first, last_name=last, closeness=closeness, **fields)


@pytest.mark.parametrize(
    ("you_know", "they_know", "expected"),
    [(4, 4, 0.64), (3, 2, 0.1), (2, 2, 0.04), (1, 4, 0.04), (0, 0, 0.0001), (9, -1, 0.008)],
)
def test_odds(you_know: int, they_know: int, expected: float) -> None:
    """Product of the two hops' p from the 0–4 scale; out-of-range levels clamp to the ends."""
    assert odds(you_know, they_know) == pytest.approx(expected)


def test_blind_baseline_is_two_acquaintance_hops() -> None:
    """The baseline is 0.2 × 0.2."""
    assert pytest.approx(P_KNOW[2] * P_KNOW[2]) == BLIND_BASELINE
    assert P_KNOW == {4: 0.8, 3: 0.5, 2: 0.2, 1: 0.05, 0: 0.01}


def ask(contact_id: int, days_ago: int, kind: MessageKind = MessageKind.INTRO_REQUEST):
    sent_at = datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time())
    return Message(contact_id=contact_id, kind=kind, sent_at=sent_at)


def test_rank_orders_by_odds_then_asks_then_name() -> None:
    """Best odds first; equal odds: fewer recent asks, then name."""
    contacts = {
        1: contact(1, "Zed", "Close", closeness=4),
        2: contact(2, "Bea", "Busy", closeness=3),
        3: contact(3, "Al", "Idle", closeness=3),
        4: contact(4, "Cy", "Idle", closeness=3),
    }
    target = Target(
        name="Jane Roe",
        introducers=[
            Introducer(contact_id=4, they_know=3),
            Introducer(contact_id=2, they_know=3),
            Introducer(contact_id=3, they_know=3),
            Introducer(contact_id=1, they_know=1),
        ],
    )
    ranked = rank(target, contacts, [ask(2, 5)], TODAY)
    assert [(r.contact.id if r.contact else None) for r in ranked] == [3, 4, 2, 1]
    assert [r.odds for r in ranked] == pytest.approx([0.25, 0.25, 0.25, 0.04])


def test_rank_uses_current_closeness_and_falls_back_for_deleted_contacts() -> None:
    """You-know comes from the contact's closeness; a deleted contact uses the stored value."""
    contacts = {1: contact(1, "Ann", "Lee", closeness=4)}
    target = Target(
        introducers=[
            Introducer(contact_id=1, you_know=0, they_know=4),
            Introducer(contact_id=99, you_know=3, they_know=4),
        ]
    )
    ranked = rank(target, contacts, [], TODAY)
    assert [(r.name, r.odds) for r in ranked] == [
        ("Ann Lee", pytest.approx(0.64)),
        ("contact #99", pytest.approx(0.4)),
    ]
    assert ranked[1].contact is None


def test_rank_counts_intro_requests_in_90_days_and_warns_past_two() -> None:
    """Only INTRO_REQUEST messages sent within 90 days count; three or more earns a warning."""
    contacts = {1: contact(1, "Ann", "Lee", closeness=3)}
    messages = [
        ask(1, 0),
        ask(1, 45),
        ask(1, 90),
        ask(1, 91),
        ask(1, 3, kind=MessageKind.OUTREACH),
        Message(contact_id=1, kind=MessageKind.INTRO_REQUEST, sent_at=None),
    ]
    (ranked,) = rank(Target(introducers=[Introducer(contact_id=1)]), contacts, messages, TODAY)
    assert ranked.asks_90d == 3
    assert ranked.warning == "asked 3 times in 90 days — give them a rest"
    (rested,) = rank(Target(introducers=[Introducer(contact_id=1)]), contacts, messages[:2], TODAY)
    assert (rested.asks_90d, rested.warning) == (2, "")


def test_rank_warns_about_do_not_contact_introducers() -> None:
    """An introducer marked do-not-contact is flagged."""
    contacts = {1: contact(1, "Ann", "Lee", closeness=3, stage=Stage.DO_NOT_CONTACT)}
    (ranked,) = rank(Target(introducers=[Introducer(contact_id=1)]), contacts, [], TODAY)
    assert ranked.warning == "marked do not contact"


def test_parse_search_results_paste() -> None:
    """Names survive; profile links, degrees, headlines, locations, buttons, status go."""
    assert parse_mutual_list(SEARCH_RESULTS_PASTE) == [
        "Priya Raman",
        "Tomás Ó Briain",
        "Jane Doe, PhD",
    ]


def test_parse_compact_paste() -> None:
    """'· 1st' lines and inline '· 1st' suffixes vouch for names; headlines are dropped."""
    assert parse_mutual_list(COMPACT_PASTE) == ["Ahmed Khan", "Li Wei", "Sophie Martin"]


def test_parse_doubled_names_paste() -> None:
    """A paste without markers is one name per line; doubled names count once."""
    assert parse_mutual_list(DOUBLED_NAMES_PASTE) == [
        "María José Núñez",
        "Oluwaseun Adeyemi",
        "Zoë Schmidt",
    ]


def test_parse_plain_list() -> None:
    """Plain names with stray spacing and blank lines come back trimmed."""
    assert parse_mutual_list("  Ann   Lee \n\n\tBo Chen\r\nand 3 other mutual connections\n") == [
        "Ann Lee",
        "Bo Chen",
    ]


def test_parse_empty() -> None:
    """Nothing pasted, no names."""
    assert parse_mutual_list(" \n\n") == []


def test_match_names_ignores_case_accents_and_spacing() -> None:
    """'tomas  o briain' matches Tomás Ó Briain; credentials after a comma are ignored."""
    tomas = contact(1, "Tomás", "Ó Briain")
    jane = contact(2, "Jane", "Doe")
    matched, unmatched = match_names(
        ["TOMAS  o briain", "Jane Doe, PhD", "Nobody Known"], [tomas, jane]
    )
    assert matched == [("TOMAS  o briain", tomas), ("Jane Doe, PhD", jane)]
    assert unmatched == ["Nobody Known"]


def test_match_names_returns_every_namesake() -> None:
    """Two contacts with the same name both match; the user picks the real mutual."""
    first, second = contact(1, "John", "Smith"), contact(2, "john", "SMITH")
    matched, unmatched = match_names(["John Smith", "John Smith"], [first, second])
    assert matched == [("John Smith", first), ("John Smith", second)]
    assert unmatched == []


def test_match_names_feeds_on_parsed_paste() -> None:
    """A pasted list matches straight through to contacts."""
    priya = contact(5, "Priya", "Raman")
    matched, unmatched = match_names(parse_mutual_list(SEARCH_RESULTS_PASTE), [priya])
    assert matched == [("Priya Raman", priya)]
    assert unmatched == ["Tomás Ó Briain", "Jane Doe, PhD"]


@pytest.mark.parametrize(
    ("name", "company", "expected"),
    [("Jane Roe", "Acme", "Jane Roe at Acme"), ("Jane Roe", "", "Jane Roe"), ("", "Acme", "Acme")],
)
def test_target_label(name: str, company: str, expected: str) -> None:
    """Name at company, or whichever is known."""
    assert target_label(Target(name=name, company=company)) == expected


def test_request_text() -> None:
    """The ask names the target and why, offers a forwardable blurb and an easy way out."""
    introducer = contact(1, "Ann", "Lee")
    target = Target(name="Jane Roe", company="Acme", why="she runs the payments team there.")
    text = request_text(introducer, target, "Sam Jones", "Sam leads data at Lumen.")
    assert text == (
        "Hi Ann, I hope you're well! I'd really like to talk to Jane Roe at Acme because she "
        "runs the payments team there, and I see you two are connected. Would you be "
        "comfortable introducing us? I've written a short note below that you can forward as "
        "it is, so it should only take a minute. And no worries at all if you'd rather not."
        "\n\nSam leads data at Lumen.\n\nThank you!\nSam Jones"
    )


def test_request_text_without_blurb_or_reason_keeps_placeholders() -> None:
    """Missing why and blurb stay visible so the message cannot be sent unfinished."""
    text = request_text(contact(1, "Ann", "Lee"), Target(name="Jane Roe"), "Sam", "")
    assert unfilled(text) == ["reason", "blurb"]


def test_intro_requests_are_the_only_messages_ranking_counts() -> None:
    request, note = ask(1, 3), ask(1, 3, MessageKind.OUTREACH)
    assert intro_requests([note, request, note]) == [request]
