"""Load content folders: every TOML file is parsed, validated and indexed by id.

A broken file is reported with its path, line and code, then skipped; the rest loads.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content.diagnostics import Diagnostic, display_path
from game.content.models import Campaign, Case, Event, EventFile
from game.content.toml_lines import LineIndex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 and older are not supported, kept for tooling
    import tomli as tomllib


@dataclass
class Origin:
    """Where a piece of content came from, to place later diagnostics."""

    path: str
    index: LineIndex
    prefix: tuple = ()
    extra: bool = False

    def line(self, *loc: Any) -> int:
        return self.index.line_of(self.prefix + tuple(loc))


@dataclass
class Content:
    cases: dict[str, Case] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    def origin(self, kind: str, item_id: str) -> Origin:
        return self.origins[(kind, item_id)]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


_PYDANTIC_CODES = {"missing": "M002", "extra_forbidden": "M004"}


def _pydantic_message(err: dict) -> str:
    loc = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and p[:1].isupper()))
    msg = err["msg"]
    if err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "extra_forbidden":
        msg = "unknown field (check the spelling; see `maatwerk schema`)"
    elif msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return f"{loc}: {msg}" if loc else msg


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union tags and validator names from an error location."""
    tags = {"flag", "chose", "played", "investigated", "event", "meter", "loyalty", "chance",
            "all", "any", "not"}
    cleaned: list = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        # a union tag is followed by the same key again, or stands after a 'when'-like key
        if isinstance(part, str) and part in tags and i + 1 < len(loc) and loc[i + 1] == part:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def validation_diagnostics(exc: ValidationError, path: str, index: LineIndex,
                           prefix: tuple = ()) -> list[Diagnostic]:
    out = []
    for err in exc.errors():
        loc = _clean_loc(tuple(err["loc"]))
        err = dict(err, loc=loc)
        code = _PYDANTIC_CODES.get(err["type"], "M003")
        out.append(Diagnostic(path, index.line_of(prefix + loc), code, _pydantic_message(err)))
    return out


def _kind_of(data: dict) -> str | None:
    if "event" in data and isinstance(data["event"], list):
        return "events"
    if "cases" in data and "intro" in data:
        return "campaign"
    if "options" in data or "dossier" in data:
        return "case"
    return None


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else 1


def _register(content: Content, kind: str, item: BaseModel, origin: Origin) -> None:
    table = {"case": content.cases, "event": content.events, "campaign": content.campaigns}[kind]
    item_id = item.id  # type: ignore[attr-defined]
    if item_id in table:
        first = content.origins[(kind, item_id)]
        content.diagnostics.append(Diagnostic(
            origin.path, origin.line("id"), "M010",
            f"{kind} id '{item_id}' is already used at {first.path}:{first.line('id')}; "
            "this one is skipped"))
        return
    table[item_id] = item  # type: ignore[index]
    content.origins[(kind, item_id)] = origin


def load_file(content: Content, file: Path, extra: bool = False) -> None:
    path = display_path(file)
    content.files += 1
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        content.diagnostics.append(Diagnostic(path, 1, "M005", f"cannot read the file: {exc}"))
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        content.diagnostics.append(Diagnostic(path, _toml_error_line(exc), "M001", message))
        return
    index = LineIndex(text)
    kind = _kind_of(data)
    if kind is None:
        content.diagnostics.append(Diagnostic(
            path, 1, "M006",
            "not a case (needs dossier and options), an events file ([[event]]) "
            "or a campaign (needs cases and intro)"))
        return
    if kind == "events":
        # validate each event on its own, so one broken event does not hide the others
        raw_events = data.get("event", [])
        rest = {k: v for k, v in data.items() if k != "event"}
        if rest:
            try:
                EventFile.model_validate(dict(rest, event=[{}]))
            except ValidationError as exc:
                content.diagnostics.extend(
                    d for d in validation_diagnostics(exc, path, index) if d.code == "M004")
        for i, raw in enumerate(raw_events):
            try:
                event = Event.model_validate(raw)
            except ValidationError as exc:
                content.diagnostics.extend(validation_diagnostics(exc, path, index, ("event", i)))
                continue
            _register(content, "event", event, Origin(path, index, ("event", i), extra))
        return
    model = Case if kind == "case" else Campaign
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        content.diagnostics.extend(validation_diagnostics(exc, path, index))
        return
    _register(content, kind, item, Origin(path, index, (), extra))


def toml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.toml") if p.is_file())


def load(folders: list[Path], extra: list[Path] | None = None) -> Content:
    """Load the built-in folders, then a facilitator's own folders on top."""
    content = Content()
    for folder, is_extra in [(f, False) for f in folders] + [(f, True) for f in (extra or [])]:
        if not folder.exists():
            content.diagnostics.append(Diagnostic(display_path(folder), 1, "M005",
                                                  "no such folder"))
            continue
        files = [folder] if folder.is_file() else toml_files(folder)
        for file in files:
            load_file(content, file, extra=is_extra)
    return content
