"""An option list in sections: disabled heading options, each followed by its items.

The cursor on a section's first item also shows the heading above it (`Home` used to scroll
the "Follow-ups due" heading out of view), and the cursor can jump a whole section.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import OptionList


class SectionList(OptionList):
    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll to the highlighted option, with its heading when it is the section's first."""
        at = self.highlighted
        if at is None or at == 0 or not self.is_mounted or not self.options[at - 1].disabled:
            super().scroll_to_highlight(top)
            return
        self._update_lines()
        try:
            y = self._index_to_line[at - 1]
            height = self._heights[at - 1] + self._heights[at]
        except KeyError:
            return
        self.scroll_to_region(
            Region(0, y, self.scrollable_content_region.width, height),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def jump_section(self, step: int) -> None:
        """Highlight the first item of the next (`step` 1) or previous (-1) section; from
        inside a section, -1 goes to the start of that section first."""
        options = self.options
        starts = [
            n for n in range(1, len(options)) if options[n - 1].disabled and not options[n].disabled
        ]
        if not options[0].disabled:
            starts.insert(0, 0)
        at = self.highlighted if self.highlighted is not None else -1
        later = [n for n in starts if n > at] if step > 0 else [n for n in starts if n < at]
        if later:
            self.highlighted = later[0] if step > 0 else later[-1]
