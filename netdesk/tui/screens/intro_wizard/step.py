"""What the wizard's steps share: the base class and the small wordings several steps use."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar, Self

from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label

from netdesk.domain.dates import format_day, relative_day
from netdesk.domain.models import OptIn, OptInAnswer
from netdesk.tui.styles import MUTED
from netdesk.tui.widgets.pane import Pane

if TYPE_CHECKING:
    from netdesk.tui.screens.intro_wizard.shell import IntroWizard
    from netdesk.tui.screens.intro_wizard.state import WizardState


class Step(Pane):
    """One step of the wizard, mounted only while it is the one shown.

    A step is a scrolling or plain container: it comes second in a step's bases
    (`class WhyStep(VerticalScroll, Step)`), so the container's styles and focus apply, and it
    is made with `of` (no `__init__` of its own). Its fields' texts live in the wizard
    (`Kept`), so a step holds nothing that is lost when it goes. A step is restyled alone
    when it gains or loses focus (`Pane`).
    """

    NUMBER: ClassVar[int]
    wizard: IntroWizard

    @classmethod
    def of(cls, wizard: IntroWizard) -> Self:
        step = cls(id=f"step-{cls.NUMBER}")
        step.wizard = wizard
        return step

    @property
    def state(self) -> WizardState:
        """The introduction being made: what the step shows and edits."""
        return self.wizard.state

    def refresh_step(self) -> None:
        """Show the wizard's data again (the step's notes and headings)."""

    def focus_step(self) -> None:
        """Focus where the step starts."""
        self.focus()

    def release(self) -> None:
        """The step is about to go: keep in the wizard what it alone holds."""

    def on_mount(self) -> None:
        """A step mounted in place of another shows the data and takes focus; the first one
        waits for the wizard's own mount (`show_step`)."""
        if self.wizard.is_mounted and self.wizard.current is self:
            self.refresh_step()
            self.focus_step()


def row(label: str, widget: Widget) -> Horizontal:
    return Horizontal(Label(Content(label)), widget, classes="wiz-row")


def on_day(moment: datetime | None, today: date) -> str:
    """'today', or 'Thu 5 Nov 2026 (2 weeks ago)'."""
    if moment is None:
        return ""
    day = moment.date()
    return "today" if day == today else f"{format_day(day)} ({relative_day(day, today)})"


def optin_text(optin: OptIn, today: date) -> tuple[str, str]:
    """(what happened on one side, style) for the ask step and the list."""
    if optin.answer is OptInAnswer.AGREED:
        return f"agreed {on_day(optin.answered_at, today)}", "$success"
    if optin.answer is OptInAnswer.DECLINED:
        return f"declined {on_day(optin.answered_at, today)}", "$error"
    if optin.answer is OptInAnswer.NO_ANSWER:
        return f"no answer (asked {on_day(optin.asked_at, today)})", "$warning"
    if optin.asked_at is not None:
        return f"asked {on_day(optin.asked_at, today)}, waiting for an answer", "$warning"
    return "not asked yet", MUTED
