"""A heavy user's history beside the demo network, for the benchmarks' databases.

The demo holds a handful of calls, introductions and targets at any size, so the calls,
intros and targets screens would be timed with ten rows. Someone with 30,000 connections who
has kept up the routine for years has thousands of calls: here one held call per 10
contacts, an introduction per 50 and a target (with three possible introducers) per 100,
spread over the last four years, with seeded randomness so every run builds the same file.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta
from pathlib import Path

from netdesk.domain.models import Call, Intro, Introducer, IntroStatus, Medium, Target
from netdesk.io import demo
from netdesk.store.repo import Repo

CALLS_PER, INTROS_PER, TARGETS_PER = 10, 50, 100
"""Contacts per held call, per introduction and per target."""
DAYS = 4 * 365


def write_db(path: Path, count: int, seed: int = 7) -> Path:
    """The demo network of `count` people for today, with the history above, at `path`."""
    now = datetime.now().replace(microsecond=0)
    data = demo.generate(count, seed, now.date())
    rng = random.Random(seed)
    ids = list(range(1, count + 1))  # the demo's contact ids

    def ago() -> datetime:
        return now - timedelta(days=rng.randint(1, DAYS), minutes=rng.randint(0, 600))

    calls = [
        Call(
            rng.choice(ids),
            scheduled_for=(held := ago()),
            held_at=held,
            medium=rng.choice(list(Medium)),
            notes=f"Talked about their work at length; follow up on idea {n}",
        )
        for n in range(count // CALLS_PER)
    ]
    intros = [
        Intro(
            a_id=rng.choice(ids),
            b_id=rng.choice(ids),
            reason=f"Both work on problem {n}",
            status=rng.choice([IntroStatus.SENT, IntroStatus.MET, IntroStatus.DECLINED]),
            created_at=ago(),
        )
        for n in range(count // INTROS_PER)
    ]
    targets = [
        Target(
            name=f"Target Person {n}",
            company=f"Company {n % 97}",
            why="Hard to reach without an introduction",
            introducers=[
                Introducer(rng.choice(ids), rng.randint(0, 4), rng.randint(0, 4)) for _ in range(3)
            ],
        )
        for n in range(count // TARGETS_PER)
    ]
    with Repo.open(path) as repo, repo.batch():
        repo.replace_all(
            data.contacts,
            data.messages,
            [*data.calls, *calls],
            [*data.intros, *intros],
            [*data.targets, *targets],
            data.referrals,
        )
        repo.save_settings(dataclasses.replace(repo.settings(), my_name=demo.DEMO_NAME))
    return path
