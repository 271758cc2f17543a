"""The records netdesk keeps, as plain dataclasses.

The store turns them into JSON documents and back with `to_doc` / `from_doc`; nothing here
knows about TinyDB or Textual, so the domain rules can be tested without either.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar


class Stage(enum.StrEnum):
    """Where a person stands in the outreach routine."""

    NEW = "new"
    CONTACTED = "contacted"
    REPLIED = "replied"
    SCHEDULED = "scheduled"
    TALKED = "talked"
    NO_RESPONSE = "no_response"
    DECLINED = "declined"
    DO_NOT_CONTACT = "do_not_contact"


class Medium(enum.StrEnum):
    PHONE = "phone"
    SKYPE = "skype"
    VIDEO = "video"
    IN_PERSON = "in_person"


class MessageKind(enum.StrEnum):
    OUTREACH = "outreach"
    FOLLOW_UP = "follow_up"
    SCHEDULING = "scheduling"
    THANKS = "thanks"
    INTRO_ASK = "intro_ask"
    INTRO = "intro"
    INTRO_REQUEST = "intro_request"
    THANK_YOU = "thank_you"
    """Thanks to someone who sent a referral your way or introduced you."""
    CONGRATULATIONS = "congratulations"
    """On a new role a re-import noticed: a natural reason to get back in touch."""
    INCOMING = "incoming"


class IntroStatus(enum.StrEnum):
    DRAFT = "draft"
    ASKING = "asking"
    AGREED = "agreed"
    SENT = "sent"
    MET = "met"
    DECLINED = "declined"


class OptInAnswer(enum.StrEnum):
    PENDING = "pending"
    AGREED = "agreed"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"


class TargetStatus(enum.StrEnum):
    OPEN = "open"
    ASKED = "asked"
    INTRODUCED = "introduced"
    REACHED = "reached"
    DROPPED = "dropped"


class ReferralDirection(enum.StrEnum):
    GIVEN = "given"
    """You passed business or a person with a need to one of your contacts."""
    RECEIVED = "received"
    """A contact sent business or a person your way."""


class ReferralStatus(enum.StrEnum):
    PASSED = "passed"
    CONTACTED = "contacted"
    MET = "met"
    CLOSED_WON = "closed_won"
    CLOSED_LOST = "closed_lost"
    DROPPED = "dropped"


CLOSENESS_LABELS = ("unknown", "met once", "acquaintance", "know well", "close")
"""Labels for the 0–4 closeness scale, shared by the card, the forms and the finder."""


def closeness_label(level: int) -> str:
    """The label for a level; a hand-edited value off the scale is shown, not crashed on."""
    return CLOSENESS_LABELS[level] if 0 <= level < len(CLOSENESS_LABELS) else f"level {level}"


def headline(position: str, company: str) -> str:
    """'Position at Company', or whichever half is known."""
    if position and company:
        return f"{position} at {company}"
    return position or company


@dataclass(slots=True)
class JobChange:
    """A new company or position that a re-import of Connections.csv noticed.

    LinkedIn's export has no dates, so `at` is when the import that noticed it ran.
    """

    at: datetime | None = None
    company_was: str = ""
    position_was: str = ""
    company: str = ""
    position: str = ""
    congratulated: bool = False
    """True once you wrote to them after it (any note marked sent) or marked the queue's
    congratulate item done: the queue stops suggesting it."""

    @property
    def was(self) -> str:
        return headline(self.position_was, self.company_was)

    @property
    def now(self) -> str:
        return headline(self.position, self.company)


@dataclass(slots=True)
class Contact:
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    url: str = ""
    connected_on: date | None = None
    source: str = ""
    tags: list[str] = field(default_factory=list)
    closeness: int = 0
    met_on: date | None = None
    how_met: str = ""
    credential: str = ""
    stage: Stage = Stage.NEW
    next_action_on: date | None = None
    snoozed_until: date | None = None
    keep_in_touch_days: int | None = None
    last_contacted_on: date | None = None
    followed_up_on: date | None = None
    """When the single follow-up went out; a second silent period after it means no_response."""
    notes: str = ""
    offers: str = ""
    """What they do and can help with, in the user's words; imports never touch it."""
    seeks: str = ""
    """What they are looking for now, in the user's words; imports never touch it."""
    job_changes: list[JobChange] = field(default_factory=list)
    """Oldest first; each re-import that finds a new company or position adds one. Kept on
    the contact (not a table of their own) so the queue, undo and merge see them with it."""
    disconnected_on: date | None = None
    """When an import of a complete Connections.csv first missed them ("no longer in your
    connections"); None while they are a connection. Nobody is deleted for it."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int = 0

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or "(no name)"

    @property
    def headline(self) -> str:
        """'Position at Company', or whichever half is known."""
        return headline(self.position, self.company)


@dataclass(slots=True)
class Message:
    contact_id: int = 0
    kind: MessageKind = MessageKind.OUTREACH
    channel: str = "linkedin"
    body: str = ""
    template: str = ""
    sent_at: datetime | None = None
    replied_at: datetime | None = None
    id: int = 0


@dataclass(slots=True)
class Lead:
    """Someone a person on a call said they could introduce you to."""

    name: str = ""
    company: str = ""
    why: str = ""


@dataclass(slots=True)
class Call:
    contact_id: int = 0
    scheduled_for: datetime | None = None
    held_at: datetime | None = None
    minutes: int = 15
    medium: Medium = Medium.PHONE
    notes: str = ""
    highlights: str = ""
    leads: list[Lead] = field(default_factory=list)
    follow_up_on: date | None = None
    link: str = ""
    """A meeting link (video call URL), written into the calendar file."""
    id: int = 0


@dataclass(slots=True)
class OptIn:
    asked_at: datetime | None = None
    answered_at: datetime | None = None
    answer: OptInAnswer = OptInAnswer.PENDING


@dataclass(slots=True)
class Intro:
    a_id: int = 0
    b_id: int = 0
    a_text: str = ""
    b_text: str = ""
    closing: str = ""
    """The introduction's last paragraph (why they should meet, sign-off), as edited."""
    reason: str = ""
    status: IntroStatus = IntroStatus.DRAFT
    a_optin: OptIn = field(default_factory=OptIn)
    b_optin: OptIn = field(default_factory=OptIn)
    sent_at: datetime | None = None
    outcome: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int = 0


