"""dateparser loads when a phrase needs it, never when netdesk starts (start-up is measured)."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from datetime import datetime
import netdesk.tui.app, netdesk.tui.screens.workspace, netdesk.tui.screens.person
from netdesk.domain.dates import parse_when
now = datetime(2026, 11, 23, 9, 30)
print("dateparser" in sys.modules)
parse_when("fri 3pm", now)  # weekdays and times are netdesk's own reading
print("dateparser" in sys.modules)
parse_when("tomorrow noon", now)
print("dateparser" in sys.modules)
"""


def test_dateparser_loads_on_first_use_only() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True"]
