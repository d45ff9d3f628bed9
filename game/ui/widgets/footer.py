"""The game's footer: the screen's keys on one line, as Textual's footer shows them, drawn by one
widget.

Textual's footer is a container with a widget per key (and two style nodes per key): on a
case screen eight widgets to build, style, lay out and draw, for one line. In a room where
forty games start at once that was a tenth of what each game did before its first case
appeared. This footer draws the same line itself: each key with its description, the command
palette's key on the right behind a thin bar, in the theme's footer colours. A key lights up
under the mouse and shows its tooltip; clicking it presses it (a disabled key only beeps). The
keys are read from the screen's bindings as it is first drawn and again whenever Textual
announces they changed (the focus moved, the language switched); the line is redrawn only when
they did.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget


class Key(NamedTuple):
    key: str
    display: str
    description: str
    disabled: bool
    tooltip: str


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--hover",
                         "footer--palette-bar"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer--palette-bar {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[Key] = []
        self.palette: Key | None = None
        self._spans: list[tuple[int, int, Key]] = []  # (from x, to x, key) as last drawn
        self._hover: Key | None = None
        self._read = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    @property
    def descriptions(self) -> list[str]:
        """What the footer says the keys do, left to right."""
        self._read_keys()
        return [k.description for k in self.keys + ([self.palette] if self.palette else [])]

    # ------------------------------------------------------------ the keys
    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and self._read:
            before = (self.keys, self.palette)
            self._read = False
            self._read_keys()
            if (self.keys, self.palette) != before:
                self.refresh()

    def _read_keys(self) -> None:
        """The keys Textual's footer shows for the screen's bindings: the first binding of each
        action that is shown, in order; the command palette's apart, on the right."""
        if self._read:
            return
        try:
            active = self.screen.active_bindings
        except NoScreen:
            return
        self._read = True
        app = self.app
        first: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = Key(binding.key, app.get_key_display(binding),
                                            binding.description, not enabled, tooltip)
        self.palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tip = active[app.COMMAND_PALETTE_BINDING]
            self.palette = Key(binding.key, app.get_key_display(binding), binding.description,
                               not enabled, binding.tooltip or binding.description)
            first.pop(binding.action, None)
        self.keys = list(first.values())

    # ------------------------------------------------------------ drawing
    def render(self) -> Content:
        self._read_keys()
        key_style = self.get_visual_style("footer--key", partial=True)
        text_style = self.get_visual_style("footer--description", partial=True)
        hover = self.get_visual_style("footer--hover", partial=True)
        parts: list[tuple[str, Style] | str] = []
        spans: list[tuple[int, int, Key]] = []
        x = 0
        for key in self.keys:
            base = self._base(key, hover)
            shown = [(f" {key.display} ", base + key_style),
                     (f"{key.description} ", base + text_style)]
            width = sum(cell_len(text) for text, _ in shown)
            spans.append((x, x + width, key))
            parts += shown
            x += width
        keys = Content.assemble(*parts)
        if self.palette is not None:  # on the right, over any keys that do not fit before it
            key = self.palette
            base = self._base(key, hover)
            right = [("\u258f", self.get_visual_style("footer--palette-bar", partial=True)),
                     (key.display, base + key_style), (f" {key.description}", base + text_style),
                     (" ", base)]
            width = sum(cell_len(text) for text, _ in right)
            start = max(0, self.size.width - width)
            spans = [(a, min(b, start), k) for a, b, k in spans if a < start]
            spans.append((start, start + width, key))
            keys = Content.assemble(keys.truncate(start, pad=True), *right)
        self._spans = spans
        return keys

    def _base(self, key: Key, hover: Style) -> Style:
        """Under a key and its description: lit under the mouse, dim when disabled."""
        return (hover if key == self._hover else Style()) + Style(dim=key.disabled)

    # ------------------------------------------------------------ the mouse
    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._light(self._key_at(event.x))

    def on_leave(self) -> None:
        self._light(None)

    def _light(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.disabled:
            self.app.bell()
        else:
            self.app.simulate_key(key.key)
