from datetime import date

import pytest

from netdesk.domain.intro import (
    ASK,
    INTRODUCE,
    MET,
    WHY,
    IntroDraft,
    draft_intro,
    in_words,
    intro_message,
    known_for,
    known_phrase,
    litmus_questions,
    litmus_warnings,
    opt_in_ask,
    parse_met_on,
    resume_step,
    split_message,
)
from netdesk.domain.models import Contact, Intro, IntroStatus, Stage
from netdesk.domain.templates import unfilled

TODAY = date(2026, 11, 27)

ALAN = Contact(
    id=1,
    first_name="Alan",
    last_name="Smith",
    met_on=date(2019, 3, 1),
    how_met="we worked together at Acme",
    credential="He built the payments team at Monzo",
    closeness=4,
)
BARBARA = Contact(
    id=2,
    first_name="Barbara",
    last_name="Lee",
    met_on=date(2009, 6, 1),
    how_met="her company was our supplier.",
    credential="She runs the best data team in Leeds.",
    closeness=3,
)


@pytest.mark.parametrize(
    ("met_on", "today", "expected"),
    [
        (None, TODAY, ""),
        (date(2026, 11, 28), TODAY, ""),
        (TODAY, TODAY, "a few days"),
        (date(2026, 11, 21), TODAY, "a few days"),
        (date(2026, 11, 20), TODAY, "a week"),
        (date(2026, 11, 7), TODAY, "two weeks"),
        (date(2026, 10, 28), TODAY, "four weeks"),
        (date(2026, 10, 27), TODAY, "a month"),
        (date(2025, 12, 27), TODAY, "eleven months"),
        (date(2025, 11, 28), TODAY, "eleven months"),
        (date(2025, 11, 27), TODAY, "a year"),
        (date(2019, 3, 1), TODAY, "seven years"),
        (date(2016, 11, 28), TODAY, "nine years"),
        (date(2016, 11, 27), TODAY, "since 2016"),
        (date(1998, 1, 1), TODAY, "since 1998"),
        (date(2024, 2, 29), date(2025, 2, 27), "eleven months"),
        (date(2024, 2, 29), date(2025, 2, 28), "a year"),
        (date(2024, 2, 29), date(2028, 2, 28), "three years"),
        (date(2024, 2, 29), date(2028, 2, 29), "four years"),
    ],
)
def test_known_for(met_on: date | None, today: date, expected: str) -> None:
    """Whole units in words; 'since YEAR' from ten years; '' for unknown or future dates."""
    assert known_for(met_on, today) == expected


@pytest.mark.parametrize(("count", "expected"), [(0, "zero"), (7, "seven"), (12, "twelve")])
def test_in_words_up_to_twelve(count: int, expected: str) -> None:
    """Counts up to twelve are spelled out."""
    assert in_words(count) == expected


def test_in_words_beyond_twelve_uses_digits() -> None:
    """Larger counts stay digits."""
    assert in_words(13) == "13"


@pytest.mark.parametrize(
    ("met_on", "how_met", "expected"),
    [
        (
            date(2019, 3, 1),
            "her company was our supplier",
            "I have known Barbara for seven years, since her company was our supplier.",
        ),
        (
            date(2009, 6, 1),
            "her company was our supplier.",
            "I have known Barbara since 2009, when her company was our supplier.",
        ),
        (None, "we rowed together", "I have known Barbara since we rowed together."),
        (date(2019, 3, 1), "  ", "I have known Barbara for seven years."),
        (date(2009, 6, 1), "", "I have known Barbara since 2009."),
        (None, "", ""),
        (date(2030, 1, 1), "", ""),
    ],
)
def test_known_phrase(met_on: date | None, how_met: str, expected: str) -> None:
    """'for …, since …' normally, 'since YEAR, when …' for long spans, '' with nothing known."""
    assert known_phrase("Barbara", met_on, how_met, TODAY) == expected


def test_draft_intro_exact_shape() -> None:
    """A gets the paragraph about B, B the mirror, and the closing carries reason and name."""
    draft = draft_intro(ALAN, BARBARA, "you are both hiring data engineers.", TODAY, "Sam Jones")
    assert draft == IntroDraft(
        a_text=(
            "Alan, I would like to introduce you to Barbara Lee. I have known Barbara since "
            "2009, when her company was our supplier. She runs the best data team in Leeds."
        ),
        b_text=(
            "Barbara, I would like to introduce you to Alan Smith. I have known Alan for seven "
            "years, since we worked together at Acme. He built the payments team at Monzo."
        ),
        closing=(
            "I think you two would benefit from knowing each other because you are both "
            "hiring data engineers. I will leave you to it.\n\nSam Jones"
        ),
    )


