"""The loader over mutated content: shipped case files with lines deleted or doubled, types
changed, deep nesting, random bytes, a byte-order mark or latin-1. Never a traceback; every
file that does not load is reported as ``file:line: CODE`` on a line of that file."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SCENARIOS
from game.content import load_content
from game.content.branches import branch_option_counts

CASES = sorted((SCENARIOS / "cases").glob("*.toml"))
EMPTY = Path(tempfile.mkdtemp(prefix="maatwerk-empty-"))

LINE = st.integers(min_value=0, max_value=400)
OPS = st.one_of(
    st.tuples(st.just("delete"), LINE),
    st.tuples(st.just("duplicate"), LINE),
    st.tuples(st.just("retype"), LINE, st.sampled_from(['"2"', "2.0", "-1.0", "true", '"yes"',
                                                         "15", "[]", "{}", "9999999999999"])),
    st.tuples(st.just("deep"), LINE, st.integers(1, 3000),
              st.sampled_from(["not", "all", "array", "table"])),
    st.tuples(st.just("bytes"), LINE, st.binary(min_size=1, max_size=12)),
    st.tuples(st.just("text"), LINE, st.text(max_size=20)),
)
MUTATION = st.tuples(st.sampled_from(CASES), st.lists(OPS, min_size=1, max_size=6),
                     st.sampled_from(["utf-8", "bom", "latin-1"]))


def _deep(depth: int, kind: str) -> str:
    if kind == "not":
        return "when = " + "{ not = " * depth + '{ flag = "x" }' + " }" * depth
    if kind == "all":
        return "when = " + "{ all = [" * depth + '{ flag = "x" }' + "] }" * depth
    if kind == "array":
        return "sources = " + "[" * depth + "]" * depth
    return "deep = " + "{ a = " * depth + "1" + " }" * depth


def mutate(text: str, ops: list, encoding: str) -> bytes:
    lines = text.split("\n")
    out_bytes: list[tuple[int, bytes]] = []
    for op in ops:
        i = op[1] % max(len(lines), 1)
        if op[0] == "delete" and lines:
            del lines[i]
        elif op[0] == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op[0] == "retype" and lines:
            lines[i] = re.sub(r"=\s*.*$", "= " + op[2], lines[i], count=1)
        elif op[0] == "deep":
            lines.insert(i, _deep(op[2], op[3]))
        elif op[0] == "text":
            lines.insert(i, op[2])
        elif op[0] == "bytes":
            out_bytes.append((i, op[2]))
    if encoding == "latin-1":
        raw_lines = [line.encode("latin-1", errors="replace") for line in lines]
    else:
        raw_lines = [line.encode("utf-8", errors="surrogatepass") for line in lines]
    for i, junk in out_bytes:
        if raw_lines:
            raw_lines[i % len(raw_lines)] += junk
    raw = b"\n".join(raw_lines)
    return b"\xef\xbb\xbf" + raw if encoding == "bom" else raw


DIAGNOSTIC = re.compile(r"^(?P<path>.+):(?P<line>\d+): (?P<code>M\d{3}) ")


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(MUTATION)
def test_mutated_content_never_gives_a_traceback(mutation):
    source, ops, encoding = mutation
    raw = mutate(source.read_text(encoding="utf-8"), ops, encoding)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.toml"
        path.write_bytes(raw)
        content = load_content(extra=[Path(folder)], builtin=EMPTY)
        found = content.diagnostics + branch_option_counts(content)
        lines = raw.count(b"\n") + 1
        for diagnostic in found:
            for lang in ("en", "nl"):
                shown = diagnostic.render(lang)
                match = DIAGNOSTIC.match(shown)
                assert match, shown
                assert "Traceback" not in shown and "Input should" not in shown
            assert diagnostic.key != "v_internal", str(diagnostic)  # no error slipped through
            assert 1 <= diagnostic.line <= lines + 1, str(diagnostic)
        if not content.cases:  # a file that does not load says so, in that file
            mine = [d for d in found if d.path.endswith("mutated.toml") and d.severity == "error"]
            assert mine, [str(d) for d in found]
