"""Schema versions: refuse files from a newer netdesk, upgrade older ones in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netdesk.store.errors import StoreError

SCHEMA_VERSION = 2
META_KEY = "1"
"""The single document of the `meta` table."""


def schema_version(doc: dict[str, Any]) -> int | None:
    meta = doc.get("meta", {}).get(META_KEY)
    if meta is None:
        return None
    version = meta.get("schema_version")
    return version if isinstance(version, int) else -1


def check_version(path: Path, doc: dict[str, Any]) -> None:
    """Raise StoreError for a file this version cannot read safely."""
    version = schema_version(doc)
    if version is None:
        if any(doc.get(name) for name in doc if name != "meta"):
            raise StoreError(path, "it has tables but no schema version; is it a netdesk file?")
        return
    if version < 1:
        raise StoreError(path, "its schema version is missing or not a number")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path,
            f"it was written by a newer netdesk (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade netdesk to open it",
        )


def _add_referrals_and_undo(doc: dict[str, Any]) -> None:
    """Version 2 adds contacts' offers and seeks, calls' links (fields that default to
    empty) and the referrals, dismissals and undo tables (absent means empty)."""


MIGRATIONS: dict[int, Any] = {1: _add_referrals_and_undo}
"""from_version -> function(doc) upgrading the document in place to from_version + 1."""


def migrate(doc: dict[str, Any]) -> bool:
    """Bring an older document up to SCHEMA_VERSION; True when anything changed."""
    version = schema_version(doc) or SCHEMA_VERSION
    changed = False
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](doc)
        version += 1
        doc["meta"][META_KEY]["schema_version"] = version
        changed = True
    return changed
