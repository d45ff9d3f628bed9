"""``maatwerk workshop dashboard CODE``: the facilitator follows the group live.

A thread worker reads the store on a timer and posts the group's figures as a message; only
message handlers change state, and the screens watch that state. Per case: how the group chose,
"same case, different decisions" with the motivations side by side, and the case's discussion
questions; for the group: the spread of loyalty profiles, the variant map and the participants.
``p`` switches to a presentation view for the projector, ``l`` to the plenary round.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from typing import cast

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content as TextContent
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from game.content import Content as GameContent
from game.strings import s
from game.ui.i18n import LocalisedBindings
from game.ui.workshop.case_list import CaseList
from game.ui.workshop.earlier_view import EarlierGroups
from game.ui.workshop.people_table import PeopleTable
from game.workshop.live import LiveResults
from game.workshop.results import GroupResults, Person
from game.workshop.store import Store, StoreError
from game.ui.widgets.variant_map import QUADRANTS, VariantMap
from game.ui.workshop.widgets import (
    ChoiceBars, LoyaltySpreadView, MotivationBoard, Questions, participant_row, seen_text,
)

# the participants table's column headings (string keys)
COLUMNS = ("ws_participant", "ws_decisions", "ws_dash_done", "ws_variant", "ws_consistent",
           "ws_dash_seen")


class DashboardScreen(LocalisedBindings, Screen):
    """The facilitator's overview of one session."""

    NAME_KEY = "ws_screen_dashboard"  # strings keys: its name and what it is for, in help
    HELP_KEY = "ws_help_dashboard"

    DEFAULT_CSS = """
    DashboardScreen #status { height: 1; padding: 0 1; background: $panel; }
    DashboardScreen #status.-trouble { background: $error; color: $text; }
    DashboardScreen #cases { width: 34; height: 1fr; border: round $primary; }
    DashboardScreen.-narrow #cases { display: none; }
    DashboardScreen #case-title { height: auto; padding: 0 1; text-style: bold; }
    DashboardScreen TabbedContent { height: 1fr; }
    DashboardScreen #choices-pane VerticalScroll { height: 1fr; }
    DashboardScreen Questions { padding: 1 1 0 1; }
    DashboardScreen PeopleTable { height: 1fr; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    TABS = ("choices-pane", "voices-pane", "spread-pane", "map-pane", "people-pane",
            "earlier-pane")
    BINDINGS = [Binding(str(n), f"tab({n - 1})", "ws_key_tab", show=False, id=f"tab-{n}")
                for n in range(1, len(TABS) + 1)]
    BINDINGS.append(Binding("x", "release", "ws_key_release", id="release"))

    def action_tab(self, index: int) -> None:
        self.query_one("#tabs", TabbedContent).active = self.TABS[index]
        if self.TABS[index] == "people-pane":  # arrows pick a participant (x releases)
            self.query_one("#people", PeopleTable).focus()

    _title: str | None = None
    _people: list[Person] = []  # the participants the table shows, and their cells
    _rows: list[tuple[str, ...]] = []

    @property
    def dashboard(self) -> DashboardApp:
        """The app, typed as the dashboard that pushes this screen."""
        return cast("DashboardApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.dashboard.lang
        yield Header()
        yield Static(s("ws_dash_reading", lang), id="status")
        with Horizontal():
            yield CaseList(id="cases")
            with Vertical():
                yield Static("", id="case-title")
                with TabbedContent(id="tabs"):
                    with TabPane(s("ws_dash_tab_choices", lang), id="choices-pane"):
                        with VerticalScroll():
                            yield ChoiceBars(lang, id="bars")
                            yield Questions(lang, id="questions")
                    with TabPane(s("ws_same_case", lang), id="voices-pane"):
                        yield MotivationBoard(lang, id="voices")
                    with TabPane(s("ws_dash_tab_loyalties", lang), id="spread-pane"):
                        with VerticalScroll():
                            yield LoyaltySpreadView(lang, id="spread")
                    with TabPane(s("ws_dash_tab_map", lang), id="map-pane"):
                        yield VariantMap(fill=True, id="map")
                    with TabPane(s("ws_participants", lang), id="people-pane"):
                        yield PeopleTable([s(key, lang) for key in COLUMNS], id="people")
                    with TabPane(s("ws_earlier_tab", lang), id="earlier-pane"):
                        with VerticalScroll():
                            yield EarlierGroups(lang, id="earlier")
        yield Footer()

    def on_mount(self) -> None:
        self._people, self._rows = [], []
        self.refresh_bindings()
        self.watch(self.app, "results", self._show_results)
        self.watch(self.app, "case_index", self._show_case)
        self.watch(self.app, "trouble", self._show_status)

    def _show_status(self, _: object = None) -> None:
        app = self.dashboard
        status = self.query_one("#status", Static)
        status.set_class(bool(app.trouble), "-trouble")
        results = app.results
        if app.trouble:
            # a path or a database error: plain text; the line is one high (no layout)
            status.update(TextContent(app.trouble), layout=False)
        elif results is not None:
            done = sum(1 for p in results.people if p.finished)
            status.update(s("ws_dash_status", app.lang, people=len(results.people),
                            decisions=results.decisions, done=done,
                            time=time.strftime("%H:%M:%S", time.localtime(app.read_at))),
                          layout=False)

    def _show_results(self, results: GroupResults | None) -> None:
        if results is None:
            return
        app = self.dashboard
        self.app.sub_title = f"{results.info.name} · {results.info.code} · {results.title}"
        cases = self.query_one("#cases", CaseList)
        cases.set_prompts([f"{c.number}. {c.title}\n   " + s(
            "ws_dash_case_line", app.lang, decided=c.decided, people=len(results.people))
            + (f" · {s('ws_dash_divided', app.lang)}" if c.divided else "")
            for c in results.cases])  # draws again only the cases whose counts moved
        if cases.highlighted is None and cases.case_count:
            cases.highlighted = app.case_index
        self.query_one("#spread", LoyaltySpreadView).spread = tuple(results.spread)
        self._fill_table(results.people)
        self._show_case()
        self._show_status()

    def _draw_map(self, results: GroupResults) -> None:
        app = self.dashboard
        placed = [p.position for p in results.people if p.position.variant
                  or p.position.between]
        self.query_one("#map", VariantMap).show_group(
            placed, {v: s(f"variant_{v}", app.lang) for v in QUADRANTS},
            s("map_group_axis", app.lang), s("map_individual_axis", app.lang),
            f"({s('ws_dash_placed', app.lang, count=len(placed))})")

    def _draw_shown_tab(self) -> None:
        """The tabs that are costly to draw for a large group (a widget per motivation, the
        map, the comparison) are drawn only while shown, and again when shown."""
        app = self.dashboard
        results, case = app.results, app.current_case()
        active = self.query_one("#tabs", TabbedContent).active
        if active == "voices-pane":
            self.query_one("#voices", MotivationBoard).case = case
        elif active == "map-pane" and results is not None:
            self._draw_map(results)
        elif active == "earlier-pane":
            earlier = self.query_one("#earlier", EarlierGroups)
            earlier.results = results
            earlier.case = case

    def _fill_table(self, people: list[Person]) -> None:
        """The participants table: a row per place in the group (they keep their order,
        newcomers come last). A participant who is the same object as on the last tick keeps
        their row (only the time seen is worked out again), so the table compares and draws
        only what changed; the cursor stays on the same participant."""
        lang = self.dashboard.lang
        table = self.query_one("#people", PeopleTable)
        before, rows = self._people, self._rows
        chosen = before[table.cursor_row].name if 0 <= table.cursor_row < len(before) else None
        now = time.time()
        fresh: list[tuple[str, ...]] = []
        for index, person in enumerate(people):
            if index < len(before) and person is before[index]:  # only the time seen moves
                row, seen = rows[index], seen_text(person, now)
                fresh.append(row if seen == row[-1] else row[:-1] + (seen,))
            else:
                fresh.append(participant_row(person, lang, now))
        self._people, self._rows = list(people), fresh
        table.set_rows(fresh)
        if not people:
            return
        at = min(table.cursor_row, len(people) - 1)
        if chosen is not None and people[at].name != chosen:
            at = next((i for i, p in enumerate(people) if p.name == chosen), at)
        if at != table.cursor_row:
            table.move_cursor(at)

    def _show_case(self, _: object = None) -> None:
        app = self.dashboard
        case = app.current_case()
        title = self.query_one("#case-title", Static)
        text = s("ws_dash_case", app.lang, number=case.number, total=len(app.results.cases),
                 title=case.title) if case and app.results else ""
        if text != self._title:  # an update lays the screen out again
            self._title = text
            title.update(text)
        self.query_one("#bars", ChoiceBars).case = case
        self.query_one("#questions", Questions).case = case
        self._draw_shown_tab()
        cases = self.query_one("#cases", CaseList)
        if case is not None and cases.highlighted != app.case_index and cases.case_count:
            cases.highlighted = app.case_index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "release":  # only where a participant can be chosen
            return self.query_one("#tabs", TabbedContent).active == "people-pane"
        return True

    def action_release(self) -> None:
        """Free the chosen participant's pseudonym, after a yes (``Store.release``)."""
        from game.ui.workshop.release_screen import ReleaseScreen

        app = self.dashboard
        table = self.query_one("#people", PeopleTable)
        if not table.row_count or app.results is None:
            app.notify(s("ws_release_pick", app.lang), severity="warning", markup=False)
            return
        name = app.results.people[table.cursor_row].name

        def release(yes: bool | None) -> None:
            if yes:
                app.release_name(name)

        self.app.push_screen(ReleaseScreen(name, app.lang), release)

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()
        self._draw_shown_tab()

    @on(CaseList.Highlighted, "#cases")
    def _case_picked(self, event: CaseList.Highlighted) -> None:
        self.dashboard.case_index = event.index


