"""Help for the current screen: what it is for, and its keys (read from its live bindings)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from game.strings import s
from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


class HelpScreen(Localised, ModalScreen[None]):
    HELP_KEY = "help_help"
    NAME_KEY = "screen_help"
    BINDINGS = [Binding("escape", "close", "key_close")]

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog"):
            yield Static(id="help-head", classes="page-head")
            yield Static(id="help-purpose", classes="para")
            yield Static(id="help-keys", classes="para")
            yield Static(id="help-general", classes="para")
            with Horizontal(classes="buttons"):
                yield Button(id="help-close", variant="primary")
        yield Footer()

    def keys(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the target screen: the game's own bindings (the screen's,
        then the app's), keys with the same meaning together."""
        ours = set()
        for node in (self.target, self.app):
            source = getattr(node, "_binding_source", None)
            if source is not None:
                ours |= {(key, b.action) for key, b in source
                         if b.description.startswith("key_")}
        grouped: dict[str, list[str]] = {}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            if (key, binding.action) not in ours or not active.enabled:
                continue
            shown = self.app.get_key_display(binding)
            grouped.setdefault(binding.description, [])
            if shown not in grouped[binding.description]:
                grouped[binding.description].append(shown)
        return [(keys[0] + "\u2013" + keys[-1] if len(keys) > 3 else " ".join(keys), text)
                for text, keys in grouped.items()]

    def relabel(self) -> None:
        lang = self.lang
        name = s(getattr(self.target, "NAME_KEY", "app_title"), lang)
        purpose = s(getattr(self.target, "HELP_KEY", "help_general"), lang)
        self.query_one("#help-head", Static).update(f"[b]{self.t('help_heading', name=name)}[/]")
        self.query_one("#help-purpose", Static).update(escape(purpose))
        rows = [f"[b]{self.t('help_keys')}[/]"]
        rows += [f"[b $text-accent]{escape(keys):>10}[/]  {escape(text)}"
                 for keys, text in self.keys()]
        self.query_one("#help-keys", Static).update("\n".join(rows))
        self.query_one("#help-general", Static).update(escape(self.t("help_everywhere")))
        self.query_one("#help-close", Button).label = self.t("key_close")

    @on(Button.Pressed, "#help-close")
    def action_close(self) -> None:
        self.dismiss(None)
