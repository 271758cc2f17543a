"""Connections.csv reading (every export variant we know) and import planning."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from netdesk.domain.models import Contact, JobChange, Stage
from netdesk.io.linkedin import (
    ConnectionRow,
    ImportFileError,
    ImportPlan,
    ReadResult,
    Skipped,
    normalise_url,
    plan_import,
    read_connections,
    read_connections_text,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def read(name: str) -> ReadResult:
    return read_connections(DATA / name)


def row(
    line: int,
    first: str,
    last: str,
    url: str = "",
    *,
    email: str = "",
    company: str = "",
    position: str = "",
    connected_on: date | None = None,
) -> ConnectionRow:
    return ConnectionRow(line, first, last, url, email, company, position, connected_on)


def people(result: ReadResult) -> list[tuple[int, str, str]]:
    return [(r.line, r.first_name, r.last_name) for r in result.rows]


# --- reading: export variants ---------------------------------------------------------------


def test_modern_export_with_notes_preamble() -> None:
    result = read("modern.csv")

    assert result.rows == [
        row(
            6,
            "Ann",
            "Lee",
            "https://www.linkedin.com/in/ann-lee",
            company="Acme Robotics",
            position="Head of Platform",
            connected_on=date(2019, 3, 14),
        ),
        row(
            7,
            "Bilal",
            "Khan",
            "https://www.linkedin.com/in/bilalkhan",
            email="bilal@example.com",
            company="Northwind, Inc.",
            position="Staff Engineer",
            connected_on=date(2024, 1, 2),
        ),
        row(
            8,
            "Cleo",
            "Martin",
            "https://www.linkedin.com/in/cleo-martin-4a1b2c",
            connected_on=date(2021, 2, 28),
        ),
    ]
    assert result.skipped == []


def test_older_export_without_url_and_short_us_dates() -> None:
    result = read("older_no_url.csv")

    assert result.rows == [
        row(
            2,
            "Dana",
            "Okafor",
            email="dana.okafor@example.org",
            company="Globex",
            position="Product Manager",
            connected_on=date(2019, 3, 14),
        ),
        row(
            3,
            "Emil",
            "Novak",
            company="Initech",
            position="QA Lead",
            connected_on=date(2008, 11, 2),
        ),
        row(
            4,
            "Fay",
            "Wong",
            email="fay@example.net",
            company="Umbrella Health",
            position="Director, Clinical Ops",
            connected_on=date(2015, 12, 31),
        ),
    ]
    assert result.skipped == []


def test_older_export_in_another_column_order_with_an_extra_column() -> None:
    result = read("older_reordered.csv")

    assert result.rows == [
        row(
            2,
            "Gus",
            "Grant",
            email="gus@example.com",
            company="Hooli",
            position="Data Scientist",
            connected_on=date(2019, 3, 14),
        ),
        row(
            3,
            "Hana",
            "Holt",
            company="Vandelay Industries",
            position="Importer",
            connected_on=date(2010, 1, 5),
        ),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "FirstName,LastName,Company",
        "first_name,last_name,company",
        " FIRST NAME ,Last name,COMPANY",
    ],
)
def test_header_spellings(header: str) -> None:
    result = read_connections_text(f"{header}\nAnn,Lee,Acme\n")

    assert result.rows == [row(2, "Ann", "Lee", company="Acme")]


def test_headerless_rows_in_modern_column_order() -> None:
    result = read("headerless_modern.csv")

    assert result.rows == [
        row(
            1,
            "Ivy",
            "Chen",
            "https://www.linkedin.com/in/ivychen",
            email="ivy@example.com",
            company="Stark Labs",
            position="Researcher",
            connected_on=date(2017, 6, 5),
        ),
        row(
            2,
            "Jon",
            "Berg",
            "https://linkedin.com/in/jon-berg/",
            company="Wayne Corp",
            position="CTO",
            connected_on=date(2022, 9, 19),
        ),
    ]


def test_headerless_rows_in_old_column_order() -> None:
    result = read("headerless_old.csv")

    assert result.rows == [
        row(
            1,
            "Kai",
            "Lund",
            email="kai@example.com",
            company="Soylent",
            position="Chemist",
            connected_on=date(2012, 7, 4),
        ),
        row(
            2,
            "Lea",
            "Roth",
            company="Cyberdyne",
            position="Ethics Officer",
            connected_on=date(2020, 10, 10),
        ),
    ]


def test_utf8_bom_and_crlf() -> None:
    result = read("bom_crlf.csv")

    assert people(result) == [(2, "Zoë", "Adler"), (3, "Omar", "Haddad"), (5, "Pia", "Sund")]
    assert result.rows[0].company == "Müller & Söhne"
    assert result.rows[1].position == "Lead, Growth\nand Partnerships"
    assert result.rows[2].connected_on == date(2018, 8, 7)


def test_mixed_line_endings() -> None:
    result = read("mixed_endings.csv")

    assert people(result) == [(2, "Quinn", "Hale"), (3, "Rosa", "Diaz"), (5, "Sven", "Berg")]
    assert [r.connected_on for r in result.rows] == [
        date(2020, 3, 1),
        date(2020, 3, 2),
        date(2020, 3, 3),
    ]
    assert result.skipped == []


def test_quoting_markup_formulas_and_blank_lines_are_kept_literally() -> None:
    result = read("quoting.csv")

    assert people(result) == [
        (4, "[bold]Rex[/bold]", "O'Brien"),
        (5, 'Mary "MJ"', "Jones"),
        (6, '=HYPERLINK("http://evil.example","click")', "Payne"),
        (8, "Nia", "Patel"),
        (10, "[@click=app.quit]Zed", "Ann [/b] Lee"),
    ]
    rex, mary, payne, nia, zed = result.rows
    assert (rex.company, rex.position) == ("Smith, Jones & Co", "Partner, M&A")
    assert (mary.company, mary.position) == ("", "")
    assert (payne.company, payne.position) == ("Evil Corp", "")
    assert nia.position == "Engineering Manager\nPlatform & Infra, EMEA"
    assert nia.connected_on == date(2023, 8, 17)
    assert (zed.company, zed.position) == ("", "Tester")
    assert result.skipped == []


def test_any_script_and_emoji() -> None:
    result = read("scripts.csv")

    assert [(r.first_name, r.last_name, r.company, r.position) for r in result.rows] == [
        ("Sam 🚀", "Rivera", "Rocket Labs ✨", "Founder 🧑\u200d💻"),
        ("美咲", "佐藤", "株式会社サンプル", "エンジニア"),
        ("Дмитрий", "Иванов", "Яндекс", "Разработчик"),
        ("فاطمة", "الزهراء", "شركة المثال", "مديرة المنتج"),
        ("נועה", "כהן", "חברה לדוגמה", "מהנדסת תוכנה"),
    ]
    assert result.rows[1].url == "https://www.linkedin.com/in/%E4%BD%90%E8%97%A4-%E7%BE%8E%E5%92%B2"


def test_legacy_windows_cp1252_export() -> None:
    result = read("cp1252.csv")

    assert result.rows == [
        row(
            2,
            "José",
            "Müller",
            email="jose@example.com",
            company="Café Crème",
            position="Sales – EMEA",
            connected_on=date(2019, 3, 14),
        )
    ]


def test_utf16_with_bom() -> None:
    result = read("utf16.csv")

    assert people(result) == [(2, "Łukasz", "Żak")]
    assert result.rows[0].connected_on == date(2016, 6, 6)


def test_malformed_rows_are_skipped_with_line_numbers_and_reading_goes_on() -> None:
    result = read("malformed.csv")

    assert people(result) == [
        (2, "Ann", "Lee"),
        (5, "Cat", "Stevens"),
        (7, "Eve", "Moss"),
        (10, "Gil", "Ray"),
    ]
    assert result.rows[1].company == "Island, Records"
    assert result.skipped == [
        Skipped(3, "expected 7 fields, found 2"),
        Skipped(4, "expected 7 fields, found 5 (unbalanced quote?)"),
        Skipped(6, "expected 7 fields, found 8"),
        Skipped(8, "no name, profile URL or email"),
        Skipped(9, "expected 7 fields, found 2 (unbalanced quote?)"),
    ]


def test_a_quote_running_past_the_csv_field_limit_costs_one_row() -> None:
    good = [
        f"P{i},Q{i},https://www.linkedin.com/in/p{i},,Acme Corporation,Engineer,14 Mar 2019"
        for i in range(3000)
    ]
    text = "\n".join([HEADER, 'Bad,"Quote,,,,,', *good]) + "\n"
    assert len(text) > 131072  # csv's default field size limit

    result = read_connections_text(text)

    assert len(result.skipped) == 1
    assert result.skipped[0].line == 2
    assert result.skipped[0].reason.startswith("unreadable record (field larger than field limit")
    assert len(result.rows) == 3000
    assert (result.rows[0].line, result.rows[0].first_name) == (3, "P0")
    assert (result.rows[-1].line, result.rows[-1].first_name) == (3002, "P2999")


def test_a_row_with_a_bad_date_is_kept_without_a_date_and_reported() -> None:
    result = read("bad_date.csv")

    assert people(result) == [
        (2, "Ann", "Lee"),
        (3, "Bo", "Park"),
        (4, "Cy", "Young"),
        (5, "Di", "Moss"),
    ]
    assert [r.connected_on for r in result.rows] == [None, None, None, None]
    assert result.skipped == []
    unread = "not understood; imported without a connection date"
    assert result.dates_unread == [  # an empty cell is no date, not an unreadable one
        Skipped(2, f"date 'sometime in 2019' {unread}"),
        Skipped(3, f"date '31 Feb 2019' {unread}"),
        Skipped(5, f"date '13/14/2019' {unread}"),
    ]


# --- reading: unusable files ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["binary.csv", "undecodable.csv"])
def test_binary_file_is_refused(name: str) -> None:
    with pytest.raises(ImportFileError, match=rf"^{DATA / name} is not a text CSV file; "):
        read(name)


def test_csv_without_linkedin_columns_names_the_expected_ones() -> None:
    with pytest.raises(ImportFileError) as caught:
        read("other.csv")

    assert str(caught.value) == (
        f"{DATA / 'other.csv'} has no LinkedIn connections columns; expected a header like"
        " First Name, Last Name, URL, Email Address, Company, Position, Connected On"
    )


@pytest.mark.parametrize("text", ["", "\ufeff", " \r\n\n\t\n"])
def test_empty_input_is_refused(text: str) -> None:
    with pytest.raises(ImportFileError, match=r"^the pasted text is empty; "):
        read_connections_text(text)


def test_empty_file_is_refused() -> None:
    with pytest.raises(ImportFileError, match=rf"^{DATA / 'empty.csv'} is empty; "):
        read("empty.csv")


@pytest.mark.parametrize("name", ["missing.csv", "."])
def test_unreadable_path_is_refused(name: str) -> None:
    with pytest.raises(ImportFileError, match=r"^cannot read .*; check the path and permissions$"):
        read(name)


# --- URL normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/Ann-Lee/?trk=x", "linkedin.com/in/ann-lee"),
        ("linkedin.com/in/ann-lee", "linkedin.com/in/ann-lee"),
        ("  HTTP://WWW.LinkedIn.COM:443/in/ann-lee#about  ", "linkedin.com/in/ann-lee"),
        ("https://uk.linkedin.com/in/ann-lee//", "linkedin.com/in/ann-lee"),
        ("www.linkedin.com/in/ann-lee", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller", "linkedin.com/in/jürgen-müller"),
        ("https://www.linkedin.com/in/bad-%ZZ-escape", "linkedin.com/in/bad-%zz-escape"),
        ("https://www.example.com/Profile/", "example.com/profile"),
        ("https://www.linkedin.com/in/Ann-Lee/", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/ann-lee?x=1", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/ann-lee ", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/ann%2Dlee", "linkedin.com/in/ann-lee"),
        ("https://www.linkedin.com/in/", "linkedin.com/in"),
        ("https://www.linkedin.com/in//", "linkedin.com/in"),
        ("http://[oops", "[oops"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


# --- planning -------------------------------------------------------------------------------


def test_duplicates_within_the_file_are_skipped() -> None:
    plan = plan_import(read("duplicates.csv"), [])

    assert plan.skipped == [
        Skipped(3, "duplicate of line 2"),  # same profile URL, spelt differently
        Skipped(5, "duplicate of line 4"),  # same email, other case
        Skipped(7, "duplicate of line 6"),  # same name and company, neither URL nor email
    ]
    assert [(c.name, c.company) for c in plan.new] == [
        ("Ann Lee", "Acme"),
        ("Bo Park", "Initech"),
        ("Cy Young", "Hooli"),
        ("Cy Young", "Pied Piper"),
        ("Di Moss", "Globex"),  # two people: same name and company, different profiles
        ("Di Moss", "Globex"),
    ]
    assert plan.summary() == "6 new, 0 updated, 0 unchanged, 3 skipped"


def test_new_contacts_come_from_linkedin_with_their_row_values() -> None:
    plan = plan_import(read("modern.csv"), [])

    assert plan.new[1] == Contact(
        first_name="Bilal",
        last_name="Khan",
        email="bilal@example.com",
        company="Northwind, Inc.",
        position="Staff Engineer",
        url="https://www.linkedin.com/in/bilalkhan",
        connected_on=date(2024, 1, 2),
        source="linkedin",
    )
    assert (plan.updates, plan.unchanged, plan.skipped) == ([], 0, [])


def known_ann() -> Contact:
    """Someone already in the book, with everything the user typed about her."""
    return Contact(
        first_name="Ann",
        last_name="Lee",
        email="ann.lee@personal.example",
        company="Old Co",
        position="Intern",
        url="linkedin.com/in/Ann-Lee/",
        source="manual",
        tags=["mentor"],
        closeness=3,
        met_on=date(2012, 5, 1),
        how_met="the Rust meetup",
        credential="Wrote the scheduler everyone copies",
        stage=Stage.TALKED,
        notes="Prefers calls after 4pm",
        id=7,
    )


def test_reimport_updates_company_and_position_and_never_user_fields() -> None:
    ann = known_ann()
    before = dataclasses.replace(ann)
    text = (
        f"{HEADER}\n"
        "Ann,Lee,https://www.linkedin.com/in/ann-lee,ann@work.example,Acme,CTO,14 Mar 2019\n"
    )

    plan = plan_import(read_connections_text(text), [ann])

    # The stored email is kept (the user's), the missing date filled, nothing the user typed
    # (notes, closeness, stage, tags, met_on, how_met, credential) appears in the update.
    assert plan.updates == [
        (7, {"company": "Acme", "position": "CTO", "connected_on": date(2019, 3, 14)})
    ]
    assert plan.job_changes == [
        (7, JobChange(company_was="Old Co", position_was="Intern", company="Acme", position="CTO"))
    ]
    assert plan.summary() == "0 new, 1 updated, 0 unchanged, 1 job change, 0 skipped"
    assert ann == before  # planning changes nothing


def test_reimport_fills_missing_url_email_and_date_but_keeps_stored_ones() -> None:
    stored = Contact(first_name="Bo", last_name="Park", company="Initech", id=3)
    typed = Contact(
        first_name="Cy",
        last_name="Young",
        email="cy@home.example",
        company="Hooli",
        url="https://www.linkedin.com/in/cy-young-typed",
        connected_on=date(2001, 1, 1),
        id=4,
    )
    text = (
        f"{HEADER}\n"
        "Bo,Park,https://www.linkedin.com/in/bo-park,bo@initech.example,Initech,,02 Feb 2020\n"
        "Cy,Young,,cy@home.example,Hooli,,03 Mar 2021\n"
    )

    plan = plan_import(read_connections_text(text), [stored, typed])

    assert plan.updates == [
        (
            3,
            {
                "url": "https://www.linkedin.com/in/bo-park",
                "email": "bo@initech.example",
                "connected_on": date(2020, 2, 2),
            },
        )
    ]
    assert plan.unchanged == 1  # Cy: matched by email, nothing empty to fill, nothing newer


def test_rows_identical_to_the_store_are_unchanged() -> None:
    result = read("modern.csv")
    existing = [
        Contact(
            first_name=r.first_name,
            last_name=r.last_name,
            email=r.email,
            company=r.company,
            position=r.position,
            url=r.url,
            connected_on=r.connected_on,
            notes="met at a conference",
            id=i,
        )
        for i, r in enumerate(result.rows, start=1)
    ]

    plan = plan_import(result, existing)

    assert plan.summary() == "0 new, 0 updated, 3 unchanged, 0 skipped"


def test_empty_cells_never_clear_stored_values() -> None:
    ann = Contact(
        first_name="Ann",
        last_name="Lee",
        company="Acme",
        position="CTO",
        url="https://www.linkedin.com/in/ann-lee",
        id=1,
    )
    text = f"{HEADER}\nAnn,Lee,https://www.linkedin.com/in/ann-lee,,,,\n"

    plan = plan_import(read_connections_text(text), [ann])

    assert (plan.updates, plan.unchanged) == ([], 1)


def test_matching_order_url_then_email_then_name_and_company() -> None:
    by_url = Contact(first_name="Renamed", url="https://linkedin.com/in/dee-fox", id=1)
    by_email = Contact(first_name="Someone", email="eve@example.com", id=2)
    by_name = Contact(first_name="Zoe\u0308", last_name=" Adler ", company="ACME  Labs", id=3)
    other_profile = Contact(
        first_name="Di", last_name="Moss", company="Globex", url="linkedin.com/in/di-1", id=4
    )
    text = (
        f"{HEADER}\n"
        "Dee,Fox,https://www.linkedin.com/in/Dee-Fox?trk=abc,,Acme,,\n"
        "Eve,Moss,,EVE@Example.com,Acme,,\n"
        f"{unicodedata.normalize('NFC', 'Zoë')},Adler,,,acme labs,,\n"
        "Di,Moss,https://www.linkedin.com/in/di-2,,Globex,,\n"
    )

    plan = plan_import(read_connections_text(text), [by_url, by_email, by_name, other_profile])

    # Zoë matches on name (NFKD, case, spaces) + company (case); LinkedIn's spelling wins.
    assert plan.updates == [
        (1, {"company": "Acme"}),
        (2, {"company": "Acme"}),
        (3, {"company": "acme labs"}),
    ]
    assert plan.unchanged == 0
    assert [c.url for c in plan.new] == ["https://www.linkedin.com/in/di-2"]


def test_two_rows_reaching_one_contact_by_different_keys_count_once() -> None:
    ann = Contact(
        first_name="Ann", last_name="Lee", email="ann@example.com", url="linkedin.com/in/ann", id=9
    )
    text = (
        f"{HEADER}\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,,\n"
        "A.,Lee,,ann@example.com,Globex,,\n"
    )

    plan = plan_import(read_connections_text(text), [ann])

    assert plan.updates == [(9, {"company": "Acme"})]
    assert plan.skipped == [Skipped(3, "duplicate of line 2")]


def test_skipped_rows_from_reading_and_duplicates_come_in_line_order() -> None:
    text = (
        f"{HEADER}\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,,\n"
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,,\n"
        "only,two\n"
    )

    plan = plan_import(read_connections_text(text), [])

    assert plan.skipped == [
        Skipped(3, "duplicate of line 2"),
        Skipped(4, "expected 7 fields, found 2"),
    ]


def test_summary_wording() -> None:
    plan = ImportPlan(
        new=[Contact()] * 12, updates=[(1, {})] * 3, unchanged=40, skipped=[Skipped(1, "x")] * 2
    )

    assert plan.summary() == "12 new, 3 updated, 40 unchanged, 2 skipped"


def test_summary_wording_with_every_figure() -> None:
    """The rarer figures appear, between unchanged and skipped, once there are any."""
    plan = ImportPlan(
        new=[],
        updates=[],
        unchanged=0,
        skipped=[],
        repaired=[Skipped(1, "x")],
        dates_unread=[Skipped(2, "y")],
        job_changes=[(1, JobChange())],
        no_longer_connected=[2, 3, 4, 5],
    )
    assert plan.summary() == (
        "0 new, 0 updated, 0 unchanged, 1 job change, 4 no longer connected, 1 repaired,"
        " 1 date not understood, 0 skipped"
    )
    plan.dates_unread *= 2
    plan.job_changes *= 2
    assert "2 job changes, 4 no longer connected, 1 repaired, 2 dates not understood" in (
        plan.summary()
    )


def test_thirty_thousand_rows(tmp_path: Path) -> None:
    lines = [
        "Notes:",
        '"When exporting your connection data, you may notice that some emails are missing."',
        "",
        HEADER,
    ]
    for i in range(30_000):
        lines.append(
            f"Pérson{i},Nämé{i},https://www.linkedin.com/in/person-{i},p{i}@example.com,"
            f'"Company {i % 500}, Inc.",Engineer,{1 + i % 28} Mar {2010 + i % 14}'
        )
    lines.append(lines[-1])  # one duplicate
    path = tmp_path / "Connections.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    existing = [
        Contact(
            first_name=f"Pérson{i}",
            last_name=f"Nämé{i}",
            url=f"linkedin.com/in/person-{i}",
            email=f"p{i}@example.com",
            company=f"Company {i % 500}, Inc.",
            position="Engineer" if i % 2 else "Intern",
            connected_on=date(2010 + i % 14, 3, 1 + i % 28),
            id=i + 1,
        )
        for i in range(0, 30_000, 3)
    ]

    result = read_connections(path)
    plan = plan_import(result, existing)

    assert len(result.rows) == 30_001
    assert result.rows[-1].line == 30_005
    # The 5,000 updated were interns and are engineers now: a job change each.
    assert plan.summary() == (
        "20000 new, 5000 updated, 5000 unchanged, 5000 job changes, 1 skipped"
    )
    assert plan.skipped == [Skipped(30_005, "duplicate of line 30004")]
