"""The Maatwerk terminal game: the App, its settings, and the worker that loads content.

The title screen shows at once; content loads in a thread worker behind it and arrives as a
message. Only ``textual`` and the tiny ``game.strings``/``game.settings`` modules are imported
on the way to the title; the engine, the content loader and the other screens load later.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from game.settings import Settings, autosave_path
from game.strings import s
from game.ui.screens.title import TitleScreen
from game.ui.themes import DEFAULT_THEME, THEMES
from game.ui.typeahead import TypeAhead

if TYPE_CHECKING:
    from game.content.loader import Content
    from game.participation import JoinedRun, Ticket
    from game.run import Run

# seconds the content worker waits for the title's first paint before it loads anyway (a
# guard only: the paint, or the app ending, lets it go much sooner)
FIRST_PAINT_WAIT = 5.0
JOIN_RETRY = (2.0, 4.0, 8.0, 15.0)  # seconds before each new try to join an unreachable store
# the rules of every screen but the title (app.tcss holds the title's): read as the first
# other screen comes up, or once the content is in, so the title's first paint never waits
# for them (they are most of the stylesheet)
SCREEN_RULES = os.path.abspath(Path(__file__).with_name("screens.tcss"))


class MaatwerkApp(TypeAhead, App[int]):
    """The game a player sees when they type ``maatwerk``."""

    CSS_PATH = "app.tcss"
    TITLE = "Maatwerk"
    BINDINGS = [
        Binding("f1", "help", "key_help", tooltip="tip_help", id="help"),
        Binding("question_mark", "help", "key_help", show=False, id="help-question"),
        Binding("ctrl+q", "quit", "key_quit", tooltip="tip_quit", priority=True, id="quit"),
    ]

    # (plain classes: a dataclass writes and compiles its methods on import, ~1 ms each)
    class ContentLoaded(Message):
        def __init__(self, content: Content) -> None:
            super().__init__()
            self.content = content

    class ContentFailed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self, lang: str | None = None, extra: list[Path] | None = None,
                 save_path: Path | None = None, seed: int | None = None,
                 campaign: str | None = None, builtin: Path | None = None,
                 workshop: Ticket | None = None) -> None:
        super().__init__()
        self.settings = Settings.load()
        self.lang: str = lang or self.settings.lang
        self.extra = [Path(p) for p in extra or []]
        self.builtin = builtin  # another folder instead of the shipped scenarios (tests)
        self.save_path = Path(save_path) if save_path else autosave_path()
        self.seed = seed
        self.wanted_campaign = campaign
        self.campaign_id: str | None = None
        self.content: Content | None = None
        self.notices: list[str] = []  # problems with content or settings, shown on the title
        self.player_run: Run | None = None
        # a workshop participant's seat: the workshop keeps the run, so there is no new game
        # or autosave to continue
        self.workshop = workshop
        self.joined: JoinedRun | None = None
        self.seat: tuple[str, str] | None = None  # a participant's name and rejoin code
        self._join_tries = 0
        self.farewell: str | None = None  # said after the game closes (a save moved, ...)
        self._title_painted = threading.Event()
        self._ending = False
        for theme in THEMES:
            self.register_theme(theme)
        wanted = self.settings.theme
        self._first_theme(wanted if wanted in self.available_themes else DEFAULT_THEME)
        self.animation_level = "none" if self.settings.reduced_motion else "full"

    # ------------------------------------------------------------ start-up
    _theme_set = False  # until ``_first_theme``: Textual's default theme, never shown

    def get_css_variables(self) -> dict[str, str]:
        if not self._theme_set:
            # asked by App.__init__, for Textual's default theme: working out its colours
            # (a few ms) is wasted, as ``_first_theme`` sets the game's at once
            return {}
        return super().get_css_variables()

    def _first_theme(self, name: str) -> None:
        """Set the theme before the app runs, doing what ``App.theme``'s watcher does except
        its queued stylesheet refresh: Textual parses the whole stylesheet when it starts, and
        that refresh parsed it all a second time before the first paint."""
        self._theme_set = True
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes[f"-theme-{name}"] = True
        classes["-dark-mode"] = theme.dark
        classes["-light-mode"] = not theme.dark
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_default_screen(self) -> Screen:
        return TitleScreen(id="title")

    def _load_screen_css(self, screen: Screen) -> None:
        # Textual calls this for each screen it brings up (pushed, switched to, the first)
        if not isinstance(screen, TitleScreen):
            self.read_screen_rules()
        super()._load_screen_css(screen)

    def read_screen_rules(self) -> None:
        """Add the rules of the other screens to the stylesheet (once). Only the new file is
        parsed: Textual keeps the rules of the sources it parsed before."""
        stylesheet = self.stylesheet
        if stylesheet.has_source(SCREEN_RULES):
            return
        stylesheet.read(SCREEN_RULES)
        stylesheet.parse()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # the worker exists from now on (so waiting for the app's workers waits for the
        # content), but it starts loading only once the title is on screen
        self.load_content()
        self.call_after_refresh(self._title_painted.set)

    def on_unmount(self) -> None:
        self._ending = True  # an app that ends before its first paint: no content to load
        self._title_painted.set()

    @work(thread=True, exclusive=True, group="content")
    def load_content(self) -> None:
        """Load and check the content off the event loop; never touches a widget.

        Importing pydantic and the engine holds the interpreter for a good part of a second;
        begun before the first paint, it would hold up the title it is meant to hide behind.
        """
        self._title_painted.wait(FIRST_PAINT_WAIT)
        if self._ending:
            return
        try:
            from game.content_cache import load_cached
            content = load_cached(extra=self.extra or None, builtin=self.builtin)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a notice, not a crash
            self.post_message(self.ContentFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.ContentLoaded(content))

    @on(ContentLoaded)
    def _content_loaded(self, message: ContentLoaded) -> None:
        from game.content import pick_campaign
        from game.engine.catalogue import campaign_ids

        content = message.content
        self.content = content
        errors = content.errors
        if errors:
            lines = [s("content_errors", self.lang, count=len(errors))]
            lines += [str(d) for d in errors[:3]]
            if len(errors) > 3:
                lines.append(s("more_errors", self.lang, count=len(errors) - 3))
            self.notices.append("\n".join(lines))
        self.campaign_id = pick_campaign(content, self.wanted_campaign)
        if self.campaign_id is None and self.wanted_campaign:
            self.notices.append(s("campaign_unknown", self.lang, id=self.wanted_campaign,
                                  available=", ".join(campaign_ids(content))))
            self.campaign_id = pick_campaign(content, None)
        if self.campaign_id is None:
            self.notices.append(s("no_campaigns", self.lang))
        self.title_screen.content_ready()
        # while the player reads the menu
        self.call_after_refresh(self.read_screen_rules)
        if self.workshop is not None:
            self._join_workshop(content)

    def _join_workshop(self, content: Content) -> None:
        from game.participation import NameTaken, RoomError

        def failed(exc: RoomError) -> None:  # a decision not recorded, while playing
            message = exc.message(self.lang)
            if exc.passing:
                message += " " + s("ws_kept_until_back", self.lang)
            self.notify(message, severity="warning", timeout=12, markup=False)

        assert self.workshop is not None
        try:
            joined = self.workshop.join(content, self.lang, on_error=failed)
        except NameTaken as exc:
            self._ask_rejoin_code(content, exc.message(self.lang))
            return
        except RoomError as exc:
            if exc.passing:
                self._join_later(content)
                return
            self.notices.append(exc.message(self.lang))
            self.title_screen.refresh_menu()
            return
        for key, values in joined.messages:
            if key != "ws_rejoin_code":  # the code is in view beside every case instead
                self.notify(s(key, self.lang, **values), markup=False, timeout=8)
        self.seat = joined.seat
        self.joined = joined
        self.player_run = joined.run
        self.campaign_id = joined.campaign
        self.enter_play()

    def _join_later(self, content: Content) -> None:
        """The store cannot be reached yet: say so, and join again in a while, by itself, for
        as long as the game is open (a participant has nothing to do but wait)."""
        delay = JOIN_RETRY[min(self._join_tries, len(JOIN_RETRY) - 1)]
        self._join_tries += 1
        self.notify(s("ws_join_retry", self.lang, seconds=round(delay)), severity="warning",
                    timeout=max(delay, 3), markup=False)
        self.title_screen.refresh_menu()

        def again() -> None:
            if self.joined is None and self.workshop is not None:
                self._join_workshop(content)
        self.set_timer(delay, again)

    def _ask_rejoin_code(self, content: Content, message: str) -> None:
        """The pseudonym is in use: ask for its rejoin code, or quit (pick another name)."""
        from game.ui.workshop.rejoin_screen import RejoinScreen

        def answer(code: str | None) -> None:
            if code is None or self.workshop is None:
                self.exit(return_code=1)
                return
            self.workshop = self.workshop.with_rejoin(code)
            self._join_workshop(content)
        self.push_screen(RejoinScreen(message, self.lang), answer)

    @on(ContentFailed)
    def _content_failed(self, message: ContentFailed) -> None:
        self.notices.append(s("content_failed", self.lang, error=message.error))
        self.title_screen.content_ready()

    @property
    def title_screen(self) -> TitleScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    # ------------------------------------------------------------ playing
    def has_save(self) -> bool:
        if self.workshop is not None:
            return False
        return self.save_path.exists()

    def can_play(self) -> bool:
        return self.content is not None and self.campaign_id is not None

    def action_new_game(self) -> None:
        if self.workshop is not None:  # a participant plays the session's run, nothing else
            if self.player_run is not None:
                self.enter_play()
            return
        if not self.can_play():
            return
        if not self.has_save():
            self.start_new_game()
            return
        from game.ui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.start_new_game()
        self.push_screen(ConfirmScreen("confirm_new_game_kept"), answer)

    def start_new_game(self) -> None:
        from game.run import Run

        assert self.content is not None and self.campaign_id is not None
        self.player_run = Run.new(self.content, self.campaign_id, self.seed, self.lang,
                                   self.save_path)
        self.enter_play()
        self._watch_saves(self.player_run)

    def action_continue_game(self) -> None:
        if self.content is None or not self.has_save():
            return
        from game.run import Run

        run, messages = Run.resume(self.content, self.save_path, self.lang)
        for key, values in messages:
            self.notify(s(key, self.lang, **values), severity="warning", timeout=12)
        if run is None:
            self.title_screen.refresh_menu()
            return
        self.player_run = run
        self.campaign_id = run.game.campaign_id
        self.enter_play()
        self._watch_saves(run)

    def enter_play(self) -> None:
        """Show the current case (or the end screen) over the title."""
        self.back_to_title()
        assert self.player_run is not None
        if self.player_run.game.finished:
            from game.ui.screens.debrief import EndScreen
            self.push_screen(EndScreen())
        else:
            from game.ui.screens.case import CaseScreen
            self.push_screen(CaseScreen())

    def back_to_title(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.title_screen.refresh_menu()

    def action_menu(self) -> None:
        self.back_to_title()

    # ------------------------------------------------------------ a save that fails
    def _watch_saves(self, run: Run) -> None:
        """Tell the player about kept files and failed saves; the game itself never stops."""
        run.on_save_failed.append(self._save_failed)
        run.on_saved_again.append(self._saved_again)
        for key, values in run.take_messages():
            self.notify(s(key, self.lang, **values), timeout=10, markup=False)
        if run.save_problem is not None:
            self._save_failed(run)

    def _save_failed(self, run: Run) -> None:
        problem = run.save_problem
        if problem is None:
            return
        if problem.failures == 1:
            # after the step's own screens are shown, so the dialog is on top of them
            self.call_later(self.action_save_elsewhere)
        else:
            self.notify(s("save_still_failing", self.lang, path=problem.path,
                          reason=problem.reason(self.lang), count=problem.failures),
                        severity="warning", timeout=8, markup=False)

    def _saved_again(self, run: Run) -> None:
        for key, values in run.take_messages():
            self.notify(s(key, self.lang, **values), timeout=10, markup=False)
        self.notify(s("save_works_again", self.lang, path=run.save_path), timeout=6,
                    markup=False)

    def action_save_elsewhere(self) -> None:
        from game.ui.screens.save_problem import SaveProblemScreen

        run = self.player_run
        if run is None or run.save_problem is None:
            return
        if isinstance(self.screen, SaveProblemScreen):
            return

        def moved(path: Path | None) -> None:
            if path is None or self.player_run is not run:
                return
            self.save_path = path
            for key, values in run.take_messages():
                self.notify(s(key, self.lang, **values), timeout=10, markup=False)
            self.notify(s("save_moved", self.lang, path=path), timeout=8, markup=False)
            self.title_screen.refresh_menu()
        self.push_screen(SaveProblemScreen(run.save_problem), moved)

    def exit(self, result: int | None = None, return_code: int = 0,
             message: Any = None) -> None:
        """Close the game; a run that still could not be saved goes to another place first,
        and ``farewell`` says where (printed once the terminal is back)."""
        farewell = self._last_save()
        if farewell:
            self.farewell = farewell
        super().exit(result, return_code, message)

    def _last_save(self) -> str | None:
        run = self.player_run
        if run is None or run.save_problem is None or run.save():
            return None
        from game.saves import snapshot
        failed = run.save_elsewhere(run.save_problem.suggestion())
        if failed is None:
            return s("save_rescued_app", self.lang, path=run.save_path)
        # nowhere works: the run as save JSON, to keep by hand
        return (s("save_nowhere", self.lang, reason=failed.reason(self.lang)) + "\n"
                + snapshot(run.game, run.reflections).to_json())

    # ------------------------------------------------------------ screens anyone can open
    def _playing(self) -> bool:
        return self.player_run is not None

    def action_precedents(self, case: str = "") -> None:
        from game.ui.screens.precedents import PrecedentScreen
        if self._playing() and not isinstance(self.screen, PrecedentScreen):
            self.push_screen(PrecedentScreen(focus_case=case or None))

    def action_inbox(self) -> None:
        from game.ui.screens.inbox import InboxScreen
        if self._playing() and not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen())

    def action_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_sources(self) -> None:
        from game.ui.screens.sources import SourcesScreen
        if self.content is not None and not isinstance(self.screen, SourcesScreen):
            self.push_screen(SourcesScreen())

    def action_choose_campaign(self) -> None:
        if self.content is None:
            return
        from game.ui.screens.campaigns import CampaignScreen

        def chosen(campaign: str | None) -> None:
            if campaign:
                self.campaign_id = campaign
                self.title_screen.refresh_menu()
        self.push_screen(CampaignScreen(), chosen)

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------ settings
    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        if self.player_run is not None:
            self.player_run.set_language(lang)  # the content language of the views
        self.settings.lang = lang
        self._store_settings()
        for screen in self.screen_stack:
            localise = getattr(screen, "localise", None)
            if localise is not None:
                localise()

    def set_reduced_motion(self, reduced: bool) -> None:
        self.settings.reduced_motion = reduced
        self.animation_level = "none" if reduced else "full"
        self._store_settings()

    def _theme_changed(self, theme: Any) -> None:
        if self.settings.theme != theme.name:
            self.settings.theme = theme.name
            self._store_settings()

    def _store_settings(self) -> None:
        try:
            self.settings.store()
        except OSError as exc:
            self.notify(s("settings_not_saved", self.lang, error=exc), severity="warning")

    # ------------------------------------------------------------ command palette
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        if self.can_play():
            yield SystemCommand(s("menu_new", lang), s("cmd_new", lang), self.action_new_game)
        if self.content is not None and self.has_save():
            yield SystemCommand(s("menu_continue", lang), s("cmd_continue", lang),
                                self.action_continue_game)
        if self._playing():
            yield SystemCommand(s("key_precedents", lang), s("cmd_precedents", lang),
                                self.action_precedents)
            yield SystemCommand(s("key_inbox", lang), s("cmd_inbox", lang), self.action_inbox)
        if self.player_run is not None and self.player_run.save_problem is not None:
            yield SystemCommand(s("cmd_save_elsewhere", lang), s("cmd_save_elsewhere_help", lang),
                                self.action_save_elsewhere)
        if len(self.screen_stack) > 1:
            yield SystemCommand(s("key_menu", lang), s("cmd_menu", lang), self.action_menu)
        yield SystemCommand(s("menu_settings", lang), s("cmd_settings", lang),
                            self.action_settings)
        other = "en" if lang == "nl" else "nl"
        yield SystemCommand(s("cmd_language", lang), s("cmd_language_help", lang),
                            lambda: self.set_language(other))
        if self.content is not None:
            yield SystemCommand(s("menu_sources", lang), s("cmd_sources", lang),
                                self.action_sources)
        yield SystemCommand(s("key_help", lang), s("cmd_help", lang), self.action_help)
        yield from super().get_system_commands(screen)
