"""Keys typed while the screen changes reach the screen the player is now on, in the order typed.

Textual hands each key to the focused widget of the screen on top (or to the screen, when
nothing has the focus yet) and resolves bindings only when the key comes back up to the app. A
player who presses a decision's number and goes on typing (fast, or on a busy served game where
keys queue up) has the next keys handed to the case screen before the number's binding has
opened the motivation screen, or to the motivation screen before its field has the focus. When
they come back, nothing takes them: the start of the motivation was lost, and an Enter typed
after it recorded what was left.

``TypeAhead`` notes where each key was typed: the screen on top and its focus. A key that comes
back unused after the screen on top has changed, or after a screen without focus has given its
field the focus, is handed over again as if just typed, so it lands where the player now is.

Order: the keys that come back do so one by one, while keys typed after them may already have
gone straight to the new place. So once the place keys go to has changed while keys sent to the
old place may still come back, new keys are held. A marker is sent after the old keys, the
same way (to the old place, coming back up as they do); when it is back, every old key has
been used or handed over again, and the held keys follow, in the order typed.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual import events
from textual.app import ScreenStackError
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget


class KeysBehind(Message):
    """The marker that follows the keys sent to a place the player has left."""


class TypeAhead:
    """Mixin for the App (before ``App`` in the bases)."""

    HOLD_AT_MOST = 0.5  # seconds new keys wait for the marker, should it be lost on its way
    # where each key still on its way was typed: the screen on top and its focus
    _typed_on: WeakKeyDictionary[events.Key, tuple[Screen, Widget | None]] | None = None
    _held: list[events.Key] | None = None  # new keys waiting for the marker, in order
    _rounds = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if self._came_back_elsewhere(event):
                again = events.Key(event.key, event.character)  # as if just typed, but ahead
                self._came_back_elsewhere(again)  # of any key held: it was typed before them
                await super().on_event(again)  # type: ignore[misc]
                return
            if not event.is_forwarded and self._hold(event):
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

    def _hold(self, key: events.Key) -> bool:
        """True when the new ``key`` must wait for keys sent earlier to another place."""
        if self._held is not None:
            self._held.append(key)
            return True
        typed = self._typed_on
        place = typed.get(key) if typed is not None else None
        behind = self._behind(place, key) if place is not None else None
        if behind is None or not self._mark(behind):
            return False
        assert typed is not None
        typed.pop(key, None)  # noted again where it goes once it is let through
        self._held = [key]
        self._rounds = 1
        held = self._held

        async def lost() -> None:  # the marker did not come back: do not keep the keys
            if self._held is held:
                await self._let_through()
        self.set_timer(self.HOLD_AT_MOST, lost)  # type: ignore[attr-defined]
        return True

    def _behind(self, place: tuple[Screen, Widget | None],
                but: events.Key | None = None) -> tuple[Screen, Widget | None] | None:
        """Another place than ``place`` that a key was sent to and may still come back from."""
        for other, where in list((self._typed_on or {}).items()):
            if other is not but and where != place:
                return where
        return None

    @staticmethod
    def _mark(place: tuple[Screen, Widget | None]) -> bool:
        """Send the marker after the keys sent to ``place``, the way they went."""
        screen, focus = place
        target: Widget = focus if focus is not None and focus.is_attached else screen
        if not target.is_attached:
            return False
        return target.post_message(KeysBehind())

    async def on_keys_behind(self, message: KeysBehind) -> None:
        """A marker is back. If keys were handed over again meanwhile (to a screen that had no
        focus yet), follow them with another; else let the held keys through."""
        message.stop()
        if self._held is None:
            return
        try:
            place = (self.screen, self.screen.focused)  # type: ignore[attr-defined]
        except ScreenStackError:
            place = None
        behind = self._behind(place) if place is not None else None
        if behind is not None and self._rounds < 5 and self._mark(behind):
            self._rounds += 1
            return
        await self._let_through()

    async def _let_through(self) -> None:
        held, self._held = self._held, None
        for key in held or ():
            await self.on_event(events.Key(key.key, key.character))
