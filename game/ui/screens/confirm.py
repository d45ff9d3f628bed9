"""A yes/no question, e.g. before a new game replaces the saved one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.ui.screens.base import Localised


class ConfirmScreen(Localised, ModalScreen[bool]):
    HELP_KEY = "help_confirm"
    NAME_KEY = "screen_confirm"
    BINDINGS = [
        Binding("y,j", "answer(True)", "key_yes"),
        Binding("n,escape", "answer(False)", "key_no"),
    ]

    def __init__(self, question_key: str) -> None:
        super().__init__()
        self.question_key = question_key

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(id="confirm-question", classes="para")
            with Horizontal(classes="buttons"):
                yield Button(id="confirm-yes", variant="warning")
                yield Button(id="confirm-no", variant="primary")

    def relabel(self) -> None:
        self.query_one("#confirm-question", Static).update(self.t(self.question_key))
        self.query_one("#confirm-yes", Button).label = self.t("answer_yes")
        self.query_one("#confirm-no", Button).label = self.t("answer_no")
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")
