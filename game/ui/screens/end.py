"""The end of a campaign: the debrief, in the phases of a good debriefing (PEARLS).

Eight steps, one at a time: (1) the end: what became of the people; (2) how it felt;
(3) what happened, decision by decision, with the ripples; (4) the loyalty profile against the
range that was possible; (5) the map of the four variants with the player's position and the
pros and cons of their variant; (6) the dynamics set in motion; (7) consistency between
comparable cases; (8) your own work: transfer and commitment. The three typed answers are kept in
the save (``Session.reflect``), so the report includes them; ``e`` saves the report.

Every figure comes from ``game.engine.analysis.debrief``; this screen only draws it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Static, TextArea

from game.textsafety import LIMITS, clean_text
from game.ui.i18n import escape, signed
from game.ui.screens.base import Localised
from game.ui.widgets.debrief_charts import ProfileChart, VariantMap
from game.ui.widgets.debrief_sections import (consistency_rows, dynamic_rows, perspective_rows,
                                              timeline_rows)
from game.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from game.engine.analysis import Debrief

STEPS = ("end", "feeling", "timeline", "profile", "map", "dynamics", "consistency", "transfer")
ANSWERS = ("feeling", "transfer", "commitment")  # the keys plain mode uses too
TYPING_ACTIONS = {"leave_text"}  # the only screen action while a text box has focus
SAVE_DELAY = 1.0  # seconds of quiet typing before an answer is written to the save


class EndScreen(Localised, Screen[None]):
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
        self._save_timer: Timer | None = None
        self._session = self.maatwerk.session  # the run this debrief is about
        kept = self._session.reflections if self._session else {}
        self._answers = {key: kept.get(key, "") for key in ANSWERS}  # as typed, per key

    # ------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        kept = self._answers
        yield Static(id="end-steps")
        with ContentSwitcher(initial="step-end", id="end-switcher"):
            with VerticalScroll(id="step-end", classes="page step"):
                yield Static(id="end-head", classes="page-head")
                yield Static(id="end-epilogue", classes="para")
                yield from self._buttons(0)
            with VerticalScroll(id="step-feeling", classes="page step"):
                yield Static(id="feel-head", classes="page-head")
                yield Static(id="feel-prompt", classes="para prompt")
                yield TextArea(kept.get("feeling", ""), id="answer-feeling", classes="answer")
                yield Static(id="feel-kept", classes="hint")
                yield from self._buttons(1)
            with VerticalScroll(id="step-timeline", classes="page step"):
                yield Static(id="timeline-head", classes="page-head")
                yield Vertical(id="timeline")
                yield Static(id="end-meters", classes="para")
                yield from self._buttons(2)
            with VerticalScroll(id="step-profile", classes="page step"):
                yield Static(id="profile-head", classes="page-head")
                yield Static(id="profile-note", classes="para")
                yield ProfileChart(id="end-profile", classes="para chart")
                yield from self._buttons(3)
            with VerticalScroll(id="step-map", classes="page step"):
                yield Static(id="map-head", classes="page-head")
                yield VariantMap(id="variant-map", classes="para chart")
                yield Static(id="map-text", classes="para")
                yield Vertical(id="map-perspectives", classes="para")
                yield Static(id="map-counts", classes="para")
                yield from self._buttons(4)
            with VerticalScroll(id="step-dynamics", classes="page step"):
                yield Static(id="dynamics-head", classes="page-head")
                yield Vertical(id="dynamics")
                yield from self._buttons(5)
            with VerticalScroll(id="step-consistency", classes="page step"):
                yield Static(id="consistency-head", classes="page-head")
                yield Vertical(id="consistency")
                yield Static(id="consistency-question", classes="para prompt")
                yield from self._buttons(6)
            with VerticalScroll(id="step-transfer", classes="page step"):
                yield Static(id="transfer-head", classes="page-head")
                yield Static(id="transfer-prompt", classes="prompt")
                yield TextArea(kept.get("transfer", ""), id="answer-transfer", classes="answer")
                yield Static(id="commitment-prompt", classes="prompt")
                yield TextArea(kept.get("commitment", ""), id="answer-commitment",
                               classes="answer")
                yield Static(id="transfer-kept", classes="hint")
                yield Static(id="end-exported", classes="para exported")
                with Horizontal(classes="buttons"):
                    yield Button(id="prev-7", classes="step-prev")
                    yield Button(id="export", variant="primary")
                    yield Button(id="to-menu")
        yield Footer()

    def _buttons(self, index: int) -> ComposeResult:
        with Horizontal(classes="buttons"):
            if index:
                yield Button(id=f"prev-{index}", classes="step-prev")
            yield Button(id=f"next-{index}", classes="step-next", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._focus_step)

    # ------------------------------------------------------------ rendering
    def relabel(self) -> None:
        from game.engine.analysis import debrief

        session = self.maatwerk.session
        assert session is not None
        d = debrief(self.game, session.reflections)
        self._render_steps()
        self._render_end(d)
        self._render_timeline(d)
        self._render_profile(d)
        self._render_map(d)
        self._render_dynamics(d)
        self._render_consistency(d)
        self._render_transfer()
        for button in self.query(".step-next").results(Button):
            button.label = self.t("button_next_step")
        for button in self.query(".step-prev").results(Button):
            button.label = self.t("button_previous_step")
        self.query_one("#export", Button).label = self.t("key_export") + "\u2026"
        self.query_one("#to-menu", Button).label = self.t("key_menu")
        for area in self.query(TextArea).results(TextArea):
            area.placeholder = self.t("answer_placeholder")

    def _render_steps(self) -> None:
        """The steps as a bar: every step by name when the terminal is wide enough, else by
        number with the current one named. Each is a link."""
        head = (f"{self.t('screen_debrief')} "
                f"{self.t('step_of', number=self.step + 1, total=len(STEPS))}  ")
        labels = [f"{i + 1} {self.t('step_' + name)}" for i, name in enumerate(STEPS)]
        wide = len(head) + sum(len(label) + 2 for label in labels) <= self.size.width - 4
        parts = []
        for index, label in enumerate(labels):
            if index == self.step:
                parts.append(f"[reverse b] {escape(label)} [/]")
            else:
                shown = escape(label) if wide else str(index + 1)
                parts.append(f"[@click=screen.step({index})] {shown} [/]")
        name, _, rest = head.partition(" ")
        self.query_one("#end-steps", Static).update(
            f"[b]{escape(name)}[/] [$text-muted]{escape(rest)}[/]" + "".join(parts))

    def _render_end(self, d: Debrief) -> None:
        self.query_one("#end-head", Static).update(
            f"[b]{escape(self.t('end_heading', title=d.title))}[/]\n"
            f"[$text-muted]{escape(self.t('report_intro'))}[/]")
        epilogue = self.query_one("#end-epilogue", Static)
        epilogue.update(f"[b]{self.t('epilogue')}[/]\n"
                        + "\n\n".join(escape(text) for text in d.epilogue))
        epilogue.display = bool(d.epilogue)
        self.query_one("#feel-head", Static).update(f"[b]{escape(self.t('feel_heading'))}[/]")
        self.query_one("#feel-prompt", Static).update(escape(self.t("feel_prompt")))
        self.query_one("#feel-kept", Static).update(self.t(self._kept_key()))

    def _render_timeline(self, d: Debrief) -> None:
        self.query_one("#timeline-head", Static).update(
            f"[b]{escape(self.t('timeline_heading'))}[/]")
        self._fill("#timeline", timeline_rows(d, self.t))
        game = self.game
        meters = [f"[b]{self.t('meters_end')}[/]"]
        meters += [f"{escape(game.t(m.name))}: [b]{game.state.meters[m.id]}[/]/{m.max}"
                   for m in game.campaign.meters]
        self.query_one("#end-meters", Static).update("\n".join(meters))

    def _render_profile(self, d: Debrief) -> None:
        self.query_one("#profile-head", Static).update(
            f"[b]{escape(self.t('profile_heading'))}[/]")
        self.query_one("#profile-note", Static).update(escape(self.t("profile_note")))
        names = {p.loyalty: self.t("loyalty_" + p.loyalty) for p in d.profile}
        ranges = {p.loyalty: self.t("profile_range", low=signed(p.lowest), high=signed(p.highest))
                  for p in d.profile}
        self.query_one(ProfileChart).show(d.profile, names, ranges, self.t("chart_legend"))

    def _render_map(self, d: Debrief) -> None:
        from game.content.reference import text as ref
        from game.report.place import place_sentence, shown_variants

        lang, pos = self.lang, d.position
        self.query_one("#map-head", Static).update(f"[b]{escape(self.t('map_heading'))}[/]")
        names = {v: ref("variants", v, "name", lang) for v in pos.counts}
        self.query_one(VariantMap).show(pos, names, self.t("map_you"),
                                        self.t("map_group_axis"), self.t("map_individual_axis"))
        where, stands_for = place_sentence(pos, lang)
        self.query_one("#map-text", Static).update(
            f"{escape(self.t('map_axes', group=pos.group, individual=pos.individual))}\n\n"
            f"[b $text-accent]{escape(where)}[/] {escape(stands_for)}")
        variants = shown_variants(pos)
        self._fill("#map-perspectives", [
            row for v in variants for row in perspective_rows(
                v, self.t, lang, names[v] if len(variants) > 1 else None)])
        self.query_one("#map-counts", Static).update(
            f"[b]{escape(self.t('map_counts'))}[/]\n" + "\n".join(
                f"  {escape(names[v])}: [b]{n}[/]" for v, n in pos.counts.items())
            + (f"\n  {escape(self.t('map_escalations', count=pos.escalations))}"
               if pos.escalations else ""))

    def _render_dynamics(self, d: Debrief) -> None:
        self.query_one("#dynamics-head", Static).update(
            f"[b]{escape(self.t('dynamics_heading'))}[/]")
        self._fill("#dynamics", dynamic_rows(d, self.t, self.lang))

    def _render_consistency(self, d: Debrief) -> None:
        self.query_one("#consistency-head", Static).update(
            f"[b]{escape(self.t('consistency_heading'))}[/]")
        self._fill("#consistency", consistency_rows(d, self.t))
        question = self.query_one("#consistency-question", Static)
        question.update(f"[i]{escape(self.t('consistency_question'))}[/]")
        question.display = any(not p.consistent for p in d.consistency)

    def _fill(self, selector: str, rows: list[Widget]) -> None:
        box = self.query_one(selector, Vertical)
        box.remove_children()
        box.mount_all(rows)

    def _render_transfer(self) -> None:
        self.query_one("#transfer-head", Static).update(
            f"[b]{escape(self.t('transfer_heading'))}[/]")
        self.query_one("#transfer-prompt", Static).update(escape(self.t("transfer_prompt")))
        self.query_one("#commitment-prompt", Static).update(escape(self.t("commitment_prompt")))
        self.query_one("#transfer-kept", Static).update(self.t(self._kept_key()))
        exported = self.query_one("#end-exported", Static)
        exported.update(escape(self.t("report_saved", path=self.exported or "")))
        exported.display = self.exported is not None

    def on_resize(self, event: events.Resize) -> None:
        self._render_steps()

    # ------------------------------------------------------------ moving between steps
    def action_step(self, index: int) -> None:
        if not 0 <= index < len(STEPS) or index == self.step:
            return
        self._store_answers()
        self.step = index
        self.query_one(ContentSwitcher).current = f"step-{STEPS[index]}"
        self._render_steps()
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

    # ------------------------------------------------------------ the answers
    def _kept_key(self) -> str:
        """Say the answers are kept only when there is a save to keep them in (a workshop
        participant plays without one)."""
        session = self._session
        return "answer_kept" if session is not None and session.save_path else "answer_not_kept"

    @on(TextArea.Changed, ".answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        key = (event.text_area.id or "").removeprefix("answer-")
        limit = LIMITS["answer"]
        if len(event.text_area.text) > limit >= len(self._answers.get(key, "")):
            self.notify(self.t("text_cut", limit=limit), severity="warning")
        self._answers[key] = event.text_area.text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._store_answers)

    def answers(self) -> dict[str, str]:
        """The answers as kept: control characters removed, at most LIMITS['answer'] long."""
        return {key: clean_text(text, "answer") for key, text in self._answers.items()}

    def _store_answers(self) -> None:
        """Keep the typed answers in the save, as plain mode does (``Session.reflect``);
        never in another run's save (a new game may already have replaced this one)."""
        session = self._session
        if session is None or session is not self.maatwerk.session:
            return
        for key, text in self.answers().items():
            if text != session.reflections.get(key, ""):
                session.reflect(key, text)

    def on_screen_suspend(self) -> None:
        """Another screen comes over this one (help, the menu, a new game): keep what is typed."""
        self._store_answers()

    def on_unmount(self) -> None:
        self._store_answers()

    # ------------------------------------------------------------ the report
    def action_export(self) -> None:
        from game.engine.analysis import debrief
        from game.ui.screens.export import ExportScreen

        session = self.maatwerk.session
        assert session is not None
        self._store_answers()
        report = debrief(self.game, session.reflections)

        def written(path: str | None) -> None:
            if path:
                self.exported = path
                self._render_transfer()
                self.query_one("#end-exported", Static).scroll_visible(animate=False)
                self.notify(self.t("report_saved", path=path), timeout=8)
        self.app.push_screen(ExportScreen(report, self.exported), written)

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()
