"""The workspace: today's queue, the card, the composer and every queue action, by keyboard."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

from conftest import MakeApp
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from tui_helpers import FROZEN, SIZE, enter_text, notes, option_texts, paste, plain, wait_for

from netdesk.domain.models import Lead, MessageKind, Stage
from netdesk.domain.queue import ItemKind
from netdesk.domain.templates import builtin_template, fill, values_for
from netdesk.store.repo import Repo
from netdesk.tui.app import NetdeskApp
from netdesk.tui.screens.call_form import CallForm
from netdesk.tui.screens.contact_form import ContactForm
from netdesk.tui.screens.dialogs import ConfirmDialog, TextPrompt, WhenPrompt
from netdesk.tui.screens.person import PersonDetailScreen
from netdesk.tui.screens.schedule import CallPrompt
from netdesk.tui.screens.workspace import WorkspaceScreen
from netdesk.tui.widgets.composer import Composer

JAMAL, DIVYA, UMA_VARGA, FATIMA, OLU, NOOR, INES, YARA = 3, 2, 12, 13, 19, 21, 52, 41
"""Contact ids in the frozen demo data (first and second follow-up, first reply, today's call,
first intro step, keep in touch, first and second new outreach)."""

QUEUE = [
    "Follow-ups due (3)",
    " Jamal Castillo\n   Contacted 12 days ago, no reply yet: send the one follow-up",
    " Divya Hoffmann\n   Contacted 9 days ago, no reply yet: send the one follow-up",
    " Uma Jensen\n   Contacted 8 days ago, no reply yet: send the one follow-up",
    "Replies to schedule (3)",
    " Uma Varga\n   Replied: schedule the 15-minute call",
    " Keiko Varga\n   Replied: schedule the 15-minute call",
    " Viktor Weber\n   Replied: schedule the 15-minute call",
    "Calls today (1)",
    " Fatima Rossi\n   Call at 15:00",
    "Introductions waiting (2)",
    " Olu Ahmed\n   No answer about meeting Ines Petrov for 17 days: nudge or drop it",
    " Zofia Kim\n   Both said yes: send the introduction to Ivan Yilmaz",
    "Keep in touch (1)",
    " Noor Reyes\n   Keep in touch every 30 days: last contact 56 days ago",
    "New outreach (4)",
    " Ines Evans\n   New: connected 1 year ago, never talked",
    " Yara Mensah\n   New: connected 8 months ago, never talked",
    " William O'Brien\n   New: connected 3 months ago, never talked",
    " Goran López\n   New: connected 7 months ago, never talked",
]

PERSONAL = "I loved your talk on onboarding at Harbor Capital last month."
SHORT = "Loved your talk."


def workspace(app: NetdeskApp) -> WorkspaceScreen:
    screen = app.screen
    assert isinstance(screen, WorkspaceScreen)
    return screen


def card_name(app: NetdeskApp) -> str:
    """The first line of the card, minus the A/B note."""
    return plain(app.screen.query_one("#card", Static)).splitlines()[0].split("  ")[0]


def queued_ids(app: NetdeskApp) -> list[int]:
    return [item.contact_id for item in workspace(app).items]


async def select(pilot: Pilot[int], app: NetdeskApp, contact_id: int) -> None:
    """Highlight `contact_id` with the keys a person would use: down, or end and then up."""
    position = queued_ids(app).index(contact_id)
    from_end = len(queued_ids(app)) - 1 - position
    if from_end < position:
        await pilot.press("end", *["up"] * from_end)
    else:
        await pilot.press(*["down"] * position)
    assert workspace(app).current_id == contact_id


async def move_to(pilot: Pilot[int], app: NetdeskApp, contact_id: int) -> None:
    """Arrow up or down from the highlighted item to `contact_id`."""
    ids = queued_ids(app)
    steps = ids.index(contact_id) - ids.index(workspace(app).current_id or 0)
    await pilot.press(*["down" if steps > 0 else "up"] * abs(steps))
    assert workspace(app).current_id == contact_id


def body(app: NetdeskApp) -> TextArea:
    return app.screen.query_one("#body", TextArea)


async def test_queue_groups_in_order_with_progress(make_app: MakeApp) -> None:
    """The queue lists the six kinds in order, each with its people, under the progress line."""
    app = make_app()
    async with app.run_test(size=SIZE):
        screen = workspace(app)
        assert option_texts(screen.query_one("#queue", OptionList)) == QUEUE
        assert [item.kind for item in screen.items] == [
            *[ItemKind.FOLLOW_UP] * 3,
            *[ItemKind.REPLY] * 3,
            ItemKind.CALL_TODAY,
            *[ItemKind.INTRO_STEP] * 2,
            ItemKind.KEEP_IN_TOUCH,
            *[ItemKind.NEW_OUTREACH] * 4,
        ]
        assert plain(screen.query_one("#progress", Static)) == "1 of 5 new outreach done today"
        assert screen.current_id == JAMAL
        assert screen.query_one("#queue", OptionList).has_focus
        assert len(app.screen_stack) == 1  # my_name is set: no first-run prompt


async def test_arrow_keys_change_the_card(make_app: MakeApp) -> None:
    """Down and up move through people (skipping group headings) and the card follows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        card = app.screen.query_one("#card", Static)
        assert plain(card).splitlines()[:2] == [
            "Jamal Castillo  B network (never talked)",
            "Sales Lead at Brightline Health",
        ]
        await pilot.press("down")
        assert card_name(app) == "Divya Hoffmann"
        await pilot.press("down", "down")
        assert card_name(app) == "Uma Varga"  # the "Replies to schedule" heading is skipped
        await pilot.press("up")
        assert card_name(app) == "Uma Jensen"
        history = plain(app.screen.query_one("#history", Static))
        assert history.startswith("Sun 15 Nov 2026  outreach  Hi Uma, we have been connected")


