"""The game's footer: Textual's, rebuilt once per refresh however often the bindings change.

As a screen comes up its bindings are announced several times in a row (the app's and the
screen's translated descriptions, the screen stack, the focus), and Textual's footer removes
and mounts all its keys again for each: four times before the title's first frame, six for a
case. This one waits for the refresh and then rebuilds once, showing the same keys.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
