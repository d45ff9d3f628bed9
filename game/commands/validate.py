"""``maatwerk validate``: schema, cross-references, reachability, translations.

A file is checked together with the files beside it (its folder, or the shipped content when it
sits there), so that a case that refers to its neighbour gives no false errors. Causes come
first; errors that only come from a skipped file are folded into one line.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.content import load_content, ordered
from game.content.cascade import is_cause
from game.content.checks import check
from game.content.diagnostics import Diagnostic
from game.content.loader import Content, load
from game.paths import scenarios_dir
from game.strings import s


def run(paths: list[Path], extra: list[Path], as_json: bool = False, strict: bool = False,
        lang: str = "en") -> int:
    extra = list(extra or [])
    if paths:
        builtin = scenarios_dir().resolve()
        folders = [p.parent if p.is_file() else p for p in paths]
        outside = [f for f in dict.fromkeys(folders) if not _inside(str(f), builtin)
                   and not any(_inside(str(f), e) for e in extra)]
        content = load_content(extra=outside + extra)
        shown = [d for d in content.diagnostics if _concerns(d, paths, content)]
        # a folded line shown for a given file brings the cause it stands for
        culprits = {d.path for d in shown if d in content.folded}
        shown += [d for d in content.diagnostics if d.path in culprits and is_cause(d, content)]
    else:
        content = load_content(extra=extra)
        shown = content.diagnostics
    if strict:
        from game.content.branches import branch_option_counts
        hidden = frozenset().union(*content.skipped.values()) if content.skipped else frozenset()
        shown += [d for d in branch_option_counts(content)
                  if (not paths or any(_inside(d.path, p) for p in paths))
                  and not d.names & hidden]
    shown = ordered(shown, content)
    errors = [d for d in shown if d.severity == "error"]
    if as_json:
        print(json.dumps({"files": content.files, "cases": len(content.cases),
                          "events": len(content.events), "campaigns": len(content.campaigns),
                          "diagnostics": [d.as_dict(lang) for d in shown]},
                         indent=2, ensure_ascii=False))
    else:
        for diagnostic in shown:
            print(diagnostic.render(lang))
        print(s("v_summary", lang, files=content.files, cases=len(content.cases),
                events=len(content.events), campaigns=len(content.campaigns),
                errors=len(errors), warnings=len(shown) - len(errors)))
    return 1 if errors or (strict and shown) else 0


def _concerns(d: Diagnostic, paths: list[Path], content: Content) -> bool:
    """Whether a finding is about one of the given paths; a folded line is shown when a file
    it stands for is one of them."""
    if any(_inside(d.path, p) for p in paths):
        return True
    return any(_inside(f.path, p) for f in content.folded.get(d, []) for p in paths)


def _inside(diagnostic_path: str, given: Path) -> bool:
    target = Path(diagnostic_path).resolve()
    given = given.resolve()
    return target == given or given in target.parents


__all__ = ["run", "load", "check"]