async def test_compose_loads_the_template_for_the_item_kind(make_app: MakeApp) -> None:
    """`c` loads the template the item's kind calls for, filled in, with the text focused."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        expected = fill(
            builtin_template(MessageKind.FOLLOW_UP).body, values_for(contact, app.repo.settings())
        )
        assert body(app).text == expected
        assert expected.endswith("\n\nSam Rivera")
        assert body(app).has_focus
        assert plain(app.screen.query_one("#composer-head", Static)) == (
            "To Jamal Castillo   template Follow-up   ctrl+g next   ctrl+n email"
        )
        composer = app.screen.query_one(Composer)
        assert composer.draft is not None
        assert composer.draft.kind is MessageKind.FOLLOW_UP

        # Each kind of item gets the note it calls for; escape goes back to the queue.
        for contact_id, template in (
            (UMA_VARGA, "Scheduling reply"),
            (FATIMA, "Scheduling reply"),
            (OLU, "Introduction: ask first"),
            (NOOR, "Thanks after a call"),
        ):
            await pilot.press("escape")
            assert workspace(app).query_one("#queue", OptionList).has_focus
            await move_to(pilot, app, contact_id)
            await pilot.press("c")
            head = plain(app.screen.query_one("#composer-head", Static))
            assert head.split("   ")[1] == f"template {template}", head


async def test_compose_outreach_selects_the_personal_slot(make_app: MakeApp) -> None:
    """`c` on new outreach selects `{personal}` in the First outreach text; typing replaces it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c")
        area = body(app)
        assert area.text == (
            "Hi Ines, we're connected here but have never actually talked. {personal} Would you "
            "be up for a 15-minute call (phone or video)? I'd love to hear what you do and "
            "whether I can help.\n\nSam Rivera"
        )
        assert area.selected_text == "{personal}"
        status = plain(app.screen.query_one("#composer-status", Static))
        assert status == "192/8000 message  ·  fill in {personal}"
        assert len(area.text) == 192
        await enter_text(pilot, SHORT)
        assert area.text.startswith(
            f"Hi Ines, we're connected here but have never actually talked. {SHORT} Would you"
        )
        assert "{" not in area.text
        assert plain(app.screen.query_one("#composer-head", Static)) == (
            "To Ines Evans   template First outreach   ctrl+g next"
        )


