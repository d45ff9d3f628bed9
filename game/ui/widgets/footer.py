"""The game's footer: Textual's, with its keys drawn in the screen's first frame and built
again only when they change.

Textual's footer shows no keys until the screen's bindings are announced after its first
refresh, and then removes and mounts all its keys again for every announcement: as a screen
comes up that is several times in a row (the app's and the screen's translated descriptions,
the screen stack, the focus). Each key it mounts also toggles its compact style on and off
again, restyling itself twice. This footer builds its keys as it is composed, from the
screen's bindings at that moment, and after an announcement only when the keys it would show
differ from those on screen. It shows the same keys, the same way (the game's footer is never
compact, and the game groups no keys).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey as TextualFooterKey

# what a key shows: key, its display, description, action, disabled, tooltip, classes
Shown = tuple[str, str, str, str, bool, str, str]
PALETTE = "-command-palette"


class FooterKey(TextualFooterKey):
    compact = reactive(False)  # as the footer is: mounting a key changes no class


class Footer(TextualFooter):
    _rebuild_pending = False
    _shown: list[Shown] | None = None

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for key, display, description, action, disabled, tooltip, classes in self._shown:
            shown = FooterKey(key, display, description, action, disabled=disabled,
                              tooltip=tooltip, classes=classes)
            if classes == PALETTE:  # Textual draws the palette's key compact: so does this
                shown.set_reactive(FooterKey.compact, True)
                shown.add_class("-compact", update=False)
            yield shown

    def _keys(self) -> list[Shown]:
        """The keys Textual's footer shows for the screen's bindings now (first binding of each
        action, in order; then the command palette's, on the right)."""
        app = self.app
        active = self.screen.active_bindings
        first: dict[str, Shown] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding.key, app.get_key_display(binding),
                                         binding.description, binding.action, not enabled,
                                         tooltip, "")
        shown = list(first.values())
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = active.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, tooltip = palette
                shown.append((binding.key, app.get_key_display(binding), binding.description,
                              binding.action, not enabled,
                              binding.tooltip or binding.description, PALETTE))
        return shown

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:  # its screen went before the refresh came
            return
        try:
            keys = self._keys()
        except NoScreen:
            return
        if keys != self._shown:
            await self.recompose()
