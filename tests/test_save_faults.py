"""Saves never lose a decision: a full disk, a read-only folder, new games, partial replays and
hostile save files are messages, never a traceback or a lost run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from faults import can_mount, chmod_stops_writes, place  # noqa: F401 - place is a fixture
from game import saves
from game.cli import main
from game.content import load_content
from game.run import Run

CAMPAIGN = "test-scootmobiel"


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def actions(path) -> list[str]:
    return [a["id"] for a in json.loads(path.read_text())["actions"]]


# ------------------------------------------------------------------ failing writes
def test_a_full_disk_keeps_the_decision_in_memory_and_saves_it_when_space_returns(content, place):
    path = place.folder / "save.json"
    run = Run.new(content, CAMPAIGN, 2, "en", path)
    heard = []
    run.on_save_failed.append(lambda s: heard.append(s.save_problem))
    place.fill()
    run.choose("hardheid", "Henk stays mobile")  # no exception: the game goes on
    assert run.game.state.decisions[-1].motivation == "Henk stays mobile"
    assert heard and "disk is full" in heard[0].message("en")
    assert "tries again" in heard[0].message("en")
    assert actions(path) == []  # the old save is whole, not half-written
    place.free()
    run.investigate(run.game.investigations()[0].id)  # the next step retries
    assert run.save_problem is None
    assert actions(path)[0] == "hardheid"
    assert not [p for p in place.folder.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_folder_is_a_message_and_the_next_step_after_unlocking_writes(content, place):
    path = place.folder / "save.json"
    run = Run.new(content, CAMPAIGN, 2, "nl", path)
    place.lock()
    run.choose("hardheid")
    run.choose("maatwerk")
    problem = run.save_problem
    assert problem is not None and problem.failures == 2
    assert problem.reason("nl") in ("die plek is alleen-lezen", "je mag in die map niet schrijven")
    assert problem.message("nl").startswith("Nog steeds niet opgeslagen")
    assert actions(path) == []
    place.unlock()
    assert run.save() is True
    assert actions(path) == ["hardheid", "maatwerk"]


def test_another_place_takes_the_run_and_a_failing_one_keeps_the_old(content, place, tmp_path):
    path = place.folder / "save.json"
    run = Run.new(content, CAMPAIGN, 2, "en", path)
    place.lock()
    run.choose("hardheid")
    assert run.save_problem is not None
    # a place that cannot work either: the session keeps its place and says why
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    problem = run.save_elsewhere(blocker / "save.json")
    assert problem is not None and run.save_path == path
    assert "not a folder" in problem.reason("en")
    # a folder that works: the run is there, and later steps go there too
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run.save_elsewhere(elsewhere) is None
    assert run.save_path == elsewhere / "save.json" and run.save_problem is None
    run.choose("maatwerk")
    assert actions(elsewhere / "save.json") == ["hardheid", "maatwerk"]


def test_another_place_never_overwrites_a_real_run_there(content, tmp_path):
    other = tmp_path / "other.json"
    Run.new(content, CAMPAIGN, 5, "nl", other).choose("hardheid")
    run = Run.new(content, CAMPAIGN, 2, "nl", tmp_path / "mine.json")
    assert run.save_elsewhere(other) is None
    assert actions(tmp_path / "other.previous.json") == ["hardheid"]
    assert [m[0] for m in run.take_messages()] == ["earlier_run_kept"]


# ------------------------------------------------------------------ new games
def test_two_new_games_after_a_real_run_keep_the_real_run(content, tmp_path):
    path = tmp_path / "autosave.json"
    Run.new(content, CAMPAIGN, 2, "nl", path).choose("hardheid", "de echte run")
    second = Run.new(content, CAMPAIGN, 3, "nl", path)
    (key, values), = second.take_messages()
    assert key == "earlier_run_kept" and values["path"].endswith("autosave.previous.json")
    Run.new(content, CAMPAIGN, 4, "nl", path)  # the empty run is replaced, not kept
    assert actions(tmp_path / "autosave.previous.json") == ["hardheid"]
    assert not (tmp_path / "autosave.previous-2.json").exists()
    assert json.loads(path.read_text())["seed"] == 4


def test_earlier_real_runs_are_kept_newest_first_and_pruned(content, tmp_path):
    path = tmp_path / "autosave.json"
    for seed in range(1, 9):  # eight real runs in a row
        Run.new(content, CAMPAIGN, seed, "nl", path).choose("hardheid")
    kept = saves.earlier_runs(path)
    assert len(kept) == saves.KEEP_EARLIER == 5
    assert [json.loads(p.read_text())["seed"] for p in kept] == [7, 6, 5, 4, 3]
    assert len(list(tmp_path.glob("autosave.previous*.json"))) == 5


def test_a_new_game_in_a_read_only_folder_never_overwrites_the_real_run(content, place):
    path = place.folder / "autosave.json"
    Run.new(content, CAMPAIGN, 2, "nl", path).choose("hardheid")
    before = path.read_text()
    place.lock()
    run = Run.new(content, CAMPAIGN, 3, "nl", path)
    run.choose("afwijzen")
    assert run.save_problem is not None and path.read_text() == before
    place.unlock()
    run.investigate(run.game.investigations()[0].id)  # retry: keep first, then write
    assert json.loads((place.folder / "autosave.previous.json").read_text())["seed"] == 2
    assert actions(path)[0] == "afwijzen"


# ------------------------------------------------------------------ replay and bad files
def test_a_partial_replay_keeps_the_original_file_untouched(content, tmp_path):
    path = tmp_path / "save.json"
    Run.new(content, CAMPAIGN, 2, "nl", path).choose("hardheid")
    data = json.loads(path.read_text())
    data["actions"].append({"do": "choose", "case": "scootmobiel-joop", "id": "verdwenen"})
    path.write_text(json.dumps(data))
    original = path.read_bytes()
    run, messages = Run.resume(content, path)
    assert run is not None
    keys = [key for key, _ in messages]
    assert keys == ["save_changed", "save_original_kept"]
    kept = tmp_path / messages[1][1]["path"]
    assert kept.name.startswith("save.before-replay-") and kept.read_bytes() == original
    run.choose("maatwerk")
    assert kept.read_bytes() == original and actions(path) == ["hardheid", "maatwerk"]


def deep(levels: int) -> str:
    return '{"game": "maatwerk", "format": 1, "campaign": "x", "seed": 1, "actions": ' \
        + "[" * levels + "]" * levels + "}"


BAD_SAVES = {
    "deep": (deep(100_000), "nested too deeply"),
    "infinity-seed": ('{"game": "maatwerk", "format": 1, "campaign": "test-scootmobiel", '
                      '"seed": Infinity, "actions": []}', "Infinity"),
    "nan-anywhere": ('{"game": "maatwerk", "format": 1, "campaign": "test-scootmobiel", '
                     '"seed": 1, "saved_at": NaN, "actions": []}', "NaN"),
    "overflowing-float": ('{"game": "maatwerk", "format": 1, "campaign": "test-scootmobiel", '
                          '"seed": 1, "saved_at": 1e999, "actions": []}', "1e999"),
    "float-seed": ('{"game": "maatwerk", "format": 1, "campaign": "test-scootmobiel", '
                   '"seed": 1.5, "actions": []}', "seed"),
    "huge-seed": ('{"game": "maatwerk", "format": 1, "campaign": "c", "seed": '
                  + "9" * 5000 + ', "actions": []}', "not valid JSON"),
    "list": ("[1, 2, 3]", "not a Maatwerk save"),
    "string": ('"maatwerk"', "not a Maatwerk save"),
    "actions-object": ('{"game": "maatwerk", "format": 1, "campaign": "c", "seed": 1, '
                       '"actions": {"do": "choose"}}', "actions"),
    "action-number": ('{"game": "maatwerk", "format": 1, "campaign": "c", "seed": 1, '
                      '"actions": [{"do": "choose", "case": 3, "id": "x"}]}', "step 1"),
    "reflections-list": ('{"game": "maatwerk", "format": 1, "campaign": "c", "seed": 1, '
                         '"actions": [], "reflections": ["a"]}', "reflections"),
    "campaign-missing": ('{"game": "maatwerk", "format": 1, "seed": 1, "actions": []}',
                         "campaign"),
    "not-utf8": (b'{"game": "maatwerk", "\xff\xfe"}', "cannot be read"),
}


@pytest.mark.parametrize("name", sorted(BAD_SAVES))
def test_a_hostile_save_is_a_message_and_set_aside(content, tmp_path, name):
    text, why = BAD_SAVES[name]
    path = tmp_path / "save.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    run, messages = Run.resume(content, path)
    assert run is None
    (key, values), = messages
    assert key == "save_broken" and why in values["reason"]
    assert len(values["reason"]) < 200  # a sentence, not a dump of the file
    assert not path.exists() and list(tmp_path.glob("save.broken-*.json"))


def test_a_save_that_is_a_folder_is_set_aside_and_a_new_game_can_start(content, tmp_path):
    path = tmp_path / "save.json"
    path.mkdir()
    (path / "inside.txt").write_text("keep me")
    run, messages = Run.resume(content, path)
    assert run is None and "folder" in messages[0][1]["reason"]
    kept, = tmp_path.glob("save.broken-*.json")
    assert (kept / "inside.txt").read_text() == "keep me"
    Run.new(content, CAMPAIGN, 2, "nl", path).choose("hardheid")
    assert actions(path) == ["hardheid"]


def test_a_device_as_save_is_refused_and_left_alone(content, tmp_path, capsys):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)  # reading it would wait for ever
    run, messages = Run.resume(content, pipe)
    assert run is None and messages[0][0] == "save_broken_stays"
    assert "ordinary file" in messages[0][1]["reason"] and pipe.exists()
    assert main(["report", str(pipe), "--scenarios", str(FIXTURES / "engine")]) == 1
    assert "ordinary file" in capsys.readouterr().err


def test_a_new_game_over_a_broken_save_sets_it_aside_first(content, tmp_path):
    path = tmp_path / "save.json"
    path.write_text(deep(50_000))
    run = Run.new(content, CAMPAIGN, 2, "nl", path)
    (key, values), = run.take_messages()
    assert key == "save_broken" and "nested" in values["reason"]
    kept, = tmp_path.glob("save.broken-*.json")
    assert kept.read_text() == deep(50_000)


# ------------------------------------------------------------------ the report command
@pytest.mark.parametrize("where", ["under-a-file", "a-folder", "read-only"])
def test_report_to_an_unwritable_place_is_one_line_and_exit_1(content, tmp_path, capsys, where,
                                                                place):
    save = tmp_path / "save.json"
    Run.new(content, CAMPAIGN, 2, "nl", save).choose("hardheid")
    if where == "under-a-file":
        (tmp_path / "file").write_text("x")
        output = tmp_path / "file" / "debrief.html"
    elif where == "a-folder":
        output = tmp_path
    else:
        place.lock()
        output = place.folder / "debrief.html"
    capsys.readouterr()
    code = main(["report", str(save), "--format", "html", "-o", str(output),
                 "--scenarios", str(FIXTURES / "engine")])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Het rapport kon niet worden geschreven")
    assert "Traceback" not in err


# ------------------------------------------------------------------ plain mode
@pytest.mark.parametrize("where", ["under-a-file", "read-only"])
def test_plain_mode_with_an_unwritable_save_plays_on_and_keeps_the_run(tmp_path, where):
    home = tmp_path / "home"
    home.mkdir()
    if where == "under-a-file":
        (tmp_path / "file").write_text("x")
        save = tmp_path / "file" / "save.json"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        if can_mount():
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", str(folder)],
                           check=True, timeout=10)
        elif chmod_stops_writes(folder):
            folder.chmod(0o500)
        else:
            pytest.skip("root without mount: a read-only folder cannot be made for a subprocess")
        save = folder / "save.json"
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"), HOME=str(home),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"), XDG_DOCUMENTS_DIR=str(home))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "game", "play", "--plain", "--scenarios",
             str(FIXTURES / "engine"), "--campaign", CAMPAIGN, "--seed", "7", "--save", str(save)],
            input="a\n2\nGoedkoper\n1\n\n", capture_output=True, text=True, env=env, cwd=ROOT,
            timeout=120)
    finally:
        if where == "read-only":
            subprocess.run(["umount", "-l", str(tmp_path / "locked")], capture_output=True)
            (tmp_path / "locked").chmod(0o700)
    assert result.returncode == 0 and "Traceback" not in result.stderr + result.stdout
    assert "Je spel kon niet worden opgeslagen" in result.stderr and "--save" in result.stderr
    assert "Einde van de campagne" in result.stdout  # the game played on to the end
    rescued = home / "maatwerk-autosave.json"
    # (plain mode wraps long words, so a long path may be split over two lines)
    assert f"staatnuin{rescued}" in "".join(result.stdout.split())
    assert [a["id"] for a in json.loads(rescued.read_text())["actions"]][-2:] == ["hardheid",
                                                                                 "afwijzen"]
    assert not save.exists()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)
FIELDS = ["game", "format", "campaign", "content_version", "seed", "lang", "saved_at",
          "actions", "reflections"]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(FIELDS), JSON, min_size=1, max_size=3),
       dropped=st.sets(st.sampled_from(FIELDS), max_size=2))
def test_any_mutated_save_resumes_or_is_set_aside_never_a_traceback(content, tmp_path_factory,
                                                                      changes, dropped):
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "save.json"
    valid = {"game": "maatwerk", "format": 1, "campaign": CAMPAIGN, "content_version": "",
             "seed": 3, "lang": "nl", "saved_at": 0.0, "reflections": {},
             "actions": [{"do": "choose", "case": "scootmobiel-henk", "id": "hardheid"}]}
    valid.update(changes)
    for name in dropped:
        valid.pop(name, None)
    path.write_text(json.dumps(valid))
    run, messages = Run.resume(content, path)
    if run is None:
        assert messages and messages[0][0] == "save_broken"
        assert list(folder.glob("save.broken-*.json"))
    else:
        assert run.game.state.seed == valid["seed"]
