"""netdesk: a keyboard-driven terminal workspace for the daily networking routine."""

__version__ = "0.1.0"
