"""Versioned save files, written atomically; a broken one is set aside, never lost.

A save holds what is needed to rebuild a run: the campaign, the content version, the seed
and the list of actions by id. Resuming replays the actions through the engine.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from game.content.loader import Content
from game.files import write_atomic
from game.engine.game import Game, replay
from game.engine.state import Action

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 20_000_000  # a long campaign with long motivations is far below this


class SaveError(Exception):
    """A save that cannot be used; the message is for the player."""


@dataclass
class SaveData:
    campaign: str
    seed: int
    content_version: str
    lang: str = "nl"
    actions: list[Action] = field(default_factory=list)
    reflections: dict[str, str] = field(default_factory=dict)
    saved_at: float = 0.0

    def to_json(self) -> str:
        return json.dumps({
            "format": SAVE_FORMAT, "game": "maatwerk", "campaign": self.campaign,
            "content_version": self.content_version, "seed": self.seed, "lang": self.lang,
            "saved_at": self.saved_at, "actions": [a.as_dict() for a in self.actions],
            "reflections": self.reflections,
        }, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "SaveData":
        try:
            data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)
        except json.JSONDecodeError as exc:
            raise SaveError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
        except RecursionError:
            raise SaveError("nested too deeply to be a save") from None
        except ValueError as exc:  # Infinity or NaN, a number too long to read
            raise SaveError(f"not valid JSON ({exc})") from None
        if not isinstance(data, dict) or data.get("game") != "maatwerk":
            raise SaveError("not a Maatwerk save")
        if data.get("format") != SAVE_FORMAT:
            raise SaveError(f"save format {_short(data.get('format'))} is not known to this "
                            "version")
        return cls(campaign=_text(data, "campaign"), seed=_seed(data),
                   content_version=_text(data, "content_version", ""),
                   lang=_text(data, "lang", "nl"), actions=_actions(data),
                   reflections=_reflections(data), saved_at=_moment(data))


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a save can hold")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise ValueError(f"{text[:20]} is not a number a save can hold")
    return value


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _wrong(field: str, wanted: str, value: object) -> SaveError:
    return SaveError(f"the field '{field}' should be {wanted}, not {_short(value)}")


def _text(data: dict, key: str, default: str | None = None) -> str:
    if key not in data and default is not None:
        return default
    if key not in data:
        raise SaveError(f"the field '{key}' is missing")
    value = data[key]
    if not isinstance(value, str):
        raise _wrong(key, "text", value)
    return value


def _seed(data: dict) -> int:
    if "seed" not in data:
        raise SaveError("the field 'seed' is missing")
    seed = data["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise _wrong("seed", "a whole number", seed)
    return seed


def _moment(data: dict) -> float:
    value = data.get("saved_at", 0.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _wrong("saved_at", "a number", value)
    return float(value)


def _actions(data: dict) -> list[Action]:
    raw = data.get("actions")
    if not isinstance(raw, list):
        raise _wrong("actions", "a list", raw)
    actions = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise _wrong(f"actions[{number}]", "an object", item)
        fields = [item.get(key, "" if key == "motivation" else None)
                  for key in ("do", "case", "id", "motivation")]
        texts = [value for value in fields if isinstance(value, str)]
        if len(texts) != len(fields):
            raise SaveError(f"step {number} of the save is incomplete or has a wrong field")
        actions.append(Action(*texts))
    return actions


def _reflections(data: dict) -> dict[str, str]:
    raw = data.get("reflections", {})
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise _wrong("reflections", "an object of texts", raw)
    return dict(raw)


def content_version(content: Content, campaign_id: str) -> str:
    """The campaign's version plus a fingerprint of the cases and events it uses.

    Taken once per loaded content and kept there: a save after every step only checks that
    the same (frozen) models are still in place, which costs a comparison, not a hash. Content
    from the cache (``game.content_cache``) brings the fingerprints taken when it was loaded."""
    known = content.versions.get(campaign_id)
    if known is not None:
        return known
    camp = content.campaigns[campaign_id]
    models: tuple[BaseModel, ...] = (camp, *(content.cases[c] for c in camp.cases
                                          if c in content.cases),
                                  *(content.events[e] for e in sorted(content.events)))
    kept = content.fingerprints.get(campaign_id)
    if kept is not None and len(kept[0]) == len(models) \
            and all(a is b for a, b in zip(kept[0], models)):
        return kept[1]
    digest = hashlib.sha256()
    for model in models:
        digest.update(model.model_dump_json().encode())
    version = f"{camp.version}:{digest.hexdigest()[:12]}"
    content.fingerprints[campaign_id] = (models, version)
    return version


def snapshot(game: Game, reflections: dict[str, str] | None = None) -> SaveData:
    return SaveData(campaign=game.campaign.id, seed=game.state.seed,
                    content_version=content_version(game.content, game.campaign.id),
                    lang=game.lang, actions=list(game.state.actions),
                    reflections=dict(reflections or {}), saved_at=time.time())


def save(path: Path, data: SaveData) -> None:
    write_atomic(path, data.to_json())


def set_aside(path: Path) -> Path:
    """Move a broken save out of the way, keeping it for inspection. Only a file or a folder
    is moved: a device or a pipe given as the save stays where it is (OSError)."""
    if not (path.is_file() or path.is_dir()):
        raise OSError(errno.EINVAL, "not an ordinary file, left where it is", str(path))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.broken-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, target)
    return target


KEEP_EARLIER = 5  # earlier runs kept beside the save when new games replace it


def earlier_runs(path: Path) -> list[Path]:
    """Where earlier runs are kept, newest first: ``<name>.previous.json``, then
    ``<name>.previous-2.json`` up to ``<name>.previous-5.json``."""
    names = [f"{path.stem}.previous{path.suffix}"]
    names += [f"{path.stem}.previous-{n}{path.suffix}" for n in range(2, KEEP_EARLIER + 1)]
    return [path.with_name(name) for name in names]


def keep_previous(path: Path) -> Path:
    """Keep the run at ``path`` as ``<name>.previous.json``, moving older ones one place down;
    the oldest beyond KEEP_EARLIER is dropped."""
    slots = earlier_runs(path)
    if slots[-1].is_file():
        slots[-1].unlink()
    for newer, older in zip(reversed(slots[:-1]), reversed(slots)):
        if newer.exists():
            os.replace(newer, older)
    os.replace(path, slots[0])
    return slots[0]


def is_empty(data: SaveData) -> bool:
    """A run in which nothing was done or written: there is nothing in it to keep."""
    return not data.actions and not any(v.strip() for v in data.reflections.values())


def make_room(path: Path) -> tuple[str, dict] | None:
    """Before a new run is written to ``path``, keep what is there, unless it is empty.

    A real run moves to the earlier runs, a broken save is set aside; an empty run is simply
    replaced, so a second new game never pushes a real run out. Returns a message for the
    player (a strings key and its values), or None. Raises OSError when nothing could be moved.
    """
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        data = read(path)
    except SaveError as exc:
        kept = set_aside(path)
        return "save_broken", {"reason": str(exc), "path": str(kept)}
    if data is None or is_empty(data):
        return None
    kept = keep_previous(path)
    return "earlier_run_kept", {"path": str(kept), "count": KEEP_EARLIER}


def keep_original(path: Path) -> Path:
    """Copy the save at ``path`` untouched to ``<name>.before-replay-<time>.json``."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-replay-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.before-replay-{stamp}-{n}{path.suffix}")
        n += 1
    write_atomic(target, path.read_text(encoding="utf-8"))
    return target


