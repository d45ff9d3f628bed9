"""The game as the served browser runs it: the terminal app, with content already loaded.

The warm parent (``game.workshop.forkserver``) loads the session's content once before it forks;
a game forked from it joins the session as it is mounted, so the first screen the browser
receives is the first case, not the title. The title (the game's menu) is built only when it is
first shown: when the participant opens the menu, or when joining did not lead to a case (a
closed room, a name that asks for its rejoin code). In a full room every game would otherwise
compose, style and lay out a menu nobody sees yet. When no warm content fits (a session with
other case folders), the app loads its content as it always does, behind the title.

``started`` is called once the first case (or whatever the join led to) has been drawn: the warm
parent uses it to let the next game in a crowded room start (see ``forkserver.StartGate``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList

import game.ui.app
from game.ui.app import MaatwerkApp
from game.ui.screens.title import TitleScreen
from game.ui.workshop.rehearsal import hand_over


class ServedTitle(TitleScreen):
    """The title, empty until it is first shown (``deferred``), then the same as ever."""

    def __init__(self, deferred: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.built = not deferred
        self._building = False

    def compose(self) -> ComposeResult:
        if self.built:
            yield from super().compose()

    def relabel(self) -> None:
        if self.built:
            super().relabel()

    def content_ready(self) -> None:
        if self.built:
            super().content_ready()

    def refresh_menu(self, reset: bool = False) -> None:
        if self.built:
            super().refresh_menu(reset)
        else:  # once the caller is done: a join that ended on the title (a notice) shows it
            self.call_next(self._show_if_seen)

    def on_screen_resume(self) -> None:
        self.call_next(self._show_if_seen)

    def on_screen_suspend(self) -> None:
        self.call_next(self._show_if_seen)

    def _compositor_refresh(self) -> None:
        if not self.built and not self.is_active:
            # empty and under the case: nothing of it can show, but Textual would repaint
            # the whole case screen for every refresh of the screen beneath it
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            return
        super()._compositor_refresh()

    def _show_if_seen(self) -> None:
        """Build the title when it is on top, or under a dialog that lets it show through
        (the rejoin code); the case screen hides it completely."""
        if self.built or self._building:
            return
        top = self.app.screen
        if top is self or (top.styles.background.a < 1 and self in self.app._background_screens):
            self._building = True
            self.call_next(self._build)

    async def _build(self) -> None:
        self.built = True
        await self.recompose()
        self.localise()
        if self.maatwerk.content is not None:
            self.content_ready()
        else:
            self.query_one("#menu", OptionList).focus()


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
        return ServedTitle(deferred=self.warm_content is not None, id="title")

    def on_mount(self) -> None:
        if self.warm_content is not None:
            # joined before any screen is drawn: the first frame is the case, with its notices
            self.post_message(self.ContentLoaded(self.warm_content))

    def load_content(self) -> None:  # type: ignore[override]
        if self.warm_content is None:
            super().load_content()

    def _display(self, screen: Screen, renderable: Any) -> None:
        super()._display(screen, renderable)
        if self._started is None or renderable is None:
            return
        title = self.screen_stack[0] if self.screen_stack else None
        if screen is not title or (isinstance(title, ServedTitle) and title.built):
            # the first frame of what the participant is meant to see is on its way
            started, self._started = self._started, None
            started()
