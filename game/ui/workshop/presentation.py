"""The presentation view: one case's result, large and uncluttered, for the projector.

Counts are drawn with ``Digits`` (three rows high), labels in bold, one discussion question at
a time. Nothing here shows pseudonyms: the room sees the spread, not who chose what.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Digits, Footer, Static

from game.strings import s
from game.ui.i18n import LocalisedBindings
from game.workshop.results import CaseTally
from game.ui.workshop.widgets import bar


class BigChoices(Vertical):
    """Each option as a row: the count in large digits, the label and a wide bar."""

    DEFAULT_CSS = """
    BigChoices { height: auto; }
    BigChoices > Horizontal { height: 4; }
    BigChoices Digits { width: 12; text-align: right; padding-right: 2; color: $primary; }
    BigChoices .-label { text-style: bold; width: 1fr; }
    BigChoices .-bar { color: $primary; width: 1fr; }
    BigChoices .-room { text-style: bold reverse; }
    """
    case: reactive[CaseTally | None] = reactive(None, recompose=True)

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        if self.case is None:
            yield Static(s("ws_dash_waiting", self.lang))
            return
        for number, option in enumerate(self.case.options, start=1):
            with Horizontal():
                yield Digits(str(option.count))
                with Vertical():
                    label = Content.assemble(f"{number}. ", option.label)
                    if option.votes is not None:
                        label = Content.assemble(
                            label, (f"  · {s('ws_hands', self.lang, count=option.votes)}", "dim"))
                    if self.case.plenary == option.option:
                        label = Content.assemble(label, (f"  ◀ {s('ws_room_choice', self.lang)}",
                                                         "reverse"))
                    yield Static(label, classes="-label")
                    yield PercentBar(option.share, classes="-bar")


class PercentBar(Static):
    """A bar as wide as the widget, with the share written after it."""

    def __init__(self, share: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.share = share

    def render(self) -> Content:
        width = max(10, self.content_region.width - 6)
        return Content(f"{bar(self.share, width)} {round(self.share * 100):>3}%")


class PresentationScreen(LocalisedBindings, Screen):
    DEFAULT_CSS = """
    PresentationScreen { padding: 1 4; background: $surface; }
    PresentationScreen #p-head { height: auto; text-style: bold; color: $text-muted; }
    PresentationScreen #p-title { height: auto; text-style: bold; color: $text;
                                  margin-bottom: 1; }
    PresentationScreen #p-scroll { height: 1fr; }
    PresentationScreen #p-question { height: auto; max-height: 8; padding: 0 2;
                                     border: tall $primary; text-style: bold; }
    """
    NAME_KEY = "ws_screen_presentation"  # strings keys: its name and what it is for, in help
    HELP_KEY = "ws_help_presentation"
    BINDINGS = [
        Binding("escape", "app.presentation", "ws_key_back", id="p-back"),
        Binding("right", "app.case(1)", "ws_key_next", id="p-next"),
        Binding("left", "app.case(-1)", "ws_key_previous", id="p-previous"),
        Binding("v", "question", "ws_key_question", id="p-question"),
    ]
    question_index: reactive[int] = reactive(0)

    def compose(self) -> ComposeResult:
        lang = self.app.lang  # type: ignore[attr-defined]
        yield Static("", id="p-head")
        yield Static("", id="p-title")
        with VerticalScroll(id="p-scroll"):
            yield BigChoices(lang, id="p-choices")
        yield Static("", id="p-question")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "results", self._show)
        self.watch(self.app, "case_index", self._new_case)

    def _new_case(self, _: object = None) -> None:
        self.question_index = 0
        self._show()

    def watch_question_index(self) -> None:
        self._show()

    def action_question(self) -> None:
        self.question_index += 1

    def _show(self, _: object = None) -> None:
        app = self.app
        lang = app.lang  # type: ignore[attr-defined]
        case = app.current_case()  # type: ignore[attr-defined]
        results = app.results  # type: ignore[attr-defined]
        if case is None or results is None:
            return
        self.query_one("#p-head", Static).update(
            s("ws_present_head", lang, number=case.number, total=len(results.cases),
              decided=case.decided))
        self.query_one("#p-title", Static).update(Content(case.title))
        self.query_one("#p-choices", BigChoices).case = case
        question = self.query_one("#p-question", Static)
        if case.questions:
            q = case.questions[self.question_index % len(case.questions)]
            question.update(Content(q))
            question.display = True
        else:
            question.display = False
