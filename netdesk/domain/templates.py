"""Message templates: placeholder filling and the checks that run before anything is sent.

Templates are user-editable, so substitution is deliberately narrower than `str.format`: a
field must be a plain known name. `{contact.__class__}` or `{first_name[0]}` would otherwise
let a template reach into objects, and a typo would fail only when a message is composed.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from netdesk.domain.dates import format_day, plural
from netdesk.domain.models import Contact, Message, MessageKind, Settings, Template

_PERSON_HELP = {
    "first_name": "first name",
    "last_name": "last name",
    "name": "full name",
    "company": "company",
    "position": "job title",
    "credential": "one line on what sets them apart",
    "known": "how long and how you have known them (filled by the introduction wizard)",
}

PLACEHOLDER_HELP: dict[str, str] = {
    **{key: f"the person you are writing to: {what}" for key, what in _PERSON_HELP.items()},
    **{
        f"b_{key}": f"the other side of an introduction: {what}"
        for key, what in _PERSON_HELP.items()
    },
    "my_name": "your name, from settings",
    "personal": "the one personal sentence you write for this person",
    "reason": "why they should meet, or why you want to reach someone; completes '… because'",
    "target": "the person you hope to be introduced to, e.g. 'Jane Roe at Acme'",
    "blurb": "a short note about you that an introducer can forward as it is",
    "happened": "what they did for you and how it went, e.g. 'introducing me to Jo Roe at Acme'",
}
"""Every placeholder a template may use, with the help text the editor shows for it."""

PLACEHOLDERS: frozenset[str] = frozenset(PLACEHOLDER_HELP)

LIMITS: dict[str, int] = {"connection_note": 300, "message": 8000}
"""LinkedIn's character limits: an invitation note, and a message between connections."""

SHORT_MESSAGE = 40
"""Below this many characters a message is rarely personal enough to earn a reply."""

_FORMATTER = string.Formatter()
_LEFTOVER = re.compile(r"\{([A-Za-z_]\w*)\}")


class TemplateError(ValueError):
    """A template field netdesk will not substitute."""


