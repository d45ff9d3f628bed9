"""The title screen and main menu: the word Maatwerk at once, the menu when content is in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
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
        with VerticalScroll(id="title-scroll"):
            with Vertical(id="title-box"):
                yield Static(BANNER, id="banner", markup=False)
                yield Static("Maatwerk", id="wordmark")
                yield Static(id="tagline")
                yield Static(id="loading")
                with Center():
                    yield OptionList(id="menu")
                yield Static(id="campaign-line")
                yield Static(id="notice")
        yield Footer()

    def relabel(self) -> None:
        self.query_one("#tagline", Static).update(self.t("tagline"))
        self.refresh_menu()

    def content_ready(self) -> None:
        self.refresh_menu(reset=True)
        self.query_one("#menu", OptionList).focus()

    def refresh_menu(self, reset: bool = False) -> None:
        app = self.maatwerk
        loaded = app.content is not None
        loading = self.query_one("#loading", Static)
        loading.update("" if loaded or app.notices else self.t("loading"))
        loading.display = not loaded and not app.notices
        menu = self.query_one("#menu", OptionList)
        keep = menu.highlighted_option.id if menu.highlighted_option and not reset else None
        items = []
        for key in MENU:
            if key == "continue" and not app.has_save():
                continue
            disabled = (key in NEEDS_CONTENT and not loaded) or (
                key in ("new", "continue") and not app.can_play() and key != "continue")
            items.append(Option(self.t(f"menu_{key}"), id=key, disabled=disabled))
        menu.set_options(items)
        ids = [o.id for o in items if not o.disabled]
        if ids:
            # a seed given on the command line asks for that new game, not the old save
            first = "continue" if "continue" in ids and app.seed is None else ids[0]
            target = keep if keep in ids else first
            menu.highlighted = next(i for i, o in enumerate(items) if o.id == target)
        line = self.query_one("#campaign-line", Static)
        if loaded and app.campaign_id and app.content is not None:
            from game.engine.catalogue import campaign_view

            campaign = campaign_view(app.content, app.campaign_id, self.lang)
            line.update(f"[b]{escape(self.t('choose_campaign'))}:[/] "
                        f"{escape(campaign.title)}\n"
                        f"[$text-muted]{escape(campaign.description)}[/]")
        else:
            line.update("")
        notice = self.query_one("#notice", Static)
        notice.update(escape("\n\n".join(app.notices)))
        notice.display = bool(app.notices)

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        app = self.maatwerk
        action = {
            "new": app.action_new_game, "continue": app.action_continue_game,
            "campaign": app.action_choose_campaign, "settings": app.action_settings,
            "help": app.action_help, "sources": app.action_sources, "quit": app.exit,
        }[event.option.id or ""]
        action()
