"""A player's run: a game, where it is saved, and the autosave after every step.

(Called ``Session`` in ``game/session.py`` before; "session" now means only a workshop's
session, a room of participants. The save format did not change with the name.)

Front ends (the terminal app, plain mode, a workshop participant) all play through this, so
saving and recording work the same everywhere.

A save that cannot be written (a read-only folder, a full disk) never stops the game and
never loses a decision: the run stays in memory, the run says what went wrong
(``save_problem``), tries again at the next step and can move to another place
(``save_elsewhere``). What is already on disk is kept before anything new replaces it.
"""

from __future__ import annotations

import errno
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game import saves
from game.content.loader import Content
from game.engine.game import Game
from game.engine.views import Outcome
from game.save_problems import SaveProblem

Hook = Callable[["Run"], None]


@dataclass
class Run:
    content: Content
    game: Game
    save_path: Path | None
    reflections: dict[str, str] = field(default_factory=dict)
    on_decision: list[Callable[["Run", Outcome, str], None]] = field(default_factory=list)
    # why the last save failed (None when the run is on disk); hooks hear of a failure and of
    # the first save that works again
    save_problem: SaveProblem | None = None
    on_save_failed: list[Hook] = field(default_factory=list)
    on_saved_again: list[Hook] = field(default_factory=list)
    # messages for the player about kept files, as (strings key, values); see take_messages
    messages: list[tuple[str, dict]] = field(default_factory=list)
    # keeps what is at save_path before the first write there; stays pending until it worked
    _keep_first: Callable[[], tuple[str, dict] | None] | None = None

    @classmethod
    def new(cls, content: Content, campaign: str, seed: int | None, lang: str,
            save_path: Path | None) -> "Run":
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        run = cls(content, Game(content, campaign, seed, lang), save_path)
        run._keep_what_is_at(save_path)
        run.save()
        return run

    @classmethod
    def resume(cls, content: Content, save_path: Path, lang: str | None = None
               ) -> tuple["Run | None", list[tuple[str, dict]]]:
        """Resume the save at ``save_path``. Returns the run (None when there is no usable
        save) and messages for the player as (string key, values)."""
        messages: list[tuple[str, dict]] = []
        try:
            data = saves.read(save_path)
            if data is None:
                return None, messages
            resumed = saves.resume(content, data, lang)
        except saves.SaveError as exc:
            try:
                kept = saves.set_aside(save_path)
            except OSError as move:
                messages.append(("save_broken_stays", {"reason": str(exc),
                                                       "path": str(save_path),
                                                       "error": move.strerror or move}))
                return None, messages
            messages.append(("save_broken", {"reason": str(exc), "path": str(kept)}))
            return None, messages
        if resumed.message:
            messages.append(("save_changed", {"reason": resumed.message}))
        run = cls(content, resumed.game, save_path, dict(data.reflections))
        if resumed.partial:
            # the file holds steps this run no longer has: copy it untouched before the
            # shorter run is written over it
            run._keep_first = lambda: ("save_original_kept",
                                           {"path": str(saves.keep_original(save_path))})
            run.save()
        messages += run.take_messages()
        return run, messages

    @property
    def lang(self) -> str:
        return self.game.lang

    def set_language(self, lang: str) -> None:
        """Show the run's content in ``lang`` from now on; the next save records it."""
        self.game.lang = lang

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

    # ------------------------------------------------------------ saving
    def save(self) -> bool:
        """Write the run; True when it is on disk. A failure is kept in ``save_problem`` and
        told to the ``on_save_failed`` hooks, never raised: the next step tries again."""
        if self.save_path is None:
            return True
        try:
            self._write()
        except OSError as exc:
            failures = self.save_problem.failures + 1 if self.save_problem else 1
            self.save_problem = SaveProblem(self.save_path, exc, failures)
            for hook in self.on_save_failed:
                hook(self)
            return False
        if self.save_problem is not None:
            self.save_problem = None
            for hook in self.on_saved_again:
                hook(self)
        return True

    def save_elsewhere(self, path: Path) -> SaveProblem | None:
        """Save from now on at ``path`` (a file, or a folder to put the save in). Whatever is
        there already is kept first. Returns None when the run is on disk there; otherwise the
        problem, and the run keeps its old place."""
        path = Path(path).expanduser()
        if path.is_dir():
            name = self.save_path.name if self.save_path is not None else "autosave.json"
            path = path / name
        if path.is_dir():
            return SaveProblem(path, IsADirectoryError(errno.EISDIR, "is a folder"), 1)
        old_path, old_keep = self.save_path, self._keep_first
        self.save_path = path
        self._keep_first = None
        self._keep_what_is_at(path)
        try:
            self._write()
        except OSError as exc:
            self.save_path, self._keep_first = old_path, old_keep
            return SaveProblem(path, exc, 1)
        self.save_problem = None
        return None

    def take_messages(self) -> list[tuple[str, dict]]:
        """Messages about files kept along the way, each given once."""
        taken, self.messages = self.messages, []
        return taken

    def _keep_what_is_at(self, path: Path | None) -> None:
        if path is not None and (path.exists() or path.is_symlink()):
            self._keep_first = lambda: saves.make_room(path)

    def _write(self) -> None:
        assert self.save_path is not None
        if self._keep_first is not None:
            note = self._keep_first()
            self._keep_first = None
            if note is not None:
                self.messages.append(note)
        saves.save(self.save_path, saves.snapshot(self.game, self.reflections))
