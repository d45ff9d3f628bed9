"""A playing session: a game, where it is saved, and the autosave after every step.

Front ends (the terminal app, plain mode, a workshop participant) all play through this, so
saving and recording work the same everywhere.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game import saves
from game.content.loader import Content
from game.engine.game import Game
from game.engine.views import Outcome


@dataclass
class Session:
    content: Content
    game: Game
    save_path: Path | None
    reflections: dict[str, str] = field(default_factory=dict)
    on_decision: list[Callable[["Session", Outcome, str], None]] = field(default_factory=list)

    @classmethod
    def new(cls, content: Content, campaign: str, seed: int | None, lang: str,
            save_path: Path | None) -> "Session":
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        if save_path is not None and save_path.exists():
            # a new game never silently wipes the last one: keep it beside the new save
            saves.keep_previous(save_path)
        session = cls(content, Game(content, campaign, seed, lang), save_path)
        session.save()
        return session

    @classmethod
    def resume(cls, content: Content, save_path: Path, lang: str | None = None
               ) -> tuple["Session | None", list[tuple[str, dict]]]:
        """Resume the save at ``save_path``. Returns the session (None when there is no usable
        save) and messages for the player as (string key, values)."""
        messages: list[tuple[str, dict]] = []
        try:
            data = saves.read(save_path)
            if data is None:
                return None, messages
            resumed = saves.resume(content, data, lang)
        except saves.SaveError as exc:
            kept = saves.set_aside(save_path)
            messages.append(("save_broken", {"reason": str(exc), "path": str(kept)}))
            return None, messages
        if resumed.message:
            messages.append(("save_changed", {"reason": resumed.message}))
        session = cls(content, resumed.game, save_path, dict(data.reflections))
        return session, messages

    @property
    def lang(self) -> str:
        return self.game.lang

    def investigate(self, action_id: str) -> str:
        text = self.game.investigate(action_id)
        self.save()
        return text

    def choose(self, option_id: str, motivation: str = "") -> Outcome:
        outcome = self.game.choose(option_id, motivation)
        self.save()
        for hook in self.on_decision:
            hook(self, outcome, motivation.strip())
        return outcome

    def reflect(self, key: str, text: str) -> None:
        self.reflections[key] = text
        self.save()

    def save(self) -> None:
        if self.save_path is not None:
            saves.save(self.save_path, saves.snapshot(self.game, self.reflections))
