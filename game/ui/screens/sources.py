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
        content = app.content
        blocks = []
        if content is not None and app.campaign_id in content.campaigns:
            campaign = content.campaigns[app.campaign_id]  # type: ignore[index]
            blocks.append(f"[b $text-primary]{escape(campaign.title.get(lang))}[/]")
            for number, case_id in enumerate(
                    (c for c in campaign.cases if c in content.cases), start=1):
                case = content.cases[case_id]
                block = f"[b]{number}. {escape(case.title.get(lang))}[/]"
                if case.sources:
                    block += f"\n   {self.t('sources_sections')}: {escape(', '.join(case.sources))}"
                facilitator = case.facilitator
                block += (f"\n   [b]{self.t('trade_offs')}:[/] "
                          f"{escape(facilitator.trade_offs.get(lang))}")
                if facilitator.notes:
                    block += (f"\n   [b]{self.t('facilitator_notes')}:[/] "
                              f"{escape(facilitator.notes.get(lang))}")
                blocks.append(block)
        self.query_one("#sources-cases", Static).update("\n\n".join(blocks))

    def action_close(self) -> None:
        self.dismiss(None)
