"""Choose the campaign for the next new game."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.i18n import escape
from game.ui.screens.base import Localised


class CampaignScreen(Localised, ModalScreen[str | None]):
    HELP_KEY = "help_campaigns"
    NAME_KEY = "screen_campaigns"
    BINDINGS = [Binding("escape", "close", "key_back")]

    def compose(self) -> ComposeResult:
        with Vertical(id="campaign-box", classes="dialog"):
            yield Static(id="campaign-head", classes="page-head")
            yield OptionList(id="campaign-list")

    def relabel(self) -> None:
        from game.engine.catalogue import campaigns as listed

        app = self.maatwerk
        self.query_one("#campaign-head", Static).update(f"[b]{self.t('choose_campaign')}[/]")
        assert app.content is not None
        listing = self.query_one(OptionList)
        campaigns = listed(app.content, self.lang)
        listing.set_options(
            Option(f"[b]{escape(c.title)}[/]  [$text-muted]"
                   f"({self.t('cases_count', count=c.cases)})"
                   f"[/]\n   {escape(c.description)}", id=c.id)
            for c in campaigns)
        ids = [c.id for c in campaigns]
        if app.campaign_id in ids:
            listing.highlighted = ids.index(app.campaign_id)
        listing.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
