"""What real archives hold that a clean export does not (issue 16): spreadsheet re-saves,
mixed and Mac encodings, placeholder emails, bare URLs, the wrong file, Outlook exports, rows
wrapped in one field, open quotes in messages and old group conversations. Each is read and
reported by line, never silently merged or dropped."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from netdesk.domain.models import Contact, Settings
from netdesk.io.csvfile import ImportFileError, Problem, Skipped
from netdesk.io.history import Party, plan_history
from netdesk.io.invitations import read_invitations
from netdesk.io.linkedin import (
    ConnectionRow,
    plan_import,
    read_connections,
    read_connections_text,
)
from netdesk.io.messages import read_messages, read_messages_text

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
IN = "https://www.linkedin.com/in/"
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)


def names(rows: list[ConnectionRow]) -> list[tuple[int, str, str]]:
    return [(r.line, r.first_name, r.last_name) for r in rows]


def contact(contact_id: int, first: str, last: str, **fields: object) -> Contact:
    return Contact(first_name=first, last_name=last, id=contact_id, **fields)  # type: ignore[arg-type]


# --- rows a spreadsheet wrapped into one field --------------------------------------------------


def test_a_row_in_one_quoted_field_is_read_as_that_row_and_counted_as_repaired() -> None:
    result = read_connections(DATA / "wrapped_rows.csv")

    assert names(result.rows) == [
        (2, "Anselm", "Drummond"),
        (3, "Delphine", "Abernathy-Osei"),
        (4, "Matthias", "Igwe"),
        (6, "Ottoline", "Brisbane"),
    ]
    delphine, matthias = result.rows[1], result.rows[2]
    assert (delphine.url, delphine.company) == (f"{IN}delphine-ao", "Northwind")
    assert delphine.position == "Lead Analyst, CIO Advisory"
    assert delphine.connected_on == date(2019, 4, 6)
    assert matthias.email == "matthias@example.com"
    assert result.repaired == [
        Skipped(3, "one quoted field held the whole row"),
        Skipped(4, "one quoted field held the whole row"),
    ]
    assert result.skipped == [Skipped(5, "expected 7 fields, found 1")]  # holds only 3


def test_a_file_wrapped_row_by_row_header_and_all_is_read() -> None:
    text = f'"{HEADER}"\n"Ann,Lee,{IN}ann-lee,,Acme,""Lead, Platform"",14 Mar 2019"\n'

    result = read_connections_text(text)

    assert names(result.rows) == [(2, "Ann", "Lee")]
    assert result.rows[0].position == "Lead, Platform"
    assert result.repaired == [Skipped(2, "one quoted field held the whole row")]


def test_wrapped_messages_rows_are_repaired_too() -> None:
    row = f"2-a,,Ann Lee,{IN}ann-lee,Sam Rivera,{IN}sam,2023-05-01 10:00:00 UTC,,Hi,INBOX"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row])

    result = read_messages_text(f"{MESSAGES}\n{out.getvalue()}")

    assert [(e.line, e.body) for e in result.exchanges] == [(2, "Hi")]
    assert result.repaired == [Skipped(2, "one quoted field held the whole row")]
    plan = plan_history(result, [contact(1, "Ann", "Lee", url=f"{IN}ann-lee")], [], Settings())
    assert plan.problems() == [Problem(2, "repaired", "one quoted field held the whole row")]
    assert " 1 repaired, 0 skipped" in plan.summary()


# --- delimiters and encodings -------------------------------------------------------------------


def test_a_european_excel_file_semicolons_cp1252_and_dotted_dates() -> None:
    result = read_connections(DATA / "excel_european.csv")

    assert [(r.first_name, r.last_name, r.company, r.position) for r in result.rows] == [
        ("Jürgen", "Müller-Ebert", "Brauerei Süd GmbH", "Geschäftsführer"),
        ("Agnès", "Gonçalves", "Pâtisserie; Café", "Chef"),
        ("Søren", "Åkesson", "Nordkap AS", "Ingeniør"),
    ]
    assert result.rows[1].email == "agnes@example.fr"
    assert result.rows[0].connected_on == date(2021, 4, 14)


def test_a_tab_separated_file_is_read() -> None:
    text = HEADER.replace(",", "\t") + "\nAnn\tLee\t\t\tAcme, Inc.\tCTO\t14 Mar 2019\n"

    result = read_connections_text(text)

    assert [(r.first_name, r.company, r.position) for r in result.rows] == [
        ("Ann", "Acme, Inc.", "CTO")
    ]


def test_utf8_and_latin1_rows_in_one_file_are_each_decoded_right() -> None:
    result = read_connections(DATA / "mixed_encoding.csv")

    assert [(r.first_name, r.last_name, r.company) for r in result.rows] == [
        ("Zoë", "Ångström", "Café Ørsted"),
        ("Jürgen", "Müller", "Bäckerei – Süd"),
        ("Łucja", "Wróbel", "Żabka"),
    ]


def test_a_mac_roman_file_with_lone_cr_breaks_is_read() -> None:
    result = read_connections(DATA / "mac_roman.csv")

    assert [(r.line, r.first_name, r.last_name, r.company) for r in result.rows] == [
        (2, "René", "Fauré", "Crème Brûlée SARL"),
        (3, "François", "Müller", "Ölwerke"),
        (4, "Inês", "Gonçalves", "Pão Quente"),
    ]


def test_cp1252_punctuation_is_not_taken_for_mac_roman_letters() -> None:
    """cp1252's en dash (0x96) is Mac Roman's ñ; the names around it decide."""
    result = read_connections(DATA / "cp1252.csv")

    assert [(r.first_name, r.last_name, r.position) for r in result.rows] == [
        ("José", "Müller", "Sales – EMEA")
    ]


# --- the wrong file, other exporters ------------------------------------------------------------


def test_the_archives_contacts_csv_is_refused_naming_the_file_to_use() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_connections(DATA / "Contacts.csv")

    assert str(caught.value) == (
        f"{DATA / 'Contacts.csv'} is LinkedIn's Contacts.csv (the address book synced from your"
        " phone or email), not your connections; import Connections.csv from the same archive"
    )


def test_an_outlook_format_export_takes_the_position_from_job_title() -> None:
    result = read_connections(DATA / "outlook.csv")

    assert [(r.first_name, r.last_name, r.company, r.position, r.email) for r in result.rows] == [
        (
            "Hortensia",
            "Blackwood",
            "Margie's Travel",
            "Head of Partnerships",
            "hortensia@example.com",
        ),
        ("Quillon", "Abara", "Northwind Traders", "Logistics Manager", ""),
    ]
    assert [r.connected_on for r in result.rows] == [None, None]
    assert result.dates_unread == []  # no Connected On column: nothing to report


# --- identity: placeholder emails and bare URLs --------------------------------------------------


def test_placeholder_and_shared_emails_never_merge_people() -> None:
    result = read_connections(DATA / "placeholder_emails.csv")
    plan = plan_import(result, [])

    assert [(c.first_name, c.last_name, c.email) for c in plan.new] == [
        ("Ignatius", "Poole", ""),
        ("Rosalind", "Eze", ""),
        ("Cosimo", "Hartmann", ""),
        ("Perpetua", "Lowe", ""),
        ("Aurelio", "Fenwick", ""),
        ("Hyacinth", "Obi", ""),
        ("Barnaby", "Kask", "noreply@example.com"),
        ("Clementine", "Ruiz", "noreply@example.com"),
        ("Desmond", "Achebe", "noreply@example.com"),
    ]
    assert plan.skipped == [Skipped(11, "duplicate of line 2")]  # the same profile URL


@pytest.mark.parametrize("placeholder", ["NA", "N/A", "-", "none", "n.a.", "unknown", "@"])
def test_a_placeholder_is_no_email(placeholder: str) -> None:
    text = f"{HEADER}\nAnn,Lee,,{placeholder},Acme,,\nBo,Park,,{placeholder},Initech,,\n"

    plan = plan_import(read_connections_text(text), [])

    assert [(c.first_name, c.email) for c in plan.new] == [("Ann", ""), ("Bo", "")]


def test_stored_placeholder_and_shared_emails_match_nobody() -> None:
    """Contacts saved with `NA`, or three sharing one inbox, are no match for a row by email."""
    known = [
        contact(1, "Old", "Import", email="NA"),
        *(contact(i, f"Desk{i}", "Staff", email="desk@example.com") for i in (2, 3, 4)),
        contact(5, "Real", "Person", email="real@example.com"),
    ]
    text = (
        f"{HEADER}\n"
        "Ann,Lee,,NA,Acme,,\n"
        "Bo,Park,,desk@example.com,Initech,,\n"
        "Cy,Young,,REAL@example.com,Hooli,,\n"
    )

    plan = plan_import(read_connections_text(text), known)

    assert [c.first_name for c in plan.new] == ["Ann", "Bo"]
    assert plan.updates == [(5, {"company": "Hooli"})]


def test_one_email_on_two_profiles_is_two_people_and_the_url_decides() -> None:
    text = (
        f"{HEADER}\n"
        f"Ann,Lee,{IN}ann-lee,team@example.com,Acme,,\n"
        f"Bo,Park,{IN}bo-park,team@example.com,Acme,,\n"
        "Cy,Young,,cy@example.com,Acme,,\n"
    )
    known = [contact(9, "Cy", "Young", url=f"{IN}cy-young", email="cy@example.com")]

    plan = plan_import(read_connections_text(text), known)

    assert [c.first_name for c in plan.new] == ["Ann", "Bo"]
    assert plan.skipped == []
    assert plan.unchanged == 0 and plan.updates == [(9, {"company": "Acme"})]  # email, no URL


@pytest.mark.parametrize(
    "bare", ["https://www.linkedin.com/in", "https://www.linkedin.com/in/", "linkedin.com"]
)
def test_a_url_without_a_profile_is_no_url(bare: str) -> None:
    text = f"{HEADER}\nAnn,Lee,{bare},,Acme,,\nBo,Park,{bare},,Acme,,\n"
    known = [contact(3, "Ann", "Lee", company="Acme", url=bare)]

    result = read_connections_text(text)
    plan = plan_import(result, known)

    assert [r.url for r in result.rows] == ["", ""]
    assert [c.first_name for c in plan.new] == ["Bo"]  # Ann is matched by name and company
    assert plan.unchanged == 1 and plan.skipped == []


def test_invitations_with_bare_urls_match_people_by_name() -> None:
    read = read_invitations(DATA / "invitations_bare_urls.csv")
    people = [
        contact(1, "Ann", "Lee", url=f"{IN}ann-lee"),
        contact(2, "Bilal", "Khan", url=f"{IN}bilalkhan"),
        contact(3, "Cleo", "Martin"),
    ]

    plan = plan_history(read, people, [], Settings())

    assert {party.url for e in read.exchanges for party in (e.sender, *e.recipients)} == {""}
    assert sorted(m.contact_id for m in plan.new) == [1, 2, 3]
    assert plan.unmatched == {}


# --- open quotes --------------------------------------------------------------------------------


def test_a_message_with_an_open_quote_is_reported_and_the_rows_it_swallowed_are_read() -> None:
    result = read_messages(DATA / "messages_unbalanced.csv")

    assert [(e.line, e.body) for e in result.exchanges] == [
        (2, "Hello Sam"),
        (4, "Which one?"),
        (5, "The big one"),
        (6, "Thanks!"),
    ]
    assert result.skipped == [
        Skipped(3, "rows of the file inside one field (unbalanced quote?)"),
    ]


def test_a_message_with_line_breaks_and_commas_is_not_taken_for_an_open_quote() -> None:
    content = "Agenda, Monday:\n1, intro, 10:00\n2023-05-01 notes, follow-up, later\nBye"
    out = io.StringIO()
    row = ["2-a", "", "Ann Lee", f"{IN}ann-lee", "Sam", f"{IN}sam"]
    csv.writer(out, lineterminator="\n").writerow(
        [*row, "2023-05-01 10:00:00 UTC", "", content, ""]
    )

    result = read_messages_text(f"{MESSAGES}\n{out.getvalue()}")

    assert [e.body for e in result.exchanges] == [content]
    assert result.skipped == []


def test_an_open_quote_in_a_messages_name_is_reported() -> None:
    text = (
        f"{MESSAGES}\n"
        f'2-a,,"Ann Lee,{IN}ann-lee,Sam,{IN}sam,2023-05-01 10:00:00 UTC,,Hi,INBOX\n'
        f'2-a,,Bo",{IN}bo,Sam,{IN}sam,2023-05-01 11:00:00 UTC,,Yo,INBOX\n'
        f"2-a,,Cy,{IN}cy,Sam,{IN}sam,2023-05-01 12:00:00 UTC,,Hey,INBOX\n"
    )

    result = read_messages_text(text)

    assert result.skipped[0] == Skipped(
        2, "line break inside a name, URL or date (unbalanced quote?)"
    )
    assert [e.line for e in result.exchanges][-1] == 4


def test_a_connections_position_with_an_open_quote_is_reported() -> None:
    text = (
        f"{HEADER}\n"
        f'Ann,Lee,{IN}ann,,Acme,"Lead 12"" screens,14 Mar 2019\n'
        f"Bo,Park,{IN}bo,,Acme,Engineer,14 Mar 2019\n"
        f'Cy,Young,{IN}cy,,Acme,"Designer",14 Mar 2019\n'
    )

    result = read_connections_text(text)

    assert names(result.rows) == [(3, "Bo", "Park"), (4, "Cy", "Young")]
    assert result.skipped == [Skipped(2, "rows of the file inside one field (unbalanced quote?)")]


# --- old group conversations --------------------------------------------------------------------


def test_old_group_conversations_are_not_stored() -> None:
    read = read_messages(DATA / "messages_group_old.csv")
    people = [contact(1, "Ann", "Lee"), contact(2, "Bilal", "Khan"), contact(3, "Cleo", "Martin")]

    plan = plan_history(read, people, [], Settings())

    assert read.exchanges[1].recipients == (
        Party("Ann Lee"),
        Party("Bilal Khan"),
        Party("Cleo Martin"),
    )
    assert read.exchanges[3].recipients == (Party("Sam Rivera, PhD"),)  # one person, titled
    assert plan.skipped == [
        Skipped(3, "group conversation with 3 people"),
        Skipped(4, "group conversation with 3 people"),
    ]
    assert [(m.contact_id, m.body) for m in plan.new] == [
        (1, "Coffee?\n\nWould you have 15 minutes?"),
        (1, "RE: Coffee?\n\nSure: Tuesday."),
    ]
