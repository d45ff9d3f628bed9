"""Diagnostics: what the validator and loader report, as ``path:line: CODE message``.

Codes are stable, so that authors, tests and editors can rely on them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

CODES: dict[str, str] = {
    "M001": "the file is not valid TOML",
    "M002": "a required field is missing",
    "M003": "a value has the wrong type or is out of range",
    "M004": "a field is not known in this place (a typo?)",
    "M005": "the file cannot be read",
    "M006": "the file's kind cannot be told (case, events or campaign)",
    "M010": "an id is used twice",
    "M020": "a reference to something that does not exist",
    "M021": "a flag is read but never set",
    "M022": "a flag is set but never read",
    "M030": "an option can never be chosen",
    "M031": "a case can never come up",
    "M032": "an event can never happen",
    "M040": "a translation is missing (the game falls back to Dutch)",
    "M041": "a case or event names no sources in the essay",
    "M042": "a case falls short of the authoring guide (options, investigations, questions)",
}

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    code: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {self.code} {tag}{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


def display_path(path: Path | str) -> str:
    """A path as short as is still clear: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
