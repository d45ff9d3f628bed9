"""The outcome of a decision: what it did to each loyalty it touched, the meters, what's ahead,
and a short look back: the question to think about and the roads not taken (``r`` jumps there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.texts import outcome_text
from game.ui.i18n import delta_markup, escape, signed
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer
from game.ui.widgets.reflection import ReflectionPanel

if TYPE_CHECKING:
    from game.engine.views import Outcome


class OutcomeScreen(Localised, Screen[None]):
    HELP_KEY = "help_outcome"
    NAME_KEY = "screen_outcome"
    BINDINGS = [
        Binding("enter", "next", "key_continue", priority=True),
        Binding("p", "app.precedents", "key_precedents"),
        Binding("i", "app.inbox", "key_inbox"),
        Binding("r", "reflection", "key_reflection", tooltip="tip_reflection"),
    ]

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="outcome-scroll", classes="page"):
            yield Static(id="outcome-head", classes="page-head")
            yield Static(id="outcome-text", classes="para")
            yield Static(id="outcome-loyalties-head")
            yield Vertical(id="outcome-loyalties", classes="para")
            yield Static(id="outcome-meters", classes="para")
            yield Static(id="outcome-foreshadow", classes="para foreshadow")
            yield ReflectionPanel(id="outcome-reflection", classes="reflection")
            with Horizontal(classes="buttons"):
                yield Button(id="next", variant="primary")
        yield Footer()

    def relabel(self) -> None:
        outcome = self.game.outcome_view(self.outcome)  # in the current language
        o = outcome_text(outcome, self.lang)
        self.query_one("#outcome-head", Static).update(
            f"[b]{escape(o.heading)}[/]\n[b $text-primary]{escape(o.label)}[/] "
            f"[$text-muted]({escape(o.tag)})[/]")
        self.query_one("#outcome-text", Static).update(escape(o.text))
        self.query_one("#outcome-loyalties-head", Static).update(f"[b]{self.t('loyalties')}[/]")
        rows = []
        for change in o.loyalties:
            rows.append(Static(
                f"{delta_markup(change.delta)} [b]{change.name}[/] "
                f"[$text-muted]({self.t('total', total=signed(change.total))})[/]",
                classes="loyalty-change"))
            rows.append(Static(escape(change.why), classes="why"))
        box = self.query_one("#outcome-loyalties", Vertical)
        box.remove_children()
        box.mount_all(rows)
        meters = self.query_one("#outcome-meters", Static)
        if o.meters:
            lines = [f"[b]{self.t('meters')}[/]"]
            lines += [f"{escape(m.name)}: {m.before} \u2192 [b]{m.after}[/] "
                      f"({delta_markup(m.after - m.before)})" for m in o.meters]
            meters.update("\n".join(lines))
        meters.display = bool(o.meters)
        foreshadow = self.query_one("#outcome-foreshadow", Static)
        if o.foreshadow:
            foreshadow.update(f"[b]{o.foreshadow.lead}:[/] [i]{escape(o.foreshadow.text)}[/]")
        foreshadow.display = o.foreshadow is not None
        self._show_reflection()
        count = len(o.events)
        label = (self.t("next_events" if count > 1 else "next_event", count=count) if count else
                 self.t("next_end") if outcome.finished else self.t("next_case"))
        self.query_one("#next", Button).label = label

    def _show_reflection(self) -> None:
        """The look back at this case: the engine's reflection on the decision just made."""
        from game.engine.analysis import reflection_on

        game = self.game
        self.query_one(ReflectionPanel).show(reflection_on(game, self.outcome.case), self.t,
                                             game.meter_name)

    def action_reflection(self) -> None:
        self.query_one(ReflectionPanel).scroll_visible(top=True, animate=False)

    def action_next(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.dismiss(None)
