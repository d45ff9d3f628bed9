"""Every format a report or an export can be written in is one class in one registry: the command
line offers exactly those names, and each one writes a file in its own kind."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES
from game.cli import main
from game.content import load_content
from game.engine.analysis import debrief
from game.engine.game import replay
from game.engine.state import Action
from game.report.formats import REPORT_FORMATS
from game.workshop.export import EXPORTS
from game.workshop.simulate import fill
from game.workshop.store import Store


def readable(fmt: str, text: str) -> bool:
    """The text is what its suffix promises."""
    if fmt == "json":
        return isinstance(json.loads(text), dict)
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(text)))) > 1
    if fmt == "html":
        HTMLParser().feed(text)
        return text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    return text.startswith("# ")


@pytest.mark.parametrize("registry", [REPORT_FORMATS, EXPORTS])
def test_each_format_is_registered_once_under_its_own_name_and_suffix(registry):
    assert all(name == fmt.name for name, fmt in registry.items())
    assert len({type(f) for f in registry.values()}) == len(registry)
    assert len({f.suffix for f in registry.values()}) == len(registry)
    assert all(f.suffix == "." + f.name for f in registry.values())


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    content = load_content(builtin=FIXTURES / "workshop")
    store = Store(tmp_path_factory.mktemp("room") / "x.sqlite")
    code = store.create_session("Formaten", "test-workshop", "nl").code
    fill(content, store, code, 3, seed=4)
    return store, code


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_every_export_format_writes_its_file_from_the_command_line(room, fmt, tmp_path, capsys):
    store, code = room
    out = tmp_path / f"sessie{EXPORTS[fmt].suffix}"
    assert main(["workshop", "export", code, "--format", fmt, "-o", str(out),
                 "--store", str(store.path), "--scenarios", str(FIXTURES / "workshop")]) == 0
    assert readable(fmt, out.read_text(encoding="utf-8"))


def test_the_command_line_offers_exactly_the_registered_export_formats(capsys):
    with pytest.raises(SystemExit):
        main(["workshop", "export", "ABC123", "--format", "pdf"])
    said = capsys.readouterr().err
    assert "invalid choice: 'pdf'" in said
    assert all(f"'{name}'" in said for name in EXPORTS)


@pytest.mark.parametrize("fmt", list(REPORT_FORMATS))
def test_every_report_format_writes_its_file_from_a_save(fmt, tmp_path):
    from game import saves

    content = load_content(extra=[FIXTURES / "engine"])
    game = replay(content, "test-scootmobiel", 7, [
        Action("choose", "scootmobiel-henk", "hardheid", "Goedkoper")], "nl")[0]
    save = tmp_path / "save.json"
    saves.save(save, saves.snapshot(game, {"feeling": "Onrustig."}))
    out = tmp_path / f"debrief{REPORT_FORMATS[fmt].suffix}"
    assert main(["report", str(save), "--format", fmt, "-o", str(out), "--scenarios",
                 str(FIXTURES / "engine")]) == 0
    text = out.read_text(encoding="utf-8")
    assert readable(fmt, text) and "Onrustig." in text
    assert text == REPORT_FORMATS[fmt].render(debrief(game, {"feeling": "Onrustig."}))
