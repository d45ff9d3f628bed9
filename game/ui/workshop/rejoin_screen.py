"""Asked in the terminal app (and so in the browser) when the pseudonym is already in use:
the rejoin code shown when it first joined, or quit and pick another name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.strings import s
from game.workshop.store import CODE_ALPHABET, REJOIN_LENGTH


class RejoinScreen(ModalScreen[str | None]):
    """Returns the code typed, or None to quit."""

    DEFAULT_CSS = """
    RejoinScreen { align: center middle; }
    RejoinScreen > Vertical { width: 64; max-width: 95%; height: auto; padding: 1 2;
                              border: thick $warning; background: $panel; }
    RejoinScreen #rejoin-title { text-style: bold; margin-bottom: 1; }
    RejoinScreen Input { margin: 1 0; }
    RejoinScreen Horizontal { height: auto; }
    """

    def __init__(self, message: str, lang: str) -> None:
        super().__init__()
        self.message, self.lang = message, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(s("ws_rejoin_title", self.lang), id="rejoin-title")
            yield Static(Content(self.message), id="rejoin-message")  # never markup
            yield Input(placeholder=s("ws_rejoin_placeholder", self.lang), id="rejoin-code",
                        max_length=REJOIN_LENGTH + 4,
                        restrict=rf"[{CODE_ALPHABET}{CODE_ALPHABET.lower()} -]*")
            with Horizontal():
                yield Button(s("ws_rejoin_ok", self.lang), id="rejoin-ok", variant="primary")
                yield Button(s("ws_rejoin_quit", self.lang), id="rejoin-quit")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#rejoin-ok")
    def _ok(self) -> None:
        code = self.query_one(Input).value.replace(" ", "").replace("-", "")
        if code:
            self.dismiss(code)

    @on(Button.Pressed, "#rejoin-quit")
    def _quit(self) -> None:
        self.dismiss(None)
