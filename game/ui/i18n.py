"""Interface language for the terminal game: strings, localised key bindings, small helpers."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import BindingsMap

from game.strings import s

if TYPE_CHECKING:
    from textual.dom import DOMNode

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


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Rewrite the descriptions of a node's bindings in ``lang``.

    Bindings are declared with a string key as description (``"key_help"``); the footer and the
    help screen show the translation. Called on mount and whenever the language changes.
    """
    source: BindingsMap | None = getattr(node, "_binding_source", None)
    if source is None:
        source = node._bindings.copy()
        node._binding_source = source  # type: ignore[attr-defined]
    keys = {}
    for key, bindings in source.key_to_bindings.items():
        keys[key] = [replace(b, description=s(b.description, lang) if b.description else "",
                             tooltip=s(b.tooltip, lang) if b.tooltip else "")
                     for b in bindings]
    node._bindings = BindingsMap.from_keys(keys)
    node.refresh_bindings()
