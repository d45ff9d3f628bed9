"""How long a store keeps its sessions: ages like ``90d``, the store's default retention, and
purging what is older. A course provider must not keep pseudonymous motivations for ever.

No Textual, no printing: the command line says what happened.
"""

from __future__ import annotations

import re
import time

from game.workshop.store import SessionInfo, Store

RETENTION_KEY = "retention_seconds"
UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400, "m": 30 * 86400, "y": 365 * 86400}
AGE = re.compile(r"^\s*(\d{1,5})\s*([hdwmy])\s*$", re.IGNORECASE)


def parse_age(text: str) -> int | None:
    """Seconds in ``90d``, ``12w``, ``6m`` (30 days), ``1y`` or ``36h``; None if unreadable."""
    match = AGE.match(text or "")
    if match is None or int(match.group(1)) == 0:
        return None
    return int(match.group(1)) * UNITS[match.group(2).lower()]


def format_age(seconds: float) -> str:
    """A short age for a listing: ``5 min``, ``3 h``, ``12 d``."""
    if seconds < 3600:
        return f"{max(0, int(seconds // 60))} min"
    if seconds < 2 * 86400:
        return f"{int(seconds // 3600)} h"
    return f"{int(seconds // 86400)} d"


def format_size(size: int) -> str:
    return f"{size / 1024:.0f} kB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def retention(store: Store) -> int | None:
    value = store.setting(RETENTION_KEY)
    return int(value) if value and value.isdigit() else None


def set_retention(store: Store, seconds: int | None) -> None:
    store.set_setting(RETENTION_KEY, None if seconds is None else str(seconds))


def purge_older(store: Store, seconds: float, now: float | None = None
                ) -> list[tuple[SessionInfo, int]]:
    """Delete every session created more than ``seconds`` ago; (session, participants)."""
    now = time.time() if now is None else now
    removed = []
    for info in store.older_than(seconds, now):
        removed.append((info, store.purge(info.code)))
    return removed


def apply_retention(store: Store, now: float | None = None) -> list[tuple[SessionInfo, int]]:
    """Purge what the store's default retention says is expired (nothing if none is set)."""
    seconds = retention(store)
    return purge_older(store, seconds, now) if seconds else []
