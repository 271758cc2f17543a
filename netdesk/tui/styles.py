"""Styles shared by the screens' Content (theme variables, so every theme colours them)."""

from __future__ import annotations

MUTED = "$text-muted"
"""Secondary text: hints, counts, labels next to what they label."""
