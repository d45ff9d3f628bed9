"""A broken file is reported with its file, line and stable code; the rest still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from game.content import load_content

BROKEN = FIXTURES / "broken"


@pytest.fixture(scope="module")
def broken():
    return load_content(extra=[BROKEN])


def _find(content, name: str, code: str):
    hits = [d for d in content.diagnostics if Path(d.path).name == name and d.code == code]
    assert hits, f"no {code} for {name}: {[str(d) for d in content.diagnostics]}"
    return hits[0]


@pytest.mark.parametrize("name, code, line, words", [
    ("bad-toml.toml", "M001", 23, "cannot be read"),
    ("wrong-type.toml", "M003", 23, "hours"),
    ("unknown-field.toml", "M004", 42, "colour"),
    ("missing-field.toml", "M002", 19, "reveals"),
    ("bad-variant.toml", "M003", 51, "variant"),
    ("bad-condition.toml", "M003", 42, "condition needs one of the keys"),
    ("unknown-reference.toml", "M020", 42, "bestaat-niet"),
    ("unknown-flag.toml", "M021", 42, "nooit_gezet"),
    ("duplicate-b.toml", "M010", 2, "duplicate-a.toml:2"),
])
def test_each_mistake_is_placed_on_its_line(broken, name, code, line, words):
    diagnostic = _find(broken, name, code)
    assert diagnostic.line == line
    assert diagnostic.severity == "error"
    assert words.lower() in diagnostic.message.lower()
    assert str(diagnostic).startswith(f"{diagnostic.path}:{line}: {code} ")


def test_missing_translation_is_a_warning_and_the_game_falls_back_to_dutch(broken):
    diagnostic = _find(broken, "missing-translation.toml", "M040")
    assert diagnostic.severity == "warning" and diagnostic.line == 39
    case = broken.cases["missing-translation"]
    option = next(o for o in case.options if o.id == "ja")
    assert option.label.get("en") == "Ja"


def test_broken_files_are_skipped_and_the_rest_loads(broken):
    assert "bad-toml" not in broken.cases and "wrong-type" not in broken.cases
    assert "dubbel" in broken.cases  # the first of the two duplicates stays
    assert "scootmobiel-henk" in broken.cases  # the shipped content is untouched
    assert "unknown-flag" in broken.cases  # cross-check errors do not unload a file


def test_own_cases_form_a_campaign_of_their_own():
    content = load_content(extra=[FIXTURES / "valid"])
    assert content.campaigns["eigen"].cases == ["kort"]
    assert not [d for d in content.errors if "fixtures" in d.path]


def test_the_shipped_content_loads_without_errors(content):
    assert not content.errors, "\n".join(map(str, content.errors))


def test_an_unreadable_file_is_reported(tmp_path):
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("id = \"caf\xe9\"".encode("latin-1"))
    content = load_content(extra=[tmp_path])
    diagnostic = next(d for d in content.diagnostics if d.path.endswith("latin1.toml"))
    assert diagnostic.code == "M005"
