"""Planning a re-import (issue 16): job changes and people no longer in your connections,
with the fixtures tests/data/linkedin/reimport_*.csv (invented people)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from netdesk.domain.models import Contact, JobChange
from netdesk.io.linkedin import ImportPlan, plan_import, read_connections, read_connections_text

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def imported(name: str) -> list[Contact]:
    """The contacts a first import of `name` makes, numbered from 1 as the store would."""
    plan = plan_import(read_connections(DATA / name), [])
    return [dataclasses.replace(c, id=n) for n, c in enumerate(plan.new, start=1)]


def ids_by_name(contacts: list[Contact]) -> dict[str, int]:
    return {c.first_name: c.id for c in contacts}


def test_a_changed_file_lists_job_changes_and_who_is_gone() -> None:
    before = imported("reimport_before.csv")
    who = ids_by_name(before)

    plan = plan_import(read_connections(DATA / "reimport_after.csv"), before)

    assert plan.job_changes == [
        (
            who["Dana"],
            JobChange(
                company_was="Acme Robotics",
                position_was="Product Manager",
                company="Globex",
                position="Head of Product",
            ),
        ),
        (
            who["Tomas"],
            JobChange(
                company_was="Northwind Traders",
                position_was="Data Engineer",
                company="Northwind Traders",
                position="Staff Data Engineer",
            ),
        ),
    ]
    assert plan.no_longer_connected == [who["Ravi"]]
    assert plan.not_marked == ""
    assert plan.counts() == {
        "new": 1,
        "updated": 2,
        "unchanged": 9,
        "job_changes": 2,
        "no_longer_connected": 1,
        "repaired": 0,
        "dates_unread": 0,
        "skipped": 0,
    }
    assert plan.summary() == (
        "1 new, 2 updated, 9 unchanged, 2 job changes, 1 no longer connected, 0 skipped"
    )
    assert plan.notes() == [
        "changed jobs: Dana Okafor-Lind, Tomas Brekke",
        "no longer in your connections: Ravi Sundaram",
    ]


def test_a_partial_file_marks_nobody_and_says_why() -> None:
    before = imported("reimport_before.csv")

    plan = plan_import(read_connections(DATA / "reimport_partial.csv"), before)

    assert plan.no_longer_connected == []
    assert len(plan.job_changes) == 2  # what the file does say still counts
    assert plan.notes()[-1] == (
        "7 people imported before not in this file; none marked no longer connected, as it"
        " lacks 7 of the 12 connections imported before (an older or filtered copy?)"
    )


def test_unreadable_rows_make_a_file_partial() -> None:
    """A row that could not be read may be anyone: nobody is marked."""
    known = [
        Contact(
            first_name=f"P{n}", url=f"https://www.linkedin.com/in/p{n}", source="linkedin", id=n
        )
        for n in range(1, 21)
    ]
    rows = [f"P{n},,https://www.linkedin.com/in/p{n},,,," for n in range(1, 20)]
    text = "\n".join([HEADER, *rows, "only,two"]) + "\n"  # P20 missing, one row unreadable

    plan = plan_import(read_connections_text(text), known)

    assert plan.no_longer_connected == []
    assert plan.not_marked.endswith("as 1 of its 20 rows could not be read")


def test_a_file_holding_none_of_them_is_another_list() -> None:
    """Someone else's export (or a list of other people) marks nobody and says nothing."""
    before = imported("reimport_before.csv")

    plan = plan_import(read_connections(DATA / "modern.csv"), before)

    assert (plan.no_longer_connected, plan.not_marked) == ([], "")
    assert plan.counts()["new"] == len(plan_import(read_connections(DATA / "modern.csv"), []).new)


def test_only_people_from_a_connections_file_can_be_gone() -> None:
    """Someone typed in by hand, from a mutual list or already marked is not listed again."""
    typed = Contact(first_name="Hand", last_name="Typed", source="manual", id=90)
    mutual = Contact(first_name="From", last_name="List", source="mutual list", id=91)
    already = Contact(
        first_name="Long",
        last_name="Gone",
        url="https://www.linkedin.com/in/long-gone",
        source="linkedin",
        disconnected_on=date(2026, 1, 5),
        id=92,
    )
    before = [*imported("reimport_before.csv"), typed, mutual, already]

    plan = plan_import(read_connections(DATA / "reimport_after.csv"), before)

    assert plan.no_longer_connected == [ids_by_name(before)["Ravi"]]


def test_someone_back_in_the_file_is_connected_again() -> None:
    before = imported("reimport_before.csv")
    ravi = ids_by_name(before)["Ravi"]
    before = [
        dataclasses.replace(c, disconnected_on=date(2026, 6, 1)) if c.id == ravi else c
        for c in before
    ]

    plan = plan_import(read_connections(DATA / "reimport_before.csv"), before)

    assert plan.updates == [(ravi, {"disconnected_on": None})]
    assert plan.no_longer_connected == []
    assert plan.job_changes == []


def test_two_records_of_one_person_are_both_in_the_file() -> None:
    """A duplicate record the matching did not pick is not taken for someone gone."""
    url = "https://www.linkedin.com/in/dana-okafor-lind"
    twice = [
        Contact(first_name="Dana", last_name="Okafor-Lind", url=url, source="linkedin", id=1),
        Contact(first_name="Dana", last_name="Okafor-Lind", url=url, source="linkedin", id=2),
    ]
    text = f"{HEADER}\nDana,Okafor-Lind,{url},,Acme Robotics,Product Manager,\n"

    plan = plan_import(read_connections_text(text), twice)

    assert plan.no_longer_connected == []
    assert plan.not_marked == ""


def test_the_report_lists_the_first_few_names() -> None:
    plan = ImportPlan(
        new=[],
        updates=[],
        unchanged=0,
        skipped=[],
        no_longer_connected=list(range(1, 9)),
        names={n: f"Person {n}" for n in range(1, 9)},
    )
    assert plan.notes(most=3) == [
        "no longer in your connections: Person 1, Person 2, Person 3 and 5 more"
    ]
