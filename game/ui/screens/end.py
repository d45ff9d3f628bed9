"""The end of a campaign: the epilogue and the five loyalty totals.

Kept to one module on purpose: a later full debrief hooks in here (``EndScreen.compose``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.loyalty_panel import LOYALTIES, loyalty_line


class EndScreen(Localised, Screen[None]):
    HELP_KEY = "help_end"
    NAME_KEY = "screen_end"
    BINDINGS = [
        Binding("p", "app.precedents", "key_precedents"),
        Binding("i", "app.inbox", "key_inbox"),
        Binding("m", "app.menu", "key_menu"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end-scroll", classes="page"):
            yield Static(id="end-head", classes="page-head")
            yield Static(id="end-epilogue", classes="para")
            yield Static(id="end-profile", classes="para")
            yield Static(id="end-meters", classes="para")
        yield Footer()

    def relabel(self) -> None:
        game = self.game
        self.query_one("#end-head", Static).update(
            f"[b]{escape(self.t('end_heading', title=game.t(game.campaign.title)))}[/]")
        notes = game.epilogue()
        text = f"[b]{self.t('epilogue')}[/]\n" + "\n\n".join(escape(n.text) for n in notes)
        epilogue = self.query_one("#end-epilogue", Static)
        epilogue.update(text)
        epilogue.display = bool(notes)
        totals = game.state.loyalties
        rows = [f"[b]{self.t('profile')}[/]"]
        rows += [loyalty_line(self.t(f"loyalty_{k}"), totals.get(k, 0)) for k in LOYALTIES]
        self.query_one("#end-profile", Static).update("\n".join(rows))
        meters = [f"[b]{self.t('meters')}[/]"]
        meters += [f"{escape(game.t(m.name))}: [b]{game.state.meters[m.id]}[/]/{m.max}"
                   for m in game.campaign.meters]
        self.query_one("#end-meters", Static).update("\n".join(meters))