@dataclass
class Resumed:
    game: Game
    data: SaveData
    message: str | None = None  # something the player should be told (content changed, ...)
    partial: bool = False  # replay stopped early: the save holds steps the run no longer has


def read(path: Path) -> SaveData | None:
    """The save at ``path``; None when there is none. Raises SaveError when it is broken."""
    path = Path(path)
    if not path.exists():
        return None
    if path.is_dir():
        raise SaveError("it is a folder, not a file")
    if not path.is_file():  # a device or a pipe: reading it might never end
        raise SaveError("it is not an ordinary file")
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"it is far too large for a save ({size // 1_000_000} MB)")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"cannot be read ({exc})") from None
    return SaveData.from_json(text)


def resume(content: Content, data: SaveData, lang: str | None = None) -> Resumed:
    """Rebuild a run from a save, explaining what could not be replayed."""
    if data.campaign not in content.campaigns:
        raise SaveError(f"campaign '{data.campaign}' is not in the loaded content")
    game, applied, problem = replay(content, data.campaign, data.seed, data.actions,
                                    lang or data.lang)
    message = None
    if problem is not None:
        message = (f"the content has changed since this game was saved: {applied} of "
                   f"{len(data.actions)} steps could be replayed ({problem}); you continue "
                   "from there")
    elif data.content_version != content_version(content, data.campaign):
        message = ("the content has changed since this game was saved; all your steps still "
                   "apply")
    data.actions = list(game.state.actions)
    return Resumed(game, data, message, partial=problem is not None)
