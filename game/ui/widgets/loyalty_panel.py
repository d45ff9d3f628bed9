"""The five loyalties with their running totals, as the side panel shows them: a profile, not a
grade."""

from __future__ import annotations

from game.ui.i18n import signed

BAR_MAX = 5


def loyalty_line(name: str, value: int) -> str:
    """``Burger        +3 ■■■``: the sign and the bar carry the meaning without colour."""
    style = "$text-success" if value > 0 else "$text-error" if value < 0 else "$text-muted"
    bar = ("\u25a0" if value > 0 else "\u25a1") * min(abs(value), BAR_MAX)
    return f"{name[:12]:<12} [b {style}]{signed(value):>3}[/] [{style}]{bar}[/]"
