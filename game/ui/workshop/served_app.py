"""The game as the served browser runs it: the terminal app, with content already loaded.

The warm parent (``game.workshop.forkserver``) loads the session's content once before it forks;
a game forked from it joins the session as soon as it is mounted, so the first screen the browser
receives is the first case, not the title. When no warm content fits (a session with other case
folders), the app loads its content as it always does.

``started`` is called once the first case (or whatever the join led to) has been drawn: the warm
parent uses it to let the next game in a crowded room start (see ``forkserver.StartGate``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.message import Message
from textual.screen import Screen

import game.ui.app
from game.ui.app import MaatwerkApp
from game.ui.screens.title import TitleScreen
from game.ui.workshop.rehearsal import hand_over


class ServedTitle(TitleScreen):
    """The title, which hands over to the first case as soon as it exists."""

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, ServedApp) and app.warm_content is not None:
            app.post_message(app.ContentLoaded(app.warm_content))


class ServedApp(MaatwerkApp):
    # Textual finds a relative CSS_PATH beside the module of the class: point at the game's own
    CSS_PATH = str(Path(game.ui.app.__file__).with_name(str(MaatwerkApp.CSS_PATH)))

    def __init__(self, content: Any | None, started: Callable[[], None] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warm_content = content
        self._start_blur_passed = False
        self._started = started
        hand_over(self.stylesheet)  # the rules the warm parent parsed, when it could

    def post_message(self, message: Message) -> bool:
        """Textual's web driver reports the page as out of focus as it starts, before the page
        has said anything. The app would then draw the first case without its footer keys and
        restyle and redraw the whole screen at the participant's first key press (in a room of
        40, everyone's first press arrives within a second or two). The participant's whole
        window is this game: it starts in focus, and a blur the page itself sends later still
        counts."""
        if isinstance(message, events.AppBlur) and not self._start_blur_passed:
            self._start_blur_passed = True
            return True
        return super().post_message(message)

    def get_default_screen(self) -> Screen:
        return ServedTitle(id="title")

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_paint)

    def load_content(self) -> None:  # type: ignore[override]
        if self.warm_content is None:
            super().load_content()

    def enter_play(self) -> None:
        super().enter_play()
        self.call_after_refresh(self._first_paint)

    def _first_paint(self) -> None:
        if self.warm_content is None or self.player_run is not None or self.notices:
            started, self._started = self._started, None
            if started is not None:
                started()
