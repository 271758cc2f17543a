"""Lists here give each selectable option a number as its id (an index or a record id)."""

from __future__ import annotations

from textual.widgets import OptionList


def highlighted_number(options: OptionList) -> int | None:
    """The number behind the highlighted option; None for nothing, a header or an empty list."""
    if options.highlighted is None or options.option_count == 0:
        return None
    option = options.get_option_at_index(options.highlighted)
    return int(option.id) if option.id is not None else None
