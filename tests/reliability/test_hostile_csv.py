"""Hostile Connections.csv files: each gives a per-row report or one clean ImportFileError.

tests/io/test_linkedin.py covers the export variants LinkedIn really ships, from committed
fixtures. Here the files are generated to be as unpleasant as possible: a 10 MB cell (memory
measured), 1,000 columns, NUL and escape bytes, broken and foreign encodings, every line
ending at once, unbalanced quotes, spreadsheet formulas, and files with nothing in them. Each
is read, planned and imported into a real database, which must then open again.
"""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import orjson
import pytest
from reliability_helpers import netdesk

from netdesk.io.linkedin import (
    ConnectionRow,
    ImportFileError,
    ReadResult,
    Skipped,
    plan_import,
    read_connections,
)
from netdesk.store.repo import Repo

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = "{0},Lee,https://www.linkedin.com/in/{0},{0}@example.com,Acme,Engineer,14 Mar 2019\n"
FIELD_LIMIT = "unreadable record (field larger than field limit (131072))"
TEN_MB = 10 * 1024 * 1024


def people(result: ReadResult) -> list[tuple[int, str, str]]:
    return [(r.line, r.first_name, r.last_name) for r in result.rows]


def import_into_fresh_db(result: ReadResult, db: Path) -> list[tuple[str, str]]:
    """Import `result` as the CLI does, reopen the database, and return who is in it."""
    with Repo.open(db) as repo:
        plan = plan_import(result, repo.contacts)
        with repo.batch():
            repo.contacts.insert_many(plan.new)
    with Repo.open(db, read_only=True, lock=False) as repo:
        return [(c.first_name, c.last_name) for c in repo.contacts]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- size -----------------------------------------------------------------------------------


BIG_CELLS: dict[str, Callable[[str], str]] = {
    "quoted": lambda big: f'"{big}",Lee,,,,,\n',
    "unquoted": lambda big: f"{big},Lee,,,,,\n",
    "runaway quote": lambda big: f'Ann,"{big},,,,,\n',
}


@pytest.mark.parametrize("shape", BIG_CELLS)
def test_ten_megabyte_cell_costs_one_row_and_bounded_memory(tmp_path: Path, shape: str) -> None:
    """A 10 MB cell is reported on its line, the next row still imports, peak memory < 200 MB."""
    big_row = BIG_CELLS[shape]("x" * TEN_MB)
    source = write(tmp_path / "big.csv", (HEADER + big_row + ROW.format("Bo")).encode())
    tracemalloc.start()
    try:
        result = read_connections(source)
        plan = plan_import(result, [])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 200 * 1024 * 1024
    assert people(result) == [(3, "Bo", "Lee")]
    assert result.skipped == [Skipped(2, FIELD_LIMIT)]
    assert plan.summary() == "1 new, 0 updated, 0 unchanged, 1 skipped"


def test_ten_megabyte_cell_through_the_command(tmp_path: Path, home: Path) -> None:
    """`netdesk import linkedin` reports the 10 MB row by line and imports the rest."""
    source = write(
        tmp_path / "big.csv",
        (HEADER + ROW.format("Ann") + f'"{"y" * TEN_MB}",Lee,,,,,\n' + ROW.format("Bo")).encode(),
    )
    db = tmp_path / "db.json"

    run = netdesk("import", "linkedin", str(source), "--db", str(db), home=home)

    assert run.returncode == 0
    assert run.stdout.splitlines() == [
        f"  line 3: skipped, {FIELD_LIMIT}",
        "Imported big.csv: 2 new, 0 updated, 0 unchanged, 1 skipped",
    ]
    assert run.stderr == ""
    assert db.stat().st_size < 100_000


def test_a_thousand_columns_with_the_real_ones_scattered(tmp_path: Path) -> None:
    """1,000 columns, the LinkedIn ones spread among them in any order, read by name."""
    columns = {  # header cell → its column among the 1,000
        "First Name": 990,
        "Last Name": 3,
        "URL": 500,
        "Email Address": 999,
        "Company": 0,
        "Position": 250,
        "Connected On": 751,
    }
    header = [f"Extra {i}" for i in range(1000)]
    for name, index in columns.items():
        header[index] = name

    def row(n: int) -> str:
        cells = [f"junk{n}.{i}" for i in range(1000)]
        values = (f"F{n}", f"L{n}", f"linkedin.com/in/p{n}", f"p{n}@x.org", "Co", "CTO", "3/14/19")
        for index, value in zip(columns.values(), values, strict=True):
            cells[index] = value
        return ",".join(cells) + "\n"

    rows = "".join(row(n) for n in range(50))
    source = write(tmp_path / "wide.csv", (",".join(header) + "\n" + rows + "Ann,Lee\n").encode())

    result = read_connections(source)

    assert len(result.rows) == 50
    assert result.rows[49] == ConnectionRow(
        51, "F49", "L49", "linkedin.com/in/p49", "p49@x.org", "Co", "CTO", date(2019, 3, 14)
    )
    assert result.skipped == [Skipped(52, "expected 1000 fields, found 2")]