def test_draft_intro_leaves_unknown_facts_to_fill() -> None:
    """Without how-met, credential or reason the draft keeps placeholders, so sending waits."""
    bare_a = Contact(id=1, first_name="Alan", last_name="Smith")
    bare_b = Contact(id=2, first_name="Barbara", last_name="Lee")
    draft = draft_intro(bare_a, bare_b, "", TODAY, "Sam")
    assert unfilled(draft.a_text) == ["b_known", "b_credential"]
    assert unfilled(draft.b_text) == ["known", "credential"]
    assert unfilled(draft.closing) == ["reason"]


def test_intro_message_joins_paragraphs() -> None:
    """One message for both people: parts trimmed, blank-line separated, empty parts dropped."""
    assert intro_message(" To A. ", "To B.\n", "Closing.") == "To A.\n\nTo B.\n\nClosing."
    assert intro_message("To A.", "  ", "Closing.") == "To A.\n\nClosing."


def test_opt_in_ask() -> None:
    """The private ask names the other person, their credential and why, warmly and briefly."""
    assert opt_in_ask(ALAN, BARBARA, "you both hire in Leeds.", "Sam") == (
        "Hi Alan, would you like me to introduce you to Barbara Lee? She runs the best data "
        "team in Leeds. I think you two would get on because you both hire in Leeds. No "
        "pressure at all, just let me know either way.\n\nSam"
    )


def test_opt_in_ask_uses_an_edited_body() -> None:
    """A user-edited template body replaces the built-in wording."""
    assert opt_in_ask(ALAN, BARBARA, "", "Sam", body="{first_name}: meet {b_first_name}?") == (
        "Alan: meet Barbara?"
    )


def test_litmus_questions() -> None:
    """First: would B asking for A feel right? Second: the mirror."""
    assert litmus_questions(ALAN, BARBARA) == (
        "If Barbara asked you for an introduction to Alan, how would you feel?",
        "If Alan asked you for an introduction to Barbara, how would you feel?",
    )


def test_litmus_warnings_none_when_both_known_well() -> None:
    """Closeness 3 and 4 on both sides and contactable: nothing to warn about."""
    assert litmus_warnings(ALAN, BARBARA) == []


def test_litmus_warns_on_low_closeness_with_label() -> None:
    """Closeness under 3 names the person and their closeness label."""
    met_once = Contact(id=3, first_name="Cy", last_name="Ode", closeness=1)
    assert litmus_warnings(ALAN, met_once) == [
        "You know Cy Ode only as 'met once': can you vouch for them?"
    ]


def test_litmus_warns_on_do_not_contact() -> None:
    """A do-not-contact person on either side is called out."""
    blocked = Contact(id=3, first_name="Di", last_name="Eve", closeness=4)
    blocked.stage = Stage.DO_NOT_CONTACT
    assert litmus_warnings(blocked, BARBARA) == ["Di Eve is marked do not contact."]


def test_litmus_warns_when_a_is_b() -> None:
    """The same person on both sides gives that single warning."""
    assert litmus_warnings(ALAN, ALAN) == ["Both sides are the same person."]
    twin = Contact(id=1, first_name="Alan", closeness=0)
    assert litmus_warnings(ALAN, twin) == ["Both sides are the same person."]


def test_parse_met_on() -> None:
    today = date(2026, 11, 23)
    assert parse_met_on("2019-03-14", today) == date(2019, 3, 14)
    assert parse_met_on("14 Mar 2019", today) == date(2019, 3, 14)
    assert parse_met_on("mar 2019", today) == date(2019, 3, 1)
    assert parse_met_on("2019", today) == date(2019, 1, 1)
    assert parse_met_on("  ", today) is None
    for bad, why in (("soon", "could not read 'soon' as a date"), ("2027-01-01", "in the future")):
        with pytest.raises(ValueError, match=why):
            parse_met_on(bad, today)


def test_split_message_at_blank_lines() -> None:
    """The third paragraph on is the closing, however many blank lines the user left."""
    assert split_message("A\n\nB\n \nC\n\nD") == ("A", "B", "C\n\nD")
    assert split_message("only one") == ("only one", "", "")


@pytest.mark.parametrize(
    ("status", "reason", "step"),
    [
        (IntroStatus.DRAFT, "", WHY),
        (IntroStatus.DRAFT, "both sail", ASK),
        (IntroStatus.ASKING, "both sail", ASK),
        (IntroStatus.DECLINED, "both sail", ASK),
        (IntroStatus.AGREED, "both sail", INTRODUCE),
        (IntroStatus.SENT, "both sail", MET),
        (IntroStatus.MET, "both sail", MET),
    ],
)
def test_resume_step_is_where_the_introduction_waits(
    status: IntroStatus, reason: str, step: int
) -> None:
    """A draft without why waits on why; the asks until both agreed; then the introduction."""
    assert resume_step(Intro(1, 2, reason=reason, status=status)) == step