@dataclass(slots=True)
class Introducer:
    contact_id: int = 0
    you_know: int = 0
    they_know: int = 0
    note: str = ""
    asked_at: datetime | None = None
    """When you asked them for this introduction; None while not asked."""
    asked_closeness: int | None = None
    """How well you knew them when you asked: the level the learned odds count the ask under."""
    answer: OptInAnswer = OptInAnswer.PENDING
    """How the ask went: agreed, declined, no answer (pending until known)."""
    answered_at: datetime | None = None
    introduced: bool | None = None
    """Whether the introduction then happened; None while not known."""
    call_held: bool | None = None
    """Whether a call with the target followed; None while not known."""


@dataclass(slots=True)
class Target:
    name: str = ""
    company: str = ""
    url: str = ""
    why: str = ""
    contact_id: int | None = None
    introducers: list[Introducer] = field(default_factory=list)
    status: TargetStatus = TargetStatus.OPEN
    asked_via: int | None = None
    asked_at: datetime | None = None
    source_call_id: int | None = None
    thanked_at: datetime | None = None
    """When you thanked the introducer (`asked_via`) for getting you to the target."""
    id: int = 0


@dataclass(slots=True)
class Referral:
    """A piece of business or a person with a need, passed one way between you and a contact.

    `giver_id` / `receiver_id` are contact ids, None meaning you: a given referral has you as
    the giver, a received one has you as the receiver.
    """

    direction: ReferralDirection = ReferralDirection.GIVEN
    giver_id: int | None = None
    receiver_id: int | None = None
    referred_id: int | None = None
    """The person referred, when they are a contact."""
    referred_name: str = ""
    """The person referred, in words, when they are not a contact."""
    need: str = ""
    consent: bool = False
    """The referred person agreed to be passed on."""
    status: ReferralStatus = ReferralStatus.PASSED
    value: str = ""
    thanked_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int = 0


@dataclass(slots=True)
class Dismissal:
    """A suggestion the user said no to ("not a match", "not the same person"), kept."""

    kind: str = ""
    a_id: int = 0
    b_id: int = 0
    at: datetime | None = None
    id: int = 0


@dataclass(slots=True)
class UndoChange:
    """One record as it was before an action: `before` None means the action created it."""

    table: str = ""
    record_id: int = 0
    before: dict[str, Any] | None = None


@dataclass(slots=True)
class UndoStep:
    """One user action and how to reverse it, newest last in the `undo` table."""

    label: str = ""
    at: datetime | None = None
    changes: list[UndoChange] = field(default_factory=list)
    id: int = 0


@dataclass(slots=True)
class Template:
    name: str = ""
    kind: MessageKind = MessageKind.OUTREACH
    body: str = ""
    builtin: bool = False
    id: int = 0


@dataclass(slots=True)
class Settings:
    daily_cap: int = 5
    follow_up_days: int = 7
    theme: str = "netdesk-dark"
    my_name: str = ""
    day_first: bool | None = None
    """How a typed `12/3` reads: True 12 March, False 3 December, None as the locale writes."""

    def out_of_range(self) -> list[str]:
        """What is outside SETTING_RANGES, in words; empty when every number makes sense."""
        return [
            f"{name} is {getattr(self, name)}, expected {low}–{high}"
            for name, (low, high) in SETTING_RANGES.items()
            if not low <= getattr(self, name) <= high
        ]


