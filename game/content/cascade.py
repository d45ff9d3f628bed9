"""The real cause first: errors that only exist because a file was skipped are folded.

One unclosed quote in one case file makes every reference to that case, every flag only it
sets and every option that reads them an error elsewhere. Those are not the author's
mistakes: they go away when the file loads. Each skipped file gets one line that counts them,
and the report puts the causes before everything else.
"""

from __future__ import annotations

from pathlib import Path

from game.content.diagnostics import Diagnostic, Severity, diag
from game.content.loader import Content

CASCADE_CODES = frozenset({"M020", "M021", "M022", "M030", "M031", "M032"})
"""Cross-check findings that a missing file can cause."""


def fold(content: Content) -> None:
    """Replace the findings caused by skipped files with one line per skipped file."""
    if not content.skipped:
        return
    kept: list[Diagnostic] = []
    groups: dict[str, list[Diagnostic]] = {}
    for d in content.diagnostics:
        culprit = None
        if d.code in CASCADE_CODES and d.names:
            culprit = next((path for path, names in content.skipped.items()
                            if d.names & names), None)
        if culprit is None:
            kept.append(d)
        else:
            groups.setdefault(culprit, []).append(d)
    for culprit, folded in groups.items():
        causes = [d for d in kept if d.path == culprit and is_cause(d, content)]
        line = min((d.line for d in causes), default=1)
        files = sorted({Path(d.path).name for d in folded})
        shown = ", ".join(files[:3]) + (", ..." if len(files) > 3 else "")
        severity: Severity = "error" if any(d.severity == "error" for d in folded) else "warning"
        summary = diag(culprit, line, "M008", "v_folded", severity,
                       count=len(folded), files=shown, file=Path(culprit).name)
        kept.append(summary)
        content.folded[summary] = folded
    content.diagnostics = kept


def is_cause(d: Diagnostic, content: Content) -> bool:
    """A finding that made a file (or an event) be skipped."""
    return d.path in content.skipped and d.code in (
        "M001", "M002", "M003", "M004", "M005", "M006", "M007")


def ordered(diagnostics: list[Diagnostic], content: Content) -> list[Diagnostic]:
    """Causes of skipped files first, then what they hide, then other errors, then warnings;
    by file and line within each."""
    def rank(d: Diagnostic) -> tuple:
        if is_cause(d, content):
            group = 0
        elif d.code == "M008":
            group = 1
        else:
            group = 2 if d.severity == "error" else 3
        return (group, d.path, d.line, d.code, d.message)

    return sorted(set(diagnostics), key=rank)
