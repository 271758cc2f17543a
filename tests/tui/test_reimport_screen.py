"""A re-import through the TUI (`<`) of a newer Connections.csv (issue 16): the report names
who changed jobs and who left, the job change is in the person's history, the people you
talked to get a congratulate item with its template, and the gone are marked and listed."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from conftest import MakeApp
from test_import_formats import import_file
from test_workspace import body, select, workspace
from textual.widgets import OptionList, Static
from tui_helpers import SIZE, contacts_screen, option_texts, plain, wait_for

from netdesk.domain.models import Call, MessageKind
from netdesk.domain.queue import ItemKind
from netdesk.store.repo import Repo
from netdesk.tui.screens.person import PersonDetailScreen

DATA = Path(__file__).parents[1] / "data" / "linkedin"
CALLED = datetime(2026, 10, 2, 11, 0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A signed database with no contacts: the people come from the two imports."""
    path = tmp_path / "empty.json"
    with Repo.open(path) as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Sam Rivera"))
        # As a database made before the congratulations existed: no such template stored.
        (congrats,) = [t for t in repo.templates if t.kind is MessageKind.CONGRATULATIONS]
        repo.delete_template(congrats.id)
    return path


async def test_a_reimport_shows_job_changes_and_who_is_gone(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await import_file(app, pilot, DATA / "reimport_before.csv")
        who = {c.first_name: c.id for c in app.repo.contacts}
        app.repo.log_call(Call(contact_id=who["Dana"], held_at=CALLED), CALLED)  # A network

        report = await import_file(app, pilot, DATA / "reimport_after.csv")

        assert report.splitlines() == [
            "reimport_after.csv: 1 new, 2 updated, 9 unchanged, 2 job changes,"
            " 1 no longer connected, 0 skipped.",
            "changed jobs: Dana Okafor-Lind, Tomas Brekke",
            "no longer in your connections: Ravi Sundaram",
        ]
        queue = workspace(app).query_one("#queue", OptionList)
        await wait_for(pilot, lambda: "New roles to congratulate (1)" in option_texts(queue))
        texts = option_texts(queue)
        at = texts.index("New roles to congratulate (1)")
        assert texts[at + 1] == (
            " Dana Okafor-Lind\n   Congratulate Dana on the new role: Head of Product at Globex"
            " (was Product Manager at Acme Robotics)"
        )
        # Tomas never talked with you: his news ranks him above everyone else connected
        # years ago (only Noor, connected three weeks ago, comes first), and says so.
        new_outreach = texts.index("New outreach (5)")
        assert texts[new_outreach + 1].startswith(" Noor Haddad\n")
        assert texts[new_outreach + 2].startswith(
            " Tomas Brekke\n   New: new role today: Staff Data Engineer at Northwind Traders;"
            " connected 6 years ago, never talked"
        )
        await pilot.press("home")
        await select(pilot, app, who["Dana"])
        assert workspace(app).current_item.kind is ItemKind.CONGRATULATE  # type: ignore[union-attr]
        history = plain(app.screen.query_one("#history", Static))
        (line,) = [line for line in history.splitlines() if "changed job" in line]
        assert "23 Nov 2026" in line  # the day of the import that noticed it
        assert line.endswith(
            "  changed job: Product Manager at Acme Robotics → Head of Product at Globex"
        )
        await pilot.press("c")  # the item's own template
        await wait_for(pilot, lambda: bool(body(app).text))
        assert body(app).text.startswith(
            "Hi Dana, I saw that you've started as Head of Product at Globex. Congratulations!"
        )

        await pilot.press("escape", "2", "a", "a", "a")  # all → A → B → no longer connected
        assert contacts_screen(app).current_id == who["Ravi"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PersonDetailScreen))
        card = plain(app.screen.query_one("#card", Static))
        assert "No longer in your connections (missing from the Connections.csv imported" in card
        assert app.repo.contacts.get(who["Ravi"]) is not None  # marked, never deleted
