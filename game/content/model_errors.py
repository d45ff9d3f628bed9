"""Schema mistakes said in an author's words: what is wrong, where, and what to write instead.

Pydantic reports errors as types (``int_type``, ``model_type``) with a location; here each is
turned into a message about the file ("must be a whole number, without quotes"), with "did you
mean" for misspelt fields, loyalties and kinds of condition. No Python words reach an author.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.content.conditions import _KINDS, LOYALTIES, Condition
from game.content.diagnostics import Diagnostic, close_match, diag
from game.content.toml_lines import LineIndex

_CODES = {"missing": "M002", "extra_forbidden": "M004"}
_RANGE = {"greater_than_equal": ("ge", "v_at_least"), "less_than_equal": ("le", "v_at_most"),
          "greater_than": ("gt", "v_more_than"), "less_than": ("lt", "v_less_than")}


def _unwrap(tp: Any) -> Any:
    """The type under Optional and Annotated."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _condition_classes() -> list[type[BaseModel]]:
    union = typing.get_args(Condition)[0]
    return [typing.get_args(member)[0] for member in typing.get_args(union)]


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def field_names_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at ``loc`` (a cleaned location), for "did you mean"."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if tp is Condition or _unwrap(tp) is _unwrap(Condition) or typing.get_origin(tp) in (
                typing.Union, types.UnionType):
            member = next((c for c in _condition_classes() if part in _fields(c)), None)
            if member is None:
                return []
            tp = member
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in _fields(tp):
                return []
            tp = _fields(tp)[part]
        elif typing.get_origin(tp) is list and isinstance(part, int):
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(_fields(tp))
    if typing.get_origin(tp) in (typing.Union, types.UnionType) or tp is _unwrap(Condition):
        return sorted({f for c in _condition_classes() for f in _fields(c)})
    return []


def _clean_loc(loc: tuple) -> tuple:
    """Drop pydantic's union tags and validator names from an error location."""
    cleaned: list = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            continue
        if isinstance(part, str) and part in _KINDS and i + 1 < len(loc) and loc[i + 1] == part:
            continue
        cleaned.append(part)
    return tuple(cleaned)


def _where(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _message(err: ErrorDetails, loc: tuple, model: type[BaseModel]) -> tuple[str, dict]:
    """The strings key and values for one pydantic error."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind.startswith("v_"):  # our own validators name their message
        return kind, {k: str(v) for k, v in ctx.items()}
    if kind == "missing":
        return "v_missing", {"field": field}
    if kind == "extra_forbidden":
        parent = loc[:-1]
        if field in _KINDS and parent and parent[-1] in _KINDS:
            return "v_two_kinds", {"a": parent[-1], "b": field}
        return "v_unknown_field", {"field": field,
                                   "maybe": close_match(field, field_names_at(model, parent))}
    if kind == "condition_kind":
        keys = list(value) if isinstance(value, dict) else []
        guess = next((close_match(k, _KINDS) for k in keys if close_match(k, _KINDS)), "")
        return "v_condition_kind", {"kinds": ", ".join(_KINDS), "maybe": guess}
    return _type_message(kind, value, ctx, field)


def _type_message(kind: str, value: Any, ctx: dict, field: str) -> tuple[str, dict]:
    """Wrong types and values: what to write instead."""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, float) and value.is_integer():
            return "v_whole_not_decimal", {"value": value, "whole": int(value)}
        if isinstance(value, str):
            return "v_number_in_quotes", {"field": field, "value": value}
        return "v_not_whole_number", {"field": field}
    if kind in ("float_type", "float_parsing"):
        return "v_not_number", {"field": field}
    if kind in ("bool_type", "bool_parsing"):
        return "v_not_bool", {"field": field}
    if kind == "string_type":
        return "v_not_text", {}
    if kind == "list_type":
        if isinstance(value, dict):
            return "v_use_double_brackets", {"field": field}
        return "v_not_list", {"field": field}
    if kind in ("model_type", "model_attributes_type", "dict_type", "model_class_type"):
        if field in ("title", "organisation", "role", "name", "description", "intro", "label",
                     "detail", "outcome", "foreshadow", "reveals", "text", "why", "citizen",
                     "request", "rule", "known", "sender", "body", "trade_offs", "notes",
                     "locked_reason"):
            return "v_not_text", {}
        return "v_not_table", {"field": field}
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "")
        return "v_one_of", {"allowed": allowed, "maybe": close_match(value, allowed.replace(
            " or ", ", ").split(", "))}
    if kind in _RANGE:
        name, key = _RANGE[kind]
        return key, {"limit": ctx.get(name, "")}
    if kind == "string_too_short":
        return "v_empty_text", {}
    if kind == "too_short":
        return "v_too_few", {"count": ctx.get("min_length", "")}
    if kind == "too_long":
        return "v_too_many", {"count": ctx.get("max_length", "")}
    if kind == "string_too_long":
        return "v_text_too_long", {"count": ctx.get("max_length", "")}
    if kind == "string_pattern_mismatch":
        if field in ("chose", "investigated"):
            return f"v_pattern_{field}", {"value": value}
        return "v_pattern_id", {"value": value}
    return "v_wrong_value", {}


def _key_error(err: ErrorDetails) -> tuple[str, dict] | None:
    """A wrong key in a table of loyalties (``loyalties.burgers``)."""
    if "[key]" not in err["loc"]:
        return None
    if err["type"] == "literal_error" and set(str(err.get("ctx", {}).get("expected", ""))
                                               .replace("'", "").replace(" or ", ", ")
                                               .split(", ")) == set(LOYALTIES):
        return "v_unknown_loyalty", {"value": err.get("input"),
                                     "allowed": ", ".join(LOYALTIES),
                                     "maybe": close_match(err.get("input"), LOYALTIES)}
    return "v_wrong_key", {"value": err.get("input")}


def validation_diagnostics(exc: ValidationError, path: str, index: LineIndex,
                           model: type[BaseModel], prefix: tuple = ()) -> list[Diagnostic]:
    """Every error of a failed validation, as diagnostics on the lines they concern."""
    out = []
    for err in exc.errors():
        loc = _clean_loc(tuple(err["loc"]))
        key, values = _key_error(err) or _message(err, loc, model)
        drop = {"v_missing": 1, "v_unknown_field": 1, "v_two_kinds": 2}.get(key, 0)
        where = _where(loc[:len(loc) - drop])
        out.append(diag(path, index.line_of(prefix + loc), _CODES.get(err["type"], "M003"),
                        key, where=where, **values))
    return out
