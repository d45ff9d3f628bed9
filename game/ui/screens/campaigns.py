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
        app = self.maatwerk
        lang = self.lang
        self.query_one("#campaign-head", Static).update(f"[b]{self.t('choose_campaign')}[/]")
        content = app.content
        assert content is not None
        listing = self.query_one(OptionList)
        campaigns = sorted(content.campaigns.values(), key=lambda c: c.title.get(lang))
        listing.set_options(
            Option(f"[b]{escape(c.title.get(lang))}[/]  [$text-muted]"
                   f"({self.t('cases_count', count=sum(1 for x in c.cases if x in content.cases))})"
                   f"[/]\n   {escape(c.description.get(lang))}", id=c.id)
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
