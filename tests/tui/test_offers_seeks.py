"""What each person offers and seeks: asked in the call log, edited in the contact form, shown
on the card, and never touched by a re-import."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from textual.widgets import Input
from tui_helpers import FROZEN, SIZE

from netdesk.domain.models import Contact
from netdesk.io.linkedin import plan_import, read_connections
from netdesk.tui.screens.call_form import CallForm
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.card import card_content

JAMAL = 3
"""The first person in the frozen demo queue."""
OFFERS = "websites for dental practices, Shopify [bold]"
SEEKS = "a bookkeeper who knows Xero"


async def test_the_call_log_asks_for_offers_and_seeks_in_the_same_form(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, CallForm)
        form.query_one("#offers", Input).value = OFFERS
        form.query_one("#seeks", Input).value = SEEKS
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, WorkspaceScreen)
        contact = app.repo.contacts.get(JAMAL)
        assert (contact.offers, contact.seeks) == (OFFERS, SEEKS)
        card = card_content(contact, talked=True, today=FROZEN.date()).plain
        assert f"Offers {OFFERS}" in card  # literally, brackets and all
        assert f"Seeks {SEEKS}" in card


async def test_the_contact_form_edits_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#offers", Input).value == app.repo.contacts.get(JAMAL).offers
        form.query_one("#seeks", Input).value = SEEKS
        await pilot.press("ctrl+s")
        assert app.repo.contacts.get(JAMAL).seeks == SEEKS


def test_a_reimport_never_touches_them(tmp_path: Path) -> None:
    known = Contact(
        "Ann",
        "Lee",
        url="https://www.linkedin.com/in/ann-lee",
        company="Acme",
        offers=OFFERS,
        seeks=SEEKS,
        id=1,
    )
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Globex,CTO,14 Mar 2019\n"
    )
    plan = plan_import(read_connections(csv), [known])
    assert not plan.new and plan.updates
    for _, changes in plan.updates:
        assert "offers" not in changes and "seeks" not in changes
