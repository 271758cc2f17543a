"""Introducer odds learned from your own asks, beside the assumed ones.

`introducers.P_KNOW` is a guess: the chance someone at each closeness level (0–4) acts on
an ask. Every ask you record (agreed, declined, no answer) is evidence about the level you
knew the introducer at when you asked. With at least MIN_OUTCOMES answers at a level, the
observed rate is shown as the mean of a Beta posterior whose prior is centred on the
assumed p and weighs PRIOR_WEIGHT asks, so five declines move 50 % to about 22 %, not to 0 %.
The blind baseline (4 %) stays beside them: what a cold message would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.domain.introducers import BLIND_BASELINE, P_KNOW
from netdesk.domain.models import CLOSENESS_LABELS, OptInAnswer, Target

MIN_OUTCOMES = 5
"""Answers needed at a level before its observed rate is shown."""
PRIOR_WEIGHT = 4.0
"""How many asks the assumed rate counts as."""

ANSWERED = frozenset({OptInAnswer.AGREED, OptInAnswer.DECLINED, OptInAnswer.NO_ANSWER})

__all__ = ["BLIND_BASELINE", "MIN_OUTCOMES", "PRIOR_WEIGHT", "LevelOdds", "learned_odds"]


def posterior_mean(successes: int, trials: int, prior: float, weight: float) -> float:
    """Mean of Beta(weight·prior + successes, weight·(1 − prior) + failures)."""
    return (weight * prior + successes) / (weight + trials)


@dataclass(frozen=True, slots=True)
class LevelOdds:
    """What the asks at one closeness level showed."""

    level: int
    assumed: float
    asks: int
    """Asks with an answer (agreed, declined or no answer)."""
    agreed: int
    declined: int
    no_answer: int
    introduced: int
    """Asks after which the introduction happened."""
    calls: int
    """Asks after which a call with the target was held."""

    @property
    def label(self) -> str:
        return CLOSENESS_LABELS[self.level]

    @property
    def observed(self) -> float | None:
        """The learned rate of agreeing, or None below MIN_OUTCOMES answers."""
        if self.asks < MIN_OUTCOMES:
            return None
        return posterior_mean(self.agreed, self.asks, self.assumed, PRIOR_WEIGHT)

    @property
    def best_estimate(self) -> float:
        """The observed rate when there is one, else the assumption."""
        observed = self.observed
        return self.assumed if observed is None else observed


def learned_odds(targets: Iterable[Target]) -> list[LevelOdds]:
    """One entry per closeness level 0–4, from every introducer's recorded ask.

    An ask counts under `asked_closeness` (how well you knew them then); older records
    without it count under `you_know`. Levels off the scale count as the nearest end.
    """
    counts = {level: [0] * 6 for level in P_KNOW}
    for target in targets:
        for introducer in target.introducers:
            if introducer.answer not in ANSWERED:
                continue
            level = introducer.asked_closeness
            if level is None:
                level = introducer.you_know
            row = counts[min(max(level, 0), 4)]
            row[0] += 1
            row[1] += introducer.answer is OptInAnswer.AGREED
            row[2] += introducer.answer is OptInAnswer.DECLINED
            row[3] += introducer.answer is OptInAnswer.NO_ANSWER
            row[4] += bool(introducer.introduced)
            row[5] += bool(introducer.call_held)
    return [LevelOdds(level, P_KNOW[level], *counts[level]) for level in sorted(P_KNOW)]
