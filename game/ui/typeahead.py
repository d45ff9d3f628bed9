"""Keys typed while the screen changes reach the screen the player is now on.

Textual hands each key to the focused widget of the screen on top (or to the screen, when
nothing has the focus yet) and resolves bindings only when the key comes back up to the app. A
player who presses a decision's number and goes on typing (fast, or on a busy served game where
keys queue up) has the next keys handed to the case screen before the number's binding has
opened the motivation screen, or to the motivation screen before its field has the focus. When
they come back, nothing takes them: the start of the motivation was lost, and an Enter typed
after it recorded what was left.

``TypeAhead`` notes where each key was typed: the screen on top and its focus. A key that comes
back unused after the screen on top has changed, or after a screen without focus has given its
field the focus, is handed over again as if just typed, so it lands where the player now is,
in the order it was typed.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual import events
from textual.app import ScreenStackError
from textual.screen import Screen
from textual.widget import Widget


class TypeAhead:
    """Mixin for the App (before ``App`` in the bases)."""

    # where each key still on its way was typed: the screen on top and its focus
    _typed_on: WeakKeyDictionary[events.Key, tuple[Screen, Widget | None]] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self._came_back_elsewhere(event):
            await self.on_event(events.Key(event.key, event.character))  # as if just typed
            return
        await super().on_event(event)  # type: ignore[misc]

    def _came_back_elsewhere(self, key: events.Key) -> bool:
        """Notes where a new key is typed; True for a key that comes back unused to another
        screen than it was typed on, or to a screen that has since focused a widget."""
        try:
            screen: Screen = self.screen  # type: ignore[attr-defined]
        except ScreenStackError:  # starting or ending: there is nowhere else to go
            return False
        typed = self._typed_on
        if typed is None:
            typed = self._typed_on = WeakKeyDictionary()
        if not key.is_forwarded:
            typed[key] = (screen, screen.focused)
            return False
        if key not in typed:
            return False
        then, focus = typed.pop(key)
        return then is not screen or (focus is None and screen.focused is not None)
