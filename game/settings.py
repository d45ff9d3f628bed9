"""The player's settings and where files live (platformdirs, overridable for tests)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP = "maatwerk"


def config_dir() -> Path:
    return Path(os.environ.get("MAATWERK_CONFIG_DIR") or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    return Path(os.environ.get("MAATWERK_DATA_DIR") or platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    return Path(os.environ.get("MAATWERK_CACHE_DIR") or platformdirs.user_cache_dir(APP))


def autosave_path() -> Path:
    return data_dir() / "autosave.json"


@dataclass
class Settings:
    lang: str = "nl"
    theme: str = "maatwerk"
    reduced_motion: bool = False

    @classmethod
    def load(cls) -> "Settings":
        path = config_dir() / "settings.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return cls()  # no settings yet: nothing to parse, json need not even load
        import json

        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        settings = cls(**values)
        if settings.lang not in ("nl", "en"):
            settings.lang = "nl"
        return settings

    def store(self) -> None:
        import json

        from game.files import write_atomic
        write_atomic(config_dir() / "settings.json", json.dumps(asdict(self), indent=1))
