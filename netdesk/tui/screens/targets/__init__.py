"""Hard targets: people you cannot reach directly, and who could introduce you.

The list (`listing.py`) shows each target's best path; enter opens the finder for one target
(`finder.py`, its introducer commands in `introducers.py`, what it draws in `finder_lines.py`),
which ranks its introducers by the odds of the two-hop path (DESIGN §5) next to the 4 % of a
blind ask, counts how often you asked each of them lately, and drafts the request with a note
they can forward as it is. `form.py` is the target's form.
"""

from typing import TYPE_CHECKING

from netdesk.tui.screens.targets.listing import TargetsScreen

if TYPE_CHECKING:
    from netdesk.tui.screens.targets.finder import FinderScreen
    from netdesk.tui.screens.targets.form import TargetForm

__all__ = ["FinderScreen", "TargetForm", "TargetsScreen"]


def __getattr__(name: str) -> object:
    """The finder and the form load when first asked for, so the list (the `5` screen) shows
    without them (their pickers and text areas take ~20 ms to import)."""
    if name == "FinderScreen":
        from netdesk.tui.screens.targets.finder import FinderScreen

        return FinderScreen
    if name == "TargetForm":
        from netdesk.tui.screens.targets.form import TargetForm

        return TargetForm
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
