"""What the finder draws: the target's summary, one row per introducer, the odds line, and
the request's status line, each built from plain text (names drawn safe with `one_line`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from netdesk.domain.dates import ago, format_day, plural
from netdesk.domain.introducers import (
    ASK_WINDOW_DAYS,
    BLIND_BASELINE,
    MAX_RESTFUL_ASKS,
    RankedIntroducer,
    path_summary,
)
from netdesk.domain.models import Contact, OptInAnswer, Target, closeness_label
from netdesk.domain.odds import learned_odds
from netdesk.domain.templates import LIMITS, unfilled
from netdesk.tui.literal import one_line
from netdesk.tui.screens.targets.status import STATUS_STYLES
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.composer import PERSONAL


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def default_blurb(target: Target, my_name: str) -> str:
    """The note the introducer can forward; {personal} is yours to write (who you are, why)."""
    me = my_name or "{my_name}"
    return (
        f"Hi {first_name(target.name) or 'there'}, I'm {me}. {PERSONAL} Would you have "
        "15 minutes for a call (phone or video) in the next few weeks? I'd be grateful.\n"
        f"{me}"
    )


def target_summary(
    target: Target, ranked: list[RankedIntroducer], people: Mapping[int, Contact], today: date
) -> Content:
    """Who the target is, why them, and how things stand (the best path, the ask, the link)."""
    lines = [
        Content.assemble(
            (one_line(target.name), "bold"),
            (f" at {one_line(target.company)}" if target.company else "", ""),
            "   ",
            (target.status.value, STATUS_STYLES[target.status]),
            (f"   {one_line(target.url)}" if target.url else "", MUTED),
        ),
        Content.assemble(("Why: ", MUTED), one_line(target.why) or "—"),
    ]
    facts = [path_summary(ranked)]
    if target.asked_via:
        via = people.get(target.asked_via)
        when = format_day(target.asked_at.date()) if target.asked_at else "?"
        facts.append(
            f"Asked via {via.name if via else '?'} on {when} ({ago(target.asked_at, today)})"
        )
    if target.contact_id:
        linked = people.get(target.contact_id)
        facts.append(f"Linked to your contact {linked.name if linked else '?'}")
    facts.append(f"a blind ask: {BLIND_BASELINE:.0%}")  # short: fits 80 columns
    lines.append(Content.styled(one_line(" · ".join(facts)), MUTED))
    return Content("\n").join(lines)


def baseline_option() -> Option:
    return Option(
        Content.assemble(
            (f" {BLIND_BASELINE:>4.0%}  ", MUTED),
            ("blind ask: a cold message, no introducer", f"italic {MUTED}"),
        ),
        disabled=True,
    )


def introducer_option(ranked: RankedIntroducer, target: Target) -> Option:
    """One introducer: the odds of the path, how well each side knows whom, recent asks."""
    contact = ranked.contact
    you = closeness_label(contact.closeness if contact else ranked.introducer.you_know)
    they = closeness_label(ranked.introducer.they_know)
    target_first = first_name(target.name)
    asked_here = target.asked_via == ranked.introducer.contact_id
    odds_style = "bold $success" if ranked.odds > BLIND_BASELINE else "bold $warning"
    asks = ranked.asks_90d
    parts: list[Content | str | tuple[str, str]] = [
        (f" {ranked.odds:>4.0%}  ", odds_style),
        (one_line(ranked.name), "bold"),
        ("  · asked for this target" if asked_here else "", "$accent"),
        "\n      ",
        (f"you: {you} · {one_line(target_first)}: {they} · ", MUTED),
        (f"{plural(asks, 'ask')} in {ASK_WINDOW_DAYS}d", "$warning" if asks else MUTED),
    ]
    answer = ranked.introducer.answer
    if answer is not OptInAnswer.PENDING:
        went = answer.value.replace("_", " ")
        if ranked.introducer.introduced:
            went += ", introduced" + (", call held" if ranked.introducer.call_held else "")
        parts.append((f" · {went}", MUTED))
    if ranked.warning:
        parts.extend(["\n      ", (f"⚠ {one_line(ranked.warning)}", "$warning")])
    return Option(Content.assemble(*parts), id=str(ranked.introducer.contact_id))


def odds_line(targets: Iterable[Target]) -> Content:
    """The assumed chance an introducer acts at each closeness level, your own rate
    beside it once a level has `odds.MIN_OUTCOMES` answers, and the blind baseline."""
    parts: list[Content | str | tuple[str, str]] = [("Odds by closeness: ", MUTED)]
    for n, level in enumerate(reversed(learned_odds(targets))):
        parts.append((" · " if n else "", MUTED))
        parts.append((f"{level.label} {level.assumed:.0%}", MUTED))
        observed = level.observed
        if observed is not None:
            parts.append((f" → yours {observed:.0%} of {level.asks}", "bold $accent"))
    parts.append((f" · blind {BLIND_BASELINE:.0%}", MUTED))
    return Content.assemble(*parts)


def request_status(text: str, ranked: RankedIntroducer) -> Content:
    """Under the request: its length, what is left to write, and a warning past restful asks."""
    limit = LIMITS["message"]
    parts = [Content.styled(f"{len(text)}/{limit}", "$error" if len(text) > limit else MUTED)]
    left = unfilled(text)
    if left:
        parts.append(
            Content.styled("write " + ", ".join("{" + name + "}" for name in left), "$warning")
        )
    asks = ranked.asks_90d
    if asks >= MAX_RESTFUL_ASKS:
        parts.append(
            Content.styled(
                f"you asked {one_line(first_name(ranked.name))} {asks} times in "
                f"{ASK_WINDOW_DAYS} days",
                "$warning",
            )
        )
    parts.append(Content.styled("ctrl+y copy · ctrl+s mark asked", MUTED))
    return Content("  ·  ").join(parts)
