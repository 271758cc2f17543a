"""Give back to the system the memory a big build has freed.

glibc keeps freed memory in the process for later allocations, so what a one-off build used
and let go (the who-fits index's writer budget, 15 MB, and the documents handed to it) would
stay in the resident size for good. `malloc_trim` returns the free pages; without glibc
(macOS, musl) this does nothing.
"""

from __future__ import annotations


def give_back_freed() -> None:
    import ctypes  # on first use: the app starts without it

    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)
