"""The plenary round: the facilitator plays the campaign on the projector with the whole room.

For each case the room's show of hands is entered per option; the facilitator records the
majority (or picks the option the room settled on). The choice is played as participant
``plenair`` through a normal ``Run`` with the recorder attached, so its ripples follow and
it shows up beside the individual results; the counts are kept as votes.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from game.engine.game import GameError
from game.engine.views import OptionView, Outcome
from game.strings import s
from game.textsafety import LIMITS, clean_text
from game.texts import dossier, option_text, outcome_text
from game.ui.i18n import LocalisedBindings
from game.workshop.participant import Joined, join_session
from game.workshop.store import PLENARY, StoreError


class OptionRow(Horizontal):
    """One option: its label, the number of hands, and a button to pick it outright."""

    DEFAULT_CSS = """
    OptionRow { height: auto; margin-bottom: 1; }
    OptionRow Label { width: 1fr; padding: 1 1 0 0; }
    OptionRow Input { width: 12; }
    OptionRow Button { min-width: 10; margin-left: 1; }
    OptionRow.-locked Label { color: $text-muted; }
    """

    def __init__(self, option: OptionView, lang: str) -> None:
        super().__init__(classes="-locked" if option.locked else "")
        self.option = option
        self.lang = lang

    def compose(self) -> ComposeResult:
        o = option_text(self.option, self.lang)
        text = Content.assemble((f"{o.number}. ", "bold"), (o.label, "bold"),
                                (f"  ({o.tag})", "dim"))
        if o.locked:
            text = Content.assemble(text, "\n", (f"{o.locked}: {o.reason}", "italic"))
        yield Label(text)
        option = self.option
        yield Input("", placeholder="0", type="integer", max_length=3, disabled=option.locked,
                    id=f"count-{option.id}", tooltip=s("ws_plenary_hands", self.lang))
        yield Button(s("ws_plenary_pick", self.lang), id=f"pick-{option.id}",
                     disabled=option.locked)

    def count(self) -> int:
        value = self.query_one(Input).value.strip()
        return int(value) if value.isdigit() else 0


class PlenaryScreen(LocalisedBindings, Screen):
    DEFAULT_CSS = """
    PlenaryScreen #pl-head { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    PlenaryScreen #pl-body { height: 1fr; padding: 0 1; }
    PlenaryScreen #pl-dossier { height: auto; margin: 1 0; }
    PlenaryScreen #pl-options { height: auto; }
    PlenaryScreen #pl-motivation { margin: 0 0 1 0; }
    PlenaryScreen #pl-actions { height: auto; }
    PlenaryScreen #pl-outcome { height: auto; border: round $primary; padding: 0 1;
                                margin-top: 1; }
    """
    NAME_KEY = "ws_screen_plenary"  # strings keys: its name and what it is for, in help
    HELP_KEY = "ws_help_plenary"
    BINDINGS = [
        Binding("escape", "leave", "ws_key_back", id="pl-back"),
        Binding("ctrl+s", "majority", "ws_key_majority", tooltip="ws_tip_majority",
                id="pl-majority"),
    ]

    @dataclass
    class Ready(Message):
        joined: Joined

    @dataclass
    class Decided(Message):
        outcome: Outcome

    @dataclass
    class Failed(Message):
        message: str

    def __init__(self) -> None:
        super().__init__(id="plenary")
        self.joined: Joined | None = None
        self.busy = False

    @property
    def lang(self) -> str:
        return self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Static(s("ws_plenary_loading", self.lang), id="pl-head")
        with VerticalScroll(id="pl-body"):
            yield Static("", id="pl-dossier")
            yield Vertical(id="pl-options")
            yield Input(placeholder=s("ws_plenary_motivation", self.lang), id="pl-motivation")
            with Horizontal(id="pl-actions"):
                yield Button(s("ws_plenary_majority", self.lang), id="majority",
                             variant="primary")
                yield Button(s("ws_plenary_next", self.lang), id="next")
            yield Static("", id="pl-outcome")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pl-outcome").display = False
        self.query_one("#next").display = False
        self.join()

    # ------------------------------------------------------------------ workers
    @work(thread=True, exclusive=True, group="plenary")
    def join(self) -> None:
        app = self.app
        try:
            joined = join_session(app.content, app.store, app.code, PLENARY,  # type: ignore[attr-defined]
                                  lang=self.lang, allow_plenary=True)
        except StoreError as exc:
            self.post_message(self.Failed(exc.message(self.lang)))
            return
        self.post_message(self.Ready(joined))

    @work(thread=True, exclusive=True, group="plenary")
    def record(self, option_id: str, counts: dict[str, int], motivation: str) -> None:
        assert self.joined is not None
        run = self.joined.run
        case = run.game.current_case_id
        failure: list[StoreError] = []
        self.joined.recorder.on_error = failure.append
        try:
            if case is not None and any(counts.values()):
                self.joined.recorder.store.record_votes(self.joined.info.code, case, counts)
            outcome = run.choose(option_id, motivation)
        except (StoreError, GameError) as exc:
            message = exc.message(self.lang) if isinstance(exc, StoreError) else str(exc)
            self.post_message(self.Failed(message))
            return
        if failure:
            self.post_message(self.Failed(failure[0].message(self.lang)))
        self.post_message(self.Decided(outcome))

    # ------------------------------------------------------------------ showing a case
    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.joined = message.joined
        self.show_case()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.busy = False
        self.notify(message.message, severity="error", timeout=10, markup=False)

    def show_case(self) -> None:
        assert self.joined is not None
        game = self.joined.run.game
        head = self.query_one("#pl-head", Static)
        options = self.query_one("#pl-options", Vertical)
        options.remove_children()
        self.query_one("#pl-outcome").display = False
        self.query_one("#next").display = False
        if game.finished:
            head.update(s("ws_plenary_finished", self.lang, title=game.campaign_view().title))
            self.query_one("#pl-dossier", Static).update(
                s("ws_plenary_finished_body", self.lang, count=game.standing().decisions))
            self.query_one("#pl-motivation").display = False
            self.query_one("#majority").display = False
            return
        view = game.case_view()
        head.update(s("ws_plenary_head", self.lang, number=view.number, total=view.total,
                      title=view.title))
        d = dossier(view, self.lang)
        parts = [Content.styled(d.organisation, "dim")]
        parts += [Content.assemble((part.lead + ": ", "bold"), part.text) for part in d.fields]
        parts += [Content.assemble((note.lead + ": ", "bold"), note.text) for note in d.notes]
        self.query_one("#pl-dossier", Static).update(Content("\n").join(parts))
        options.mount_all(OptionRow(o, self.lang) for o in game.options())
        motivation = self.query_one("#pl-motivation", Input)
        motivation.value = ""
        motivation.display = True
        self.query_one("#majority").display = True
        self.busy = False
        self.call_after_refresh(self._focus_first_count)

    def _focus_first_count(self) -> None:
        for row in self.query(OptionRow):
            if not row.option.locked:
                row.query_one(Input).focus()
                return

    def _counts(self) -> dict[str, int]:
        return {row.option.id: row.count() for row in self.query(OptionRow)
                if not row.option.locked}

    def _decide(self, option_id: str) -> None:
        if self.busy or self.joined is None or self.joined.run.game.finished:
            return
        self.busy = True
        motivation = clean_text(self.query_one("#pl-motivation", Input).value, "motivation")
        self.record(option_id, self._counts(), motivation)

    @on(Input.Changed, "#pl-motivation")
    def _motivation_changed(self, event: Input.Changed) -> None:
        limit = LIMITS["motivation"]
        if len(event.value) > limit:
            event.input.value = event.value[:limit]
            self.notify(s("text_cut", self.lang, limit=limit), severity="warning")

    # ------------------------------------------------------------------ input
    def action_majority(self) -> None:
        counts = self._counts()
        top = max(counts.values(), default=0)
        if top == 0:
            self.notify(s("ws_plenary_no_counts", self.lang), severity="warning")
            return
        leaders = [o for o, n in counts.items() if n == top]
        if len(leaders) > 1:
            labels = [row.option.label for row in self.query(OptionRow)
                      if row.option.id in leaders]
            self.notify(s("ws_plenary_tie", self.lang, options=", ".join(labels)),
                        severity="warning", timeout=8)
            return
        self._decide(leaders[0])

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "majority":
            self.action_majority()
        elif button == "next":
            self.show_case()
        elif button.startswith("pick-"):
            self._decide(button.removeprefix("pick-"))

    @on(Input.Submitted, "#pl-motivation")
    def _motivation_done(self) -> None:
        self.action_majority()

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        o = outcome_text(message.outcome, self.lang)
        self.app.read_results()  # type: ignore[attr-defined]
        parts = [Content.assemble((s("ws_plenary_chosen", self.lang) + ": ", "bold"),
                                  o.label), Content(o.text)]
        for change in o.loyalties:
            parts.append(Content.assemble((f"{change.name} {change.sign}", "bold"),
                                          f": {change.why}"))
        for meter in o.meters:
            parts.append(Content(f"{meter.name}: {meter.before} → {meter.after}"))
        if o.foreshadow:
            parts.append(Content.assemble((o.foreshadow.lead + ": ", "italic"),
                                          o.foreshadow.text))
        for event in o.events:
            parts.append(Content.assemble(("✉ " + event.heading, "bold"), "\n", event.body))
        box = self.query_one("#pl-outcome", Static)
        box.update(Content("\n").join(parts))
        box.display = True
        for row in self.query(OptionRow):
            row.query_one(Input).disabled = True
            row.query_one(Button).disabled = True
        self.query_one("#majority").display = False
        nxt = self.query_one("#next", Button)
        nxt.display = True
        nxt.focus()
        self.busy = False
