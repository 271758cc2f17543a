"""The texts the finder indexes for one person, taken from their records.

"Who fits?" reads what a person offers and what you learned about them (their record, your
calls with them); "search everything" adds every other text netdesk keeps that concerns
them: messages, introductions, referrals.
"""

from __future__ import annotations

from collections.abc import Iterable

from netdesk.domain.fits import PersonText, texts
from netdesk.domain.models import Call, Contact, Intro, Message, Referral


def fit_texts(contact: Contact, calls: Iterable[Call], *, in_a: bool) -> PersonText:
    """What "who fits?" searches for one person: their record and their calls with you.

    Only fields with text are kept: at 30,000 people most have none of these.
    """
    fields: dict[str, tuple[str, ...]] = {}
    for key, value in (
        ("offers", contact.offers),
        ("seeks", contact.seeks),
        ("credential", contact.credential),
        ("position", contact.position),
        ("company", contact.company),
        ("notes", contact.notes),
    ):
        if value and not value.isspace():
            fields[key] = (value,)
    if contact.tags and (tags := texts(*contact.tags)):
        fields["tags"] = tags
    calls = list(calls)
    if calls:
        for key, values in (
            ("call_notes", texts(*(c.notes for c in calls))),
            ("highlights", texts(*(c.highlights for c in calls))),
            ("leads", texts(*(_lead_text(c) for c in calls if c.leads))),
        ):
            if values:
                fields[key] = values
    return PersonText(
        contact_id=contact.id,
        name=contact.name,
        in_a=in_a,
        closeness=contact.closeness,
        fields=fields,
    )


def everything_texts(
    contact: Contact,
    calls: Iterable[Call],
    messages: Iterable[Message],
    intros: Iterable[Intro],
    referrals: Iterable[Referral],
    *,
    in_a: bool,
) -> PersonText:
    """Every text netdesk holds about one person, for "search everything"."""
    person = fit_texts(contact, calls, in_a=in_a)
    intro_texts = [
        text
        for intro in intros
        for text in (intro.a_text, intro.b_text, intro.closing, intro.reason, intro.outcome)
    ]
    return PersonText(
        contact_id=person.contact_id,
        name=person.name,
        in_a=in_a,
        closeness=person.closeness,
        fields={
            **person.fields,
            "name": texts(contact.name),
            "messages": texts(*(m.body for m in messages)),
            "intros": texts(*intro_texts),
            "referrals": texts(*(t for r in referrals for t in (r.need, r.referred_name, r.value))),
        },
    )


def _lead_text(call: Call) -> str:
    """A call's leads in one text: "Jo Roe, Acme: buys freight; …"."""
    parts = []
    for lead in call.leads:
        who = ", ".join(texts(lead.name, lead.company))
        parts.append(f"{who}: {lead.why}" if lead.why.strip() else who)
    return "; ".join(p for p in parts if p)
