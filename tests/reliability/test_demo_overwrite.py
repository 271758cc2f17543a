"""`netdesk demo --db FILE` never replaces a real network by accident (issue 14: 2).

It used to replace any database it was pointed at and, saving twice, its backup too: the
user's network was then nowhere. Now a database holding anyone needs `--force`, and the demo
is written in one save, so the `.bak` is exactly the file as it was.
"""

from __future__ import annotations

from pathlib import Path

from reliability_helpers import listing, make_good_db, netdesk

from netdesk.io.demo import DEMO_NAME
from netdesk.store.repo import Repo
from netdesk.store.storage import backup_path


def test_demo_over_a_database_with_contacts_is_refused(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "mine.json"
    make_good_db(db)
    before = listing(tmp_path)

    run = netdesk("demo", "--count", "45", "--db", str(db), home=home)

    assert run.returncode == 2
    assert run.err_lines == [
        f"netdesk: {db} holds a database of 5 contacts; pass --force to replace them with the "
        "demo (its .bak then keeps them), or choose another file with --db"
    ]
    after = listing(tmp_path)
    after.pop(f"{db.name}.lock")  # the demo took the lock to look, as any writer does
    before.pop(f"{db.name}.lock")
    assert after == before


def test_forced_demo_keeps_the_real_network_as_the_backup(tmp_path: Path, home: Path) -> None:
    """With --force the demo replaces the file in one save: `.bak` is the user's last state."""
    db = tmp_path / "mine.json"
    real = make_good_db(db)

    run = netdesk("demo", "--count", "45", "--force", "--db", str(db), home=home)

    assert run.returncode == 0, run.stderr
    assert backup_path(db).read_bytes() == real
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert len(repo.contacts) == 45
        assert repo.settings().my_name == DEMO_NAME
    with Repo.open(backup_path(db), read_only=True, lock=False) as repo:
        assert [c.first_name for c in repo.contacts][:2] == ["Person1", "Person2"]


def test_demo_into_an_empty_database_needs_no_force(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "empty.json"
    Repo.open(db).close()

    run = netdesk("demo", "--count", "45", "--db", str(db), home=home)

    assert run.returncode == 0, run.stderr
    with Repo.open(db, read_only=True, lock=False) as repo:
        assert len(repo.contacts) == 45


def test_the_demo_database_of_netdesk_demo_is_rebuilt_each_time(home: Path) -> None:
    """`netdesk --demo` and `netdesk demo` use netdesk's own demo file, which they may replace."""
    first = netdesk("demo", "--count", "45", home=home)
    again = netdesk("demo", "--count", "50", home=home)

    assert first.returncode == again.returncode == 0, again.stderr
    assert again.stdout.startswith("Wrote a demo network of 50 people to ")
