"""After a decision: an optional short written motivation, as a caseworker must give."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.textsafety import LIMITS, clean_text
from game.ui.i18n import escape
from game.ui.screens.base import Localised

MAX_LENGTH = LIMITS["motivation"]  # the same limit in plain mode and the workshop


class MotivationScreen(Localised, ModalScreen[str | None]):
    """Returns the motivation ('' when skipped), or None when the player goes back."""

    HELP_KEY = "help_motivation"
    NAME_KEY = "screen_motivation"
    BINDINGS = [
        Binding("escape", "skip", "key_skip"),
        Binding("ctrl+z", "back", "key_back_to_case"),
    ]

    def __init__(self, option_id: str) -> None:
        super().__init__()
        self.option_id = option_id

    def compose(self) -> ComposeResult:
        with Vertical(id="motivation-box", classes="dialog"):
            yield Static(id="motivation-head", classes="page-head")
            yield Static(id="motivation-prompt", classes="para")
            yield Input(id="motivation")
            yield Static(id="motivation-hint", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(id="motivation-ok", variant="primary")
                yield Button(id="motivation-skip")
                yield Button(id="motivation-back")

    def relabel(self) -> None:
        option = next((o for o in self.game.options() if o.id == self.option_id), None)
        label = option.label if option else self.option_id
        self.query_one("#motivation-head", Static).update(
            f"[b]{self.t('your_decision')}:[/] {escape(label)}")
        self.query_one("#motivation-prompt", Static).update(self.t("motivation_ask"))
        self.query_one(Input).placeholder = self.t("motivation_placeholder")
        self.query_one("#motivation-hint", Static).update(self.t("motivation_hint"))
        self.query_one("#motivation-ok", Button).label = self.t("motivation_ok")
        self.query_one("#motivation-skip", Button).label = self.t("key_skip")
        self.query_one("#motivation-back", Button).label = self.t("key_back_to_case")
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """A paste beyond the limit is cut, and the player is told (not silently refused)."""
        if len(event.value) > MAX_LENGTH:
            event.input.value = event.value[:MAX_LENGTH]
            self.notify(self.t("text_cut", limit=MAX_LENGTH), severity="warning")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(clean_text(event.value, "motivation"))

    @on(Button.Pressed, "#motivation-ok")
    def _ok(self) -> None:
        self.dismiss(clean_text(self.query_one(Input).value, "motivation"))

    @on(Button.Pressed, "#motivation-skip")
    def action_skip(self) -> None:
        self.dismiss("")

    @on(Button.Pressed, "#motivation-back")
    def action_back(self) -> None:
        self.dismiss(None)