def test_a_thousand_columns_without_a_header_is_refused(tmp_path: Path) -> None:
    """A wide file with no LinkedIn header is one ImportFileError, not a thousand skips."""
    line = ",".join(f"c{i}" for i in range(1000)) + "\n"
    source = write(tmp_path / "wide.csv", (line * 30).encode())

    with pytest.raises(ImportFileError, match=r"has no LinkedIn connections columns; expected"):
        read_connections(source)


# --- bytes that do not belong in a text file --------------------------------------------------


def test_nul_near_the_top_refuses_the_file(tmp_path: Path) -> None:
    """A NUL in the first kilobyte marks a binary file: one ImportFileError."""
    source = write(tmp_path / "nul.csv", (HEADER + "A\x00nn,Lee,,,,,\n").encode())

    with pytest.raises(ImportFileError, match=r" is not a text CSV file; "):
        read_connections(source)


@pytest.mark.parametrize(
    "bad", ["\x00", "\x1b[2J", "\x7f", "\x08"], ids=["NUL", "ESC", "DEL", "BS"]
)
def test_control_character_deep_in_the_file_skips_that_row(tmp_path: Path, bad: str) -> None:
    """Past the first kilobyte a control character costs its row, reported by line number."""
    filler = "".join(ROW.format(f"P{n}") for n in range(30))
    source = write(
        tmp_path / "late.csv",
        (
            HEADER + filler + f"Ev{bad}e,Moss,,,,,\n" + f"Ann,Lee,,,Acme{bad},,\n" + ROW.format("Z")
        ).encode(),
    )

    result = read_connections(source)

    assert len(result.rows) == 31
    assert result.rows[-1].first_name == "Z"
    assert result.skipped == [
        Skipped(32, "control characters in a field (damaged?)"),
        Skipped(33, "control characters in a field (damaged?)"),
    ]
    assert all(bad not in f"{r.first_name}{r.last_name}{r.company}" for r in result.rows)


@pytest.mark.parametrize(
    "data",
    [
        HEADER.encode() + b"Ann,Lee\x81\x8d\x8f\x90\x9d,,,,,\n",
        bytes(range(128, 256)) * 100,
        b"\xff\xfe" + "First Name,Last".encode("utf-16-le") + b"\x00",
        HEADER.encode("utf-16-le") + ROW.format("Ann").encode("utf-16-le"),
    ],
    ids=["undefined in cp1252", "high bytes", "utf-16 cut mid-character", "utf-16 without BOM"],
)
def test_undecodable_file_is_one_clean_error(tmp_path: Path, data: bytes) -> None:
    """Bytes no supported encoding reads are refused as a whole, naming the file."""
    source = write(tmp_path / "bad.csv", data)

    with pytest.raises(ImportFileError) as caught:
        read_connections(source)

    assert str(caught.value).startswith(f"{source} is not a text CSV file; export Connections.csv")


