"""The debrief's two charts, drawn in characters: the loyalty profile against the range that was
possible, and the essay's two-axis map with the four variants and the player's position.

Both render what they are given (the engine's ``LoyaltyScore`` and ``MapPosition``). Glyphs carry
the meaning (█ total, ░ possible, │ zero, ● you), so they read in 16 colours, in high contrast
and without colour at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import Static

from game.ui.i18n import escape, signed

if TYPE_CHECKING:
    from game.engine.analysis import LoyaltyScore, MapPosition

TRACK_MAX = 30  # widest profile track, in cells
NAME_WIDTH = 12
QUADRANT_W, QUADRANT_H = 22, 5  # inner size of one quadrant of the map
# where each variant sits on the map: (right half, upper half)
QUADRANTS = {"standaardisatie": (False, False), "beleidscategorie": (True, False),
             "hardheidsclausule": (False, True), "standaardmaatwerk": (True, True)}


# ------------------------------------------------------------------ the profile
def profile_lines(scores: Sequence[LoyaltyScore], names: dict[str, str],
                  range_text: dict[str, str]) -> list[str]:
    """One markup line per loyalty, ``Burger        −4 ████│░░░░  possible −4 to +4``, and a
    scale line. All rows share one scale, so the loyalties compare at a glance."""
    low = min([0, *(s.lowest for s in scores)])
    high = max([0, *(s.highest for s in scores)])
    span = max(high - low, 1)
    unit = max(1, TRACK_MAX // span)
    width = span * unit + 1

    def col(value: int) -> int:
        return (value - low) * unit

    lines = []
    for score in scores:
        name = names.get(score.loyalty, score.loyalty)[:NAME_WIDTH]
        style = ("$text-success" if score.total > 0 else "$text-error" if score.total < 0
                 else "$text-muted")
        zero, total = col(0), col(score.total)
        first, last = sorted((zero, total))
        cells = []
        for c in range(width):
            if score.total != 0 and first <= c <= last:
                cells.append(f"[{style}]\u2588[/]")
            elif c == zero:
                cells.append("[b]\u2502[/]")
            elif col(score.lowest) <= c <= col(score.highest):
                cells.append("[$text-muted]\u2591[/]")
            else:
                cells.append(" ")
        lines.append(f"{escape(name):<{NAME_WIDTH}} [b {style}]{signed(score.total):>3}[/]  "
                     f"{''.join(cells)}  [$text-muted]{escape(range_text[score.loyalty])}[/]")
    scale = [" "] * (width + 4)
    for value in (low, 0, high):
        label = signed(value)
        start = max(0, min(col(value) - len(label) // 2, width - len(label)))
        scale[start:start + len(label)] = list(label)
    lines.append(" " * (NAME_WIDTH + 6) + "".join(scale).rstrip())
    return lines


class ProfileChart(Static):
    """The loyalty profile as bars on a shared scale, each with the range that was possible."""

    DEFAULT_CSS = "ProfileChart { height: auto; }"

    def show(self, scores: Sequence[LoyaltyScore], names: dict[str, str],
             range_text: dict[str, str], legend: str) -> None:
        lines = profile_lines(scores, names, range_text)
        self.update("\n".join([*lines, "", f"[$text-muted]{escape(legend)}[/]"]))


# ------------------------------------------------------------------ the map
def map_lines(position: MapPosition, names: dict[str, str], you: str, x_axis: str,
              y_axis: str) -> list[str]:
    """The two axes as a framed grid of four quadrants, each labelled with its variant, the
    player's quadrant highlighted and their position marked ``● You``. On a border (a tie)
    the marker sits on the dividing line and every quadrant it touches is highlighted."""
    width, height = 2 * QUADRANT_W + 3, 2 * QUADRANT_H + 3
    mid_x, mid_y = QUADRANT_W + 1, QUADRANT_H + 1
    chars = [[" "] * width for _ in range(height)]
    styles: list[list[str | None]] = [[None] * width for _ in range(height)]
    for y in range(height):
        for x in range(width):
            edge_x, edge_y = x in (0, mid_x, width - 1), y in (0, mid_y, height - 1)
            if edge_x and edge_y:
                chars[y][x] = _corner(x, y, width, height, mid_x, mid_y)
            elif edge_x:
                chars[y][x] = "\u2502"
            elif edge_y:
                chars[y][x] = "\u2500"
    # the player's position: group left to right, individual bottom to top
    px = 1 + round(position.group / 100 * (width - 3))
    py = 1 + round((100 - position.individual) / 100 * (height - 3))
    # the quadrants the engine placed it in: one, or on a border (a tie) each one it touches
    mine = (position.variant,) if position.variant else tuple(position.between)
    rights = {QUADRANTS[v][0] for v in mine}
    uppers = {QUADRANTS[v][1] for v in mine}
    if px == mid_x and len(rights) == 1:  # on a divider only by rounding: draw it inside
        px += 1 if rights == {True} else -1
    if py == mid_y and len(uppers) == 1:
        py += -1 if uppers == {True} else 1

    def put(text: str, x: int, y: int, style: str | None) -> None:
        for i, char in enumerate(text):
            if 0 <= x + i < width:
                chars[y][x + i] = char
                styles[y][x + i] = style

    for variant, (right, upper) in QUADRANTS.items():
        top, bottom = (1, mid_y - 1) if upper else (mid_y + 1, height - 2)
        # the label goes to the row of its quadrant furthest from the marker
        row = bottom if abs(py - top) <= 1 else top
        left = mid_x + 2 if right else 2
        ours = variant in mine
        label = names.get(variant, variant)[:QUADRANT_W - 2]
        put(("\u25b8" if ours else " ") + label, left - 1, row,
            "b $text-accent" if ours else None)
    if mine and px + len(you) + 2 <= width - 1:  # no place when every decision went up
        put("\u25cf " + you, px, py, "b $text-accent")
    elif mine:  # no room on the right: the word goes to the left of the dot
        put(you + " \u25cf", px - len(you) - 1, py, "b $text-accent")
    lines = [f"\u2191 [b]{escape(y_axis)}[/]"]
    for y in range(height):
        out: list[str] = []
        run: list[str] = []
        current: str | None = None
        for x in range(width):
            if styles[y][x] != current:
                out.append(_styled("".join(run), current))
                run, current = [], styles[y][x]
            run.append(chars[y][x])
        out.append(_styled("".join(run), current))
        lines.append("".join(out))
    lines.append(f"{escape(x_axis):>{width - 2}} [b]\u2192[/]")
    return lines


def _corner(x: int, y: int, width: int, height: int, mid_x: int, mid_y: int) -> str:
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
    """The essay's table 5.1 as a map: where the player's decisions put them."""

    DEFAULT_CSS = "VariantMap { height: auto; width: auto; }"

    def show(self, position: MapPosition, names: dict[str, str], you: str, x_axis: str,
             y_axis: str) -> None:
        self.update("\n".join(map_lines(position, names, you, x_axis, y_axis)))
