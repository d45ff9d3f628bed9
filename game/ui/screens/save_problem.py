"""The game could not be saved: say why, keep playing, or save to another place."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from game.save_problems import SaveProblem
from game.ui.i18n import escape
from game.ui.screens.base import Localised


class SaveProblemScreen(Localised, ModalScreen[Path | None]):
    """Dismissed with the new place when the run was saved there, None to play on."""

    HELP_KEY = "help_save_problem"
    NAME_KEY = "screen_save_problem"
    BINDINGS = [Binding("escape", "later", "save_dialog_later")]
    DEFAULT_CSS = """
    #save-problem-box { border: thick $warning; }
    #save-problem-title { text-style: bold; }
    #save-problem-result { color: $text-warning; }
    #save-problem-path { margin-bottom: 1; }
    """

    def __init__(self, problem: SaveProblem) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="save-problem-box", classes="dialog"):
            yield Static(id="save-problem-title", classes="para")
            yield Static(id="save-problem-message", classes="para")
            yield Static(id="save-problem-where")
            yield Input(str(self.problem.suggestion()), id="save-problem-path")
            yield Static(id="save-problem-result")
            with Horizontal(classes="buttons"):
                yield Button(id="save-here", variant="primary")
                yield Button(id="save-later")

    def relabel(self) -> None:
        self.query_one("#save-problem-title", Static).update(self.t("save_dialog_title"))
        self.query_one("#save-problem-message", Static).update(
            escape(self.problem.message(self.lang)))
        self.query_one("#save-problem-where", Static).update(self.t("save_dialog_where"))
        self.query_one("#save-here", Button).label = self.t("save_dialog_here")
        self.query_one("#save-later", Button).label = self.t("save_dialog_later")
        self.query_one("#save-problem-path", Input).focus()

    def action_later(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save-later")
    def _later(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save-here")
    @on(Input.Submitted, "#save-problem-path")
    def _save_here(self) -> None:
        typed = self.query_one("#save-problem-path", Input).value.strip()
        result = self.query_one("#save-problem-result", Static)
        if not typed:
            result.update(self.t("save_dialog_empty"))
            return
        run = self.maatwerk.player_run
        if run is None:
            self.dismiss(None)
            return
        problem = run.save_elsewhere(Path(typed))
        if problem is not None:
            result.update(escape(self.t("save_elsewhere_failed", path=problem.path,
                                        reason=problem.reason(self.lang))))
            return
        self.dismiss(run.save_path)
