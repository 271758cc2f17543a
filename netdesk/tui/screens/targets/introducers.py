"""The finder's introducers: which one is highlighted, and the commands that add them (one
contact, or a pasted mutual-connections list), rate how well each knows the target and you,
and remove them. The request and the target stay in finder.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import OptionList

from netdesk.domain.dates import plural
from netdesk.domain.introducers import RankedIntroducer
from netdesk.domain.models import Contact, Target
from netdesk.tui.screens.base import NetdeskScreen
from netdesk.tui.screens.dialogs import ConfirmDialog
from netdesk.tui.screens.mutuals import MutualsDialog, MutualsResult, contact_from_name
from netdesk.tui.screens.pickers import ChoicePrompt, ContactPicker
from netdesk.tui.screens.targets.finder_lines import first_name
from netdesk.tui.screens.targets.request import RequestPane
from netdesk.tui.widgets.numbered import CLOSENESS_CHOICES
from netdesk.tui.widgets.option_ids import highlighted_number


class IntroducerActions(NetdeskScreen[None]):
    """FinderScreen's base: FinderScreen sets `target` and `ranked` and redraws with
    `refresh_data(select=contact_id)`, which these commands call after each change."""

    target: Target
    ranked: list[RankedIntroducer]

    if TYPE_CHECKING:

        def refresh_data(self, select: int | None = None) -> None: ...

    @property
    def current_id(self) -> int | None:
        """Contact id of the highlighted introducer."""
        if not self.is_mounted:
            return None
        return highlighted_number(self.query_one("#introducers", OptionList))

    def _ranked(self, contact_id: int | None) -> RankedIntroducer | None:
        return next((r for r in self.ranked if r.introducer.contact_id == contact_id), None)

    def _selected(self) -> RankedIntroducer | None:
        ranked = self._ranked(self.current_id)
        if ranked is None:
            add = self.key_for("finder.add")
            self.notify(f"Select an introducer first ({add} adds one).", severity="warning")
        return ranked

    @property
    def request(self) -> RequestPane:
        return self.query_one(RequestPane)

    def action_add_introducer(self) -> None:
        target = self.target
        exclude = {i.contact_id for i in target.introducers}
        if target.contact_id:
            exclude.add(target.contact_id)

        def picked(result: object) -> None:
            if not isinstance(result, Contact):
                return
            contact = result

            def rated(level: int | None) -> None:
                if level is None:
                    return
                now = self.app.now()
                self.repo.add_introducers(target.id, [contact.id], now, they_know=level)
                self.notify(f"Added {contact.name} as an introducer.")
                self.refresh_data(select=contact.id)

            self.app.push_screen(
                ChoicePrompt(
                    f"How well does {contact.name} know {target.name}?",
                    CLOSENESS_CHOICES,
                    selected=2,
                ),
                rated,
            )

        self.app.push_screen(
            ContactPicker(
                f"Who could introduce you to {target.name}? (the people you know best first)",
                exclude=exclude,
                closest_first=True,
            ),
            picked,
        )

    def action_paste_mutuals(self) -> None:
        target = self.target

        def add(result: MutualsResult | None) -> None:
            if result is None:
                return
            ids, names = result
            now = self.app.now()
            new_contacts = [contact_from_name(name, target) for name in names]
            self.repo.add_introducers(
                target.id, ids, now, new_contacts=new_contacts, note="mutual connection"
            )
            added = len(ids) + len(new_contacts)
            extra = f" ({plural(len(new_contacts), 'new contact')})" if new_contacts else ""
            self.notify(
                f"Added {plural(added, 'introducer')}{extra}. "
                f"{self.key_for('finder.they_know')} sets how well each knows "
                f"{first_name(target.name)}."
            )
            self.refresh_data()

        self.app.push_screen(MutualsDialog(target, self.repo.contacts.all()), add)

    def action_they_know(self) -> None:
        ranked = self._selected()
        if ranked is None:
            return
        contact_id = ranked.introducer.contact_id

        def rated(level: int | None) -> None:
            if level is not None:
                self.repo.update_introducer(self.target.id, contact_id, they_know=level)
                self.refresh_data(select=contact_id)

        self.app.push_screen(
            ChoicePrompt(
                f"How well does {ranked.name} know {self.target.name}?",
                CLOSENESS_CHOICES,
                selected=ranked.introducer.they_know,
            ),
            rated,
        )

    def action_you_know(self) -> None:
        ranked = self._selected()
        if ranked is None or ranked.contact is None:
            return
        contact = ranked.contact

        def rated(level: int | None) -> None:
            if level is not None:
                now = self.app.now()
                self.repo.set_closeness(contact.id, level, now)
                self.refresh_data(select=contact.id)

        self.app.push_screen(
            ChoicePrompt(
                f"How well do you know {contact.name}?",
                CLOSENESS_CHOICES,
                selected=contact.closeness,
            ),
            rated,
        )

    def action_remove_introducer(self) -> None:
        ranked = self._selected()
        if ranked is None:
            return
        contact_id = ranked.introducer.contact_id

        def remove(yes: bool | None) -> None:
            if yes:
                self.repo.remove_introducer(self.target.id, contact_id)
                self.request.drafts.pop(contact_id, None)
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(f"Remove {ranked.name} from the introducers for {self.target.name}?"),
            remove,
        )
