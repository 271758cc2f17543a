"""`netdesk fits` and the referral figures of `netdesk stats`, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from test_cli import Runner, netdesk

from netdesk.domain.models import (
    Call,
    Contact,
    MessageKind,
    Referral,
    ReferralDirection,
)
from netdesk.store.repo import Repo

NOW = datetime(2026, 11, 23, 9, 30)


@pytest.fixture
def run(tmp_path: Path) -> Runner:
    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        result = netdesk(*args, env_home=tmp_path)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return runner


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "netdesk.json"
    with Repo.open(path) as repo:
        repo.save_contact(Contact("Ann", "Lee", offers="Web designer for dental practices"), NOW)
        repo.save_contact(
            Contact("Bo", "Chen", closeness=3, notes="her brother does \x1b[31mdesign\x1b[0m"), NOW
        )
        repo.save_contact(Contact("[bold]Eve", "Po", offers="bookkeeping with Xero"), NOW)
        repo.log_call(Call(2, notes="Bo knows everyone in design"), NOW)
        repo.mark_sent(3, MessageKind.OUTREACH, "Loved your talk on hydroponics", "", NOW)
    return str(path)


def test_fits_prints_rank_name_network_closeness_field_and_snippet(run: Runner, db: str) -> None:
    """Best first; the A-network friend with a weaker match is lifted; escapes stay visible."""
    result = run("fits", "design", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        " 1. Ann Lee  B  unknown  offers: Web designer for dental practices",
        # notes and call notes match as well; notes come first among equals
        " 2. Bo Chen  A  know well  notes: her brother does \\x1b[31mdesign\\x1b[0m",
    ]


def test_fits_escapes_control_characters_from_user_text(run: Runner, db: str) -> None:
    """A snippet holding ESC prints it as \\x1b, never raw; a markup-like name as typed."""
    result = run("fits", "brother", "--db", db)
    assert (
        result.stdout
        == " 1. Bo Chen  A  know well  notes: her brother does \\x1b[31mdesign\\x1b[0m\n"
    )
    assert "\x1b" not in result.stdout
    result = run("fits", "xero", "--db", db)
    assert result.stdout.startswith(" 1. [bold]Eve Po  B  unknown  offers: bookkeeping with Xero")


def test_fits_json_lists_the_same_people_with_spans(run: Runner, db: str) -> None:
    """--json: the text output's order, with contact_id, network, score, field, snippet."""
    rows = json.loads(run("fits", "design", "--json", "--limit", "1", "--db", db).stdout)
    assert rows == [
        {
            "rank": 1,
            "contact_id": 1,
            "name": "Ann Lee",
            "network": "B",
            "closeness": 0,
            "score": rows[0]["score"],
            "field": "offers",
            "snippet": "Web designer for dental practices",
            "spans": [[4, 12]],
        }
    ]
    assert rows[0]["score"] > 0


def test_no_fit_is_said_plainly(run: Runner, db: str) -> None:
    """Nothing matches: one honest line (or [] in JSON), exit 0."""
    result = run("fits", "quantum", "astrophysics", "--db", db)
    assert (result.returncode, result.stdout) == (
        0,
        "No one fits 'quantum astrophysics': no word of it is in anyone's record.\n",
    )
    assert run("fits", "quantum", "--json", "--db", db).stdout == "[]\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [(("  ",), "say what you need"), (("design", "--limit", "0"), "--limit must be at least 1")],
)
def test_bad_fits_arguments_are_one_line_exit_2(
    run: Runner, db: str, args: tuple[str, ...], message: str
) -> None:
    result = run("fits", *args, "--db", db)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_fits_everything_searches_message_bodies(run: Runner, db: str) -> None:
    """--everything reaches what you wrote to people, not only what they offer."""
    assert run("fits", "hydroponics", "--db", db).stdout.startswith("No one fits")
    result = run("fits", "--everything", "hydroponics", "--db", db)
    assert (
        result.stdout == " 1. [bold]Eve Po  B  unknown  message: Loved your talk on hydroponics\n"
    )


def test_stats_json_counts_referrals_each_once(run: Runner, db: str) -> None:
    """referrals_given/received are integers; the A-network share is null until one arrives."""
    figures = json.loads(run("stats", "--json", "--db", db).stdout)
    assert (figures["referrals_given"], figures["referrals_received"]) == (0, 0)
    assert figures["received_from_a_network"] is None
    with Repo.open(db) as repo:
        given, received = ReferralDirection.GIVEN, ReferralDirection.RECEIVED
        repo.add_referral(Referral(given, None, 1, referred_name="Max", need="a site"), NOW)
        repo.add_referral(Referral(received, 2, None, referred_name="Zoe", need="VAT"), NOW)
        repo.add_referral(Referral(received, 1, None, referred_name="Kai", need="tax"), NOW)
    figures = json.loads(run("stats", "--json", "--db", db).stdout)
    assert (figures["referrals_given"], figures["referrals_received"]) == (1, 2)
    assert figures["received_from_a_network"] == 0.5  # Bo (talked) yes, Ann no
    text = run("stats", "--db", db).stdout
    assert "Referrals received  2 + 0 introductions  (50% from A network)" in text