async def test_send_refused_while_a_placeholder_is_unfilled(make_app: MakeApp) -> None:
    """ctrl+s with `{personal}` still in the text says why and saves nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        messages = len(app.repo.messages)
        await select(pilot, app, INES)
        await pilot.press("c", "ctrl+s")
        assert notes(app) == ["Not sent: Fill in or remove {personal} before sending."]
        assert len(app.repo.messages) == messages
        contact = app.repo.contacts.get(INES)
        assert contact is not None
        assert contact.stage is Stage.NEW
        assert "{personal}" in body(app).text  # the draft is kept


async def test_send_refused_for_text_already_sent_to_someone_else(make_app: MakeApp) -> None:
    """The mass-message guard refuses a text identical to one sent to another person."""
    app = make_app()
    text = "Hello, I enjoyed your post on freight audits. Could we talk for 15 minutes?"
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c", "f7")
        await paste(pilot, text)
        await pilot.press("ctrl+s")
        assert app.repo.messages_for(INES)[-1].body == text
        assert workspace(app).current_id == YARA
        messages = len(app.repo.messages)

        await pilot.press("c", "f7")
        await paste(pilot, text)
        await pilot.press("ctrl+s")
        assert notes(app)[-1] == (
            f"Not sent: The same text went to contact #{INES} on Mon 23 Nov 2026; "
            "make it personal first."
        )
        assert len(app.repo.messages) == messages
        assert app.repo.messages_for(YARA) == []
        status = plain(app.screen.query_one("#composer-status", Static))
        assert f"The same text went to contact #{INES} on Mon 23 Nov 2026" in status


async def test_valid_send_stores_message_and_selects_next(make_app: MakeApp) -> None:
    """A valid ctrl+s stores the message, starts the follow-up wait and moves to the next item."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        messages = len(app.repo.messages)
        await select(pilot, app, INES)
        await pilot.press("c")
        await paste(pilot, PERSONAL)
        expected = body(app).text
        await pilot.press("ctrl+s")

        assert len(app.repo.messages) == messages + 1
        sent = app.repo.messages_for(INES)[-1]
        assert (sent.kind, sent.body, sent.template, sent.sent_at) == (
            MessageKind.OUTREACH,
            expected,
            "First outreach",
            FROZEN,
        )
        contact = app.repo.contacts.get(INES)
        assert contact is not None
        assert contact.stage is Stage.CONTACTED
        assert contact.next_action_on == date(2026, 11, 30)
        assert contact.last_contacted_on == date(2026, 11, 23)
        assert notes(app) == ["Marked sent to Ines Evans. Follow up on Mon 30 Nov 2026. · u undo"]

        screen = workspace(app)
        assert INES not in queued_ids(app)
        assert screen.current_id == YARA
        assert card_name(app) == "Yara Mensah"
        assert screen.query_one("#queue", OptionList).has_focus
        assert body(app).text == ""
        assert plain(screen.query_one("#progress", Static)) == "2 of 5 new outreach done today"


