"""Diagnostics: what the validator and loader report, as ``path:line: CODE message``.

Codes are stable, so that authors, tests and editors can rely on them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Iterable, Literal

CODES: dict[str, str] = {
    "M001": "the file is not valid TOML",
    "M002": "a required field is missing",
    "M003": "a value has the wrong type or is out of range",
    "M004": "a field is not known in this place (a typo?)",
    "M005": "the file cannot be read",
    "M006": "the file's kind cannot be told (case, events or campaign)",
    "M007": "the file is nested too deeply to read",
    "M008": "errors elsewhere that come from a skipped file (folded into one line)",
    "M010": "an id is used twice",
    "M020": "a reference to something that does not exist",
    "M021": "a flag is read but never set",
    "M022": "a flag is set but never read",
    "M030": "an option can never be chosen",
    "M031": "a case can never come up",
    "M032": "an event can never happen",
    "M033": "a number does not fit what the game can do (a meter's range, a week's hours)",
    "M040": "a translation is missing (the game falls back to Dutch)",
    "M041": "a case or event names no sources in the essay",
    "M042": "a case falls short of the authoring guide (options, investigations, questions)",
}

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding. ``message`` is in English; ``key`` and ``values`` let it be said again in
    another language (``render``); ``names`` are the ids and flags it is about, so that errors
    caused by a skipped file can be told apart from real ones."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = "error"
    key: str = field(default="", compare=False)
    values: tuple = field(default=(), compare=False)
    names: frozenset = field(default=frozenset(), compare=False)

    def __str__(self) -> str:
        return self.render("en")

    def text(self, lang: str = "en") -> str:
        """The message alone, in ``lang``."""
        if not self.key:
            return self.message
        return say(self.key, lang, dict(self.values))

    def render(self, lang: str = "en") -> str:
        from game.strings import s

        tag = "" if self.severity == "error" else s("v_warning", lang) + ": "
        return f"{self.path}:{self.line}: {self.code} {tag}{self.text(lang)}"

    def as_dict(self, lang: str = "en") -> dict:
        out = {k: v for k, v in asdict(self).items() if k not in ("key", "values", "names")}
        out["message"] = self.text(lang)
        return out


def say(key: str, lang: str, values: dict) -> str:
    """A message from the authoring strings: ``where: text (did you mean ...?)``."""
    from game.strings import s

    values = dict(values)
    where = values.pop("where", "")
    maybe = values.pop("maybe", "")
    text = s(key, lang).format(**values)
    if maybe:
        text += " " + s("v_did_you_mean", lang, word=maybe)
    return f"{where}: {text}" if where else text


def diag(path: str, line: int, code: str, key: str, severity: Severity = "error",
         names: Iterable[str] = (), **values: object) -> Diagnostic:
    """A diagnostic whose message comes from the authoring strings (Dutch and English)."""
    values = {k: ("" if v is None else str(v)) for k, v in values.items()}
    return Diagnostic(path, line, code, say(key, "en", values), severity, key,
                      tuple(sorted(values.items())), frozenset(names))


def close_match(word: object, candidates: Iterable[object]) -> str:
    """The candidate closest to ``word`` (for "did you mean"), or "" when none is close."""
    if not isinstance(word, str):
        return ""
    pool = sorted({str(c) for c in candidates if str(c) != word})
    found = get_close_matches(word, pool, n=1, cutoff=0.6)
    if not found:
        lower = [c for c in pool if c.lower() == word.lower()]
        return lower[0] if lower else ""
    return found[0]


def display_path(path: Path | str) -> str:
    """A path as short as is still clear: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
