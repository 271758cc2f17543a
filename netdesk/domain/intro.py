"""Two-sided introductions: the steps, the wording, the opt-in asks, and the checks first.

An introduction spends your credibility with both people, so the draft says how you know each
side and what sets them apart, each side is asked first (double opt-in), and the litmus step
makes you imagine the request coming from the other side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from netdesk.domain.dates import parse_past_day
from netdesk.domain.models import (
    Contact,
    Intro,
    IntroStatus,
    OptIn,
    OptInAnswer,
    Stage,
    closeness_label,
)
from netdesk.domain.templates import (
    INTRO_ASK,
    INTRO_CLOSING,
    INTRO_TO_A,
    INTRO_TO_B,
    as_clause,
    contact_values,
    fill,
)

STEPS = ("People", "Why", "Litmus", "Ask first", "Introduce", "Met")
"""The steps of making an introduction, in order (the wizard shows one at a time)."""
PEOPLE, WHY, LITMUS, ASK, INTRODUCE, MET = range(len(STEPS))

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)

LONG_SPAN_YEARS = 10
"""From here on "since 2009" reads better than "for fourteen years"."""

VOUCH_CLOSENESS = 3
"""Closeness ('know well') below which you may not know someone well enough to vouch for them."""


class IntroDraft(NamedTuple):
    """The three editable parts of one introduction message sent to both people."""

    a_text: str
    """About B, addressed to A."""
    b_text: str
    """About A, addressed to B."""
    closing: str
    """Why they should meet, and your sign-off."""


def in_words(count: int) -> str:
    """'seven' up to twelve, digits beyond, as style guides write counts in prose."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def _amount(count: int, unit: str) -> str:
    return f"a {unit}" if count == 1 else f"{in_words(count)} {unit}s"


def known_for(met_on: date | None, today: date) -> str:
    """How long you have known someone, in whole units: 'seven years', 'a month'.

    Spans of ten years or more come back as 'since 2009' (which does not follow "for"; see
    `known_phrase`). Under a week, including meeting today, is 'a few days'. An unknown or
    future `met_on` gives '' rather than a made-up history. Someone met on 29 Feb is known for
    a year on 28 Feb of the next year, as relativedelta counts it.
    """
    if met_on is None or met_on > today:
        return ""
    span = relativedelta(today, met_on)
    if span.years >= LONG_SPAN_YEARS:
        return f"since {met_on.year}"
    if span.years:
        return _amount(span.years, "year")
    if span.months:
        return _amount(span.months, "month")
    weeks = span.days // 7
    return _amount(weeks, "week") if weeks else "a few days"


def known_phrase(name: str, met_on: date | None, how_met: str, today: date) -> str:
    """The whole "I have known …" sentence, or '' when there is nothing to say.

    `how_met` completes "since …" ("her company was our supplier"), so without a date the
    sentence is "I have known Barbara since her company was our supplier."
    """
    how = as_clause(how_met)
    span = known_for(met_on, today)
    if not span:
        return f"I have known {name} since {how}." if how else ""
    if span.startswith("since "):
        head, joiner = f"I have known {name} {span}", "when"
    else:
        head, joiner = f"I have known {name} for {span}", "since"
    return f"{head}, {joiner} {how}." if how else f"{head}."


def _first_name(contact: Contact) -> str:
    return contact.first_name.strip() or contact.name


def _side_values(contact: Contact, today: date, prefix: str) -> dict[str, str]:
    """Placeholder values for one side of an introduction, including how you know them."""
    known = known_phrase(_first_name(contact), contact.met_on, contact.how_met, today)
    return {**contact_values(contact, prefix), f"{prefix}known": known}


def draft_intro(a: Contact, b: Contact, reason: str, today: date, my_name: str) -> IntroDraft:
    """A first draft of the introduction; every sentence is meant to be edited.

    Facts netdesk does not have (how you met, what sets someone apart, the reason) stay as
    `{placeholders}`, so the send check holds the message until they are written.
    """
    values = {
        **_side_values(a, today, ""),
        **_side_values(b, today, "b_"),
        "reason": as_clause(reason),
        "my_name": my_name,
    }
    return IntroDraft(
        fill(INTRO_TO_A, values), fill(INTRO_TO_B, values), fill(INTRO_CLOSING, values)
    )