async def test_snooze_until_friday(make_app: MakeApp) -> None:
    """`s`: nonsense is refused, `fri` previews Fri 27 Nov 2026 and hides the person till then."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        prompt = app.screen
        assert isinstance(prompt, WhenPrompt)
        preview = prompt.query_one("#preview", Label)
        assert plain(preview) == "→ Mon 30 Nov 2026"  # the suggested default
        await enter_text(pilot, "zz")  # the suggestion is selected, so typing replaces it
        assert preview.has_class("error")
        await pilot.press("enter")
        assert app.screen is prompt
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.snoozed_until is None

        await pilot.press("s")
        prompt = app.screen
        assert isinstance(prompt, WhenPrompt)
        preview = prompt.query_one("#preview", Label)
        await enter_text(pilot, "fri")
        assert prompt.query_one(Input).value == "fri"
        assert plain(preview) == "→ Fri 27 Nov 2026"
        await pilot.press("enter")
        assert isinstance(app.screen, WorkspaceScreen)
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.snoozed_until == date(2026, 11, 27)
        assert JAMAL not in queued_ids(app)
        assert workspace(app).current_id == DIVYA
        assert notes(app) == ["Jamal Castillo snoozed until Fri 27 Nov 2026. · u undo"]


async def test_skip_until_tomorrow(make_app: MakeApp) -> None:
    """`x` hides the person until tomorrow and selects the next item."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.snoozed_until == date(2026, 11, 24)
        assert JAMAL not in queued_ids(app)
        assert workspace(app).current_id == DIVYA
        assert notes(app) == ["Skipped Jamal Castillo until tomorrow. · u undo"]


async def test_done_counts_a_follow_up_as_sent(make_app: MakeApp) -> None:
    """`d` on a follow-up records it as sent outside netdesk and moves on."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.press("d")
        contact = app.repo.contacts.get(DIVYA)
        assert contact is not None
        assert contact.followed_up_on == date(2026, 11, 23)
        assert contact.next_action_on == date(2026, 11, 30)
        assert DIVYA not in queued_ids(app)
        assert workspace(app).current_id == queued_ids(app)[1]
        assert notes(app) == ["Done: Divya Hoffmann · u undo"]


async def test_replied_then_schedule_tuesday_3pm(make_app: MakeApp) -> None:
    """`r` marks the reply; `t` with `tue 3pm` books a call for Tue 24 Nov 2026 15:00."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        calls = len(app.repo.calls)
        await pilot.press("r")
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.stage is Stage.REPLIED
        assert app.repo.messages_for(JAMAL)[-1].replied_at == FROZEN
        assert workspace(app).current_id == JAMAL  # still has a step: schedule the call
        assert workspace(app).current_item is not None
        assert workspace(app).current_item.kind is ItemKind.REPLY
        assert notes(app) == ["Jamal Castillo replied. Press t to schedule the call. · u undo"]

        await pilot.press("t")
        assert isinstance(app.screen, CallPrompt)
        await enter_text(pilot, "tue 3pm")
        assert plain(app.screen.query_one("#preview", Label)) == "→ Tue 24 Nov 2026 15:00"
        await pilot.press("enter")
        assert len(app.repo.calls) == calls + 1
        call = app.repo.calls_for(JAMAL)[-1]
        assert (call.scheduled_for, call.held_at) == (datetime(2026, 11, 24, 15, 0), None)
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.stage is Stage.SCHEDULED
        assert contact.next_action_on == date(2026, 11, 24)
        assert JAMAL not in queued_ids(app)
        assert notes(app)[-1] == "Call with Jamal Castillo on Tue 24 Nov 2026 15:00. · u undo"


async def fill_call_form(pilot: Pilot[int], app: NetdeskApp) -> None:
    """Notes, closeness 3 and one lead, entered into the open call form."""
    form = app.screen
    assert isinstance(form, CallForm)
    form.query_one("#notes", TextArea).focus()
    await paste(pilot, "Runs the tender team.\nPrefers mornings.")
    form.query_one("#closeness", Select).value = 3
    form.query_one("#leads", TextArea).focus()
    await paste(pilot, "Ada Byron, Acme — knows the tender team")


