from datetime import datetime, timedelta

import pytest

from netdesk.domain.models import Contact, Message, MessageKind, Settings
from netdesk.domain.templates import (
    BUILTIN_TEMPLATES,
    LIMITS,
    PLACEHOLDER_HELP,
    PLACEHOLDERS,
    SendCheck,
    TemplateError,
    builtin_template,
    check_send,
    fill,
    personal_sentence,
    placeholders_in,
    unfilled,
    values_for,
)

NOW = datetime(2026, 11, 27, 10, 0)
NOTE = "Hi Barbara, I enjoyed your talk on calm engineering teams. Could we talk for 15 minutes?"


def sent(contact_id: int, body: str, days_ago: float, kind: MessageKind = MessageKind.OUTREACH):
    return Message(
        contact_id=contact_id, kind=kind, body=body, sent_at=NOW - timedelta(days=days_ago)
    )


def test_placeholders_in_lists_each_name_once_in_order() -> None:
    """Names come back deduplicated, in order of first use."""
    body = "Hi {first_name}, {personal} Bye {first_name} from {my_name}"
    assert placeholders_in(body) == ["first_name", "personal", "my_name"]


def test_placeholders_in_ignores_escaped_braces() -> None:
    """{{ and }} are literal braces, not fields."""
    assert placeholders_in("Use {{first_name}} for {company}") == ["company"]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Hi {contact.__class__}", "{contact.__class__}"),
        ("Hi {first_name.__class__.__mro__}", "{first_name.__class__.__mro__}"),
        ("Hi {0}", "{0}"),
        ("Hi {}", "{}"),
        ("Hi {first_name[0]}", "{first_name[0]}"),
        ("Hi {first_name!r}", "{first_name!r}"),
        ("Hi {first_name:>20}", "{first_name:>20}"),
        ("Hi {first_name:{company}}", "{first_name:{company}}"),
        ("Hi {nickname}", "{nickname}"),
        ("Hi { first_name }", "{ first_name }"),
    ],
)
def test_only_plain_known_names_are_accepted(body: str, named: str) -> None:
    """Attribute/index access, conversions, specs and unknown names raise, naming the field."""
    with pytest.raises(TemplateError) as error:
        placeholders_in(body)
    assert named in str(error.value)
    with pytest.raises(TemplateError):
        fill(body, {"first_name": "Ann"})


@pytest.mark.parametrize("body", ["Hi {first_name", "Hi first_name}", "{"])
def test_unbalanced_braces_raise_template_error(body: str) -> None:
    """A stray brace is a TemplateError that explains how to write a literal brace."""
    with pytest.raises(TemplateError, match=r"\{\{"):
        placeholders_in(body)


def test_fill_substitutes_known_values() -> None:
    """Every placeholder with a value is replaced."""
    assert fill("Hi {first_name} at {company}", {"first_name": "Ann", "company": "Acme"}) == (
        "Hi Ann at Acme"
    )


def test_fill_leaves_missing_and_blank_values_visible() -> None:
    """Missing, empty and whitespace-only values stay as {name} for the user to fill."""
    values = {"first_name": "Ann", "company": "", "personal": "   "}
    assert fill("Hi {first_name} at {company}. {personal} {my_name}", values) == (
        "Hi Ann at {company}. {personal} {my_name}"
    )


def test_fill_keeps_literal_braces() -> None:
    """{{ and }} come out as single braces."""
    assert fill("{{first_name}} is {first_name}", {"first_name": "Ann"}) == "{first_name} is Ann"


def test_fill_inserts_values_literally() -> None:
    """A value containing braces or format syntax is not expanded again."""
    values = {"first_name": "{last_name}", "last_name": "Lee", "personal": "50% {0} {x.y}"}
    assert fill("{first_name} {personal}", values) == "{last_name} 50% {0} {x.y}"


def test_unfilled_reports_any_identifier_in_braces() -> None:
    """Known and unknown {identifier}s are reported once each; other brace text is not."""
    text = "Hi {first_name}, {frist_name} {first_name} {0} { spaced } {a.b}"
    assert unfilled(text) == ["first_name", "frist_name"]


def test_unfilled_is_empty_for_finished_text() -> None:
    """A finished message has nothing left to fill."""
    assert unfilled("Hi Ann, see you at 3pm :)") == []


