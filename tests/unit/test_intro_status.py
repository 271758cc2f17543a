"""status_after_opt_ins: what the two opt-in answers make of an introduction."""

from __future__ import annotations

from datetime import datetime

import pytest

from netdesk.domain.intro import status_after_opt_ins
from netdesk.domain.models import IntroStatus, OptIn, OptInAnswer

ASKED = datetime(2026, 11, 20, 10, 0)
NOT_ASKED = OptIn()
WAITING = OptIn(asked_at=ASKED)
YES = OptIn(ASKED, ASKED, OptInAnswer.AGREED)
NO = OptIn(ASKED, ASKED, OptInAnswer.DECLINED)
QUIET = OptIn(ASKED, ASKED, OptInAnswer.NO_ANSWER)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (NOT_ASKED, NOT_ASKED, IntroStatus.DRAFT),
        (WAITING, NOT_ASKED, IntroStatus.ASKING),
        (NOT_ASKED, WAITING, IntroStatus.ASKING),
        (YES, WAITING, IntroStatus.ASKING),
        (YES, QUIET, IntroStatus.ASKING),
        (YES, YES, IntroStatus.AGREED),
        (YES, NO, IntroStatus.DECLINED),
        (NO, WAITING, IntroStatus.DECLINED),
    ],
)
def test_answers_decide_the_status(a: OptIn, b: OptIn, expected: IntroStatus) -> None:
    assert status_after_opt_ins(IntroStatus.DRAFT, a, b) is expected
    assert status_after_opt_ins(IntroStatus.ASKING, a, b) is expected


@pytest.mark.parametrize("status", [IntroStatus.SENT, IntroStatus.MET])
def test_sent_and_met_keep_their_status(status: IntroStatus) -> None:
    assert status_after_opt_ins(status, NO, NOT_ASKED) is status