def intro_message(a_text: str, b_text: str, closing: str) -> str:
    """The single message that goes to both people, paragraphs separated by a blank line."""
    return "\n\n".join(part.strip() for part in (a_text, b_text, closing) if part.strip())


_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def split_message(text: str) -> tuple[str, str, str]:
    """An edited introduction back into (to A, to B, closing) at its blank lines.

    `intro_message` joins the three parts with blank lines, so joining the split again gives
    the same text, whatever the user did to the paragraphs.
    """
    parts = [part.strip() for part in _PARAGRAPHS.split(text.strip()) if part.strip()]
    a_text = parts[0] if parts else ""
    b_text = parts[1] if len(parts) > 1 else ""
    return a_text, b_text, "\n\n".join(parts[2:])


def parse_met_on(text: str, today: date) -> date | None:
    """When you met: '2019-03-14', '14 Mar 2019', 'mar 2019' (the 1st), '2019' (1 January)."""
    return parse_past_day(text, today) if text.strip() else None


def resume_step(intro: Intro) -> int:
    """The step an introduction is waiting on, for the list's enter and the queue's d."""
    status = intro.status
    if status is IntroStatus.DRAFT:
        return ASK if intro.reason.strip() else WHY
    if status in (IntroStatus.ASKING, IntroStatus.DECLINED):
        return ASK
    if status is IntroStatus.AGREED:
        return INTRODUCE
    return MET


def opt_in_ask(
    asked: Contact, other: Contact, reason: str, my_name: str, *, body: str = INTRO_ASK
) -> str:
    """The private 'would you like me to introduce you to …?' sent to one side first."""
    values = {
        **contact_values(asked),
        **contact_values(other, "b_"),
        "reason": as_clause(reason),
        "my_name": my_name,
    }
    return fill(body, values)


def litmus_questions(a: Contact, b: Contact) -> tuple[str, str]:
    """The two questions to answer honestly before introducing A and B."""

    def question(asker: Contact, about: Contact) -> str:
        return (
            f"If {_first_name(asker)} asked you for an introduction to {_first_name(about)}, "
            "how would you feel?"
        )

    return question(b, a), question(a, b)


def litmus_warnings(a: Contact, b: Contact) -> list[str]:
    """Reasons to think twice: the same person twice, do-not-contact, or too little closeness."""
    if a is b or (a.id and a.id == b.id):
        return ["Both sides are the same person."]
    warnings: list[str] = []
    for person in (a, b):
        if person.stage is Stage.DO_NOT_CONTACT:
            warnings.append(f"{person.name} is marked do not contact.")
        if person.closeness < VOUCH_CLOSENESS:
            label = closeness_label(person.closeness)
            warnings.append(f"You know {person.name} only as '{label}': can you vouch for them?")
    return warnings


IN_FLIGHT = frozenset({IntroStatus.DRAFT, IntroStatus.ASKING, IntroStatus.AGREED, IntroStatus.SENT})
"""An introduction under way: neither declined nor met yet."""


def in_flight(intros: Iterable[Intro], a_id: int, b_id: int) -> Intro | None:
    """The introduction already under way for the pair (either way round), oldest first: a
    second one would ask both people twice."""
    pair = {a_id, b_id}
    found = [i for i in intros if {i.a_id, i.b_id} == pair and i.status in IN_FLIGHT]
    return min(found, key=lambda i: i.id, default=None)


def status_after_opt_ins(status: IntroStatus, a: OptIn, b: OptIn) -> IntroStatus:
    """The introduction's status once the two opt-ins read `a` and `b`.

    Either side saying no closes it (declined); both saying yes makes it ready to send
    (agreed); anyone asked means it is asking; otherwise it is still a draft. An introduction
    already sent or met keeps its status: the answers no longer matter.
    """
    if status in (IntroStatus.SENT, IntroStatus.MET):
        return status
    answers = (a.answer, b.answer)
    if OptInAnswer.DECLINED in answers:
        return IntroStatus.DECLINED
    if answers == (OptInAnswer.AGREED, OptInAnswer.AGREED):
        return IntroStatus.AGREED
    if (
        a.asked_at is not None
        or b.asked_at is not None
        or any(answer is not OptInAnswer.PENDING for answer in answers)
    ):
        return IntroStatus.ASKING
    return IntroStatus.DRAFT
