"""The debrief's loyalty profile, drawn in characters, against the range that was possible.
(The debrief's other chart, the map of the four variants, is ``variant_map``: the workshop
dashboard draws it too.)

It renders what it is given (the engine's ``LoyaltyScore``). Glyphs carry the meaning (█ total,
░ possible, │ zero), so it reads in 16 colours, in high contrast and without colour at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import Static

from game.ui.i18n import escape, signed

if TYPE_CHECKING:
    from game.engine.analysis import LoyaltyScore

TRACK_MAX = 30  # widest profile track, in cells
NAME_WIDTH = 12


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
