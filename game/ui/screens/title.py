"""The title screen and main menu: the word Maatwerk at once, the menu when content is in."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer

BANNER = """\
█▄ ▄█ ▄▀▄ ▄▀▄ ▀█▀ █   █ ██▀ █▀▄ █▄▀
█ ▀ █ █▀█ █▀█  █  ▀▄▀▄▀ █▄▄ █▀▄ █ █"""

MENU = ("new", "continue", "campaign", "settings", "help", "sources", "quit")
NEEDS_CONTENT = {"new", "continue", "campaign", "sources"}


class TitleScreen(Localised, Screen):
    HELP_KEY = "help_title"
    NAME_KEY = "screen_title"
    # the menu has the keys from the first frame on (by default the scroll around the title
    # took focus, and restyling all it holds for that cost the first paint a good many ms)
    AUTO_FOCUS = "#menu"
    BINDINGS = [
        Binding("q", "app.quit", "key_quit_short", show=False, id="title-quit"),
    ]

    def compose(self) -> ComposeResult:
        # everything in its first state, in the player's language: the first paint needs no
        # second pass to fill it in (each widget less, and each update less, is a few ms)
        menu = OptionList(*self._menu_items(), id="menu")
        menu.highlighted = self._highlight(menu.options, keep=None)
        with VerticalScroll(id="title-scroll"):
            yield Static(BANNER, id="banner", markup=False)
            yield Static("Maatwerk", id="wordmark")
            yield Static(self.t("tagline"), id="tagline")
            yield Static(self._loading_text(), id="loading")
            with Center():
                yield menu
            # the campaign line and the notice come when there is something to say
        yield Footer()

    def relabel(self) -> None:
        self._show(self.query_one("#tagline", Static), self.t("tagline"))
        self.refresh_menu()

    def content_ready(self) -> None:
        self.refresh_menu(reset=True)
        self.query_one("#menu", OptionList).focus()

    def refresh_menu(self, reset: bool = False) -> None:
        """Bring the menu, the loading line, the campaign line and the notice up to date; a
        line that already says the right thing is left alone."""
        app = self.maatwerk
        loading = self.query_one("#loading", Static)
        self._show(loading, self._loading_text())
        loading.display = app.content is None and not app.notices
        menu = self.query_one("#menu", OptionList)
        items = self._menu_items()
        shown = [(o.id, str(o.prompt), o.disabled) for o in menu.options]
        if reset or shown != [(o.id, str(o.prompt), o.disabled) for o in items]:
            keep = menu.highlighted_option.id if menu.highlighted_option and not reset else None
            menu.set_options(items)
            menu.highlighted = self._highlight(items, keep)
        self._campaign_line()
        self._notice()

    def _loading_text(self) -> str:
        app = self.maatwerk
        return "" if app.content is not None or app.notices else self.t("loading")

    def _menu_items(self) -> list[Option]:
        app = self.maatwerk
        loaded = app.content is not None
        items = []
        for key in MENU:
            if key == "continue" and not app.has_save():
                continue
            disabled = (key in NEEDS_CONTENT and not loaded) or (
                key in ("new", "continue") and not app.can_play() and key != "continue")
            items.append(Option(self.t(f"menu_{key}"), id=key, disabled=disabled))
        return items

    def _highlight(self, items: Sequence[Option], keep: str | None) -> int | None:
        ids = [o.id for o in items if not o.disabled]
        if not ids:
            return None
        # a seed given on the command line asks for that new game, not the old save
        first = "continue" if "continue" in ids and self.maatwerk.seed is None else ids[0]
        target = keep if keep in ids else first
        return next(i for i, o in enumerate(items) if o.id == target)

    def _campaign_line(self) -> None:
        app = self.maatwerk
        text = ""
        if app.content is not None and app.campaign_id:
            from game.engine.catalogue import campaign_view

            campaign = campaign_view(app.content, app.campaign_id, self.lang)
            text = (f"[b]{escape(self.t('choose_campaign'))}:[/] {escape(campaign.title)}\n"
                    f"[$text-muted]{escape(campaign.description)}[/]")
        self._line("campaign-line", text, after="Center")

    def _notice(self) -> None:
        notices = self.maatwerk.notices
        notice = self._line("notice", escape("\n\n".join(notices)),
                            after="#campaign-line, Center")
        if notice is not None:
            notice.display = bool(notices)

    def _line(self, name: str, text: str, after: str) -> Static | None:
        """The line ``#name`` showing ``text``; mounted (after the last of ``after`` there
        is) the first time it has something to show, None until then."""
        try:
            line = self.query_one(f"#{name}", Static)
        except NoMatches:
            if not text:
                return None
            scroll = self.query_one("#title-scroll", VerticalScroll)
            line = Static(text, id=name)
            scroll.mount(line, after=scroll.query_children(after).last())
            return line
        self._show(line, text)
        return line

    @staticmethod
    def _show(static: Static, text: str) -> None:
        if static.content != text:
            static.update(text)

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        app = self.maatwerk
        action = {
            "new": app.action_new_game, "continue": app.action_continue_game,
            "campaign": app.action_choose_campaign, "settings": app.action_settings,
            "help": app.action_help, "sources": app.action_sources, "quit": app.exit,
        }[event.option.id or ""]
        action()
