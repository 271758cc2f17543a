"""Copying a message out of netdesk, checked the way marking it sent is.

A message is copied to be pasted into LinkedIn and sent there, so ctrl+y refuses text that
ctrl+s would refuse (an unfilled `{placeholder}`, empty, too long) with the same reasons,
instead of letting "{personal}" reach someone's inbox. Every ctrl+y in netdesk comes here.
"""

from __future__ import annotations

from textual.widget import Widget

NO_CLIPBOARD_HINT = (
    "(If pasting gives nothing, your terminal does not allow clipboard access (OSC 52); "
    "select the text with the mouse instead.)"
)


def copy_checked(node: Widget, text: str, problems: list[str], what: str) -> bool:
    """Copy `text` when `problems` (from the check its send key runs) is empty, and say so;
    otherwise say why nothing was copied. `what` names which text, so a key that acts on one
    of two sides says which: "the ask to Ann Lee"."""
    if problems:
        node.notify(
            f"{what[:1].upper()}{what[1:]} was not copied: " + " ".join(problems),
            severity="error",
            timeout=8,
            markup=False,
        )
        return False
    node.app.copy_to_clipboard(text)
    node.notify(f"Copied {what}. {NO_CLIPBOARD_HINT}", timeout=5, markup=False)
    return True
