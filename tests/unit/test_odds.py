"""Learned odds: a Beta posterior on your own asks, shown from five answers at a level."""

from __future__ import annotations

import pytest

from netdesk.domain.models import Introducer, OptInAnswer, Target
from netdesk.domain.odds import BLIND_BASELINE, learned_odds, posterior_mean

A, D, N, P = OptInAnswer.AGREED, OptInAnswer.DECLINED, OptInAnswer.NO_ANSWER, OptInAnswer.PENDING


def asks(*answers: tuple[OptInAnswer, int | None, int]) -> list[Target]:
    """One target per ask: (answer, asked_closeness, you_know)."""
    return [
        Target(
            f"T{n}", introducers=[Introducer(n, you_know, 2, answer=answer, asked_closeness=level)]
        )
        for n, (answer, level, you_know) in enumerate(answers, 1)
    ]


def test_posterior_mean_is_pulled_towards_the_prior() -> None:
    """Five declines at an assumed 50 % with a weight of 4: 2 / 9, not 0."""
    assert posterior_mean(0, 5, 0.5, 4.0) == pytest.approx(2 / 9)
    assert posterior_mean(5, 5, 0.2, 4.0) == pytest.approx(5.8 / 9)
    assert posterior_mean(0, 0, 0.05, 4.0) == pytest.approx(0.05)


def test_observed_rate_appears_from_five_answers() -> None:
    """Four answers at "know well" show no rate; a fifth does; pending asks never count."""
    four = [(A, 3, 0), (D, 3, 0), (N, 3, 0), (A, 3, 0), (P, 3, 0)]
    level = learned_odds(asks(*four))[3]
    assert (level.label, level.assumed, level.asks, level.observed) == ("know well", 0.5, 4, None)
    assert level.best_estimate == 0.5
    level = learned_odds(asks(*four, (A, 3, 0)))[3]
    assert (level.asks, level.agreed, level.declined, level.no_answer) == (5, 3, 1, 1)
    assert level.observed == pytest.approx((4 * 0.5 + 3) / 9)


def test_asks_count_at_the_closeness_when_asked() -> None:
    """asked_closeness decides the level; without it, you_know; off-scale goes to the end."""
    levels = learned_odds(asks((A, 1, 4), (A, None, 2), (D, 9, 0), (D, None, -3)))
    assert [lv.asks for lv in levels] == [1, 1, 1, 0, 1]


def test_introduction_and_call_outcomes_are_counted() -> None:
    """Later outcomes of an ask are tallied beside the answer."""
    target = Target(
        "T",
        introducers=[
            Introducer(1, 2, 2, answer=A, asked_closeness=2, introduced=True, call_held=True),
            Introducer(2, 2, 2, answer=A, asked_closeness=2, introduced=True, call_held=False),
            Introducer(3, 2, 2, answer=D, asked_closeness=2, introduced=None),
        ],
    )
    level = learned_odds([target])[2]
    assert (level.asks, level.introduced, level.calls) == (3, 2, 1)


def test_the_blind_baseline_stays_four_percent() -> None:
    assert BLIND_BASELINE == 0.04
