"""The side panel of the case screen: hours left, the five loyalties and the shared meters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from game.strings import s
from game.ui.widgets.loyalty_panel import LoyaltyPanel
from game.ui.widgets.meter_bar import MeterBar

if TYPE_CHECKING:
    from game.engine.views import StandingView

FULL, EMPTY = "\u25a0", "\u25a1"


class SidePanel(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    SidePanel { height: 1fr; }
    SidePanel > #meters-heading { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="hours", classes="hours")
        yield LoyaltyPanel(id="loyalty-panel")
        yield Static(id="meters-heading")

    def show(self, lang: str, standing: StandingView) -> None:
        """The hours, totals and meters of the engine's standing view."""
        left, budget, lost = standing.hours_left, standing.hours_budget, standing.hours_lost
        used = max(0, budget - left)
        blocks = f"[$text-accent]{FULL * left}[/][$text-muted]{EMPTY * used}[/]"
        text = (f"[b]{s('hours_heading', lang)}[/]\n{blocks if budget <= 12 else ''} "
                f"{s('hours_left', lang, left=left, budget=budget)}")
        if lost:
            text += "\n" + s("hours_lost", lang, lost=lost)
        self.query_one("#hours", Static).update(text)
        self.query_one(LoyaltyPanel).show(dict(standing.loyalties), lang)
        self.query_one("#meters-heading", Static).update(f"[b]{s('meters', lang)}[/]")
        present = {bar.id: bar for bar in self.query(MeterBar)}
        for meter in standing.meters:
            bar = present.get(f"meter-{meter.id}")
            if bar is None:
                bar = MeterBar(id=f"meter-{meter.id}")
                self.mount(bar)
            bar.show(meter.name, meter.value, meter.min, meter.max, list(meter.thresholds))