def _pieces(body: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder name or None) pairs, refusing anything but known names."""
    try:
        parsed = list(_FORMATTER.parse(body))
    except ValueError as error:
        raise TemplateError(
            f"{error}; write {{{{ or }}}} for a brace that is part of the text."
        ) from error
    pieces: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (spec or conversion or name not in PLACEHOLDERS):
            raise TemplateError(
                f"{_as_written(name, conversion, spec)} is not a placeholder netdesk fills. "
                "Use a plain name in braces, "
                f"one of: {', '.join(sorted(PLACEHOLDERS))}."
            )
        pieces.append((literal, name))
    return pieces


def _as_written(name: str, conversion: str | None, spec: str | None) -> str:
    """A parsed field put back the way the user typed it, for error messages."""
    conversion_part = f"!{conversion}" if conversion else ""
    spec_part = f":{spec}" if spec else ""
    return "{" + name + conversion_part + spec_part + "}"


def placeholders_in(body: str) -> list[str]:
    """The placeholders a template uses, each once, in order of first use."""
    return list(dict.fromkeys(name for _, name in _pieces(body) if name is not None))


def fill(body: str, values: Mapping[str, str]) -> str:
    """The template with every known value put in.

    A placeholder with no value stays as `{name}` so the composer shows what is left to write;
    values go in literally, so a value containing braces is never expanded again.
    """
    out: list[str] = []
    for literal, name in _pieces(body):
        out.append(literal)
        if name is not None:
            value = values.get(name, "")
            out.append(value if value.strip() else "{" + name + "}")
    return "".join(out)


def personal_sentence(body: str, values: Mapping[str, str], text: str) -> str | None:
    """What was typed into the one `{personal}` slot of `body` (filled with `values`), when
    nothing else in `text` changed ("" while the slot is untouched); None when the rest was
    edited or there is no single slot.

    Switching template carries this sentence over, so the one line written for this person
    is not lost; any other edit makes the text the user's own draft, which is kept whole.
    """
    frame = fill(body, {**values, "personal": ""})
    head, slot, tail = frame.partition("{personal}")
    if not slot or "{personal}" in tail:
        return None
    if len(text) < len(head) + len(tail) or not (text.startswith(head) and text.endswith(tail)):
        return None
    sentence = text[len(head) : len(text) - len(tail)]
    return "" if sentence == slot else sentence


def unfilled(text: str) -> list[str]:
    """Every `{identifier}` left in edited text, known name or not: none belongs in a message."""
    return list(dict.fromkeys(_LEFTOVER.findall(text)))


@dataclass
class SendCheck:
    problems: list[str] = field(default_factory=list)
    """Reasons the message must not go out yet."""
    warnings: list[str] = field(default_factory=list)
    """Things worth a second look that do not block sending."""

    @property
    def ok(self) -> bool:
        return not self.problems


def _comparable(text: str) -> str:
    """Text as a reader sees it: spacing and case differences do not make a message personal."""
    return " ".join(text.split()).casefold()


def text_problems(text: str, limit: int) -> list[str]:
    """Why `text` cannot go out as it stands: empty, an unfilled `{placeholder}`, too long.

    Sending, marking an ask or request sent, and copying all refuse on these same reasons,
    so what lands on the clipboard is always text netdesk would have let you send.
    """
    if not text.strip():
        return ["The message is empty."]
    problems = []
    left = unfilled(text)
    if left:
        names = ", ".join("{" + name + "}" for name in left)
        problems.append(f"Fill in or remove {names} before sending.")
    if len(text) > limit:
        over = plural(len(text) - limit, "character")
        problems.append(f"{over} over the {limit}-character limit.")
    return problems


def check_send(
    text: str,
    *,
    limit: int,
    recent: Iterable[Message],
    contact_id: int,
    now: datetime,
    window_days: int = 30,
) -> SendCheck:
    """Whether `text` may be sent to `contact_id`, and why not.

    The mass-message guard refuses text identical to what went to someone else within
    `window_days`: the routine is one personal note per person, not a broadcast.
    """
    check = SendCheck(problems=text_problems(text, limit))
    if not text.strip():
        return check
    mine = _comparable(text)
    same = [
        (message.sent_at, message.contact_id)
        for message in recent
        if message.kind is not MessageKind.INCOMING
        and message.sent_at is not None
        and _comparable(message.body) == mine
    ]
    window = timedelta(days=window_days)
    elsewhere = [(sent, whom) for sent, whom in same if whom != contact_id and now - sent <= window]
    if elsewhere:
        sent, whom = max(elsewhere)
        check.problems.append(
            f"The same text went to contact #{whom} on {format_day(sent.date())}; "
            "make it personal first."
        )
    if any(whom == contact_id for _, whom in same):
        check.warnings.append("You already sent this exact text to this person.")
    if len(text.strip()) < SHORT_MESSAGE:
        check.warnings.append("Very short: is it personal enough to earn a reply?")
    return check


def as_clause(text: str) -> str:
    """User text made to sit inside a sentence ('… because {reason}.'): no closing stop."""
    return text.strip().rstrip(".").rstrip()


def as_sentence(text: str) -> str:
    """User text made to stand as a sentence: a closing stop added when missing."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def contact_values(contact: Contact, prefix: str = "") -> dict[str, str]:
    """Placeholder values describing one person; `prefix='b_'` for an introduction's B side."""
    values = {
        "first_name": contact.first_name.strip(),
        "last_name": contact.last_name.strip(),
        "name": f"{contact.first_name.strip()} {contact.last_name.strip()}".strip(),
        "company": contact.company.strip(),
        "position": contact.position.strip(),
        "credential": as_sentence(contact.credential),
    }
    return {prefix + key: value for key, value in values.items()}


def values_for(contact: Contact, settings: Settings, personal: str = "") -> dict[str, str]:
    """Everything the composer can fill for a message to `contact`."""
    return {**contact_values(contact), "my_name": settings.my_name, "personal": personal}


