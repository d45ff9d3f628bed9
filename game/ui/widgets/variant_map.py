"""The essay's table 5.1 as a map, drawn in characters: two axes, four variants, and who sits
where. One widget for the player's debrief (one position, ``● You``) and for the workshop
dashboard (a count of participants in each cell).

It renders what it is given (the engine's ``MapPosition``). Glyphs carry the meaning (│ ─ the
axes, ▸ the player's quadrant, ● the player, digits the number of participants), so the map
reads in 16 colours, in high contrast and without colour at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.widgets import Static

from game.content.variants import VARIANTS, corner
from game.ui.i18n import escape

if TYPE_CHECKING:
    from game.engine.analysis import MapPosition

QUADRANT_W, QUADRANT_H = 22, 5  # inner size of one quadrant of the map
# where each variant sits on the map: (right half, upper half), from the one rule in content
QUADRANTS = {variant: corner(variant) for variant in VARIANTS}


class _Grid:
    """The framed map: four quadrants of ``qw`` x ``qh`` cells, characters and their styles."""

    def __init__(self, qw: int = QUADRANT_W, qh: int = QUADRANT_H) -> None:
        self.qw = qw
        self.width, self.height = 2 * qw + 3, 2 * qh + 3
        self.mid_x, self.mid_y = qw + 1, qh + 1
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles: list[list[str | None]] = [[None] * self.width for _ in range(self.height)]
        for y in range(self.height):
            for x in range(self.width):
                edge_x = x in (0, self.mid_x, self.width - 1)
                edge_y = y in (0, self.mid_y, self.height - 1)
                if edge_x and edge_y:
                    self.chars[y][x] = _corner(x, y, self.width, self.height)
                elif edge_x:
                    self.chars[y][x] = "\u2502"
                elif edge_y:
                    self.chars[y][x] = "\u2500"

    def place(self, position: MapPosition) -> tuple[int, int, tuple[str, ...]]:
        """The cell of ``position`` (group left to right, individual bottom to top) and the
        quadrants the engine placed it in: one, or on a border (a tie) each one it touches."""
        px = 1 + round(position.group / 100 * (self.width - 3))
        py = 1 + round((100 - position.individual) / 100 * (self.height - 3))
        mine = (position.variant,) if position.variant else tuple(position.between)
        rights = {QUADRANTS[v][0] for v in mine}
        uppers = {QUADRANTS[v][1] for v in mine}
        if px == self.mid_x and len(rights) == 1:  # on a divider only by rounding: inside
            px += 1 if rights == {True} else -1
        if py == self.mid_y and len(uppers) == 1:
            py += -1 if uppers == {True} else 1
        return px, py, mine

    def rows_of(self, upper: bool) -> tuple[int, int]:
        """The top and bottom row inside the quadrants of the upper or the lower half."""
        return (1, self.mid_y - 1) if upper else (self.mid_y + 1, self.height - 2)

    def put(self, text: str, x: int, y: int, style: str | None) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < self.width:
                self.chars[y][x + i] = char
                self.styles[y][x + i] = style

    def label(self, variant: str, names: dict[str, str], row: int, ours: bool) -> None:
        left = self.mid_x + 2 if QUADRANTS[variant][0] else 2
        label = names.get(variant, variant)[:self.qw - 2]
        self.put(("\u25b8" if ours else " ") + label, left - 1, row,
                 "b $text-accent" if ours else None)

    def lines(self, x_axis: str, y_axis: str, caption: str = "") -> list[str]:
        """The map as markup lines, with the axes named."""
        head = f"\u2191 [b]{escape(y_axis)}[/]"
        out = [head + (f"  [$text-muted]{escape(caption)}[/]" if caption else "")]
        for y in range(self.height):
            parts: list[str] = []
            run: list[str] = []
            current: str | None = None
            for x in range(self.width):
                if self.styles[y][x] != current:
                    parts.append(_styled("".join(run), current))
                    run, current = [], self.styles[y][x]
                run.append(self.chars[y][x])
            parts.append(_styled("".join(run), current))
            out.append("".join(parts))
        out.append(f"{escape(x_axis):>{self.width - 2}} [b]\u2192[/]")
        return out


def map_lines(position: MapPosition, names: dict[str, str], you: str, x_axis: str,
              y_axis: str) -> list[str]:
    """The player's map: the four quadrants, each labelled with its variant, the player's
    quadrant highlighted and their position marked ``● You``. On a border (a tie) the marker
    sits on the dividing line and every quadrant it touches is highlighted."""
    grid = _Grid()
    px, py, mine = grid.place(position)
    for variant, (_, upper) in QUADRANTS.items():
        top, bottom = grid.rows_of(upper)
        # the label goes to the row of its quadrant furthest from the marker
        grid.label(variant, names, bottom if abs(py - top) <= 1 else top, variant in mine)
    if mine and px + len(you) + 2 <= grid.width - 1:  # no place when every decision went up
        grid.put("\u25cf " + you, px, py, "b $text-accent")
    elif mine:  # no room on the right: the word goes to the left of the dot
        grid.put(you + " \u25cf", px - len(you) - 1, py, "b $text-accent")
    return grid.lines(x_axis, y_axis)


def group_map_lines(positions: Iterable[MapPosition], names: dict[str, str], x_axis: str,
                    y_axis: str, caption: str = "", quadrant: tuple[int, int] = (QUADRANT_W,
                                                                              QUADRANT_H),
                    ) -> list[str]:
    """A group's map: the same quadrants, with the number of participants in each cell (``+``
    for ten or more). Participants without a place (every decision went up) are left out."""
    grid = _Grid(*quadrant)
    counts = Counter(grid.place(p)[:2] for p in positions if p.variant or p.between)
    for variant, (right, upper) in QUADRANTS.items():
        top, bottom = grid.rows_of(upper)
        outer, inner = (top, bottom) if upper else (bottom, top)  # at the map's edge if free
        left = grid.mid_x + 1 if right else 1
        span = range(left, left + len(names.get(variant, variant)) + 1)
        taken = any(y == outer and x in span for x, y in counts)
        grid.label(variant, names, inner if taken else outer, False)
    for (x, y), n in counts.items():
        grid.put(str(n) if n < 10 else "+", x, y, "b reverse")
    return grid.lines(x_axis, y_axis, caption)


def _corner(x: int, y: int, width: int, height: int) -> str:
    up, down = y > 0, y < height - 1
    left, right = x > 0, x < width - 1
    table = {
        (False, True, False, True): "\u250c", (False, True, True, False): "\u2510",
        (True, False, False, True): "\u2514", (True, False, True, False): "\u2518",
        (False, True, True, True): "\u252c", (True, False, True, True): "\u2534",
        (True, True, False, True): "\u251c", (True, True, True, False): "\u2524",
        (True, True, True, True): "\u253c",
    }
    return table[(up, down, left, right)]


def _styled(text: str, style: str | None) -> str:
    if not text:
        return ""
    return f"[{style}]{escape(text)}[/]" if style else escape(text)


class VariantMap(Static):
    """Where decisions put the player (``show``) or each participant of a group
    (``show_group``, which fills its region and redraws when that changes size)."""

    DEFAULT_CSS = """
    VariantMap { height: auto; width: auto; }
    VariantMap.-fill { height: 1fr; width: 1fr; min-height: 15; padding: 0 1; }
    """

    def __init__(self, *, fill: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_class(fill, "-fill")
        # what show_group drew last: positions, names, x axis, y axis, caption
        self._group: tuple[tuple[MapPosition, ...], dict[str, str], str, str, str] | None = None

    def show(self, position: MapPosition, names: dict[str, str], you: str, x_axis: str,
             y_axis: str) -> None:
        self._group = None
        self.update("\n".join(map_lines(position, names, you, x_axis, y_axis)))

    def show_group(self, positions: Iterable[MapPosition], names: dict[str, str], x_axis: str,
                   y_axis: str, caption: str = "") -> None:
        group = (tuple(positions), names, x_axis, y_axis, caption)
        if group != self._group:
            self._group = group
            self._draw_group()

    def on_resize(self) -> None:
        if self._group is not None:
            self._draw_group()

    def _draw_group(self) -> None:
        assert self._group is not None
        region = self.content_region
        quadrant = (max(QUADRANT_W, (region.width - 3) // 2),
                    max(QUADRANT_H, (region.height - 5) // 2))
        self.update("\n".join(group_map_lines(*self._group, quadrant=quadrant)))