def test_one_stray_latin1_byte_does_not_garble_the_utf8_names(tmp_path: Path) -> None:
    """A UTF-8 export with one Latin-1 byte keeps its UTF-8 names and reads that byte as cp1252."""
    source = write(
        tmp_path / "mixed.csv",
        (HEADER + "Zoë,Adler,,,,,\n").encode() + b"Jos\xe9,Ruiz,,,,,\n",
    )

    result = read_connections(source)

    assert [r.first_name for r in result.rows] == ["Zoë", "José"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_crlf_and_astral_characters(tmp_path: Path, codec: str) -> None:
    """UTF-16 either way round, with CRLF and characters outside the BMP, reads exactly."""
    text = "\ufeff" + HEADER + "Sam 🚀,𝔊𝔯𝔞𝔠𝔢,,,Rocket 👩‍💻,,14 Mar 2019\n" + "Łukasz,Żak,,,,,\n"
    source = write(tmp_path / "u16.csv", text.replace("\n", "\r\n").encode(codec))

    result = read_connections(source)

    assert people(result) == [(2, "Sam 🚀", "𝔊𝔯𝔞𝔠𝔢"), (3, "Łukasz", "Żak")]
    assert result.rows[0].company == "Rocket 👩‍💻"
    assert result.skipped == []


# --- structure ------------------------------------------------------------------------------


def test_every_line_ending_at_once_keeps_line_numbers(tmp_path: Path) -> None:
    """CRLF, LF and lone CR mixed, also inside quoted cells, count one line each."""
    data = (
        HEADER.replace("\n", "\r")
        + "Ann,Lee,,,,,\r\n"
        + 'Bo,Park,,,,"Lead\r\nand\rmore",\n'
        + "Cy,Young,,,,,\r"
        + "\r\n"
        + "Di,Moss,,,,,"
    ).encode()
    source = write(tmp_path / "endings.csv", data)

    result = read_connections(source)

    assert people(result) == [
        (2, "Ann", "Lee"),
        (3, "Bo", "Park"),
        (6, "Cy", "Young"),
        (8, "Di", "Moss"),
    ]
    assert result.rows[1].position == "Lead\nand\nmore"
    assert result.skipped == []


def test_unbalanced_quotes_cost_only_their_own_rows(tmp_path: Path) -> None:
    """Each unbalanced quote is reported on its line and reading resumes on the next one."""
    data = (
        HEADER
        + 'Ann,"Lee,,,,,\n'  # closes two lines down: swallows Bo and Cy into one name
        + "Bo,Park,,,,,\n"
        + 'Cy,Young",,,,,\n'
        + ROW.format("Di")
        + '"Ed,Hall,,,,,\n'  # never closed
        + ROW.format("Fay")
        + 'Gil,Ray,"https://linkedin.com/in/gil,,,,\n'  # URL swallows the rest of the file
        + ROW.format("Hal")
    )
    source = write(tmp_path / "quotes.csv", data.encode())

    result = read_connections(source)

    assert people(result) == [
        (3, "Bo", "Park"),
        (4, "Cy", 'Young"'),
        (5, "Di", "Lee"),
        (7, "Fay", "Lee"),
        (9, "Hal", "Lee"),
    ]
    assert result.skipped == [
        Skipped(2, "line break inside a name, URL or email (unbalanced quote?)"),
        Skipped(6, "expected 7 fields, found 5 (unbalanced quote?)"),
        Skipped(8, "expected 7 fields, found 3 (unbalanced quote?)"),
    ]


def test_many_unbalanced_quotes_are_each_reported(tmp_path: Path) -> None:
    """2,000 rows that each open a quote never closed: every row gets its own report."""
    bad = "".join(f'"Q{n},Lee,,,,,\n' for n in range(2000))
    source = write(tmp_path / "many.csv", (HEADER + bad + ROW.format("Last")).encode())

    result = read_connections(source)

    assert people(result) == [(2002, "Last", "Lee")]
    assert len(result.skipped) == 2000
    assert [s.line for s in result.skipped] == list(range(2, 2002))


@pytest.mark.parametrize(
    "data",
    [HEADER.encode(), ("\ufeff" + HEADER.replace("\n", "\r\n") + "\r\n\r\n").encode()],
    ids=["header", "BOM, header and blank lines"],
)
def test_header_only_imports_nobody(tmp_path: Path, data: bytes) -> None:
    """A header with no rows reads as nothing at all, and the import says so."""
    result = read_connections(write(tmp_path / "header.csv", data))

    assert result == ReadResult(rows=[], skipped=[])
    assert plan_import(result, []).summary() == "0 new, 0 updated, 0 unchanged, 0 skipped"


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", "\ufeff\r\n\t \n".encode("utf-16-le"), b"\r\r\r"],
    ids=["zero bytes", "UTF-8 BOM only", "UTF-16 BOM only", "UTF-16 blank", "lone CRs"],
)
def test_empty_file_is_one_clean_error(tmp_path: Path, data: bytes) -> None:
    """A file with nothing in it is an ImportFileError saying it is empty."""
    source = write(tmp_path / "empty.csv", data)

    with pytest.raises(ImportFileError) as caught:
        read_connections(source)

    assert str(caught.value) == (f"{source} is empty; export Connections.csv from LinkedIn again")


# --- whatever was read can be stored --------------------------------------------------------


