"""The player's settings and where files live (platformdirs, overridable for tests)."""

from __future__ import annotations

import os
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


class Settings:
    """What the player chose in the settings screen. (A plain class, not a dataclass: this
    module loads before the title, and a dataclass compiles its methods as it is made.)"""

    FIELDS = ("lang", "theme", "reduced_motion")

    def __init__(self, lang: str = "nl", theme: str = "maatwerk",
                 reduced_motion: bool = False) -> None:
        self.lang = lang
        self.theme = theme
        self.reduced_motion = reduced_motion

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Settings({self.as_dict()})"

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
        values = {k: v for k, v in data.items() if k in cls.FIELDS}
        settings = cls(**values)
        if settings.lang not in ("nl", "en"):
            settings.lang = "nl"
        return settings

    def store(self) -> None:
        import json

        from game.files import write_atomic
        write_atomic(config_dir() / "settings.json", json.dumps(self.as_dict(), indent=1))
