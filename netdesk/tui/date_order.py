"""How this user writes numeric dates such as `12/3`: the setting, else the locale."""

from __future__ import annotations

import os

from netdesk.domain.dates import day_first_for
from netdesk.domain.models import Settings


def day_first(settings: Settings) -> bool | None:
    """True when `12/3` is 12 March; None when neither the settings nor the locale say."""
    if settings.day_first is not None:
        return settings.day_first
    for name in ("LC_ALL", "LC_TIME", "LANG"):  # the order the C library consults them
        value = os.environ.get(name)
        if value:
            return day_first_for(value)
    return None
