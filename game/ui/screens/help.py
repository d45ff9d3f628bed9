"""Help for the current screen: what it is for, and its keys (read from its live bindings).

One help screen for the game and for the workshop dashboard. The screen below says what it is
(``NAME_KEY``, ``HELP_KEY``); the keys are those the project's own classes bind on it and on
the app, as they work at this moment; the app says what holds everywhere.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from game.strings import s
from game.ui.i18n import escape
from game.ui.screens.base import Localised
from game.ui.widgets.footer import Footer


def declared(node: DOMNode) -> set[tuple[str, str]]:
    """(key, action) of the bindings with a description that the project's own classes declare
    for ``node`` (Textual's own bindings, such as Tab between widgets, are not listed)."""
    pairs = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("game."):
            pairs |= {(b.key, b.action) for b in Binding.make_bindings(
                cls.__dict__.get("BINDINGS", [])) if b.description}
    return pairs


class HelpScreen(Localised, ModalScreen[None]):
    """Help for ``target``; ``everywhere`` and ``close`` are the string keys of what holds on
    every screen of this app and of the close button."""

    HELP_KEY = "help_help"
    NAME_KEY = "screen_help"
    BINDINGS = [Binding("escape", "close", "key_close"),
                Binding("f1", "close", show=False)]  # F1 opened it: F1 closes it again
    # the layout of the game's dialogs, for an app without the game's stylesheet
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box { width: 72; max-width: 100%; height: auto; max-height: 100%;
                           padding: 1 2; background: $surface; border: thick $primary; }
    HelpScreen .page-head, HelpScreen .para { margin-bottom: 1; }
    HelpScreen .buttons { height: auto; margin-top: 1; }
    """

    def __init__(self, target: Screen, everywhere: str = "help_everywhere",
                 close: str = "key_close") -> None:
        super().__init__()
        self.target = target
        self.everywhere_key = everywhere
        self.close_key = close

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
        """(keys, what they do) for the target screen: the project's own bindings (the
        screen's, then the app's) that work now, keys with the same meaning together."""
        ours = declared(self.target) | declared(self.app)
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
        # plain pieces, not markup: a key such as "[" would otherwise open a tag
        rows = [Content.styled(self.t("help_keys"), "b")]
        rows += [Content.assemble((f"{keys:>10}", "b $text-accent"), f"  {text}")
                 for keys, text in self.keys()]
        self.query_one("#help-keys", Static).update(Content("\n").join(rows))
        self.query_one("#help-general", Static).update(escape(self.t(self.everywhere_key)))
        self.query_one("#help-close", Button).label = self.t(self.close_key)

    @on(Button.Pressed, "#help-close")
    def action_close(self) -> None:
        self.dismiss(None)
