"""`maatwerk new`: a template that validates and plays, and a second case written from it
that ripples from the first, as a facilitator would do it in a folder of their own."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def maatwerk(*args, cwd=ROOT, stdin=None, tmp_path=None):
    env = dict(os.environ)
    if tmp_path is not None:
        env.update(MAATWERK_DATA_DIR=str(tmp_path / "data"),
                   MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "game", "--lang", "en", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_new_case_writes_a_valid_template_and_its_schema_and_never_overwrites(tmp_path):
    own = tmp_path / "mijn-casussen"
    made = maatwerk("new", "case", "wasmachine", "--scenarios", str(own))
    assert made.returncode == 0, made.stderr
    case = own / "wasmachine.toml"
    text = case.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./case.schema.json\n")
    assert 'id = "wasmachine"' in text and "__ID__" not in text
    assert (own / "case.schema.json").exists()
    again = maatwerk("new", "case", "wasmachine", "--scenarios", str(own))
    assert again.returncode == 1 and "exists already" in again.stderr
    assert case.read_text(encoding="utf-8") == text
    checked = maatwerk("validate", "--strict", str(own))
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines()[-1].endswith("0 errors, 0 warnings")


def test_new_case_writes_into_the_current_folder_by_default(tmp_path):
    made = maatwerk("new", "case", "eigen-een", cwd=tmp_path)
    assert made.returncode == 0 and (tmp_path / "eigen-een.toml").exists()
    bad = maatwerk("new", "case", "Met Spatie", cwd=tmp_path)
    assert bad.returncode == 2 and "cannot be an id" in bad.stderr


def test_new_campaign_lists_the_cases_in_the_folder_and_plays(tmp_path):
    empty = maatwerk("new", "campaign", "regio", "--scenarios", str(tmp_path))
    assert empty.returncode == 1 and "no cases" in empty.stderr
    maatwerk("new", "case", "wasmachine", "--scenarios", str(tmp_path))
    made = maatwerk("new", "campaign", "regio", "--scenarios", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert 'cases = ["wasmachine"]' in (tmp_path / "regio.toml").read_text(encoding="utf-8")
    checked = maatwerk("validate", "--strict", str(tmp_path))
    assert checked.returncode == 0, checked.stdout
    played = maatwerk("play", "--plain", "--scenarios", str(tmp_path), "--campaign", "regio",
                      "--seed", "3", stdin="1\n\n\n\n\n", tmp_path=tmp_path)
    assert played.returncode == 0, played.stderr
    assert "Case 1: A request just outside the rule" in played.stdout


def _second_case(first: str) -> str:
    """The template edited into a neighbour's request that recalls the first decision."""
    text = first.replace('id = "wasmachine"', 'id = "buurvrouw"', 1)
    text = text.replace('title.en = "A request just outside the rule"',
                        'title.en = "The neighbour asks too"')
    note = ('# [[dossier.notes]]\n# when = { chose = "other-case-id/option-id" }\n'
            '# cites = "other-case-id"\n# text.nl = "..."\n# text.en = "..."')
    assert note in text
    return text.replace(note, '[[dossier.notes]]\nwhen = { chose = "wasmachine/toekennen" }\n'
                              'cites = "wasmachine"\n'
                              'text.nl = "Ze weet dat haar buurvrouw de wasmachine kreeg."\n'
                              'text.en = "She knows her neighbour got the washing machine."')


def test_a_second_case_written_from_the_template_ripples_from_the_first(tmp_path):
    own = tmp_path / "eigen"
    assert maatwerk("new", "case", "wasmachine", "--scenarios", str(own)).returncode == 0
    first = (own / "wasmachine.toml").read_text(encoding="utf-8")
    # the file name sorts after the first: the campaign 'eigen' plays by file name
    (own / "wasmachine-2-buurvrouw.toml").write_text(_second_case(first), encoding="utf-8")
    checked = maatwerk("validate", "--strict", str(own / "wasmachine-2-buurvrouw.toml"))
    assert checked.returncode == 0, checked.stdout
    ripple = "She knows her neighbour got the washing machine."
    granted = maatwerk("play", "--plain", "--scenarios", str(own), "--campaign", "eigen",
                       "--seed", "1", stdin="2\n\n\n\n\n\n", tmp_path=tmp_path)
    assert granted.returncode == 0, granted.stderr
    second = granted.stdout.split("Case 2: The neighbour asks too", 1)[1]
    assert ripple in second
    refused = maatwerk("play", "--plain", "--scenarios", str(own), "--campaign", "eigen",
                       "--seed", "1", stdin="1\n\n\n\n\n\n", tmp_path=tmp_path / "b")
    assert "Case 2: The neighbour asks too" in refused.stdout
    assert ripple not in refused.stdout