async def test_log_call_puts_the_person_in_the_a_network(make_app: MakeApp) -> None:
    """`l` on today's call: one form, then the person is A network, talked, with a new target."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, FATIMA)
        assert FATIMA not in app.repo.a_network()
        calls, targets = len(app.repo.calls), len(app.repo.targets)
        await pilot.press("l")
        await fill_call_form(pilot, app)
        await pilot.press("ctrl+s")

        assert isinstance(app.screen, WorkspaceScreen)
        assert FATIMA in app.repo.a_network()
        contact = app.repo.contacts.get(FATIMA)
        assert contact is not None
        assert contact.stage is Stage.TALKED
        assert contact.closeness == 3
        assert contact.next_action_on == date(2026, 12, 23)
        assert len(app.repo.calls) == calls  # the booked call was completed, not duplicated
        (call,) = app.repo.calls_for(FATIMA)
        assert call.held_at == FROZEN
        assert call.scheduled_for == datetime(2026, 11, 23, 15, 0)
        assert call.notes == "Runs the tender team.\nPrefers mornings."
        assert call.leads == [Lead("Ada Byron", "Acme", "knows the tender team")]
        assert len(app.repo.targets) == targets + 1
        target = app.repo.targets.all()[-1]
        assert (target.name, target.company, target.why, target.source_call_id) == (
            "Ada Byron",
            "Acme",
            "knows the tender team",
            call.id,
        )
        assert [i.contact_id for i in target.introducers] == [FATIMA]
        assert FATIMA not in queued_ids(app)
        assert notes(app) == [
            "Call logged: Fatima Rossi is now in your A network. 1 lead added as a target. · u undo"
        ]


async def test_escape_in_a_dirty_form_asks_first(make_app: MakeApp) -> None:
    """Escape on an edited form asks; `n` keeps the text, `y` discards it and saves nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        calls = len(app.repo.calls)
        await pilot.press("l")
        assert isinstance(app.screen, CallForm)
        await pilot.press("escape")  # untouched: closes at once
        assert isinstance(app.screen, WorkspaceScreen)

        await pilot.press("l")
        form = app.screen
        form.query_one("#notes", TextArea).focus()
        await enter_text(pilot, "Notes")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert plain(app.screen.query_one(Static)) == "Discard what you typed in this form?"
        await pilot.press("n")
        assert app.screen is form
        assert form.query_one("#notes", TextArea).text == "Notes"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, WorkspaceScreen)
        assert len(app.repo.calls) == calls
        assert JAMAL not in app.repo.a_network()


async def test_call_form_refuses_a_call_in_the_future(make_app: MakeApp) -> None:
    """A held time after now is refused in the form with a reason; nothing is saved."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        calls = len(app.repo.calls)
        await pilot.press("l")
        await enter_text(pilot, "tomorrow")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CallForm)
        assert plain(app.screen.query_one("#form-error", Static)) == (
            "Held: that is in the future; schedule it with t instead."
        )
        assert len(app.repo.calls) == calls


async def test_enter_opens_person_and_escape_returns(make_app: MakeApp) -> None:
    """Enter opens the selected person's detail screen; escape comes back to the same item."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.press("enter")
        detail = app.screen
        assert isinstance(detail, PersonDetailScreen)
        assert len(app.screen_stack) == 2
        assert detail.contact_id == DIVYA
        assert plain(detail.query_one("#card", Static)).startswith("Divya Hoffmann  B network")
        history = plain(detail.query_one("#history", Static))
        assert history.startswith("Sat 14 Nov 2026  outreach  Hi Divya, we have been connected")
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceScreen)
        assert workspace(app).current_id == DIVYA


