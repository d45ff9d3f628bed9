"""The debrief's reference texts (assets/reference.toml): variants, dynamics, loyalties."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from game.paths import assets_dir

# Whose pros and cons reference.toml gives for each variant, in the order they are shown.
PERSPECTIVES: tuple[str, ...] = ("citizen", "caseworker", "manager", "administrator")


@lru_cache(maxsize=1)
def reference() -> dict:
    with open(assets_dir() / "reference.toml", "rb") as handle:
        return tomllib.load(handle)


def text(section: str, key: str, field: str, lang: str):
    """A localised field, e.g. text("variants", "standaardisatie", "citizen", "en")."""
    entry = reference()[section][key][field]
    return entry.get(lang) or entry["nl"]
