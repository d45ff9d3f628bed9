"""One event (a letter, a complaint, a work instruction, a news item, the alderman): who sent
it, what it says, and why it came (the engine's ``because`` line)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


class EventScreen(Localised, Screen[None]):
    HELP_KEY = "help_event"
    NAME_KEY = "screen_event"
    BINDINGS = [
        Binding("enter", "close", "key_continue", priority=True),
        Binding("escape", "close", "key_back", show=False),
    ]

    def __init__(self, index: int, flow: bool = False) -> None:
        """``index`` is the event's place in the inbox; ``flow`` when it arrives after a
        decision (rather than being reread from the inbox)."""
        super().__init__()
        self.index = index
        self.flow = flow

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="event-scroll", classes="page letter"):
            yield Static(id="event-kind", classes="event-kind")
            yield Static(id="event-head", classes="page-head")
            yield Static(id="event-body", classes="para")
            yield Static(id="event-notes", classes="para")
            yield Static(id="event-because", classes="para because")
            with Horizontal(classes="buttons"):
                yield Button(id="close", variant="primary")
        yield Footer()

    def relabel(self) -> None:
        event = self.game.inbox()[self.index]
        self.query_one("#event-kind", Static).update(
            f"[b]{escape(self.t('kind_' + event.kind))}[/] \u00b7 "
            f"{self.t('after_decision', number=event.after_decision)}")
        self.query_one("#event-head", Static).update(
            f"[$text-muted]{self.t('from')}:[/] [b]{escape(event.sender)}[/]\n"
            f"[b $text-primary]{escape(event.title)}[/]")
        self.query_one("#event-body", Static).update(escape(event.body))
        notes = self.query_one("#event-notes", Static)
        notes.update("\n\n".join(escape(n.text) for n in event.notes))
        notes.display = bool(event.notes)
        because = self.query_one("#event-because", Static)
        because.update(f"[i]{escape(event.because)}[/]" if event.because else "")
        because.display = bool(event.because)
        self.query_one("#close", Button).label = self.t(
            "key_continue" if self.flow else "key_back")

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)
