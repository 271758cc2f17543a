"""Damaged databases through the real command: `netdesk --db X` and `netdesk check` refuse alike.

tests/store/test_storage.py proves that `Repo.open` raises the right StoreError for each bad
file. Here the same kinds of damage go through the two entry points a person uses, as separate
processes: the TUI entry must fail before any screen is drawn, and both must print the reason
and the advice (naming the backup when there is one), exit 1 without a traceback, and leave
the damaged file, its backup and the folder exactly as they were.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_helpers import Run, finish, listing, make_good_db, netdesk, start

from netdesk import cli, locations
from netdesk.store.migrate import SCHEMA_VERSION
from netdesk.store.storage import backup_path, lock_path

META = b'{"meta": {"1": {"schema_version": 1, "settings": {}}}'


def with_contact(fields: bytes) -> bytes:
    """A database holding one contact with the given raw JSON fields."""
    return META + b', "contacts": {"1": {"first_name": "Ada", ' + fields + b"}}}"


def with_call(fields: bytes) -> bytes:
    """A database holding one call with the given raw JSON fields."""
    return META + b', "calls": {"1": {"contact_id": 1, ' + fields + b"}}}"


CURRENT = b'{"meta": {"1": {"schema_version": %d, "settings": {}}}' % SCHEMA_VERSION
"""A current meta table, so the app tries its fast loader (msgspec) on the file first."""


def current_with(table: bytes, record: bytes) -> bytes:
    """A current-schema database holding one record, `"KEY": {...}`, in `table`."""
    return CURRENT + b', "' + table + b'": {' + record + b"}}"


Damage = Callable[[bytes], bytes]
"""Turns the bytes of a good database into a damaged file."""

BAD_FILES: dict[str, tuple[Damage, str]] = {
    "empty": (lambda good: b"", "the file is empty (perhaps cut short by a crash)"),
    "truncated": (
        lambda good: good[: len(good) // 2],
        "the file is not valid JSON (unexpected end of data: ",
    ),
    "trailing garbage": (
        lambda good: good + b"\n}garbage",
        "the file is not valid JSON (unexpected content after document: ",
    ),
    "binary": (
        lambda good: bytes(range(256)) * 64,
        "the file is not valid JSON (",
    ),
    "json list": (
        lambda good: b"[" + good + b"]",
        "expected a JSON object of tables, found a list",
    ),
    "table is a list": (
        lambda good: META + b', "contacts": [{"first_name": "Ada"}]}',
        "table 'contacts' is a list, not an object",
    ),
    "record is a string": (
        lambda good: META + b', "contacts": {"1": "Ada Lovelace"}}',
        "record 1 in table 'contacts' is not an object",
    ),
    "closeness is text": (
        lambda good: with_contact(b'"closeness": "three"'),
        "record 1 in table 'contacts' is damaged: closeness should be a whole number, not text",
    ),
    "last name is a number": (
        lambda good: with_contact(b'"last_name": 1815'),
        "record 1 in table 'contacts' is damaged: last_name should be text, not a number",
    ),
    "tags is text": (
        lambda good: with_contact(b'"tags": "vip"'),
        "record 1 in table 'contacts' is damaged: tags should be a list, not text",
    ),
    "tag is an object": (
        lambda good: with_contact(b'"tags": ["ok", {"x": 1}]'),
        "record 1 in table 'contacts' is damaged: tags[1] should be text, not an object",
    ),
    "lead name is a number": (
        lambda good: with_call(b'"leads": [{"name": "Dee"}, {"name": 7}]'),
        "record 1 in table 'calls' is damaged: leads[1].name should be text, not a number",
    ),
    "minutes is true": (
        lambda good: with_call(b'"minutes": true'),
        "record 1 in table 'calls' is damaged: minutes should be a whole number, not true or false",
    ),
    "date is a number": (
        lambda good: with_contact(b'"connected_on": 20190314'),
        "record 1 in table 'contacts' is damaged: fromisoformat: argument must be str",
    ),
    "daily cap is text": (
        lambda good: b'{"meta": {"1": {"schema_version": 1, "settings": {"daily_cap": "5"}}}}',
        "the settings are damaged: daily_cap should be a whole number, not text",
    ),
    "newer schema": (
        lambda good: good.replace(
            b'"schema_version":%d' % SCHEMA_VERSION, b'"schema_version":%d' % (SCHEMA_VERSION + 1)
        ),
        f"it was written by a newer netdesk (schema {SCHEMA_VERSION + 1}, this one reads up "
        f"to {SCHEMA_VERSION}); upgrade netdesk to open it",
    ),
    "hostile record key": (
        lambda good: META + b', "contacts": {"\\u001b[2J\\u202e": 5}}',
        "record \\x1b[2J\\u202e in table 'contacts' is not an object",
    ),
    "huge stage value": (
        lambda good: with_contact(b'"stage": "' + b"x" * 1_000_000 + b'"'),
        "record 1 in table 'contacts' is damaged: 'xxxxxxxx",
    ),
    "key with a leading zero": (
        lambda good: current_with(b"contacts", b'"03": {"first_name": "Ada"}'),
        "record key '03' in table 'contacts' is not an id: keys are whole numbers from 1",
    ),
    "settings nested 2,000 deep": (
        lambda good: CURRENT[:-3] + b'"x": ' + b"[" * 2000 + b"]" * 2000 + b"}}}}",
        "a value in it is nested too deeply (lists or objects hundreds of levels inside each "
        "other) for netdesk to save it again",
    ),
    "template with a conversion": (
        lambda good: current_with(b"templates", b'"1": {"body": "Hi {first_name!r}"}'),
        "record 1 in table 'templates' is damaged: the body cannot be filled in: "
        "{first_name!r} is not a placeholder netdesk fills.",
    ),
    "call in year 1": (
        lambda good: current_with(
            b"calls", b'"1": {"contact_id": 1, "scheduled_for": "0001-01-01T00:00:00"}'
        ),
        "record 1 in table 'calls' is damaged: scheduled_for is 0001-01-01T00:00:00, "
        "expected a date from 1900 to 2199",
    ),
}

AS_PROCESSES = (
    "empty",
    "truncated",
    "trailing garbage",
    "binary",
    "json list",
    "table is a list",
    "record is a string",
    "closeness is text",
    "daily cap is text",
    "newer schema",
    "hostile record key",
    "key with a leading zero",
    "settings nested 2,000 deep",
    "template with a conversion",
)
"""Kinds run through both commands as real processes (the TUI entry costs half a second of
startup each); every kind also goes through `check` in-process, which is cheap."""
WITHOUT_BACKUP = ("empty", "closeness is text")
"""Kinds also run with no `.bak` beside the file, where the advice is different."""

NO_BACKUP_ADVICE = "The file was left as it is; move it aside to start a new database."
MAX_LINE = 320
"""A reason is one short line even when it quotes a huge value from the file."""


def backup_advice(path: Path) -> str:
    return (
        f"The previous good copy is {backup_path(path)}; to restore it, move the damaged file "
        "aside and copy the backup over it."
    )


def damaged_db(tmp_path: Path, case: str, with_backup: bool) -> Path:
    """A folder holding the damaged database (and a good backup, if asked); returns the path."""
    damage, _ = BAD_FILES[case]
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "netdesk.json"
    good = make_good_db(path)
    lock_path(path).unlink()
    backup_path(path).unlink()
    path.write_bytes(damage(good))
    if with_backup:
        backup_path(path).write_bytes(good)
    return path


def run_both(path: Path, home: Path) -> tuple[Run, Run]:
    """`netdesk --db PATH` (the TUI entry) and `netdesk check --db PATH`, run side by side."""
    tui = start("--db", str(path), home=home)
    check = start("check", "--db", str(path), home=home)
    return finish(tui), finish(check)


def assert_refused(run: Run, first_line: str, advice: str) -> None:
    """Exit 1, nothing on stdout, and exactly the reason line then the advice line."""
    assert run.returncode == 1
    assert run.stdout == ""
    assert len(run.err_lines) == 2, run.stderr
    reason_line, advice_line = run.err_lines
    assert reason_line.startswith(first_line)
    assert len(reason_line) <= MAX_LINE
    assert reason_line.isprintable()
    assert advice_line == advice


@pytest.mark.parametrize("case", BAD_FILES)
def test_check_names_each_kind_of_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    """`check` (in-process) gives the reason and names the backup for every kind of damage."""
    path = damaged_db(tmp_path, case, with_backup=True)
    before = listing(path.parent)

    code = cli.main(["check", "--db", str(path)])

    out, err = capsys.readouterr()
    first_line = f"netdesk: {path}: {BAD_FILES[case][1]}"
    assert_refused(Run(code, out, err), first_line, backup_advice(path))
    assert listing(path.parent) == before


@pytest.mark.parametrize(
    ("case", "with_backup"),
    [(case, True) for case in AS_PROCESSES] + [(case, False) for case in WITHOUT_BACKUP],
    ids=[*AS_PROCESSES, *(f"{case}, no backup" for case in WITHOUT_BACKUP)],
)
def test_damaged_database_is_refused_by_the_tui_entry_and_check(
    tmp_path: Path, home: Path, case: str, with_backup: bool
) -> None:
    """Both entry points exit 1 with reason and advice; file, backup and folder are unchanged."""
    path = damaged_db(tmp_path, case, with_backup)
    folder = path.parent
    reason = BAD_FILES[case][1]
    before = listing(folder)

    tui, check = run_both(path, home)

    advice = backup_advice(path) if with_backup else NO_BACKUP_ADVICE
    assert_refused(tui, f"netdesk: {path}: {reason}", advice)
    assert_refused(check, f"netdesk: {path}: {reason}", advice)
    after = listing(folder)
    lock = after.pop(lock_path(path).name)  # the TUI entry took the lock before reading
    assert lock is not None and lock.isdigit()
    assert after == before
    assert list(home.iterdir()) == []


def test_following_the_advice_restores_the_backup(tmp_path: Path, home: Path) -> None:
    """Copying the named backup over the damaged file, as advised, gives a database that opens."""
    path = tmp_path / "netdesk.json"
    good = make_good_db(path)
    backup_path(path).write_bytes(good)
    path.write_bytes(good[:100])
    refused = netdesk("check", "--db", str(path), home=home)
    assert refused.err_lines[1] == backup_advice(path)

    shutil.copyfile(backup_path(path), path)

    restored = netdesk("check", "--db", str(path), home=home)
    assert restored.returncode == 0
    assert restored.stdout.splitlines() == [
        f"{path}: OK (5 contacts, 0 messages, 0 calls, 0 intros, 0 targets)",
        f"{backup_path(path)}: OK (previous save)",
    ]


def test_directory_in_place_of_the_database(tmp_path: Path, home: Path) -> None:
    """A directory at the path is refused by both entry points and nothing is created anywhere."""
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "netdesk.json"
    path.mkdir()
    (path / "inside.txt").write_bytes(b"untouched")
    backup_path(path).write_bytes(make_good_db(tmp_path / "good.json"))
    before = listing(folder)

    tui, check = run_both(path, home)

    for run in (tui, check):
        assert_refused(run, f"netdesk: {path}: it is not a regular file", backup_advice(path))
    assert listing(folder) == before
    assert listing(path) == {"inside.txt": b"untouched"}
    assert list(home.iterdir()) == []


def test_missing_folder_is_refused_and_not_created(tmp_path: Path, home: Path) -> None:
    """A --db in a folder that does not exist is refused by both, and no folder or file appears."""
    path = tmp_path / "nowhere" / "deeper" / "netdesk.json"

    tui, check = run_both(path, home)

    assert_refused(
        tui,
        f"netdesk: {path}: the folder {path.parent} does not exist",
        f"Create the folder {path.parent} first, or choose a database in an existing folder.",
    )
    assert check.returncode == 1
    assert check.stdout == ""
    assert check.err_lines == [
        f"netdesk: {path}: no database there yet (netdesk creates it on first run)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    assert list(home.iterdir()) == []


def test_first_run_creates_the_private_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no --db, the TUI entry creates its own data folder (0700) before opening the file."""
    from netdesk.tui import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NETDESK_DB", raising=False)
    opened: list[tuple[Path, bool]] = []

    def fake_run(path: Path) -> int:
        opened.append((path, path.parent.is_dir()))
        return 0

    monkeypatch.setattr(app, "run", fake_run)

    assert cli.main([]) == 0

    folder = locations.data_dir()
    assert folder.is_relative_to(tmp_path / "xdg")
    assert opened == [(folder / "netdesk.json", True)]
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_damaged_backup_is_never_called_the_good_copy(tmp_path: Path, home: Path) -> None:
    """Both the file and its backup damaged: the advice says so instead of pointing at the
    backup as "the previous good copy"."""
    path = damaged_db(tmp_path, "truncated", with_backup=True)
    backup_path(path).write_bytes(with_contact(b'"closeness": "three"'))
    before = listing(path.parent)

    run = netdesk("check", "--db", str(path), home=home)

    assert run.returncode == 1
    assert run.err_lines[1] == (
        f"The backup {backup_path(path)} cannot be used either (record 1 in table 'contacts' is "
        "damaged: closeness should be a whole number, not text); both were left as they are: "
        "repair one by hand, or move both aside to start a new database."
    )
    assert listing(path.parent) == before