async def test_edit_form_saves_changes(make_app: MakeApp) -> None:
    """`e` edits the selected person; ctrl+s saves and the card shows the change."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert form.query_one("#first_name", Input).has_focus
        await pilot.press("tab", "tab")
        assert form.query_one("#company", Input).has_focus
        await enter_text(pilot, "Northwind")  # the old value is selected, so typing replaces it
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, WorkspaceScreen)
        contact = app.repo.contacts.get(JAMAL)
        assert contact is not None
        assert contact.company == "Northwind"
        assert contact.first_name == "Jamal"
        assert contact.updated_at == FROZEN
        assert plain(app.screen.query_one("#card", Static)).splitlines()[1] == (
            "Sales Lead at Northwind"
        )
        assert notes(app) == ["Updated Jamal Castillo. · u undo"]


async def test_first_run_asks_for_my_name(make_app: MakeApp) -> None:
    """With no name in settings, the app asks for it first and stores the answer."""
    app = make_app()
    app.repo.save_settings(dataclasses.replace(app.repo.settings(), my_name=""))
    async with app.run_test(size=SIZE) as pilot:
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        assert plain(prompt.query_one(Static)) == (
            "Welcome to netdesk. What name do you sign your messages with?"
        )
        await enter_text(pilot, "Pat Doe")
        await pilot.press("enter")
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.repo.settings().my_name == "Pat Doe"
        assert notes(app) == ["Messages will be signed Pat Doe."]
        await pilot.press("c")
        assert body(app).text.endswith("\n\nPat Doe")


async def test_full_routine(make_app: MakeApp) -> None:
    """Queue → c → type → ctrl+s, then r → t → l for the same person: they end in the A network."""
    # A contacted person leaves the queue until their follow-up is due, so the reply, the
    # booking and the call are recorded from the contacts list, where a user finds them again.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, app, INES)
        await pilot.press("c")
        await paste(pilot, PERSONAL)
        await pilot.press("ctrl+s")
        assert app.repo.messages_for(INES)[-1].kind is MessageKind.OUTREACH
        assert workspace(app).current_id == YARA

        await pilot.press("2", "slash")
        await enter_text(pilot, "ines ev")
        await pilot.press("enter")  # back to the list, on the one match
        assert app.screen.current_id == INES  # type: ignore[attr-defined]
        await pilot.press("r")
        await pilot.press("t")
        await enter_text(pilot, "tue 3pm")
        await pilot.press("enter")
        (booked,) = app.repo.calls_for(INES)
        assert booked.scheduled_for == datetime(2026, 11, 24, 15, 0)

        await pilot.press("l")
        await fill_call_form(pilot, app)
        await pilot.press("ctrl+s")

        assert INES in app.repo.a_network()
        contact = app.repo.contacts.get(INES)
        assert contact is not None
        assert contact.stage is Stage.TALKED
        (call,) = app.repo.calls_for(INES)
        assert call.id == booked.id
        assert call.held_at == FROZEN
        assert [t.name for t in app.repo.targets if t.source_call_id == call.id] == ["Ada Byron"]
        assert [m.kind for m in app.repo.messages_for(INES)] == [MessageKind.OUTREACH]
        assert app.repo.messages_for(INES)[0].replied_at == FROZEN

        await pilot.press("1")
        assert isinstance(app.screen, WorkspaceScreen)
        assert INES not in queued_ids(app)


async def test_deferred_saves_reach_the_disk(make_app: MakeApp) -> None:
    """With the writer thread, a change is saved in the background and the header says so."""
    app = make_app(deferred=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        storage = app.repo.storage
        await wait_for(pilot, lambda: not storage.dirty and app.sub_title.endswith("· saved"))
        assert app.sub_title == f"{app.repo.path} · saved"
        with Repo.open(app.repo.path, lock=False, read_only=True) as copy:
            contact = copy.contacts.get(JAMAL)
            assert contact is not None
            assert contact.snoozed_until == date(2026, 11, 24)


async def test_an_empty_database_points_at_the_import(tmp_path: Path) -> None:
    """A brand-new user is told how to get contacts in, not that the day's work is done."""
    with Repo.open(tmp_path / "new.json") as repo:
        repo.save_settings(dataclasses.replace(repo.settings(), my_name="Pat Doe"))
        app = NetdeskApp(repo, clock=lambda: FROZEN)
        async with app.run_test(size=(120, 40)):
            queue = app.screen.query_one("#queue", OptionList)
            assert option_texts(queue) == [
                "No contacts yet. Press < to import your LinkedIn Connections.csv, "
                "or 2 then n to add someone."
            ]
