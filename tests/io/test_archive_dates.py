"""Dates as LinkedIn archives and the spreadsheets that re-saved them write them (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from netdesk.io.archive_dates import day_first, parse_date, parse_timestamp
from netdesk.io.linkedin import read_connections, read_connections_text

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Mar 2019", date(2019, 3, 14)),  # the modern export
        ("05 june 2017", date(2017, 6, 5)),
        ("3/14/19", date(2019, 3, 14)),  # older exports
        ("03/14/2019", date(2019, 3, 14)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),  # 2018 archives
        ("12/30/17, 9:02 AM", date(2017, 12, 30)),
        ("2019-03-14", date(2019, 3, 14)),
        ("2018-01-08 18:14:00 UTC", date(2018, 1, 8)),  # as old message exports stamp
        ("12-Sep-22", date(2022, 9, 12)),  # Excel re-saves
        ("3-Jan-2019", date(2019, 1, 3)),
        ("14.04.2021", date(2021, 4, 14)),
        ("1.2.16", date(2016, 2, 1)),
        ("Mar 14, 2019", date(2019, 3, 14)),
        ("September 5 2019", date(2019, 9, 5)),
        ("Sept 5, 2019", date(2019, 9, 5)),
        ("14 Foo 2019", None),
        ("31 Feb 2019", None),
        ("13/14/2019", None),
        ("3/14/2019x", None),
        ("14 Mar 20199", None),
        ("sometime in 2019", None),
        ("", None),
    ],
)
def test_every_date_format_linkedin_and_spreadsheets_wrote(
    text: str, expected: date | None, utc: None
) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14)),
        ("1/8/18 6:14pm", datetime(2018, 1, 8, 18, 14)),
        ("14.04.2021 18:14", datetime(2021, 4, 14, 18, 14)),
        ("12-Sep-22 07:05:09", datetime(2022, 9, 12, 7, 5, 9)),
        ("2019-03-14T10:00:00+02:00", datetime(2019, 3, 14, 8, 0)),
        ("2019-03-14 10:00 -0130", datetime(2019, 3, 14, 11, 30)),
        ("1/8/18, 0:14 PM", None),
        ("1/8/18, 6:14 PM and more", None),
    ],
)
def test_times_and_zones_after_any_date(text: str, expected: datetime | None, utc: None) -> None:
    assert parse_timestamp(text) == expected


def test_a_utc_stamp_is_dated_by_the_local_calendar(local_zone: Callable[[str], None]) -> None:
    """02:00 UTC on the 8th is still the 7th in New York: the date you connected there."""
    local_zone("America/New_York")

    assert parse_date("2018-01-08 02:00:00 UTC") == date(2018, 1, 7)
    assert parse_date("1/8/18, 2:00 AM") == date(2018, 1, 8)  # no zone: local already


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["14/04/2021", "03/04/2021"], True),  # one can only be day first
        (["3/14/19", "3/4/19"], False),  # one can only be month first
        (["14/04/2021", "04/14/2021"], False),  # both: LinkedIn's month first
        (["03/04/2021"], False),  # nothing to tell: LinkedIn's month first
        (["14.04.2021", "14 Apr 2021"], False),  # no slashes at all
        (["13/14/2019", "1/2/2019"], False),  # neither reading of 13/14 is a date
    ],
)
def test_day_first_only_when_the_file_shows_it(texts: list[str], expected: bool) -> None:
    assert day_first(texts) is expected


def test_a_uk_spreadsheet_resave_reads_every_slashed_date_day_first() -> None:
    result = read_connections(DATA / "excel_uk.csv")

    assert [r.connected_on for r in result.rows] == [
        date(2021, 4, 14),
        date(2021, 4, 3),  # 03/04/2021 in a day-first file is 3 April, not 4 March
        date(2019, 12, 25),
    ]
    assert result.dates_unread == []


def test_a_lone_day_first_date_is_read_day_first() -> None:
    text = "First Name,Last Name,Connected On\nAnn,Lee,14/3/2019\n"

    assert read_connections_text(text).rows[0].connected_on == date(2019, 3, 14)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dates_us_time.csv", [date(2018, 1, 8), date(2017, 12, 30), date(2018, 3, 14)]),
        ("dates_us_short.csv", [date(2019, 3, 14), date(2008, 11, 2)]),
        ("dates_iso.csv", [date(2019, 3, 14), date(2021, 11, 5)]),
        ("dates_utc.csv", [date(2018, 1, 8), date(2020, 6, 30)]),
        ("excel_us_resave.csv", [date(2022, 9, 12), date(2019, 1, 3), date(2021, 2, 28)]),
        ("excel_european.csv", [date(2021, 4, 14), date(2019, 11, 3), date(2016, 2, 1)]),
    ],
)
def test_each_dated_fixture_reads_every_date(name: str, expected: list[date], utc: None) -> None:
    result = read_connections(DATA / name)

    assert [r.connected_on for r in result.rows] == expected
    assert result.dates_unread == []
    assert result.skipped == []
