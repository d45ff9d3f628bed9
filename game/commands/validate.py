"""``maatwerk validate``: schema, cross-references, reachability, translations."""

from __future__ import annotations

import json
from pathlib import Path

from game.content import load_content
from game.content.checks import check
from game.content.loader import load
from game.paths import scenarios_dir


def run(paths: list[Path], extra: list[Path], as_json: bool = False, strict: bool = False) -> int:
    if paths:
        # the given folders on top of the shipped content, so references to it resolve;
        # a path inside the shipped content is already loaded and only narrows the report
        builtin = scenarios_dir().resolve()
        outside = [p for p in paths if not _inside(str(p), builtin)]
        content = load_content(extra=outside + list(extra))
        shown = [d for d in content.diagnostics
                 if any(_inside(d.path, p) for p in paths)]
    else:
        content = load_content(extra=list(extra))
        shown = content.diagnostics
    shown = sorted(set(shown))
    errors = [d for d in shown if d.severity == "error" or strict]
    if as_json:
        print(json.dumps({"files": content.files, "cases": len(content.cases),
                          "events": len(content.events), "campaigns": len(content.campaigns),
                          "diagnostics": [d.as_dict() for d in shown]},
                         indent=2, ensure_ascii=False))
    else:
        for diagnostic in shown:
            print(diagnostic)
        warnings = len(shown) - len([d for d in shown if d.severity == "error"])
        print(f"{content.files} files, {len(content.cases)} cases, {len(content.events)} events, "
              f"{len(content.campaigns)} campaigns: "
              f"{len(shown) - warnings} errors, {warnings} warnings")
    return 1 if errors else 0


def _inside(diagnostic_path: str, given: Path) -> bool:
    target = Path(diagnostic_path).resolve()
    given = given.resolve()
    return target == given or given in target.parents


__all__ = ["run", "load", "check"]
