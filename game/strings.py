"""Interface strings in Dutch and English, from assets/strings.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from game.paths import assets_dir


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """strings.toml and every strings-*.toml beside it (one per part of the game), merged."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(assets_dir().glob("strings*.toml")):
        with open(path, "rb") as handle:
            for lang, table in tomllib.load(handle).items():
                merged.setdefault(lang, {}).update(table)
    return merged


def s(key: str, lang: str = "nl", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Dutch when missing), formatted."""
    table = _table()
    text = table.get(lang, {}).get(key) or table["nl"].get(key) or key
    return text.format(**values) if values else text