class DashboardApp(App[int]):
    """The facilitator's dashboard (and, with ``plenary=True``, the plenary round)."""

    TITLE = "Maatwerk workshop"
    BINDINGS = [
        Binding("f1", "help", "ws_key_help", tooltip="ws_tip_help", id="help"),
        Binding("p", "presentation", "ws_key_presentation", tooltip="ws_tip_presentation",
                id="presentation"),
        Binding("l", "plenary", "ws_key_plenary", tooltip="ws_tip_plenary", id="plenary"),
        Binding("right_square_bracket,n", "case(1)", "ws_key_next", id="next-case"),
        Binding("left_square_bracket,b", "case(-1)", "ws_key_previous", id="previous-case"),
        Binding("r", "reload", "ws_key_reload", tooltip="ws_tip_reload", id="reload"),
        Binding("ctrl+q", "quit", "ws_key_quit", priority=True, id="quit"),
    ]

    # a var: the widgets that show the figures repaint themselves, each only where it changed;
    # a reactive of the app would repaint the whole screen on each tick (the participants
    # table alone draws its 40-odd visible rows of six cells again)
    results: var[GroupResults | None] = var(None)
    case_index: reactive[int] = reactive(0)
    trouble: reactive[str] = reactive("")

    @dataclass
    class ResultsRead(Message):
        results: GroupResults
        read_at: float

    @dataclass
    class StoreTrouble(Message):
        message: str

    def __init__(self, store: Store, content: GameContent, code: str, lang: str = "nl",
                 interval: float = 2.0, plenary: bool = False) -> None:
        super().__init__()
        self.store = store
        self.content = content
        self.code = code
        self.lang = lang
        self.interval = interval
        self.start_plenary = plenary
        self.read_at = 0.0
        self.live = LiveResults(store, content, code, lang)  # reads only what is new
        self._frozen = 0  # the full reads whose objects were set aside from the collector

    def get_default_screen(self) -> Screen:
        return DashboardScreen(id="dashboard")

    def on_mount(self) -> None:
        self.title = s("ws_dash_title", self.lang)
        self.read_results()
        if self.interval > 0:
            self.set_interval(self.interval, self.read_results)
        if self.start_plenary:
            self.action_plenary()

    # ------------------------------------------------------------------ reading the store
    @work(thread=True, exclusive=True, group="poll")
    def read_results(self) -> None:
        """Read the store off the event loop; posts a message, never touches a widget."""
        try:
            results = self.live.refresh()
        except StoreError as exc:
            self.post_message(self.StoreTrouble(exc.message(self.lang)))
            return
        self.post_message(self.ResultsRead(results, time.time()))

    @work(thread=True, group="release")
    def release_name(self, name: str) -> None:
        try:
            stored = self.store.release(self.code, name)
        except StoreError as exc:
            self.call_from_thread(self.notify, exc.message(self.lang), severity="error",
                                  markup=False)
            return
        self.call_from_thread(self.notify, s("ws_released", self.lang, name=stored,
                                             code=self.code), markup=False)

    @on(ResultsRead)
    def _results_read(self, message: ResultsRead) -> None:
        if self.live.full_reads != self._frozen:
            self._set_aside()
        self.read_at = message.read_at
        self.trouble = ""
        self.results = message.results
        if self.results is not None and self.case_index >= len(self.results.cases):
            self.case_index = max(0, len(self.results.cases) - 1)
        if isinstance(self.screen, DashboardScreen):
            self.screen._show_status()

    def _set_aside(self) -> None:
        """After a full read, the figures of a large group are some 100,000 objects that live
        as long as the dashboard. Python's cyclic collector would go through all of them in
        each full collection (over 100 ms, in the middle of a tick, every few ticks); frozen,
        it passes them by. Garbage is collected first, so nothing unreachable is kept; frozen
        objects are still freed when no longer referenced."""
        self._frozen = self.live.full_reads
        gc.collect()
        gc.freeze()

    def on_unmount(self) -> None:
        """The app ends: what was set aside is the collector's again (in a process that goes
        on, such as a test run, nothing stays out of its reach)."""
        if self._frozen:
            gc.unfreeze()

    @on(StoreTrouble)
    def _store_trouble(self, message: StoreTrouble) -> None:
        if message.message != self.trouble:
            self.notify(message.message, severity="error", timeout=10, markup=False)
        self.trouble = message.message

    def current_case(self):
        if self.results is None or not self.results.cases:
            return None
        return self.results.cases[min(self.case_index, len(self.results.cases) - 1)]

    # ------------------------------------------------------------------ actions
    def action_case(self, step: int) -> None:
        if self.results and self.results.cases:
            self.case_index = (self.case_index + step) % len(self.results.cases)

    def action_reload(self) -> None:
        self.read_results()

    def action_help(self) -> None:
        """The game's help screen, for the screen the facilitator is on."""
        from game.ui.screens.help import HelpScreen
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen, "ws_help_everywhere", "ws_key_close"))

    def action_presentation(self) -> None:
        from game.ui.workshop.presentation import PresentationScreen
        if isinstance(self.screen, PresentationScreen):
            self.pop_screen()
        elif isinstance(self.screen, DashboardScreen):
            self.push_screen(PresentationScreen())

    def action_plenary(self) -> None:
        from game.ui.workshop.plenary import PlenaryScreen
        if not isinstance(self.screen, PlenaryScreen):
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(PlenaryScreen())
