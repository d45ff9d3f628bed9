"""The case screen: the dossier, investigations, the decision, and the side panel.

The player reads the dossier, may spend hours on investigations (letters), and decides
(numbers, arrows and Enter, or the mouse). After a decision comes an optional motivation, then
the outcome, then any events, then the next case.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static

from game.texts import dossier
from game.ui.i18n import LETTERS, escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer
from game.ui.widgets.option_list import ChoiceList, InvestigationList
from game.ui.widgets.side_panel import SidePanel


class CaseScreen(Localised, Screen):
    HELP_KEY = "help_case"
    NAME_KEY = "screen_case"
    # no focus by Textual as the screen is composed: ``_focus_start`` picks the list to start
    # in, and focusing the dossier first restyled it and its contents twice for nothing
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("p", "app.precedents", "key_precedents", tooltip="tip_precedents"),
        Binding("i", "app.inbox", "key_inbox", tooltip="tip_inbox"),
        Binding("m", "app.menu", "key_menu", tooltip="tip_menu"),
        *[Binding(str(n), f"choose_number({n})", "key_choose_number", show=False)
          for n in range(1, 10)],
        *[Binding(letter, f"investigate_letter({i})", "key_investigate_letter", show=False)
          for i, letter in enumerate(LETTERS)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self._pending_events: list[int] = []
        self._case_id: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="case-body"):
            with VerticalScroll(id="dossier-scroll"):
                yield Static(id="case-hint", classes="hint")
                yield Static(id="intro", classes="intro")
                yield Static(id="case-head", classes="case-head")
                yield Static(id="dossier", classes="dossier")
                yield Static(id="notes", classes="notes")
                yield Static(id="investigate-heading", classes="heading")
                yield InvestigationList(id="investigations")
                yield Static(id="findings", classes="findings")
                yield Static(id="decide-heading", classes="heading")
                yield ChoiceList(id="choices")
            yield SidePanel(id="side")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # ------------------------------------------------------------ rendering
    def relabel(self) -> None:
        game = self.game
        if game.finished:
            return
        view = game.case_view()
        fresh = view.id != self._case_id
        self._case_id = view.id
        self.query_one("#case-hint", Static).update(self.t("case_hint"))
        intro = self.query_one("#intro", Static)
        first = view.number == 1
        intro.update(escape(game.campaign_view().intro) if first else "")
        intro.display = first
        d = dossier(view, self.lang)
        head = f"[b]{escape(d.heading)}[/]"
        head += f"\n[$text-muted]{escape(d.organisation)}[/]"
        if d.role:
            head += f"\n[i]{escape(d.role)}[/]"
        self.query_one("#case-head", Static).update(head)
        parts = [f"[b $text-primary]{part.lead}[/]\n{escape(part.text)}" for part in d.fields]
        self.query_one("#dossier", Static).update("\n\n".join(parts))
        notes = self.query_one("#notes", Static)
        lines = []
        for note in d.notes:
            line = f"[b $text-accent]{note.lead}:[/] {escape(note.text)}"
            if note.cites and note.recalls:
                line += f"\n[@click=screen.recall('{note.cites}')][u]\u2192 {escape(note.recalls)}[/u][/]"
            lines.append(line)
        notes.update("\n\n".join(lines))
        notes.display = bool(lines)
        self._render_actions()
        if fresh:
            self._focus_start()

    def _render_actions(self) -> None:
        game = self.game
        view = game.case_view()
        investigations = game.investigations()
        heading = self.query_one("#investigate-heading", Static)
        heading.update(f"[b]{self.t('investigate')}[/]  "
                       f"[$text-muted]{self.t('investigate_hint')}[/]")
        heading.display = bool(investigations)
        inv_list = self.query_one(InvestigationList)
        inv_list.display = bool(investigations)
        inv_list.show(investigations, self.lang)
        found = [inv for inv in investigations if inv.done and inv.reveals]
        findings = self.query_one("#findings", Static)
        findings.update("\n\n".join(
            f"[b]\u25b8 {escape(inv.label)}[/]\n{escape(inv.reveals or '')}" for inv in found))
        findings.display = bool(found)
        self.query_one("#decide-heading", Static).update(
            f"[b]{self.t('decide')}[/]  [$text-muted]{self.t('decide_hint')}[/]")
        self.query_one(ChoiceList).show(game.options(), self.lang)
        self.query_one(SidePanel).show(self.lang, game.standing(), self.maatwerk.seat)

    def _focus_start(self) -> None:
        """A new case: the dossier from the top, the first action list focused."""
        inv_list = self.query_one(InvestigationList)
        target = inv_list if inv_list.highlighted is not None else self.query_one(ChoiceList)
        self.set_focus(target, scroll_visible=False)  # now, so the first frame has it
        scroll = self.query_one("#dossier-scroll", VerticalScroll)
        scroll.scroll_home(animate=False, immediate=True)
        self.call_after_refresh(scroll.scroll_home, animate=False, immediate=True)

    # ------------------------------------------------------------ investigating
    @on(OptionList.OptionSelected, "#investigations")
    def _investigation_selected(self, event: OptionList.OptionSelected) -> None:
        self.investigate(event.option.id or "")

    def action_investigate_letter(self, index: int) -> None:
        investigations = self.game.investigations()
        if index >= len(investigations):
            self.app.bell()
            return
        self.investigate(investigations[index].id)

    def investigate(self, inv_id: str) -> None:
        from game.engine.game import GameError

        inv = next((i for i in self.game.investigations() if i.id == inv_id), None)
        if inv is None:
            return
        if inv.done or not inv.affordable:
            reason = self.t("done" if inv.done else "too_expensive")
            self.notify(self.t("not_now", reason=reason), severity="warning")
            return
        try:
            self.maatwerk.player_run.investigate(inv_id)  # type: ignore[union-attr]
        except GameError as exc:
            self.notify(self.t("not_now", reason=exc), severity="warning")
            return
        self._render_actions()
        self.query_one("#findings", Static).scroll_visible(animate=False)

    # ------------------------------------------------------------ deciding
    @on(OptionList.OptionSelected, "#choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        self.decide(event.option.id or "")

    def action_choose_number(self, number: int) -> None:
        option = next((o for o in self.game.options() if o.number == number), None)
        if option is None:
            self.app.bell()
            return
        self.decide(option.id)

    def decide(self, option_id: str) -> None:
        from game.ui.screens.motivation import MotivationScreen

        option = next((o for o in self.game.options() if o.id == option_id), None)
        if option is None:
            return
        if option.locked:
            self.notify(self.t("not_now", reason=option.reason or self.t("locked")),
                        title=self.t("locked"), severity="warning", timeout=8)
            return

        def motivated(text: str | None) -> None:
            if text is not None:
                self._commit(option_id, text)
        self.app.push_screen(MotivationScreen(option_id), motivated)

    def _commit(self, option_id: str, motivation: str) -> None:
        from game.engine.game import GameError
        from game.ui.screens.outcome import OutcomeScreen

        run = self.maatwerk.player_run
        assert run is not None
        try:
            outcome = run.choose(option_id, motivation)
        except GameError as exc:
            self.notify(self.t("not_now", reason=exc), severity="error")
            return
        inbox = run.game.standing().inbox
        self._pending_events = list(range(inbox - len(outcome.events), inbox))
        self.app.push_screen(OutcomeScreen(outcome), self._next_event)

    def _next_event(self, _: object = None) -> None:
        from game.ui.screens.event import EventScreen

        if self._pending_events:
            index = self._pending_events.pop(0)
            self.app.push_screen(EventScreen(index, flow=True), self._next_event)
            return
        if self.game.finished:
            from game.ui.screens.debrief import EndScreen
            self.app.switch_screen(EndScreen())
            return
        self.relabel()

    def action_recall(self, case_id: str) -> None:
        self.maatwerk.action_precedents(case_id)
