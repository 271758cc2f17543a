"""Write one personal note: template, placeholders, guards, copy, $EDITOR, mark sent.

The composer never writes to the store itself; it posts `Composer.Send` and the screen does
the saving, so the same widget works wherever a person is selected.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message as TextualMessage
from textual.widgets import Static

from netdesk.domain.mailto import mail_subject, mailto
from netdesk.domain.models import Contact, Message, MessageKind, Template
from netdesk.domain.templates import (
    LIMITS,
    SendCheck,
    check_send,
    fill,
    personal_sentence,
    unfilled,
)
from netdesk.tui.browser import open_in_browser
from netdesk.tui.clipboard import copy_checked
from netdesk.tui.commands import COMPOSER, bindings_for
from netdesk.tui.literal import editable, one_line
from netdesk.tui.styles import MUTED

if TYPE_CHECKING:
    from textual.widgets import TextArea

PERSONAL = "{personal}"


def load_for_personal_sentence(area: TextArea, text: str) -> None:
    """Show a draft with its `{personal}` slot selected, so the first keystroke replaces it.

    The draft quotes stored names and templates: their control characters show as symbols.
    """
    from textual.widgets.text_area import Document, Selection

    text = editable(text, multiline=True)
    area.load_text(text)
    at = text.find(PERSONAL)
    document = area.document
    if at >= 0 and isinstance(document, Document):  # a plain TextArea's always is
        start = document.get_location_from_index(at)
        end = document.get_location_from_index(at + len(PERSONAL))
        area.selection = Selection(start, end)


@dataclass
class Draft:
    """What the composer needs to write to one person."""

    contact: Contact
    kind: MessageKind
    values: dict[str, str]
    templates: Sequence[Template]
    recent: list[Message]
    """Messages sent lately (to anyone), for the mass-message guard."""


@dataclass
class _Unsent:
    """One person's writing not yet sent, kept while the composer shows someone else."""

    template_index: int
    text: str
    personal: str
    edited: dict[int, str]


