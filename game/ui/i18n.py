"""Interface language for the terminal game: strings, localised key bindings, small helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding

from game.strings import s

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[Any]
else:
    _Screen = object

# Letters for investigations, as in plain mode: no i, l, p, q, s (those are commands).
LETTERS = "abcdefgh"


def signed(value: int) -> str:
    """+2, 0, −1 (with a real minus sign, so the sign never reads as a dash)."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


def delta_markup(value: int) -> str:
    """A signed number coloured by the theme; the sign carries the meaning without colour."""
    style = "$text-success" if value > 0 else "$text-error" if value < 0 else "$text-muted"
    return f"[b {style}]{signed(value)}[/]"


def escape(text: str) -> str:
    """Text from content, safe inside Textual markup."""
    from textual.markup import escape as _escape
    return _escape(text)


def localise_bindings(active: Mapping[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """Active bindings as they are shown in ``lang``.

    Bindings are declared with a string key as description and tooltip (``"key_help"``,
    ``"tip_help"``); this gives the same bindings with those keys translated. A text that is
    no string key (a Textual widget's own "Copy") stays as it is.
    """
    shown = {}
    for key, item in active.items():
        binding = item.binding
        binding = replace(binding, description=s(binding.description, lang)
                          if binding.description else "",
                          tooltip=s(binding.tooltip, lang) if binding.tooltip else "")
        shown[key] = item._replace(binding=binding,
                                   tooltip=s(item.tooltip, lang) if item.tooltip else "")
    return shown


class LocalisedBindings(_Screen):
    """A screen whose keys (its own and the app's) are shown in the interface language.

    Put it before ``Screen`` in a screen's bases. The footer, Textual's key panel and the help
    screen read a screen's keys through its public ``active_bindings``; this screen answers in
    its language (its ``lang``, else the app's), so no binding is ever rewritten. After the
    language changes, ``refresh_bindings()`` redraws the footer.
    """

    @property
    def declared_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings as declared: descriptions and tooltips are string keys."""
        return super().active_bindings

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return localise_bindings(self.declared_bindings, self.bindings_language)

    @property
    def bindings_language(self) -> str:
        lang = getattr(self, "lang", None) or getattr(self.app, "lang", None)
        return lang if isinstance(lang, str) else "nl"
