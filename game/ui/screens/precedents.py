"""The precedent log: every decision so far, with the case, the option and the motivation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from game.texts import option_tag
from game.ui.i18n import escape, signed
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


class PrecedentScreen(Localised, Screen[None]):
    HELP_KEY = "help_precedents"
    NAME_KEY = "screen_precedents"
    BINDINGS = [
        Binding("escape", "close", "key_back"),
        Binding("i", "app.inbox", "key_inbox"),
    ]

    def __init__(self, focus_case: str | None = None) -> None:
        super().__init__()
        self.focus_case = focus_case

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="precedent-scroll", classes="page"):
            yield Static(id="precedent-head", classes="page-head")
            yield Static(id="precedent-empty", classes="para")
        yield Footer()

    def relabel(self) -> None:
        game = self.game
        self.query_one("#precedent-head", Static).update(
            f"[b]{self.t('precedents')}[/]  [$text-muted]{self.t('precedents_hint')}[/]")
        precedents = game.precedents()
        empty = self.query_one("#precedent-empty", Static)
        empty.update(self.t("no_precedents"))
        empty.display = not precedents
        scroll = self.query_one("#precedent-scroll", VerticalScroll)
        self.query(".precedent").remove()
        target = None
        for decision in precedents:
            tag = option_tag(decision.variant, decision.escalation, self.lang)
            text = (f"[b]{decision.number}. {escape(decision.title)}[/]\n"
                    f"   {escape(decision.label)} [$text-muted]({escape(tag)})[/]\n")
            if decision.motivation:
                text += f"   [b]{self.t('motivation')}:[/] [i]\u201c{escape(decision.motivation)}\u201d[/]\n"
            else:
                text += f"   [$text-muted]{self.t('no_motivation')}[/]\n"
            deltas = " \u00b7 ".join(f"{self.t('loyalty_' + k)} {signed(v)}"
                                     for k, v in decision.loyalties)
            text += f"   [$text-muted]{escape(deltas)}[/]"
            if decision.investigated:
                done = ", ".join(decision.investigated)
                text += f"\n   [$text-muted]{self.t('investigated')}: {escape(done)}[/]"
            classes = "precedent para"
            if decision.case == self.focus_case:
                classes += " -recalled"
            widget = Static(text, classes=classes)
            scroll.mount(widget)
            if decision.case == self.focus_case:
                target = widget
        if target is not None:
            self.call_after_refresh(scroll.scroll_to_widget, target, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