def test_every_hostile_row_that_is_read_can_be_stored_and_reopened(tmp_path: Path) -> None:
    """Rows read from a file holding all of the above go into a database that opens again."""
    data = (
        HEADER
        + f'"{"n" * 131_000}",Long,,,,,\n'
        + '"[bold red]x[/]",\'; DROP TABLE,,,"=1+1",-2,\n'
        + "\u202eevil\u202c,\u200fRTL,,,👩‍👩‍👧‍👦,🏳️‍🌈,\n"
        + 'Ann,"Lee,,,,,\n'
        + "Bo,Park,,,,,\n"
        + f'"{"x" * 200_000}",Big,,,,,\n'
    )
    result = read_connections(write(tmp_path / "all.csv", data.encode()))

    stored = import_into_fresh_db(result, tmp_path / "db.json")

    assert stored == [(r.first_name, r.last_name) for r in result.rows]
    assert [name[:12] for name, _ in stored] == [
        "n" * 12,
        "[bold red]x[",
        "\u202eevil\u202c",
        "Bo",
    ]


# --- formulas stay inert ---------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1@example.com", "@SUM(1)"]
"""First name, last name, email (an address, or the import would drop it), company."""


def test_formula_cells_round_trip_inert_through_import_and_export(
    tmp_path: Path, home: Path
) -> None:
    """Formula cells imported by the command export as text in CSV and unchanged in JSON."""
    source = tmp_path / "formulas.csv"
    with source.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["First Name", "Last Name", "Email Address", "Company", "Position"])
        writer.writerow([*FORMULAS, '=HYPERLINK("http://evil.example","x")'])
    db = tmp_path / "db.json"
    assert netdesk("import", "linkedin", str(source), "--db", str(db), home=home).returncode == 0

    csv_out, json_out = tmp_path / "out.csv", tmp_path / "out.json"
    assert netdesk("export", "csv", "-o", str(csv_out), "--db", str(db), home=home).returncode == 0
    assert (
        netdesk("export", "json", "-o", str(json_out), "--db", str(db), home=home).returncode == 0
    )

    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1
    exported = [rows[0][k] for k in ("first_name", "last_name", "email", "company", "position")]
    assert exported == ["'" + cell for cell in [*FORMULAS, '=HYPERLINK("http://evil.example","x")']]
    contact = orjson.loads(json_out.read_bytes())["contacts"][0]
    assert [contact[k] for k in ("first_name", "last_name", "email", "company", "position")] == [
        *FORMULAS,
        '=HYPERLINK("http://evil.example","x")',
    ]


def test_hostile_files_through_the_command_exit_cleanly(tmp_path: Path, home: Path) -> None:
    """Through the command: per-row reports exit 0, an unusable file one line and exit 2."""
    db = tmp_path / "db.json"
    deep_nul = HEADER + "".join(ROW.format(f"P{n}") for n in range(30)) + "Ev\x00e,Moss,,,,,\n"
    not_text = (
        " is not a text CSV file; export Connections.csv from LinkedIn"
        " (Settings → Data privacy → Get a copy of your data) and import that"
    )
    cases: dict[str, tuple[bytes, int, list[str]]] = {
        "header.csv": (HEADER.encode(), 0, ["0 new, 0 updated, 0 unchanged, 0 skipped"]),
        "nul.csv": (
            deep_nul.encode(),
            0,
            [
                "  line 32: skipped, control characters in a field (damaged?)",
                "30 new, 0 updated, 0 unchanged, 1 skipped",
            ],
        ),
        "u16.csv": (
            ("\ufeff" + HEADER + "Łukasz,Żak,,,,,\n").encode("utf-16-be"),
            0,
            ["1 new, 0 updated, 0 unchanged, 0 skipped"],
        ),
        "binary.csv": (bytes(range(256)) * 40, 2, [not_text]),
        "empty.csv": (b"", 2, [" is empty; export Connections.csv from LinkedIn again"]),
    }
    for name, (data, code, expected) in cases.items():
        source = write(tmp_path / name, data)
        run = netdesk("import", "linkedin", str(source), "--db", str(db), "--dry-run", home=home)
        assert run.returncode == code, name
        if code == 0:
            *reports, summary = expected
            assert run.stdout.splitlines() == [*reports, f"Dry run, nothing written: {summary}"]
            assert run.stderr == ""
        else:
            assert run.stdout == ""
            assert run.err_lines == [f"netdesk: {source}{expected[0]}"]
    assert not db.exists()
