"""The five loyalties with their running totals: a profile, not a grade."""

from __future__ import annotations

from textual.widgets import Static

from game.content.conditions import LOYALTIES
from game.strings import s
from game.ui.i18n import signed

BAR_MAX = 5


def loyalty_line(name: str, value: int) -> str:
    """``Burger        +3 ■■■``: the sign and the bar carry the meaning without colour."""
    style = "$text-success" if value > 0 else "$text-error" if value < 0 else "$text-muted"
    bar = ("\u25a0" if value > 0 else "\u25a1") * min(abs(value), BAR_MAX)
    return f"{name[:12]:<12} [b {style}]{signed(value):>3}[/] [{style}]{bar}[/]"


class LoyaltyPanel(Static):
    """Renders the totals it is given; it holds no game state of its own."""

    DEFAULT_CSS = """
    LoyaltyPanel { height: auto; }
    """

    def show(self, totals: dict[str, int], lang: str) -> None:
        lines = [f"[b]{s('loyalties', lang)}[/]"]
        lines += [loyalty_line(s(f"loyalty_{k}", lang), totals.get(k, 0)) for k in LOYALTIES]
        self.update("\n".join(lines))
