"""The side panel of the case screen: hours left, the five loyalties and the shared meters.

It is drawn as two texts, the hours and the rest, not as a widget per part: every widget of a
case screen costs each participant's new game styling, layout and drawing before the first
case appears, and in a full room that adds up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.content.conditions import LOYALTIES
from game.strings import s
from game.ui.i18n import escape
from game.ui.widgets.loyalty_panel import loyalty_line
from game.ui.widgets.meter_bar import meter_markup

if TYPE_CHECKING:
    from game.engine.views import MeterView, StandingView

FULL, EMPTY = "\u25a0", "\u25a1"


class SidePanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    SidePanel { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="hours", classes="hours")
        yield Static(id="standing")

    def show(self, lang: str, standing: StandingView,
             seat: tuple[str, str] | None = None) -> None:
        """The hours, totals and meters of the engine's standing view; for a workshop
        participant, ``seat`` (name and rejoin code): the code to write down, in view on every
        case."""
        left, budget, lost = standing.hours_left, standing.hours_budget, standing.hours_lost
        used = max(0, budget - left)
        blocks = f"[$text-accent]{FULL * left}[/][$text-muted]{EMPTY * used}[/]"
        text = (f"[b]{s('hours_heading', lang)}[/]\n{blocks if budget <= 12 else ''} "
                f"{s('hours_left', lang, left=left, budget=budget)}")
        if lost:
            text += "\n" + s("hours_lost", lang, lost=lost)
        self.query_one("#hours", Static).update(text)
        totals = dict(standing.loyalties)
        parts = ["\n".join([f"[b]{s('loyalties', lang)}[/]"] + [
            loyalty_line(s(f"loyalty_{k}", lang), totals.get(k, 0)) for k in LOYALTIES]),
            meters_text(lang, standing.meters)]
        if seat is not None:  # near the top, so a small terminal shows it too
            name, rejoin = seat
            parts.insert(0, f"[b]{s('rejoin_heading', lang)}[/] [b $text-accent]"
                            f"{escape(rejoin)}[/]\n[$text-muted]"
                            f"{escape(s('rejoin_hint', lang, name=name))}[/]")
        self.query_one("#standing", Static).update("\n\n".join(parts))


def meters_text(lang: str, meters: tuple[MeterView, ...] | list[MeterView]) -> str:
    lines = [f"[b]{s('meters', lang)}[/]"]
    lines += [meter_markup(m.name, m.value, m.min, m.max, list(m.thresholds)) for m in meters]
    return "\n".join(lines)