PERSONAL_BODY = "Hi {first_name}, {personal} Talk soon, {my_name}"
PERSONAL_VALUES = {"first_name": "Ann", "my_name": "Sam"}


@pytest.mark.parametrize(
    ("body", "text", "sentence"),
    [
        (PERSONAL_BODY, "Hi Ann, Loved the talk. Talk soon, Sam", "Loved the talk."),
        (PERSONAL_BODY, "Hi Ann, {personal} Talk soon, Sam", ""),
        (PERSONAL_BODY, "Hi Ann,  Talk soon, Sam", ""),
        (PERSONAL_BODY, "Dear Ann, Loved the talk. Talk soon, Sam", None),
        (PERSONAL_BODY, "Hi Ann, Loved it. Talk soon", None),
        (PERSONAL_BODY, "Hi Ann, Talk soon, Sam", None),
        ("Hi {first_name}, see you.", "Hi Ann, see you.", None),
        ("{personal} and {personal}", "a and b", None),
    ],
)
def test_personal_sentence_is_what_was_typed_into_the_slot(
    body: str, text: str, sentence: str | None
) -> None:
    """Only the slot may differ from the filled template; anything else edited gives None."""
    assert personal_sentence(body, PERSONAL_VALUES, text) == sentence


def test_check_send_ok() -> None:
    """A personal, filled, short-enough, unique message passes with no warnings."""
    check = check_send(NOTE, limit=300, recent=[], contact_id=1, now=NOW)
    assert check == SendCheck(problems=[], warnings=[])
    assert check.ok


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_check_send_refuses_empty(text: str) -> None:
    """Empty or whitespace-only text is refused with one clear problem."""
    check = check_send(text, limit=300, recent=[], contact_id=1, now=NOW)
    assert check.problems == ["The message is empty."]
    assert not check.ok


def test_check_send_names_unfilled_placeholders() -> None:
    """Every placeholder still in the text is named in one problem."""
    text = NOTE + " {personal} and {my_name}"
    check = check_send(text, limit=300, recent=[], contact_id=1, now=NOW)
    assert check.problems == ["Fill in or remove {personal}, {my_name} before sending."]


def test_check_send_says_how_far_over_the_limit() -> None:
    """Over the limit by N is a problem saying N; exactly at the limit is fine."""
    assert check_send("x" * 300, limit=300, recent=[], contact_id=1, now=NOW).ok
    check = check_send("x" * 305, limit=300, recent=[], contact_id=1, now=NOW)
    assert check.problems == ["5 characters over the 300-character limit."]
    check = check_send("x" * 301, limit=300, recent=[], contact_id=1, now=NOW)
    assert check.problems == ["1 character over the 300-character limit."]


@pytest.mark.parametrize(
    ("days_ago", "refused"),
    [(0.5, True), (29, True), (30, True), (30.01, False), (31, False)],
)
def test_mass_message_guard_window(days_ago: float, refused: bool) -> None:
    """The same text to someone else within 30 days (inclusive) is refused; older is allowed."""
    check = check_send(NOTE, limit=300, recent=[sent(7, NOTE, days_ago)], contact_id=1, now=NOW)
    assert check.ok is not refused


def test_mass_message_guard_names_contact_and_date() -> None:
    """The refusal says who got the same text and when (the most recent one)."""
    recent = [sent(7, NOTE, 20), sent(8, NOTE, 2), sent(1, "something else", 1)]
    check = check_send(NOTE, limit=300, recent=recent, contact_id=1, now=NOW)
    assert check.problems == [
        "The same text went to contact #8 on Wed 25 Nov 2026; make it personal first."
    ]


def test_mass_message_guard_ignores_spacing_and_case() -> None:
    """Reflowed or re-cased copies still count as identical."""
    copy = (
        "  hi barbara,   I ENJOYED your talk on calm\n"
        "engineering teams. Could we talk for 15 minutes? "
    )
    check = check_send(copy, limit=300, recent=[sent(7, NOTE, 3)], contact_id=1, now=NOW)
    assert not check.ok


def test_mass_message_guard_ignores_incoming_and_unsent() -> None:
    """Text someone sent you, or a draft never sent, does not trigger the guard."""
    recent = [
        sent(7, NOTE, 1, kind=MessageKind.INCOMING),
        Message(contact_id=8, body=NOTE, sent_at=None),
    ]
    assert check_send(NOTE, limit=300, recent=recent, contact_id=1, now=NOW).ok


