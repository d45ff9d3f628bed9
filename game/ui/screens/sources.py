"""Sources: the essay the game is built on, and what each case of the campaign draws on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


class SourcesScreen(Localised, Screen[None]):
    HELP_KEY = "help_sources"
    NAME_KEY = "screen_sources"
    BINDINGS = [Binding("escape", "close", "key_back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sources-scroll", classes="page"):
            yield Static(id="sources-head", classes="page-head")
            yield Static(id="sources-essay", classes="para")
            yield Static(id="sources-cases", classes="para")
        yield Footer()

    def relabel(self) -> None:
        app = self.maatwerk
        lang = self.lang
        self.query_one("#sources-head", Static).update(f"[b]{self.t('menu_sources')}[/]")
        self.query_one("#sources-essay", Static).update(escape(self.t("essay")))
        blocks = []
        from game.engine.catalogue import case_sources, find

        content = app.content
        campaign = find(content, app.campaign_id, lang) if content is not None else None
        if content is not None and campaign is not None:
            blocks.append(f"[b $text-primary]{escape(campaign.title)}[/]")
            for case in case_sources(content, campaign.id, lang):
                block = f"[b]{case.number}. {escape(case.title)}[/]"
                if case.sources:
                    block += f"\n   {self.t('sources_sections')}: {escape(', '.join(case.sources))}"
                block += f"\n   [b]{self.t('trade_offs')}:[/] {escape(case.trade_offs)}"
                if case.notes:
                    block += f"\n   [b]{self.t('facilitator_notes')}:[/] {escape(case.notes)}"
                blocks.append(block)
        self.query_one("#sources-cases", Static).update("\n\n".join(blocks))

    def action_close(self) -> None:
        self.dismiss(None)
