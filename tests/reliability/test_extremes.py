"""Extreme dates, calendar arithmetic across DST, and text that splits lines or runs formulas
(issue 14: 14, 17, 18).

`t` accepted `0001-01-01 00:00`, and then the calendar export crashed (year 0); 9999-12-31 and
10**12 minutes overflowed; a messages.csv stamp of 9999-12-31 crashed the import. ICS end times
were computed in local time, so a call across the spring-forward hour ended before it began.
U+2028 in a note split a calendar line for readers that use str.splitlines(); fullwidth `＝`
and a formula after a zero-width space ran in spreadsheets; a 100 MB line took 700 MB to skip.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar
from reliability_helpers import TIMEOUT, make_good_db, netdesk, netdesk_env

from netdesk.domain.dates import DateParseError, parse_when
from netdesk.domain.models import Call, Contact
from netdesk.io.export import safe_cell
from netdesk.io.ics import calls_ics
from netdesk.io.vcard import vcard

NOW = datetime(2026, 12, 4, 10, 0)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Call with a zone name to run the rest of the test in it (as the machine's local time)."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


# --- 14: sensible ranges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["0001-01-01 00:00", "9999-12-31 23:59", "1999-06-01 10:00", "2037-01-05 09:00"]
)
def test_a_call_more_than_ten_years_away_is_refused(typed: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_when(typed, NOW)
    assert "more than 10 years from now" in str(caught.value)


@pytest.mark.parametrize("typed", ["2036-12-04 10:00", "2016-12-05 09:00", "tomorrow 3pm"])
def test_a_call_within_ten_years_is_accepted(typed: str) -> None:
    assert abs(parse_when(typed, NOW, future=False) - NOW) <= timedelta(days=3653)


@pytest.mark.parametrize("where", ["Pacific/Kiritimati", "America/New_York", "UTC"])
def test_the_calendar_export_never_crashes_on_extreme_times(zone: object, where: str) -> None:
    """Times no calendar can hold leave their event out; the others are written."""
    zone(where)  # type: ignore[operator]
    calls = [
        Call(contact_id=1, scheduled_for=datetime(1, 1, 1), id=1),
        Call(contact_id=1, scheduled_for=datetime(9999, 12, 31, 23, 59), id=2),
        Call(contact_id=1, scheduled_for=NOW, minutes=10**12, id=3),
        Call(contact_id=1, scheduled_for=NOW, minutes=30, id=4),
    ]

    payload, count = calls_ics(calls, {1: Contact(first_name="Ann", id=1)}, NOW)

    assert count == 1
    (event,) = Calendar.from_ical(payload).walk("VEVENT")
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=30)


def test_import_messages_of_year_9999_under_kiritimati(tmp_path: Path, home: Path) -> None:
    """UTC+14 pushed 9999-12-31 23:59:59 UTC past the calendar; a zoneless 9999 stamp then
    overflowed the follow-up date. Both rows are reported, the rest imports."""
    db = tmp_path / "db.json"
    make_good_db(db, count=1)  # Person1 Lee
    me = "Sam Rivera,https://www.linkedin.com/in/sam-rivera"
    person = "Person1 Lee,"
    rows = [
        f"c1,,{me},{person},9999-12-31 23:59:59 UTC,,Hi,INBOX",
        f"c1,,{me},{person},9999-12-31 23:59:59,,Hi,INBOX",
        f"c1,,{me},{person},2026-11-02 09:00:00 UTC,,Hello,INBOX",
    ]
    source = tmp_path / "messages.csv"
    source.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    env_tz = {"TZ": "Pacific/Kiritimati"}

    run = _netdesk_in_zone(
        env_tz, home, "import", "messages", str(source), "--me", "Sam Rivera", "--db", str(db)
    )

    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "  line 2: skipped, unreadable date '9999-12-31 23:59:59 UTC'" in lines
    assert "  line 3: skipped, unreadable date '9999-12-31 23:59:59'" in lines
    assert lines[-1].startswith("Imported messages.csv: 1 new message,")


def _netdesk_in_zone(
    env: dict[str, str], home: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", *args],
        capture_output=True,
        text=True,
        env={**netdesk_env(home), **env},
        timeout=TIMEOUT,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- 17: UTC arithmetic, line separators, formulas --------------------------------------------


@pytest.mark.parametrize(
    ("start", "utc_start"),
    [
        (datetime(2026, 3, 8, 1, 45), datetime(2026, 3, 8, 6, 45)),  # the clocks spring forward
        (datetime(2026, 11, 1, 1, 45), datetime(2026, 11, 1, 5, 45)),  # and fall back (EDT first)
    ],
)
def test_an_event_ends_its_minutes_after_it_starts_across_dst(
    zone: object, start: datetime, utc_start: datetime
) -> None:
    zone("America/New_York")  # type: ignore[operator]
    call = Call(contact_id=1, scheduled_for=start, minutes=30, id=1)

    payload, _ = calls_ics([call], {}, NOW)

    (event,) = Calendar.from_ical(payload).walk("VEVENT")
    assert event.decoded("DTSTART") == utc_start.replace(tzinfo=UTC)
    assert event.decoded("DTEND") == (utc_start + timedelta(minutes=30)).replace(tzinfo=UTC)


LINE_SEPARATORS = ["\u2028", "\u2029", "\x85"]


@pytest.mark.parametrize("separator", LINE_SEPARATORS, ids=["LS", "PS", "NEL"])
def test_line_separators_cannot_add_a_calendar_property(separator: str) -> None:
    """Read back by icalendar, the note is one DESCRIPTION with a line break, no ATTENDEE."""
    note = f"see you{separator}ATTENDEE:mailto:eve@example.com"
    call = Call(contact_id=1, scheduled_for=NOW, notes=note, id=1)

    payload, _ = calls_ics([call], {}, NOW)

    assert separator not in payload
    (event,) = Calendar.from_ical(payload).walk("VEVENT")
    assert "ATTENDEE" not in event
    assert str(event["DESCRIPTION"]).endswith("see you\nATTENDEE:mailto:eve@example.com")


@pytest.mark.parametrize("separator", LINE_SEPARATORS, ids=["LS", "PS", "NEL"])
def test_line_separators_cannot_add_a_vcard_property(separator: str) -> None:
    contact = Contact(first_name="Ann", notes=f"hi{separator}TEL:+1 555 0100", id=1)

    card = vcard(contact)

    assert separator not in card
    parsed = vobject.readOne(card)
    assert "tel" not in parsed.contents
    assert parsed.note.value == "hi\nTEL:+1 555 0100"


@pytest.mark.parametrize(
    "cell",
    [
        '＝HYPERLINK("http://x")',
        "＋1+1",
        "－1+1",
        "＠SUM(A1)",
        " =1+1",
        "\u200b=1+1",
        "\ufeff+1",
        "\xa0@SUM(A1)",
        "  \u200b -1",
    ],
)
def test_formula_escaping_covers_fullwidth_and_leading_blanks(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Ann", " Ann", "1-2", "a=b", "\u200bAnn", "Ｘ"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert safe_cell(cell) == cell


# --- 18: a line past the cap ------------------------------------------------------------------

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "{0},Lee,https://www.linkedin.com/in/{0},{0}@example.com,Acme,Engineer,14 Mar 2019\n"
FIELD_LIMIT = "unreadable record (field larger than field limit (131072))"
MEASURE = """
import sys
from pathlib import Path
from netdesk.io.linkedin import read_connections
result = read_connections(Path(sys.argv[1]))
status = Path("/proc/self/status").read_text()
print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
print([(r.line, r.first_name) for r in result.rows])
print([(s.line, s.reason) for s in result.skipped])
"""


@pytest.fixture(scope="module")
def hundred_megabyte_line(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "Connections.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + ROW.format("Ann") + '"')
        chunk = "y" * (1 << 20)
        for _ in range(100):
            out.write(chunk)
        out.write('",Lee,,,,,\n' + ROW.format("Bo"))
    return path


def test_a_hundred_megabyte_line_is_cut_and_reported_in_bounded_memory(
    hundred_megabyte_line: Path,
) -> None:
    """Peak RSS of the reading process stays under 100 MB (it was 733 MB), the line is
    reported, and the rows around it are read. (VmHWM, not ru_maxrss: that one keeps the
    peak of the pytest process forked to start it.)"""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs Linux's /proc to read the peak memory")
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(hundred_megabyte_line)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    peak_mb, rows, skipped = result.stdout.splitlines()
    assert int(peak_mb) < 100
    assert rows == "[(2, 'Ann'), (4, 'Bo')]"
    assert skipped == f"[(3, {FIELD_LIMIT!r})]"


def test_a_hundred_megabyte_line_through_the_command(
    hundred_megabyte_line: Path, tmp_path: Path, home: Path
) -> None:
    run = netdesk(
        "import",
        "linkedin",
        str(hundred_megabyte_line),
        "--db",
        str(tmp_path / "db.json"),
        home=home,
    )

    assert run.returncode == 0
    assert run.stdout.splitlines() == [
        f"  line 3: skipped, {FIELD_LIMIT}",
        "Imported Connections.csv: 2 new, 0 updated, 0 unchanged, 1 skipped",
    ]
