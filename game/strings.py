"""Interface strings in Dutch and English, from assets/strings*.toml.

The TOML files are the source. Parsing them (and importing tomllib) costs about 20 ms, which a
player would wait for before the title screen, so the merged table is kept in the user's cache
folder and read from there while the files are unchanged. The cache is in ``marshal`` format:
built into Python, so reading it imports nothing, and several times faster to read than JSON.
"""

from __future__ import annotations

import marshal
from functools import lru_cache
from pathlib import Path

from game.paths import assets_dir


def _sources() -> list[Path]:
    return sorted(assets_dir().glob("strings*.toml"))


def _parse(files: list[Path]) -> dict[str, dict[str, str]]:
    import tomllib

    merged: dict[str, dict[str, str]] = {}
    for path in files:
        with open(path, "rb") as handle:
            for lang, table in tomllib.load(handle).items():
                merged.setdefault(lang, {}).update(table)
    return merged


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """strings.toml and every strings-*.toml beside it (one per part of the game), merged."""
    from game.settings import cache_dir

    files = _sources()
    stamp = [[f.name, f.stat().st_mtime_ns, f.stat().st_size] for f in files]
    cache = cache_dir() / "strings.marshal"
    try:
        cached = marshal.loads(cache.read_bytes())
        if cached.get("stamp") == stamp:
            return cached["table"]
    except (OSError, ValueError, EOFError, TypeError, AttributeError, KeyError):
        pass  # missing, from another Python version or damaged: parse the TOML again
    table = _parse(files)
    try:
        from game.files import write_atomic
        write_atomic(cache, marshal.dumps({"stamp": stamp, "table": table}))
    except OSError:
        pass  # a read-only home only costs the parse next time
    return table


def s(key: str, lang: str = "nl", **values: object) -> str:
    """The interface string ``key`` in ``lang`` (Dutch when missing), formatted."""
    table = _table()
    text = table.get(lang, {}).get(key) or table["nl"].get(key) or key
    return text.format(**values) if values else text
