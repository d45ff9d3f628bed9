"""Load content folders: every TOML file is parsed, validated and indexed by id.

A broken file is reported with its path, line and code, then skipped; the rest loads.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.content.diagnostics import Diagnostic, diag, display_path
from game.content.model_errors import validation_diagnostics
from game.content.models import Campaign, Case, Event, EventFile
from game.content.toml_errors import decode, deepest_line, toml_diagnostic
from game.content.toml_lines import LineIndex



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
    skipped: dict[str, frozenset[str]] = field(default_factory=dict)
    """Files (or events) that could not be used, with the names they would have brought."""
    folded: dict[Diagnostic, list[Diagnostic]] = field(default_factory=dict)
    """One summary line per skipped file, and the errors elsewhere it stands for."""
    fingerprints: dict[str, tuple[tuple[object, ...], str]] = field(
        default_factory=dict, repr=False, compare=False)
    """Per campaign: the models a fingerprint was taken of, and the fingerprint (see
    ``game.saves.content_version``), so a save does not hash the content again."""
    versions: dict[str, str] = field(default_factory=dict)
    """A save's fingerprint of each campaign, when known (kept with the cached content)."""

    def origin(self, kind: str, item_id: str) -> Origin:
        return self.origins[(kind, item_id)]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


MAX_DEPTH = 40
"""Deeper tables, lists or conditions than this are refused: no case needs them, and they
would exhaust the reader's stack."""

_PROVIDES = ("id", "set_flags", "cases", "events")
"""Keys whose values a file brings for others to refer to: ids, flags set, a campaign's lists."""
_ID_LINE = re.compile(r"""^\s*(?:id|[a-z_.]*set_flags|cases|events)\s*=\s*(.*)$""", re.M)
_QUOTED = re.compile(r"""["']([^"'\n]{1,80})["']""")


def _names_in_text(text: str) -> frozenset[str]:
    """What a file that cannot be parsed would have brought, read from its text."""
    return frozenset(name for rest in _ID_LINE.findall(text) for name in _QUOTED.findall(rest))


def _names_in_data(data: Any) -> frozenset[str]:
    """What a file that fails its schema would have brought: ids, flags, listed cases."""
    out: set[str] = set()
    todo = [data]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _PROVIDES and isinstance(item, str):
                    out.add(item)
                elif key in _PROVIDES and isinstance(item, list):
                    out.update(x for x in item if isinstance(x, str))
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return frozenset(out)


def too_deep(data: Any, limit: int = MAX_DEPTH) -> tuple | None:
    """The key path where ``data`` is nested deeper than ``limit``, or None (no recursion)."""
    todo: list[tuple[Any, tuple]] = [(data, ())]
    while todo:
        value, path = todo.pop()
        if len(path) > limit:
            return path
        if isinstance(value, dict):
            todo.extend((v, path + (k,)) for k, v in value.items())
        elif isinstance(value, list):
            todo.extend((v, path + (i,)) for i, v in enumerate(value))
    return None


def _kind_of(data: dict) -> str | None:
    if "event" in data and isinstance(data["event"], list):
        return "events"
    if "cases" in data and "intro" in data:
        return "campaign"
    if "options" in data or "dossier" in data:
        return "case"
    return None


def _register(content: Content, kind: str, item: Case | Event | Campaign,
              origin: Origin) -> None:
    tables: dict[str, dict[str, Any]] = {"case": content.cases, "event": content.events,
                                         "campaign": content.campaigns}
    table = tables[kind]
    item_id = item.id
    if item_id in table:
        first = content.origins[(kind, item_id)]
        content.diagnostics.append(diag(
            origin.path, origin.line("id"), "M010", "v_id_twice", kind=kind, id=item_id,
            first=f"{first.path}:{first.line('id')}"))
        return
    table[item_id] = item
    content.origins[(kind, item_id)] = origin


