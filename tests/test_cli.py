"""The command line contract: validate, schema, playtest."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURES, ROOT


def run(*args, cwd=ROOT):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_validate_reports_file_line_code_and_exits_1():
    result = run("validate", "--lang", "en", str(FIXTURES / "broken"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.endswith("wrong-type.toml:23: M003 investigations.0.hours: must be a number "
                             "without quotes (like hours = 2), not \"een uur\"")
               for line in lines), result.stdout
    assert "Traceback" not in result.stderr


def test_validate_passes_valid_content():
    result = run("validate", str(FIXTURES / "valid"))
    assert result.returncode == 0, result.stdout


def test_validate_json_for_editors():
    result = run("validate", "--json", str(FIXTURES / "broken"))
    data = json.loads(result.stdout)
    codes = {d["code"] for d in data["diagnostics"]}
    assert {"M001", "M002", "M003", "M004", "M010", "M020", "M021", "M040"} <= codes


def test_schema_is_a_json_schema_of_a_case():
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Maatwerk case file"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"id", "title", "dossier", "options", "facilitator"} <= set(schema["required"])


def test_playtest_prints_coverage_for_a_campaign():
    result = run("playtest", "--campaign", "test-scootmobiel", "--runs", "20",
                 "--scenarios", str(FIXTURES / "engine"))
    assert "quicktest:" in result.stdout and "options 8/8 (100%)" in result.stdout
    assert "always strict" in result.stdout


def test_global_options_work_before_and_after_the_command(tmp_path):
    for args in (["--lang", "en", "--seed", "3", "--save", str(tmp_path / "a.json"), "play",
                  "--plain"],
                 ["play", "--plain", "--lang", "en", "--seed", "3", "--save",
                  str(tmp_path / "b.json")]):
        result = subprocess.run([sys.executable, "-m", "game", *args], input="", text=True,
                                capture_output=True, cwd=ROOT, timeout=60,
                                env=dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "d")))
        assert "Case 1: The covered mobility scooter" in result.stdout, args
    assert (tmp_path / "a.json").exists() and (tmp_path / "b.json").exists()
    assert not (tmp_path / "d" / "autosave.json").exists()
