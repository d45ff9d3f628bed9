"""The facilitator releases a participant's pseudonym from the dashboard (``x`` in the
participants tab), after saying yes to what that means."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.strings import s


class ReleaseScreen(ModalScreen[bool]):
    """Returns True when the facilitator confirms."""

    DEFAULT_CSS = """
    ReleaseScreen { align: center middle; }
    ReleaseScreen > Vertical { width: 64; max-width: 95%; height: auto; padding: 1 2;
                               border: thick $warning; background: $panel; }
    ReleaseScreen Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "no", show=False)]

    def __init__(self, name: str, lang: str) -> None:
        super().__init__()
        self.person, self.lang = name, lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(s("ws_release_ask", self.lang, name=self.person)))
            with Horizontal():
                yield Button(s("ws_release_yes", self.lang), id="release-yes",
                             variant="warning")
                yield Button(s("ws_release_no", self.lang), id="release-no")

    def on_mount(self) -> None:
        self.query_one("#release-no", Button).focus()

    @on(Button.Pressed, "#release-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#release-no")
    def action_no(self) -> None:
        self.dismiss(False)
