"""Exports: CSV with a row per decision, JSON, and a Markdown and self-contained HTML report."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES
from game.content import load_content
from game.workshop.export import CSV_COLUMNS, export
from game.workshop.participant import join_session
from game.workshop.simulate import fill
from game.workshop.store import Store


@pytest.fixture(scope="module")
def content():
    return load_content(builtin=FIXTURES / "workshop")


@pytest.fixture
def session(tmp_path, content):
    store = Store(tmp_path / "x.sqlite")
    code = store.create_session("Export <dag>", "test-workshop", "nl").code
    fill(content, store, code, 5, seed=8)
    evil = join_session(content, store, code, "Mallory", seed=1)
    evil.run.choose("nee", '<script src="http://evil.example/x.js"></script> | "quote", comma')
    return store, code


def test_csv_has_one_row_per_decision(session, content):
    store, code = session
    rows = list(csv.DictReader(io.StringIO(export(content, store, code, "csv"))))
    _, people, _ = store.results(code)
    assert len(rows) == sum(len(p.decisions) for p in people) == 11
    assert list(rows[0]) == CSV_COLUMNS
    mallory = next(r for r in rows if r["participant"] == "Mallory")
    assert mallory["motivation"].endswith('| "quote", comma')
    assert mallory["option_label"] == "Afwijzen volgens de regel"
    assert mallory["loyalty_burger"] == "-1"


def test_json_holds_the_runs_and_the_figures(session, content):
    store, code = session
    data = json.loads(export(content, store, code, "json"))
    assert data["session"]["code"] == code
    assert len(data["participants"]) == 6
    assert all(p["seed"] for p in data["participants"])
    assert data["figures"]["cases"][0]["case"] == "ws-fiets"
    assert {x["loyalty"] for x in data["figures"]["loyalty_spread"]} >= {"burger", "rechtsstaat"}


def test_markdown_report(session, content):
    store, code = session
    md = export(content, store, code, "md")
    assert md.startswith("# Workshopverslag: Export &lt;dag&gt;")  # HTML in Markdown is text
    assert "## Per casus: hoe de groep koos" in md and "Zelfde casus, andere besluiten" in md
    assert "Wanneer is een uitzondering een nieuwe regel?" in md
    assert "\\|" in md  # a pipe in a motivation does not break the table


def test_html_report_is_self_contained_and_escaped(session, content):
    store, code = session
    page = export(content, store, code, "html", lang="en")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "Workshop report: Export &lt;dag&gt;" in page
    assert "<script" not in page and "&lt;script" in page
    assert not re.search(r"<[^>]*\s(?:src|href)\s*=", page)  # no attribute loads anything
    assert not re.search(r"url\(|@import", page)
    assert "http://" not in page.replace("http://evil.example", "")  # only the escaped text
    assert "Same case, different decisions" in page


def test_export_command_writes_a_file(session, tmp_path):
    store, code = session
    out = tmp_path / "verslag.html"
    result = subprocess.run(
        [sys.executable, "-m", "game", "workshop", "export", code, "--format", "html", "-o",
         str(out), "--store", str(store.path), "--scenarios", str(FIXTURES / "workshop")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("module", ["game.workshop.store", "game.workshop.recorder",
                                    "game.workshop.participant", "game.workshop.results",
                                    "game.workshop.export", "game.workshop.join",
                                    "game.workshop.cli", "game.workshop.simulate"])
def test_the_workshop_core_does_not_import_textual(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", f"{module} imports {out.stdout.strip()}"
