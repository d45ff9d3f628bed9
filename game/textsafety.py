"""Text typed by participants is data: cleaned where it enters, one limit per kind.

A motivation, a debrief answer or a pseudonym may hold anything a keyboard, a paste or a
hostile script can produce. Before it reaches the game, the results store or a screen it loses
terminal escape sequences (CSI, OSC, DCS and their 8-bit forms, a lone ESC), other control
characters and bidirectional overrides and isolates (which can make a text read backwards on
the projector). Newlines and tabs stay only in answers that may span lines. Each kind has one
length limit, the same in the terminal app, plain mode and the workshop.

No Textual, no Rich: the core, plain mode and the workshop layer all use this.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The limits per kind. A motivation is the one-line field of the terminal app (400 characters);
# a debrief answer may span a few paragraphs; a pseudonym is at most 32 characters.
LIMITS = {"motivation": 400, "answer": 2000, "name": 32}
MULTILINE = {"answer"}

_STOP = "\x07\x1b\x9c\x90\x98\x9d\x9e\x9f"  # ends (or restarts) a string sequence
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI: colours, clear screen, cursor
    rf"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^{_STOP}]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS...
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?",  # any other escape (ESC c resets the terminal)
    re.S)
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")


@dataclass(frozen=True)
class Cleaned:
    text: str
    cut: bool = False  # longer than the limit: only the first LIMITS[kind] characters kept


def strip_controls(text: str, multiline: bool = False) -> str:
    """``text`` without escape sequences, control characters, bidi controls and lone
    surrogates; newlines and tabs kept only when ``multiline``, else they become spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPES.sub("", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return _CONTROLS.sub("", text)


def clean(text: str, kind: str) -> Cleaned:
    """Participant text of ``kind`` (a key of LIMITS), ready to store and show."""
    limit = LIMITS[kind]
    safe = strip_controls(text, kind in MULTILINE)
    safe = safe.strip() if kind in MULTILINE else " ".join(safe.split())
    cut = len(safe) > limit
    if cut:
        safe = safe[:limit].rstrip()
    return Cleaned(safe, cut)


def clean_text(text: str, kind: str) -> str:
    return clean(text, kind).text


def safe_display(text: str) -> str:
    """Stored text on its way out (a store written by an older version may hold anything):
    no escapes or control characters, newlines kept."""
    return strip_controls(text, multiline=True)


# ---------------------------------------------------------------------- pseudonyms
# Letters that look like Latin ones in other scripts (after NFKC and casefold). Used for the
# key a name is claimed under, so 'аnna' (Cyrillic а) and 'anna' are the same claim.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ν": "v", "α": "a", "ο": "o", "ρ": "p", "ι": "i",
    "κ": "k", "τ": "t", "υ": "u", "χ": "x", "β": "b", "ε": "e", "η": "n", "μ": "u", "ζ": "z",
})
# Scripts that are written together: Japanese mixes Han, Hiragana and Katakana.
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}


def normalise_name(name: str) -> str:
    """A pseudonym as it is kept and shown: NFKC, controls removed, single spaces."""
    return " ".join(strip_controls(unicodedata.normalize("NFKC", name)).split())


def name_key(name: str) -> str:
    """What a pseudonym is claimed under: case, spacing and look-alike letters do not count."""
    return normalise_name(name).casefold().translate(_LOOK_ALIKES)


def scripts(text: str) -> set[str]:
    """The writing systems of the letters in ``text`` (digits and punctuation have none)."""
    found = set()
    for ch in text:
        if not ch.isalpha():
            continue
        script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
        found.add(_SCRIPT_FAMILY.get(script, script))
    return found


def mixed_scripts(name: str) -> bool:
    """True for a name that mixes writing systems (Latin 'a' beside Cyrillic 'а')."""
    return len(scripts(name)) > 1
