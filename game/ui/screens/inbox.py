"""The inbox: every event that has arrived, openable again at any time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


class InboxScreen(Localised, Screen[None]):
    HELP_KEY = "help_inbox"
    NAME_KEY = "screen_inbox"
    BINDINGS = [
        Binding("escape", "close", "key_back"),
        Binding("p", "app.precedents", "key_precedents"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="page"):
            yield Static(id="inbox-head", classes="page-head")
            yield Static(id="inbox-empty", classes="para")
            yield OptionList(id="inbox-list")
        yield Footer()

    def relabel(self) -> None:
        events = self.game.inbox()
        self.query_one("#inbox-head", Static).update(
            f"[b]{self.t('inbox')}[/]  [$text-muted]{self.t('inbox_hint')}[/]")
        empty = self.query_one("#inbox-empty", Static)
        empty.update(self.t("inbox_empty"))
        empty.display = not events
        listing = self.query_one("#inbox-list", OptionList)
        keep = listing.highlighted
        listing.set_options(
            Option(f"[b]{escape(self.t('kind_' + e.kind))}[/] \u00b7 {escape(e.sender)}\n"
                   f"   {escape(e.title)}  [$text-muted]"
                   f"({self.t('after_decision', number=e.after_decision)})[/]", id=str(i))
            for i, e in enumerate(events))
        listing.display = bool(events)
        if events:
            listing.highlighted = keep if keep is not None else len(events) - 1
            listing.focus()

    @on(OptionList.OptionSelected, "#inbox-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from game.ui.screens.event import EventScreen
        self.app.push_screen(EventScreen(int(event.option.id or 0)))

    def action_close(self) -> None:
        self.dismiss(None)
