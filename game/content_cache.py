"""The loaded content, kept in the user's cache folder while nothing it came from has changed.

Loading the content means parsing every TOML file and validating it with pydantic, and pydantic
first builds a validator for every model: about half a second of CPU and some 14 MiB that a
player pays behind the title screen on every start. Once loaded and checked, the content is
written to the cache (``pickle``: the models come back as they were, without validating them
again, and without building any validator). The next start reads it in a few tens of ms.

The cache is used only while its stamp matches: the name, size and modification time of every
content file in the folders and of the code and assets that turn files into content, the
Python, pydantic and game versions, and the working directory (diagnostics show paths relative
to it). Anything else (a missing, damaged or foreign file) means a normal load, which writes a
fresh cache. The cache folder is the player's own, like Python's bytecode cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.loader import Content

FORMAT = 1


def _files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*.toml") if p.is_file())


def stamp(folders: list[Path]) -> list:
    """What the content of ``folders`` depends on, as plain values (compared, never trusted)."""
    from pydantic.version import VERSION

    from game import __version__
    from game.paths import assets_dir

    package = Path(__file__).resolve().parent  # game/
    sources = [*sorted((package / "content").glob("*.py")), package / "saves.py",
               Path(__file__).resolve(), *sorted(assets_dir().glob("*.toml"))]
    entries: list = [FORMAT, sys.version, VERSION, __version__, os.getcwd()]
    for folder in folders:
        entries.append(str(folder))
        try:
            files = _files(folder) if folder.exists() else []
        except OSError:
            files = []
        sources.extend(files)
    for path in sources:
        try:
            info = path.stat()
        except OSError:
            entries.append([str(path), None])
            continue
        entries.append([str(path), info.st_size, info.st_mtime_ns])
    return entries


def _cache_file(folders: list[Path]) -> Path:
    from game.settings import cache_dir

    key = hashlib.sha256("\n".join(map(str, folders)).encode()).hexdigest()[:16]
    return cache_dir() / f"content-{key}.pickle"


def load_cached(extra: list[Path] | None = None, builtin: Path | None = None) -> Content:
    """``load_content(extra, builtin)``, from the cache when it is still true."""
    from game.paths import scenarios_dir

    folders = [(builtin or scenarios_dir()).resolve(), *(Path(p).resolve() for p in extra or [])]
    now = stamp(folders)
    cache = _cache_file(folders)
    try:
        with open(cache, "rb") as handle:
            kept_stamp, content = pickle.load(handle)
        if kept_stamp == now:
            return content
    except Exception:  # noqa: BLE001 - missing, damaged, another version: load it anew
        pass
    return _load_and_keep(extra, builtin, now, cache)


def _load_and_keep(extra: list[Path] | None, builtin: Path | None, now: list,
                   cache: Path) -> Content:
    from game.content import load_content
    from game.files import write_atomic
    from game.saves import content_version

    content = load_content(extra=extra or None, builtin=builtin)
    # a save's fingerprint serialises every model: done now, while the serialisers are built
    content.versions = {cid: content_version(content, cid) for cid in content.campaigns}
    try:
        data = pickle.dumps((now, content), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(cache, data)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        pass  # a read-only home only costs the full load next time
    return content