class Composer(Vertical):
    BINDINGS = [*bindings_for(COMPOSER)]  # a list of BindingType, as Textual declares it
    DEFAULT_CSS = """
    Composer #composer-head { height: 1; padding: 0 1; }
    Composer TextArea { height: 1fr; min-height: 4; border: none; padding: 0 1; }
    Composer #composer-status { height: auto; max-height: 3; padding: 0 1; }
    """

    class Send(TextualMessage):
        def __init__(
            self,
            composer: Composer,
            contact: Contact,
            kind: MessageKind,
            body: str,
            template: str,
            channel: str = "linkedin",
        ) -> None:
            super().__init__()
            self.composer = composer
            self.contact = contact
            self.kind = kind
            self.body = body
            self.template = template
            self.channel = channel

    def __init__(self, *, now: Callable[[], datetime], id: str | None = None) -> None:
        super().__init__(id=id)
        self._now = now
        self.draft: Draft | None = None
        self.template_index = 0
        self.limit_name = "message"
        self._personal = ""
        """The sentence typed into `{personal}`, carried into the next template."""
        self._edited: dict[int, str] = {}
        """Drafts edited beyond the personal sentence, by template index: ctrl+g keeps them."""
        self._texts: dict[int, _Unsent] = {}
        """Unsent writing per contact id."""
        self._emailed: set[int] = set()
        """Contacts whose note went to the mail client (ctrl+n): ctrl+s records it as email."""

    def compose(self) -> ComposeResult:
        yield Static(id="composer-head")
        yield Static(id="composer-status")

    def on_mount(self) -> None:
        self._show_idle()
        self.call_after_refresh(self._mount_editor)  # ready, hidden, for a `c` at once

    def _mount_editor(self) -> None:
        from textual.widgets import TextArea

        if not self.query("#body"):
            area = TextArea(id="body", soft_wrap=True, show_line_numbers=False)
            area.display = False
            self.mount(area, before="#composer-status")

    def _show_idle(self) -> None:
        self.query_one("#composer-head", Static).update(
            Content.styled("Select someone in the queue and press c to write to them.", MUTED)
        )

    def editor(self) -> TextArea:
        """The text box, mounted when first needed.

        The composer starts empty, and a TextArea (its module, rules and first render) is
        a fifth of what drawing the first screen costs; the queue should not wait for it,
        so it is mounted hidden right after the first frame.
        """
        from textual.widgets import TextArea

        if not self.query("#body"):
            self._mount_editor()
        area = self.query_one("#body", TextArea)
        area.display = True
        return area

    def take_focus(self) -> None:
        """Focus the text box now, not after the keys already waiting: `c` then a typed
        sentence arrive together, and with Textual's deferred focus the sentence went to the
        queue behind (its `i` opened the intro wizard)."""
        area = self.editor()
        if area.is_mounted:
            self.screen.set_focus(area)
        else:  # the first frame is not out yet: it is still mounting
            area.focus()

    # --- loading --------------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Start (or resume) a note to `draft.contact`, keeping any unsent text per person."""
        self._remember_text()
        self.draft = draft
        self.limit_name = "message" if draft.contact.connected_on else "connection_note"
        saved = self._texts.get(draft.contact.id)
        if saved:
            self.template_index = saved.template_index
            self._personal, self._edited = saved.personal, dict(saved.edited)
            self._set_text(saved.text)
        else:
            self._personal, self._edited = "", {}
            kinds = [t.kind for t in draft.templates]
            self.template_index = kinds.index(draft.kind) if draft.kind in kinds else 0
            self._apply_template()

    def _remember_text(self) -> None:
        if self.draft is not None:
            self._texts[self.draft.contact.id] = _Unsent(
                self.template_index, self.text, self._personal, self._edited
            )

    def take_back(self, notes: Sequence[Message], templates: Sequence[Template]) -> bool:
        """Keep the text of sent notes whose sending was undone as each person's unsent draft,
        under the template it was written from: the next `c` on them resumes it. True when
        any was kept (notes written here, not intros, requests or imports)."""
        names = [t.name for t in templates]
        kept = False
        for note in notes:
            if note.template in names:
                index = names.index(note.template)
                self._texts[note.contact_id] = _Unsent(index, note.body, "", {index: note.body})
                kept = True
        return kept

    def forget(self, contact_id: int) -> None:
        self._texts.pop(contact_id, None)
        self._emailed.discard(contact_id)

    @property
    def template(self) -> Template | None:
        if self.draft is None or not self.draft.templates:
            return None
        return self.draft.templates[self.template_index % len(self.draft.templates)]

    @property
    def text(self) -> str:
        return self.editor().text

    def _fresh_text(self, template: Template) -> str:
        """The template filled in, with the personal sentence written so far."""
        assert self.draft is not None
        return fill(template.body, {**self.draft.values, "personal": self._personal})

    def _apply_template(self) -> None:
        template = self.template
        if self.draft is None or template is None:
            return
        self._set_text(self._fresh_text(template))

    def _set_text(self, text: str) -> None:
        load_for_personal_sentence(self.editor(), text)
        self._refresh_status()

    # --- live status ----------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._refresh_status()

    def check(self) -> SendCheck | None:
        if self.draft is None:
            return None
        return check_send(
            self.text,
            limit=LIMITS[self.limit_name],
            recent=self.draft.recent,
            contact_id=self.draft.contact.id,
            now=self._now(),
        )

    def _refresh_status(self) -> None:
        head = self.query_one("#composer-head", Static)
        status = self.query_one("#composer-status", Static)
        if self.draft is None:
            return
        template = self.template
        head.update(
            Content.assemble(
                ("To ", MUTED),
                (one_line(self.draft.contact.name), "bold"),
                ("   template ", MUTED),
                one_line(template.name) if template else "(none)",
                ("   ctrl+g next", MUTED),
                (self._email_hint(), MUTED),
            )
        )
        length, limit = len(self.text), LIMITS[self.limit_name]
        count_style = "$error" if length > limit else MUTED
        parts: list[Content] = [
            Content.styled(f"{length}/{limit} {self.limit_name.replace('_', ' ')}", count_style)
        ]
        left = unfilled(self.text)
        if left:
            parts.append(
                Content.styled(
                    "fill in " + ", ".join("{" + name + "}" for name in left), "$warning"
                )
            )
        result = self.check()
        if result is not None:
            parts.extend(
                Content.styled(one_line(p), "$error")
                for p in result.problems
                if not p.startswith(("Unfilled", "Fill"))
            )
            parts.extend(Content.styled(one_line(w), "$warning") for w in result.warnings)
        status.update(Content("  ·  ").join(parts))

    # --- actions --------------------------------------------------------------------------

    def action_mark_sent(self) -> None:
        result = self.check()
        if self.draft is None or result is None:
            self.notify("Nothing to send: pick someone and press c first.", severity="warning")
            return
        if not result.ok:
            self.notify("Not sent: " + "; ".join(result.problems), severity="error", timeout=8)
            return
        template = self.template
        self.post_message(
            self.Send(
                self,
                self.draft.contact,
                self.draft.kind,
                self.text,
                template.name if template else "",
                "email" if self.draft.contact.id in self._emailed else "linkedin",
            )
        )

    def sent(self) -> None:
        """The screen saved the message: clear this person's draft."""
        if self.draft is not None:
            self.forget(self.draft.contact.id)
            self.draft = None
        self._personal, self._edited = "", {}
        self.editor().load_text("")
        self.query_one("#composer-status", Static).update("")
        self._show_idle()

    def action_copy(self) -> None:
        result = self.check()
        if self.draft is None or result is None:
            self.notify("Nothing to copy yet: pick someone and press c first.", severity="warning")
            return
        copy_checked(self, self.text, result.problems, f"the message to {self.draft.contact.name}")

    def _email_hint(self) -> str:
        assert self.draft is not None
        if self.draft.contact.id in self._emailed:
            return "   emailed: ctrl+s marks it sent"
        return "   ctrl+n email" if self.draft.contact.email.strip() else ""

    def action_email(self) -> None:
        """Open the mail client with this note to the person's address, when it would pass
        ctrl+s's check; marking it sent afterwards records it as sent by email."""
        result = self.check()
        if self.draft is None or result is None:
            self.notify("Nothing to email yet: pick someone and press c first.", severity="warning")
            return
        contact, template = self.draft.contact, self.template
        problem = " ".join(result.problems)
        if not problem and not contact.email.strip():
            problem = f"{contact.name} has no email address (escape, then e adds one)."
        link = ""
        if not problem:
            subject = mail_subject(template.kind if template else self.draft.kind)
            try:
                link = mailto(contact.email, subject, self.text)
            except ValueError as exc:
                problem = f"{exc}."
        if problem:
            self.notify(
                one_line(f"The email to {contact.name} was not opened: {problem}"),
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        self._emailed.add(contact.id)
        self._refresh_status()
        open_in_browser(
            self,
            link,
            f"No mail client could be started for the email to {contact.name}; ctrl+y copies "
            "the note, and their address is below.",
            contact.email.strip(),
        )

    def action_next_template(self) -> None:
        """Show the next template, keeping the user's words: the personal sentence goes into
        the new template's `{personal}`, and a draft edited beyond it waits for ctrl+g to
        come round to its template again."""
        leaving = self.template
        if self.draft is None or leaving is None:
            return
        text, notes = self.text, []
        unchanged = text == self._fresh_text(leaving)
        sentence = "" if unchanged else personal_sentence(leaving.body, self.draft.values, text)
        if sentence is None:
            self._edited[self.template_index] = text
            notes.append(f"Your edited “{leaving.name}” draft is kept: ctrl+g comes back to it.")
        else:
            self._edited.pop(self.template_index, None)
            self._personal = sentence or self._personal
        self.template_index = (self.template_index + 1) % len(self.draft.templates)
        kept = self._edited.get(self.template_index)
        if kept is not None:
            self._set_text(kept)
            notes.append("Back to your edited draft.")
        else:
            self._apply_template()
            arriving = self.template
            if self._personal and arriving is not None and PERSONAL not in arriving.body:
                notes.append(
                    f"“{arriving.name}” has no {PERSONAL}; your sentence comes back with the "
                    "next template that has one."
                )
        if notes:
            self.notify(" ".join(notes), markup=False)

    def action_toggle_limit(self) -> None:
        self.limit_name = "connection_note" if self.limit_name == "message" else "message"
        self._refresh_status()

    def action_open_profile(self) -> None:
        if self.draft and self.draft.contact.url:
            name = self.draft.contact.name
            open_in_browser(
                self, self.draft.contact.url, f"No browser could be started for {name}'s profile."
            )
        else:
            self.notify("No profile URL for this person.", severity="warning")

    def action_external_editor(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile(
            "w", suffix=".txt", delete=False, encoding="utf-8"
        ) as handle:
            handle.write(self.text)
            path = Path(handle.name)
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
            self._set_text(path.read_text(encoding="utf-8").rstrip("\n"))
        except (OSError, ValueError) as exc:
            self.notify(
                f"Could not run {editor!r}: {exc}. Set $EDITOR to your editor.", severity="error"
            )
        finally:
            path.unlink(missing_ok=True)
