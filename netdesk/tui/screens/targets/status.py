"""What a target and an ask of an introducer can come to, as the screens offer and draw them."""

from __future__ import annotations

from netdesk.domain.models import OptInAnswer, TargetStatus
from netdesk.tui.styles import MUTED

STATUS_CHOICES: list[tuple[str, TargetStatus]] = [
    ("Open: not asked yet", TargetStatus.OPEN),
    ("Asked: waiting on the introducer", TargetStatus.ASKED),
    ("Introduced: the introducer connected you", TargetStatus.INTRODUCED),
    ("Reached: you are in touch", TargetStatus.REACHED),
    ("Dropped", TargetStatus.DROPPED),
]
STATUS_STYLES = {
    TargetStatus.OPEN: MUTED,
    TargetStatus.ASKED: "$warning",
    TargetStatus.INTRODUCED: "$accent",
    TargetStatus.REACHED: "bold $success",
    TargetStatus.DROPPED: MUTED,
}
STATUS_ORDER = {status: n for n, (_, status) in enumerate(STATUS_CHOICES)}
AskOutcome = tuple[OptInAnswer, bool | None, bool | None]
"""(answer, the introduction happened, a call with the target followed); None: unknown."""
ASK_CHOICES: list[tuple[str, AskOutcome]] = [
    ("Agreed to introduce me", (OptInAnswer.AGREED, None, None)),
    ("Agreed, and the introduction happened", (OptInAnswer.AGREED, True, None)),
    ("Introduced, and I held a call with them", (OptInAnswer.AGREED, True, True)),
    ("Declined", (OptInAnswer.DECLINED, False, False)),
    ("No answer: I stopped waiting", (OptInAnswer.NO_ANSWER, False, False)),
    ("Still waiting", (OptInAnswer.PENDING, None, None)),
]