INTRO_TO_A = "{first_name}, I would like to introduce you to {b_name}. {b_known} {b_credential}"
"""The two-sided introduction's paragraph about B, addressed to A."""
INTRO_TO_B = "{b_first_name}, I would like to introduce you to {name}. {known} {credential}"
"""The mirror: about A, addressed to B."""
INTRO_CLOSING = (
    "I think you two would benefit from knowing each other because {reason}. "
    "I will leave you to it.\n\n{my_name}"
)
INTRO_ASK = (
    "Hi {first_name}, would you like me to introduce you to {b_name}? {b_credential} "
    "I think you two would get on because {reason}. No pressure at all, just let me know "
    "either way.\n\n{my_name}"
)
INTRO_REQUEST = (
    "Hi {first_name}, I hope you're well! I'd really like to talk to {target} because "
    "{reason}, and I see you two are connected. Would you be comfortable introducing us? "
    "I've written a short note below that you can forward as it is, so it should only take "
    "a minute. And no worries at all if you'd rather not.\n\n{blurb}\n\nThank you!\n{my_name}"
)

THANK_YOU_NAME = "Thanks for a referral or introduction"
THANK_YOU = (
    "Hi {first_name}, thank you for {happened}. {personal} I really appreciate you thinking "
    "of me, and if there is ever anything I can do for you, just ask.\n\n{my_name}"
)
"""The queue's "thank NAME": `{happened}` is filled from the referral or target."""

CONGRATULATIONS_NAME = "Congratulations on a new role"
CONGRATULATIONS = (
    "Hi {first_name}, I saw that you've started as {position} at {company}. Congratulations! "
    "{personal} I'd love to hear how the first weeks are going, and if there's anything I can "
    "do to help as you settle in, just ask.\n\n{my_name}"
)
"""The queue's "congratulate NAME on the new role", for people you have talked to."""

BUILTIN_TEMPLATES: tuple[Template, ...] = tuple(
    Template(name=name, kind=kind, body=body, builtin=True)
    for name, kind, body in (
        (
            "First outreach",
            MessageKind.OUTREACH,
            "Hi {first_name}, we're connected here but have never actually talked. {personal} "
            "Would you be up for a 15-minute call (phone or video)? I'd love to hear what you "
            "do and whether I can help.\n\n{my_name}",
        ),
        (
            "Follow-up",
            MessageKind.FOLLOW_UP,
            "Hi {first_name}, messages here get buried, so I thought I'd try once more. Would a "
            "15-minute call in the next week or two work for you? Happy to fit around you, and "
            "no worries if now is not a good time.\n\n{my_name}",
        ),
        (
            "Scheduling reply",
            MessageKind.SCHEDULING,
            "Thanks for getting back to me, {first_name}! When suits you? Send me a couple of "
            "times that work and whether you'd rather talk by phone or video, and I'll call you "
            "then. Fifteen minutes, I promise.\n\n{my_name}",
        ),
        (
            "Thanks after a call",
            MessageKind.THANKS,
            "Thank you for your time today, {first_name}. I really enjoyed our call. {personal} "
            "If there's ever anything I can do for you, just ask.\n\n{my_name}",
        ),
        ("Introduction: ask first", MessageKind.INTRO_ASK, INTRO_ASK),
        (
            "Introduction",
            MessageKind.INTRO,
            "\n\n".join((INTRO_TO_A, INTRO_TO_B, INTRO_CLOSING)),
        ),
        ("Ask for an introduction", MessageKind.INTRO_REQUEST, INTRO_REQUEST),
        (THANK_YOU_NAME, MessageKind.THANK_YOU, THANK_YOU),
        (CONGRATULATIONS_NAME, MessageKind.CONGRATULATIONS, CONGRATULATIONS),
    )
)
"""Seeded into the templates table on first run; one per kind the user sends."""


def with_builtins(stored: Iterable[Template]) -> list[Template]:
    """The stored templates, then a fresh copy of each built-in for a kind none of them is
    for: a database seeded before that kind existed (congratulations on a new role, thanks
    for a referral) still composes its queue items from the right template."""
    templates = list(stored)
    kinds = {template.kind for template in templates}
    templates += [dataclasses.replace(t) for t in BUILTIN_TEMPLATES if t.kind not in kinds]
    return templates


def builtin_template(kind: MessageKind) -> Template:
    """The shipped template for a kind of message (a fresh copy, safe to edit)."""
    for template in BUILTIN_TEMPLATES:
        if template.kind is kind:
            return dataclasses.replace(template)
    raise KeyError(f"no built-in template for {kind.value} messages")