def test_same_text_to_same_person_is_only_a_warning() -> None:
    """Resending to the same person warns but does not refuse."""
    check = check_send(NOTE, limit=300, recent=[sent(1, NOTE, 2)], contact_id=1, now=NOW)
    assert check.ok
    assert check.warnings == ["You already sent this exact text to this person."]


def test_very_short_message_warns() -> None:
    """Under 40 characters (ignoring surrounding space) is a warning, not a refusal."""
    check = check_send("  Hi Ann, call?  ", limit=300, recent=[], contact_id=1, now=NOW)
    assert check.ok
    assert check.warnings == ["Very short: is it personal enough to earn a reply?"]
    assert check_send("x" * 40, limit=300, recent=[], contact_id=1, now=NOW).warnings == []


def test_limits() -> None:
    """LinkedIn's limits: 300 for a connection note, 8,000 for a message."""
    assert LIMITS == {"connection_note": 300, "message": 8000}


def test_every_placeholder_is_documented() -> None:
    """PLACEHOLDERS is exactly the documented set and includes the design's names."""
    assert frozenset(PLACEHOLDER_HELP) == PLACEHOLDERS
    assert {"first_name", "last_name", "company", "position", "my_name", "personal"} <= (
        PLACEHOLDERS
    )
    assert all(PLACEHOLDER_HELP.values())


def test_builtin_templates_cover_each_sent_kind_once() -> None:
    """One built-in per kind you send; none for incoming; all marked builtin with valid fields."""
    kinds = [template.kind for template in BUILTIN_TEMPLATES]
    assert sorted(kinds) == sorted(set(MessageKind) - {MessageKind.INCOMING})
    assert len({template.name for template in BUILTIN_TEMPLATES}) == len(BUILTIN_TEMPLATES)
    for template in BUILTIN_TEMPLATES:
        assert template.builtin
        assert placeholders_in(template.body)


def test_outreach_template_asks_for_a_personal_sentence_and_a_short_call() -> None:
    """The first outreach has {personal} and asks for a 15-minute call, by phone or video
    rather than one product's name (the scheduling reply too)."""
    body = builtin_template(MessageKind.OUTREACH).body
    assert "{personal}" in body
    assert "15-minute call (phone or video)" in body
    for template in BUILTIN_TEMPLATES:
        assert "skype" not in template.body.lower(), template.name
    assert "phone or video" in builtin_template(MessageKind.SCHEDULING).body


def test_outreach_fits_connection_note_when_filled() -> None:
    """Filled with typical names and a personal sentence, the outreach fits 300 characters."""
    contact = Contact(first_name="Christopher", last_name="Montgomery", company="Acme")
    settings = Settings(my_name="Alexandra Whitfield")
    personal = "I loved your talk at Leeds Digital Festival about building calm engineering teams."
    text = fill(
        builtin_template(MessageKind.OUTREACH).body, values_for(contact, settings, personal)
    )
    assert unfilled(text) == []
    assert len(text) <= LIMITS["connection_note"]


def test_builtin_template_returns_a_copy() -> None:
    """Editing the returned template does not change the shipped one."""
    template = builtin_template(MessageKind.FOLLOW_UP)
    template.body = "changed"
    assert builtin_template(MessageKind.FOLLOW_UP).body != "changed"


def test_builtin_template_for_incoming_raises() -> None:
    """There is nothing to send for incoming messages."""
    with pytest.raises(KeyError):
        builtin_template(MessageKind.INCOMING)


def test_values_for() -> None:
    """Contact fields, full name, credential as a sentence, my_name and personal."""
    contact = Contact(
        first_name=" Ann ",
        last_name="Lee",
        company="Acme",
        position="CTO",
        credential="Built the payments team at Monzo",
    )
    assert values_for(contact, Settings(my_name="Sam"), "Loved your post.") == {
        "first_name": "Ann",
        "last_name": "Lee",
        "name": "Ann Lee",
        "company": "Acme",
        "position": "CTO",
        "credential": "Built the payments team at Monzo.",
        "my_name": "Sam",
        "personal": "Loved your post.",
    }
