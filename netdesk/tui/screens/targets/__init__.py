"""Hard targets: people you cannot reach directly, and who could introduce you.

The list (`listing.py`) shows each target's best path; enter opens the finder for one target
(`finder.py`, its introducer commands in `introducers.py`, what it draws in `finder_lines.py`),
which ranks its introducers by the odds of the two-hop path (DESIGN §5) next to the 4 % of a
blind ask, counts how often you asked each of them lately, and drafts the request with a note
they can forward as it is. `form.py` is the target's form.
"""

from netdesk.tui.screens.targets.finder import FinderScreen
from netdesk.tui.screens.targets.form import TargetForm
from netdesk.tui.screens.targets.listing import TargetsScreen

__all__ = ["FinderScreen", "TargetForm", "TargetsScreen"]
