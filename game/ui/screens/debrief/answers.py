"""The debrief's three typed answers: kept in the run's save as the player types.

Plain mode keeps them the same way (``Run.reflect``), so the report includes them wherever the
run was played.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer
from textual.widgets import TextArea

from game.engine.analysis import ANSWER_KEYS
from game.textsafety import LIMITS, clean_text

if TYPE_CHECKING:
    from game.run import Run

ANSWERS = ANSWER_KEYS  # the keys plain mode and the reports use too
SAVE_DELAY = 1.0  # seconds of quiet typing before an answer is written to the save


class AnswerKeeping:
    """Mixin for the debrief screen: ``_run`` is the run the debrief is about. (A plain mixin
    gets no ``@on`` handlers registered: the screen routes ``TextArea.Changed`` here.)"""

    _run: Run | None
    _answers: dict[str, str]
    _save_timer: Timer | None = None

    def _take_answers(self, run: Run | None) -> None:
        self._run = run
        kept = run.reflections if run else {}
        self._answers = {key: kept.get(key, "") for key in ANSWERS}  # as typed, per key

    def _kept_key(self) -> str:
        """Say the answers are kept only when there is a save to keep them in (a workshop
        participant plays without one)."""
        run = self._run
        return "answer_kept" if run is not None and run.save_path else "answer_not_kept"

    def _answer_typed(self, area: TextArea) -> None:
        """An answer box changed: note the text, and keep it once typing pauses."""
        key = (area.id or "").removeprefix("answer-")
        limit = LIMITS["answer"]
        if len(area.text) > limit >= len(self._answers.get(key, "")):
            self.notify(self.t("text_cut", limit=limit), severity="warning")  # type: ignore[attr-defined]
        self._answers[key] = area.text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._store_answers)  # type: ignore[attr-defined]

    def answers(self) -> dict[str, str]:
        """The answers as kept: control characters removed, at most LIMITS['answer'] long."""
        return {key: clean_text(text, "answer") for key, text in self._answers.items()}

    def _store_answers(self) -> None:
        """Keep the typed answers in the save, as plain mode does (``Run.reflect``);
        never in another run's save (a new game may already have replaced this one)."""
        run = self._run
        if run is None or run is not self.maatwerk.player_run:  # type: ignore[attr-defined]
            return
        for key, text in self.answers().items():
            if text != run.reflections.get(key, ""):
                run.reflect(key, text)

    def on_screen_suspend(self) -> None:
        """Another screen comes over this one (help, the menu, a new game): keep what is typed."""
        self._store_answers()

    def on_unmount(self) -> None:
        self._store_answers()
