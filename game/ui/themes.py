"""The game's themes. Colours live here and nowhere else: the stylesheet uses theme variables.

``maatwerk`` is the default (dark); ``maatwerk-licht`` is light; ``maatwerk-contrast`` is high
contrast (pure black and white, bright accents, no dimmed text); ``terminal`` uses the
terminal's own 16 ANSI colours, for terminals without true colour.
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT_THEME = "maatwerk"

THEMES: tuple[Theme, ...] = (
    Theme(
        name="maatwerk", dark=True,
        primary="#4A9FD8", secondary="#2E6F9E", accent="#F2B134",
        warning="#F2B134", error="#E5616F", success="#5DBE7E",
        foreground="#E6E6E6", background="#14181F", surface="#1C222B", panel="#26303C",
    ),
    Theme(
        name="maatwerk-licht", dark=False,
        primary="#1F5F99", secondary="#3D7AB3", accent="#9A5B00",
        warning="#9A5B00", error="#B0243A", success="#1E7A3C",
        foreground="#1A1A1A", background="#F7F5F0", surface="#ECE9E2", panel="#DDD8CD",
    ),
    Theme(
        name="maatwerk-contrast", dark=True,
        primary="#FFFF00", secondary="#00FFFF", accent="#FFFF00",
        warning="#FFFF00", error="#FF6B6B", success="#7CFF7C",
        foreground="#FFFFFF", background="#000000", surface="#000000", panel="#000000",
        boost="#000000", text_alpha=1.0, luminosity_spread=0.0,
        variables={
            "text-muted": "#FFFFFF", "text-disabled": "#D0D0D0",
            "border": "#FFFFFF", "border-blurred": "#FFFFFF",
            "footer-key-foreground": "#FFFF00", "footer-description-foreground": "#FFFFFF",
            "block-cursor-background": "#FFFF00", "block-cursor-foreground": "#000000",
            "block-cursor-blurred-background": "#FFFFFF",
            "block-cursor-blurred-foreground": "#000000",
            "input-cursor-background": "#FFFF00", "input-cursor-foreground": "#000000",
        },
    ),
    Theme(
        name="terminal", dark=True, ansi=True,
        primary="ansi_blue", secondary="ansi_cyan", accent="ansi_yellow",
        warning="ansi_yellow", error="ansi_red", success="ansi_green",
        foreground="ansi_default", background="ansi_default", surface="ansi_default",
        panel="ansi_default", boost="ansi_default",
        variables={
            # Textual's own stylesheets refer to these in ANSI mode (as its ansi-dark theme
            # sets them); without them the app stops on a stylesheet error at start-up
            "ansi-background": "ansi_black", "ansi-foreground": "ansi_white",
            "text-muted": "ansi_default", "border-blurred": "ansi_white",
            "block-cursor-foreground": "ansi_black", "block-cursor-background": "ansi_white",
            "input-cursor-background": "ansi_white", "input-cursor-foreground": "ansi_black",
            "input-selection-background": "ansi_bright_blue",
            "screen-selection-background": "ansi_bright_blue",
        },
    ),
)

THEME_NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)
