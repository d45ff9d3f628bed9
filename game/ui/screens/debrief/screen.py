"""The debrief screen: eight steps, one at a time, moved through by keys, links and buttons."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Static, TextArea

from game.ui.screens.base import Localised
from game.ui.screens.debrief import pages
from game.ui.screens.debrief.answers import AnswerKeeping
from game.ui.screens.debrief.layout import STEPS
from game.ui.screens.debrief.layout import pages as page_layout
from game.ui.widgets.footer import Footer

TYPING_ACTIONS = {"leave_text"}  # the only screen action while a text box has focus


class EndScreen(AnswerKeeping, Localised, Screen[None]):
    HELP_KEY = "help_debrief"
    NAME_KEY = "screen_debrief"
    BINDINGS = [
        Binding("right,n", "next_step", "key_next_step", tooltip="tip_next_step", id="next"),
        Binding("left,b", "previous_step", "key_previous_step", id="previous"),
        Binding("enter", "next_step", "key_next_step", show=False, id="next-enter"),
        Binding("e", "export", "key_export", tooltip="tip_export", id="export"),
        Binding("p", "app.precedents", "key_precedents", show=False),
        Binding("i", "app.inbox", "key_inbox", show=False),
        Binding("m", "app.menu", "key_menu"),
        Binding("escape", "leave_text", "key_leave_text", id="leave-text"),
        *[Binding(str(n), f"step({n - 1})", "key_step_number", show=False)
          for n in range(1, len(STEPS) + 1)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self.exported: str | None = None  # where the last report went
        self._take_answers(self.maatwerk.player_run)  # the run this debrief is about

    def compose(self) -> ComposeResult:
        yield from page_layout(self._answers)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._focus_step)

    # ------------------------------------------------------------ rendering
    def relabel(self) -> None:
        from game.engine.analysis import debrief

        run = self.maatwerk.player_run
        assert run is not None
        d = debrief(self.game, run.reflections)
        kept = self._kept_key()
        pages.step_bar(self)
        pages.end_and_feeling(self, d, kept)
        pages.timeline(self, d, self.game.standing())
        pages.profile(self, d)
        pages.variant_map(self, d)
        pages.dynamics_and_consistency(self, d)
        pages.transfer(self, kept, self.exported)
        for button in self.query(".step-next").results(Button):
            button.label = self.t("button_next_step")
        for button in self.query(".step-prev").results(Button):
            button.label = self.t("button_previous_step")
        self.query_one("#export", Button).label = self.t("key_export") + "\u2026"
        self.query_one("#to-menu", Button).label = self.t("key_menu")
        for area in self.query(TextArea).results(TextArea):
            area.placeholder = self.t("answer_placeholder")

    @on(TextArea.Changed, ".answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        self._answer_typed(event.text_area)

    def on_resize(self, event: events.Resize) -> None:
        pages.step_bar(self)

    # ------------------------------------------------------------ moving between steps
    def action_step(self, index: int) -> None:
        if not 0 <= index < len(STEPS) or index == self.step:
            return
        self._store_answers()
        self.step = index
        self.query_one(ContentSwitcher).current = f"step-{STEPS[index]}"
        pages.step_bar(self)
        self.refresh_bindings()
        self._focus_step()

    def action_next_step(self) -> None:
        if self.step == len(STEPS) - 1:
            self.query_one("#export", Button).focus()
            return
        self.action_step(self.step + 1)

    def action_previous_step(self) -> None:
        self.action_step(self.step - 1)

    @on(Button.Pressed, ".step-next")
    def _next_pressed(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, ".step-prev")
    def _previous_pressed(self) -> None:
        self.action_previous_step()

    @on(Button.Pressed, "#to-menu")
    def _menu_pressed(self) -> None:
        self._store_answers()
        self.maatwerk.action_menu()

    def _focus_step(self) -> None:
        """A text box when the step asks something, else the page itself (arrows scroll)."""
        page = self.query_one(f"#step-{STEPS[self.step]}", VerticalScroll)
        page.scroll_home(animate=False)
        boxes = list(page.query(TextArea).results(TextArea))
        (boxes[0] if boxes else page).focus(scroll_visible=False)

    def _typing(self) -> bool:
        return isinstance(self.focused, TextArea)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a text box has focus, letters are text: only Esc (leave the box) applies."""
        if action in TYPING_ACTIONS:
            return self._typing()
        if action == "previous_step" and self.step == 0:
            return False
        if self._typing() and action in {"next_step", "previous_step", "export",
                                         "app.precedents", "app.inbox", "app.menu"}:
            return False
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.refresh_bindings()

    def action_leave_text(self) -> None:
        self._store_answers()
        page = self.query_one(f"#step-{STEPS[self.step]}", VerticalScroll)
        target = page.query(".step-next, #export").first(Button)
        target.focus()

    # ------------------------------------------------------------ the report
    def action_export(self) -> None:
        from game.engine.analysis import debrief
        from game.ui.screens.export import ExportScreen

        run = self.maatwerk.player_run
        assert run is not None
        self._store_answers()
        report = debrief(self.game, run.reflections)

        def written(path: str | None) -> None:
            if path:
                self.exported = path
                pages.transfer(self, self._kept_key(), path)
                self.query_one("#end-exported", Static).scroll_visible(animate=False)
                self.notify(self.t("report_saved", path=path), timeout=8)
        self.app.push_screen(ExportScreen(report, self.exported), written)

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()