def load_file(content: Content, file: Path, extra: bool = False) -> None:
    """Parse, check and register one file; a file that cannot be used is reported and skipped.
    Nothing in a file, however broken or deeply nested, raises out of here."""
    path = display_path(file)
    content.files += 1
    try:
        _load_file(content, file, path, extra)
    except (RecursionError, MemoryError):
        content.diagnostics.append(diag(path, 1, "M007", "v_too_deep", limit=MAX_DEPTH))
        content.skipped.setdefault(path, frozenset())
    except Exception as exc:  # noqa: BLE001 - a file must never stop the game from starting
        content.diagnostics.append(diag(path, 1, "M005", "v_internal",
                                        detail=type(exc).__name__))
        content.skipped.setdefault(path, frozenset())


def _skip(content: Content, path: str, names: frozenset[str],
          diagnostics: list[Diagnostic]) -> None:
    content.diagnostics.extend(diagnostics)
    content.skipped[path] = content.skipped.get(path, frozenset()) | names


def _load_file(content: Content, file: Path, path: str, extra: bool) -> None:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        _skip(content, path, frozenset(),
              [diag(path, 1, "M005", "v_unreadable", reason=exc.strerror or exc)])
        return
    text = decode(raw, path)
    if isinstance(text, Diagnostic):
        _skip(content, path, _names_in_text(raw.decode("utf-8", "replace")), [text])
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _skip(content, path, _names_in_text(text), [toml_diagnostic(exc, text, path)])
        return
    except RecursionError:
        _skip(content, path, _names_in_text(text),
              [diag(path, deepest_line(text), "M007", "v_too_deep", limit=MAX_DEPTH)])
        return
    index = LineIndex(text)
    deep = too_deep(data)
    if deep is not None:
        _skip(content, path, _names_in_data(data),
              [diag(path, index.line_of(deep), "M007", "v_too_deep", limit=MAX_DEPTH)])
        return
    kind = _kind_of(data)
    if kind is None:
        _skip(content, path, _names_in_data(data), [_unknown_kind(data, index, path)])
        return
    if kind == "events":
        _load_events(content, data, index, path, extra)
        return
    model = Case if kind == "case" else Campaign
    try:
        item = model.model_validate(data)
    except ValidationError as exc:
        _skip(content, path, _names_in_data(data),
              validation_diagnostics(exc, path, index, model))
        return
    _register(content, kind, item, Origin(path, index, (), extra))


def _unknown_kind(data: dict, index: LineIndex, path: str) -> Diagnostic:
    if isinstance(data.get("event"), dict):
        return diag(path, index.line_of(("event",)), "M006", "v_toml_single_bracket",
                    name="event")
    return diag(path, 1, "M006", "v_unknown_kind")


def _load_events(content: Content, data: dict, index: LineIndex, path: str,
                 extra: bool) -> None:
    """Each event on its own, so that one broken event does not hide the others."""
    rest = {k: v for k, v in data.items() if k != "event"}
    if rest:
        try:
            EventFile.model_validate(dict(rest, event=[{}]))
        except ValidationError as exc:
            content.diagnostics.extend(
                d for d in validation_diagnostics(exc, path, index, EventFile)
                if d.code == "M004")
    for i, raw in enumerate(data.get("event", [])):
        try:
            event = Event.model_validate(raw)
        except ValidationError as exc:
            _skip(content, path, _names_in_data(raw),
                  validation_diagnostics(exc, path, index, Event, ("event", i)))
            continue
        _register(content, "event", event, Origin(path, index, ("event", i), extra))


def toml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.toml") if p.is_file())


def load(folders: list[Path], extra: list[Path] | None = None) -> Content:
    """Load the built-in folders, then a facilitator's own folders on top."""
    content = Content()
    for folder, is_extra in [(f, False) for f in folders] + [(f, True) for f in (extra or [])]:
        if not folder.exists():
            content.diagnostics.append(diag(display_path(folder), 1, "M005", "v_no_folder"))
            continue
        files = [folder] if folder.is_file() else toml_files(folder)
        for file in files:
            load_file(content, file, extra=is_extra)
    return content