SETTING_RANGES = {"daily_cap": (0, 100), "follow_up_days": (1, 365)}
"""Sensible bounds: a day count past these is a typo, and past the calendar it is a crash."""


# --- document codec -------------------------------------------------------------------------
# Each dataclass maps to a JSON document field by field. Converters are worked out once per
# class from the annotations, so loading 30k contacts does no per-field type inspection.

Record = TypeVar("Record")
_Convert = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _converters(tp: Any) -> tuple[_Convert, _Convert]:
    """(to_json, from_json) for one annotated type; None passes through both ways."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        to_json, from_json = _converters(inner[0])
        return (lambda v: None if v is None else to_json(v)), (
            lambda v: None if v is None else from_json(v)
        )
    if origin is list:
        (item,) = typing.get_args(tp)
        to_item, from_item = _converters(item)
        if to_item is _identity:
            return list, list
        return (lambda v: [to_item(x) for x in v]), (lambda v: [from_item(x) for x in v])
    if tp is datetime:
        return datetime.isoformat, datetime.fromisoformat
    if tp is date:
        return date.isoformat, date.fromisoformat
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return (lambda v: v.value), _enum_decoder(tp)
    if dataclasses.is_dataclass(tp):
        return to_doc, (lambda v: from_doc(tp, v))  # type: ignore[arg-type]
    return _identity, _identity


def _enum_decoder(tp: type[enum.Enum]) -> _Convert:
    """A member by its stored value: a dict lookup, about four times cheaper than `tp(v)`.

    Anything not found goes through `tp(v)` so a bad value still raises ValueError.
    """
    members = tp._value2member_map_

    def decode(value: Any) -> Any:
        member = members.get(value)
        return member if member is not None else tp(value)

    return decode


_CODECS: dict[type, list[tuple[str, _Convert, _Convert, Any]]] = {}


def _codec(cls: type) -> list[tuple[str, _Convert, _Convert, Any]]:
    codec = _CODECS.get(cls)
    if codec is None:
        hints = typing.get_type_hints(cls)
        codec = []
        for f in dataclasses.fields(cls):
            if f.name == "id":
                continue
            to_json, from_json = _converters(hints[f.name])
            default = (
                f.default_factory if f.default_factory is not dataclasses.MISSING else f.default
            )
            codec.append((f.name, to_json, from_json, default))
        _CODECS[cls] = codec
    return codec


def to_doc(record: Any) -> dict[str, Any]:
    """The JSON-ready document for a record; the id is the store's key, not a field."""
    return {name: to_json(getattr(record, name)) for name, to_json, _, _ in _codec(type(record))}


def from_doc(cls: type[Record], doc: dict[str, Any], record_id: int = 0) -> Record:
    """Build a record from a stored document; missing or null fields take their defaults."""
    decoder = _DECODERS.get(cls)
    if decoder is None:
        decoder = _DECODERS[cls] = _compile_decoder(cls)
    return decoder(doc, record_id)  # type: ignore[no-any-return]


_DECODERS: dict[type, Callable[[dict[str, Any], int], Any]] = {}


def _compile_decoder(cls: type) -> Callable[[dict[str, Any], int], Any]:
    """One straight-line function per class, as `dataclasses` itself does with exec.

    Opening 30k contacts decodes 30k documents; a generic per-field loop costs about three
    times as much as this generated call with one keyword argument per field.
    """
    namespace: dict[str, Any] = {"cls": cls}
    arguments = []
    for n, (name, _, from_json, default) in enumerate(_codec(cls)):
        namespace[f"conv{n}"] = from_json
        if callable(default):
            namespace[f"default{n}"] = default
            fallback = f"default{n}()"
        else:
            namespace[f"default{n}"] = default
            fallback = f"default{n}"
        convert = "v" if from_json is _identity else f"conv{n}(v)"
        arguments.append(f"{name}=({fallback} if (v := get({name!r})) is None else {convert})")
    if "id" in {f.name for f in dataclasses.fields(cls)}:
        arguments.append("id=record_id")
    source = (
        f"def decode(doc, record_id):\n    get = doc.get\n    return cls({', '.join(arguments)})\n"
    )
    exec(source, namespace)  # the source is built above from field names only
    return namespace["decode"]  # type: ignore[no-any-return]


def changes_to_doc(cls: type, changes: dict[str, Any]) -> dict[str, Any]:
    """JSON-ready values for a partial update; an unknown field name is a programming error."""
    codec = {name: to_json for name, to_json, _, _ in _codec(cls)}
    doc = {}
    for name, value in changes.items():
        if name not in codec:
            raise KeyError(f"{cls.__name__} has no field {name!r}")
        doc[name] = None if value is None else codec[name](value)
    return doc
