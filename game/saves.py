"""Versioned save files, written atomically; a broken one is set aside, never lost.

A save holds what is needed to rebuild a run: the campaign, the content version, the seed
and the list of actions by id. Resuming replays the actions through the engine.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.content.loader import Content
from game.files import write_atomic
from game.engine.game import Game, replay
from game.engine.state import Action

SAVE_FORMAT = 1


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
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SaveError(f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("game") != "maatwerk":
            raise SaveError("not a Maatwerk save")
        if data.get("format") != SAVE_FORMAT:
            raise SaveError(f"save format {data.get('format')!r} is not known to this version")
        try:
            actions = [Action(str(a["do"]), str(a["case"]), str(a["id"]),
                              str(a.get("motivation", ""))) for a in data["actions"]]
            return cls(campaign=str(data["campaign"]), seed=int(data["seed"]),
                       content_version=str(data.get("content_version", "")),
                       lang=str(data.get("lang", "nl")), actions=actions,
                       reflections={str(k): str(v) for k, v in
                                    dict(data.get("reflections", {})).items()},
                       saved_at=float(data.get("saved_at", 0.0)))
        except (KeyError, TypeError, ValueError) as exc:
            raise SaveError(f"a field is missing or wrong ({exc})") from None


def content_version(content: Content, campaign_id: str) -> str:
    """The campaign's version plus a fingerprint of the cases and events it uses."""
    camp = content.campaigns[campaign_id]
    digest = hashlib.sha256(camp.model_dump_json().encode())
    for case_id in camp.cases:
        if case_id in content.cases:
            digest.update(content.cases[case_id].model_dump_json().encode())
    for event_id in sorted(content.events):
        digest.update(content.events[event_id].model_dump_json().encode())
    return f"{camp.version}:{digest.hexdigest()[:12]}"


def snapshot(game: Game, reflections: dict[str, str] | None = None) -> SaveData:
    return SaveData(campaign=game.campaign.id, seed=game.state.seed,
                    content_version=content_version(game.content, game.campaign.id),
                    lang=game.lang, actions=list(game.state.actions),
                    reflections=dict(reflections or {}), saved_at=time.time())


def save(path: Path, data: SaveData) -> None:
    write_atomic(path, data.to_json())


def set_aside(path: Path) -> Path:
    """Move a broken save out of the way, keeping it for inspection."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.broken-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, target)
    return target


def keep_previous(path: Path) -> Path:
    """Keep the save at ``path`` as ``<name>.previous.json`` before a new game replaces it."""
    target = path.with_name(f"{path.stem}.previous{path.suffix}")
    os.replace(path, target)
    return target


@dataclass
class Resumed:
    game: Game
    data: SaveData
    message: str | None = None  # something the player should be told (content changed, ...)


def read(path: Path) -> SaveData | None:
    """The save at ``path``; None when there is none. Raises SaveError when it is broken."""
    if not path.exists():
        return None
    try:
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
    return Resumed(game, data, message)
