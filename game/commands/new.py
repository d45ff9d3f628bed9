"""``maatwerk new case ID`` and ``maatwerk new campaign ID``: a commented, valid template.

The file goes into the author's folder (``--scenarios DIR``, else the current folder) and is
never written over an existing one. The JSON Schema the template's first line names is written
beside it, so an editor with a TOML extension completes and checks from the first key on.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from game.content.loader import load
from game.content.models import ID_PATTERN
from game.content.schema import file_name, schema
from game.paths import assets_dir
from game.strings import s


def run(kind: str, item_id: str, folder: Path, lang: str) -> int:
    if not re.match(ID_PATTERN, item_id) or len(item_id) > 64:
        print(s("v_new_bad_id", lang, id=item_id), file=sys.stderr)
        return 2
    target = folder / f"{item_id}.toml"
    if target.exists():
        print(s("v_new_exists", lang, path=target), file=sys.stderr)
        return 1
    text = (assets_dir() / "templates" / f"{kind}.toml").read_text(encoding="utf-8")
    text = text.replace("__ID__", item_id)
    if kind == "campaign":
        cases = _cases_in(folder)
        if not cases:
            print(s("v_new_no_cases", lang, folder=folder), file=sys.stderr)
            return 1
        text = text.replace("__CASES__", ", ".join(f'"{c}"' for c in cases))
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never over an existing file
        handle.write(text)
    print(s("v_new_written", lang, path=target, folder=folder))
    schema_kind = "campaign" if kind == "campaign" else "case"
    schema_path = folder / file_name(schema_kind)
    if not schema_path.exists():
        schema_path.write_text(json.dumps(schema(schema_kind), indent=2, ensure_ascii=False),
                               encoding="utf-8")
        print(s("v_new_schema", lang, path=schema_path))
    return 0


def _cases_in(folder: Path) -> list[str]:
    """The ids of the cases in a folder, in the order the campaign 'eigen' would play them."""
    if not folder.is_dir():
        return []
    return list(load([folder]).cases)
