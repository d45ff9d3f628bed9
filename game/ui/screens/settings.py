"""Settings: language (switched live), theme (incl. high contrast), reduced motion.

Every change applies at once and is stored with ``Settings.store()``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, RadioButton, RadioSet, Static

from game.ui.screens.base import Localised
from game.ui.themes import THEME_NAMES
from game.ui.widgets.footer import Footer

LANGS = ("nl", "en")
LANG_NAMES = {"nl": "Nederlands", "en": "English"}


class SettingsScreen(Localised, ModalScreen[None]):
    HELP_KEY = "help_settings"
    NAME_KEY = "screen_settings"
    BINDINGS = [Binding("escape", "close", "key_close")]

    def compose(self) -> ComposeResult:
        app = self.maatwerk
        with VerticalScroll(id="settings-box", classes="dialog"):
            yield Static(id="settings-head", classes="page-head")
            yield Static(id="lang-label", classes="field-label")
            with RadioSet(id="lang"):
                for lang in LANGS:
                    yield RadioButton(LANG_NAMES[lang], value=app.lang == lang, id=f"lang-{lang}")
            yield Static(id="theme-label", classes="field-label")
            with RadioSet(id="theme"):
                for name in THEME_NAMES:
                    yield RadioButton(name, value=app.theme == name, id=f"theme-{name}")
            yield Checkbox(value=app.settings.reduced_motion, id="motion")
            yield Static(id="settings-stored", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(id="settings-close", variant="primary")
        yield Footer()

    def relabel(self) -> None:
        self.query_one("#settings-head", Static).update(f"[b]{self.t('menu_settings')}[/]")
        self.query_one("#lang-label", Static).update(self.t("setting_language"))
        self.query_one("#theme-label", Static).update(self.t("setting_theme"))
        for name in THEME_NAMES:
            self.query_one(f"#theme-{name}", RadioButton).label = self.t(f"theme_{name}")
        self.query_one("#motion", Checkbox).label = self.t("setting_reduced_motion")
        self.query_one("#settings-stored", Static).update(self.t("settings_stored"))
        self.query_one("#settings-close", Button).label = self.t("key_close")

    @on(RadioSet.Changed, "#lang")
    def _language(self, event: RadioSet.Changed) -> None:
        lang = (event.pressed.id or "lang-nl").removeprefix("lang-")
        self.maatwerk.set_language(lang)

    @on(RadioSet.Changed, "#theme")
    def _theme(self, event: RadioSet.Changed) -> None:
        self.app.theme = (event.pressed.id or "").removeprefix("theme-")

    @on(Checkbox.Changed, "#motion")
    def _motion(self, event: Checkbox.Changed) -> None:
        self.maatwerk.set_reduced_motion(event.value)

    @on(Button.Pressed, "#settings-close")
    def action_close(self) -> None:
        self.dismiss(None)
