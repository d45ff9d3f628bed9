"""A shared meter (backlog, rule pressure, media, ...) as the side panel shows it: a name, a bar
and a number."""

from __future__ import annotations

from game.ui.i18n import escape

WIDTH = 12


def meter_markup(name: str, value: int, low: int, high: int, thresholds: list[int]) -> str:
    span = max(1, high - low)
    filled = round((value - low) * WIDTH / span)
    passed = [t for t in thresholds if value >= t]
    style = ("$text-error" if passed and len(passed) == len(thresholds) and len(thresholds) > 1
             else "$text-warning" if passed else "$text-primary")
    bar = "\u2588" * filled + "\u2591" * (WIDTH - filled)
    return f"{escape(name)}\n [{style}]{bar}[/] [b]{value}[/]/{high}"
