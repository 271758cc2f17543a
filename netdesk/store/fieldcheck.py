"""Refuse stored values of the wrong JSON type, or out of range, when a database opens.

`from_doc` converts dates, enums and nested records, and fails loudly on a wrong type there,
but passes text, numbers, booleans and lists through as they are: a hand-edited
`"closeness": "three"` would open, pass `netdesk check`, and crash a screen later. Each record
class gets one generated predicate (the way `from_doc` compiles its decoder), a few
`type(v) is …` tests per document; only a document that fails is walked again to name the field.
A few fields also have a range a screen relies on (`value_problem`): a call in year 1, or a
template `Hi {first_name!r}`, has the right type and still crashes the export or the composer.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from netdesk.domain.dates import CALL_MINUTES, STORED_CALL_YEARS
from netdesk.domain.models import Call, Template, from_doc
from netdesk.domain.templates import TemplateError, placeholders_in

_JSON_KIND = {
    str: "text",
    int: "a number",
    float: "a decimal number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    type(None): "null",
}
_EXPECTED = {str: "text", int: "a whole number", bool: "true or false", float: "a number"}

_PREDICATES: dict[type, Callable[[dict[str, Any]], bool]] = {}


def check_doc(cls: type, doc: dict[str, Any]) -> None:
    """Raise TypeError naming the first field of `doc` whose JSON type does not fit `cls`.

    Missing and null fields are fine (they take their defaults); unknown fields are ignored.
    Call it after `from_doc`, which reports bad dates and enum values in its own words.
    """
    predicate = _PREDICATES.get(cls) or _predicate(cls)
    if not predicate(doc):
        raise TypeError(_explain_record(cls, doc, "") or "a field holds a value of the wrong type")
    if checks_values(cls) and (problem := value_problem(from_doc(cls, doc))):
        raise ValueError(problem)


def checks_values(cls: type) -> bool:
    """True when `value_problem` has something to check in records of `cls`."""
    return cls in _VALUE_CHECKS


def value_problem(record: object) -> str | None:
    """What is out of range in a decoded record, in words; None when every value is usable."""
    check = _VALUE_CHECKS.get(type(record))
    return None if check is None else check(record)


def _call_problem(call: Call) -> str | None:
    low, high = CALL_MINUTES
    if not low <= call.minutes <= high:
        return f"minutes is {call.minutes}, expected {low}–{high}"
    first, last = STORED_CALL_YEARS
    for name in ("scheduled_for", "held_at", "follow_up_on"):
        when: date | None = getattr(call, name)
        if when is None:
            continue
        if isinstance(when, datetime) and when.tzinfo is not None:
            return f"{name} is {when.isoformat()}, a time with a zone; netdesk stores local times"
        if not first <= when.year <= last:
            return f"{name} is {when.isoformat()}, expected a date from {first} to {last}"
    return None


def _template_problem(template: Template) -> str | None:
    try:
        placeholders_in(template.body)
    except TemplateError as exc:
        return f"the body cannot be filled in: {exc}"
    return None


_VALUE_CHECKS: dict[type, Callable[[Any], str | None]] = {
    Call: _call_problem,
    Template: _template_problem,
}


def _predicate(cls: type) -> Callable[[dict[str, Any]], bool]:
    predicate = _PREDICATES.get(cls)
    if predicate is None:
        predicate = _PREDICATES[cls] = _compile(cls)
    return predicate


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.name != "id"]


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return inner[0] if len(inner) == 1 else Any
    return tp


def _leaf(tp: Any) -> type | None:
    """The JSON type a value of annotation `tp` is stored as, for the types stored as is."""
    if tp in (str, int, bool, float):
        return tp  # type: ignore[no-any-return]
    if isinstance(tp, type) and issubclass(tp, (date, enum.Enum)):
        return str  # from_doc checks the text itself
    return None


def _test(tp: Any, value: str, namespace: dict[str, Any]) -> str:
    """A Python expression that is true when `value` (an expression) fits annotation `tp`.

    "True" for dates and enums stored as fields: `from_doc` has already refused those.
    """
    tp = _strip_optional(tp)
    if isinstance(tp, type) and issubclass(tp, (date, enum.Enum)) and value == "v":
        return "True"
    if (leaf := _leaf(tp)) is not None:
        if leaf is float:
            return f"type({value}) in (int, float)"
        return f"type({value}) is {leaf.__name__}"
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        item_test = _test(item, "x", namespace)
        return f"(type({value}) is list and (not {value} or all({item_test} for x in {value})))"
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = f"check_{tp.__name__}"
        namespace[name] = _predicate(tp)
        return f"(type({value}) is dict and {name}({value}))"
    return "True"


def _compile(cls: type) -> Callable[[dict[str, Any]], bool]:
    namespace: dict[str, Any] = {}
    tests = [
        f"((v := get({name!r})) is None or {test})"
        for name, tp in _fields(cls)
        if (test := _test(tp, "v", namespace)) != "True"
    ]
    body = " and ".join(tests) or "True"
    source = f"def predicate(doc):\n    get = doc.get\n    return ({body})\n"
    exec(source, namespace)  # built above from field names and type names only
    return namespace["predicate"]  # type: ignore[no-any-return]


def _explain_record(cls: type, doc: dict[str, Any], where: str) -> str | None:
    for name, tp in _fields(cls):
        value = doc.get(name)
        if value is not None:
            problem = _explain(tp, value, f"{where}{name}")
            if problem:
                return problem
    return None


def _explain(tp: Any, value: Any, where: str) -> str | None:
    """Why `value` does not fit `tp`, as 'leads[0].name should be text, not a number'."""
    tp = _strip_optional(tp)
    found = _JSON_KIND.get(type(value), type(value).__name__)
    if (leaf := _leaf(tp)) is not None:
        fits = type(value) in (int, float) if leaf is float else type(value) is leaf
        return None if fits else f"{where} should be {_EXPECTED[leaf]}, not {found}"
    if typing.get_origin(tp) is list:
        if type(value) is not list:
            return f"{where} should be a list, not {found}"
        (item,) = typing.get_args(tp)
        for i, element in enumerate(value):
            problem = (
                f"{where}[{i}] should not be null"
                if element is None
                else _explain(item, element, f"{where}[{i}]")
            )
            if problem:
                return problem
        return None
    if dataclasses.is_dataclass(tp):
        if type(value) is not dict:
            return f"{where} should be an object, not {found}"
        return _explain_record(tp, value, f"{where}.")  # type: ignore[arg-type]
    return None
