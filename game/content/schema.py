"""JSON Schemas of the three kinds of content file, for editors that complete and check TOML.

An editor with a TOML extension (Taplo, Even Better TOML) reads a schema named in a first line
``#:schema ./case.schema.json``; ``maatwerk schema case > case.schema.json`` writes it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from game.content.models import Campaign, Case, EventFile

KINDS: dict[str, type[BaseModel]] = {"case": Case, "events": EventFile, "campaign": Campaign}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {"case": "Maatwerk case file", "events": "Maatwerk events file",
          "campaign": "Maatwerk campaign file"}


def schema(kind: str = "case") -> dict[str, Any]:
    """The JSON Schema of a ``kind`` file ("case", "events" or "campaign")."""
    body = KINDS[kind].model_json_schema()
    out: dict[str, Any] = {"$schema": DIALECT, "title": TITLES[kind]}
    out.update({k: v for k, v in body.items() if k != "title"})
    out["x-model"] = body.get("title")
    return out


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"
