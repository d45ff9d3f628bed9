"""What every screen of the game shares: the interface language and live re-rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from game.strings import s
from game.ui.i18n import LocalisedBindings

if TYPE_CHECKING:
    from textual import events
    from textual.geometry import Size
    from textual.screen import Screen

    from game.engine.game import Game
    from game.ui.app import MaatwerkApp


class Localised(LocalisedBindings):
    """Mixin for screens: ``t()`` for interface strings, ``relabel()`` to (re)write all text.

    ``relabel`` is called on mount and again whenever the player switches language, so a
    screen renders everything it shows in it, from the engine's current views.
    """

    HELP_KEY: ClassVar[str] = "help_general"  # strings key: what this screen is for
    NAME_KEY: ClassVar[str] = "app_title"  # strings key: the screen's name in help

    @property
    def maatwerk(self) -> MaatwerkApp:
        return cast("MaatwerkApp", self.app)

    @property
    def game(self) -> Game:
        run = self.maatwerk.player_run
        assert run is not None, "a play screen needs a run"
        return run.game

    @property
    def lang(self) -> str:
        return self.maatwerk.lang

    def t(self, key: str, **values: object) -> str:
        return s(key, self.lang, **values)

    def on_mount(self) -> None:
        self.localise()
        # Textual hides a new screen's (empty) rack of notices only after its first frame, and
        # that asks for a second layout of the whole screen; hidden now, before the first one,
        # it costs nothing. A notice that comes shows the rack as before.
        for rack in self.query("#textual-toastrack"):
            rack.display = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Runs before Textual's own handler: a screen shown for the first time was styled as
        it was built, and restyling all of it again cost every new screen (the first case of
        each participant in a room) a pass over every widget before its first frame."""
        if not getattr(self, "_shown_before", False):
            self._shown_before = True
            event.refresh_styles = False

    def _screen_resized(self, size: Size) -> None:
        """Lay the screen out again only when its size changed. Textual does it for every
        Resize a screen gets, also for the one its own first layout sends it and for a repeat
        of the size the app already had: each cost a new screen a second (and third) full
        layout and frame that came out the same."""
        if size == cast("Screen", self)._compositor.size:
            return
        super()._screen_resized(size)

    def localise(self) -> None:
        self.refresh_bindings()  # the footer asks for the keys again, in the current language
        self.relabel()

    def relabel(self) -> None:
        """Write every text of the screen in the current language."""
