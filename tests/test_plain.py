"""Plain mode end to end, in a real subprocess, as a screen-reader user or a script plays it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import FIXTURES, ROOT


def play(args, stdin, tmp_path, lang_env=None):
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", "--scenarios", str(FIXTURES / "engine"),
         "--campaign", "test-scootmobiel", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_a_whole_campaign_in_plain_lines(tmp_path):
    result = play(["--seed", "7"], "a\n2\nGoedkoper dan dagbesteding\n1\n\n", tmp_path)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Casus 1: De overdekte scootmobiel" in out
    assert "bushalte" in out  # the home visit revealed it
    assert "Burger +2" in out
    assert "Ruud is het er niet mee eens" in out
    assert "Henk heeft er ook een gekregen" in out  # the second client cites the first
    assert "Bezwaar: 'Henk wel, ik niet'" in out  # the second client objects
    assert "bezwaarcommissie" in out.lower() and "ombudsman" not in out.lower()
    assert "Einde van de campagne" in out
    assert "\x1b[" not in out  # no colour codes
    assert not set("┌─│╭") & set(out)  # no box drawing


def test_the_same_seed_and_input_give_the_same_transcript(tmp_path):
    first = play(["--seed", "7", "--save", str(tmp_path / "a.json")], "1\n\n3\nplan\n", tmp_path)
    second = play(["--seed", "7", "--save", str(tmp_path / "a.json")], "1\n\n3\nplan\n", tmp_path)
    assert first.stdout.replace("a.json", "") == second.stdout.replace("a.json", "")
    assert first.returncode == second.returncode == 0


def test_end_of_input_saves_and_continue_resumes(tmp_path):
    save = tmp_path / "run.json"
    first = play(["--seed", "5", "--save", str(save)], "2\nUitzondering\n", tmp_path)
    assert first.returncode == 0
    assert "opgeslagen" in first.stdout and "Traceback" not in first.stderr
    data = json.loads(save.read_text())
    assert [a["id"] for a in data["actions"]] == ["hardheid"]
    second = play(["--save", str(save), "--continue"], "p\n", tmp_path)
    assert "Je gaat verder" in second.stdout
    assert "Casus 2: Nog een overdekte scootmobiel" in second.stdout
    assert "Motivering: Uitzondering" in second.stdout


def test_english_and_help_and_nonsense(tmp_path):
    result = play(["--seed", "1", "--lang", "en"], "?\nxyz\n9\ns\n", tmp_path)
    out = result.stdout
    assert "Case 1: The covered mobility scooter" in out
    assert "save and quit" in out
    assert "I don't understand that" in out
    assert "Loyalties:" in out and "Rule of law: +0" in out
    assert result.returncode == 0


def test_a_corrupt_autosave_is_reported_and_set_aside(tmp_path):
    save = tmp_path / "run.json"
    save.write_text("{broken")
    result = play(["--save", str(save), "--continue", "--seed", "1"], "", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "beschadigd" in result.stdout and "Traceback" not in result.stderr
    assert list(tmp_path.glob("run.broken-*.json"))
