"""Saves: round trip, a broken save set aside, an interrupted write that loses nothing."""

from __future__ import annotations

import json
import os

import pytest

from conftest import FIXTURES
from game import saves
from game.content import load_content
from game.run import Run

CAMPAIGN = "test-scootmobiel"


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def test_a_save_round_trips_to_the_same_run(content, tmp_path):
    path = tmp_path / "save.json"
    run = Run.new(content, CAMPAIGN, 11, "nl", path)
    run.investigate("huisbezoek")
    run.choose("hardheid", "Henk wil naar buiten")
    data = json.loads(path.read_text())
    assert data["seed"] == 11 and data["campaign"] == CAMPAIGN and data["format"] == 1
    assert data["actions"][-1] == {"do": "choose", "case": "scootmobiel-henk", "id": "hardheid",
                                   "motivation": "Henk wil naar buiten"}
    resumed, messages = Run.resume(content, path)
    assert messages == []
    assert resumed.game.case_view().id == "scootmobiel-joop"
    assert resumed.game.state.loyalties == run.game.state.loyalties
    assert resumed.game.state.decisions == run.game.state.decisions


def test_a_corrupt_save_is_set_aside_with_a_message(content, tmp_path):
    path = tmp_path / "save.json"
    path.write_text('{"game": "maatwerk", "format": 1, "actions": [')
    run, messages = Run.resume(content, path)
    assert run is None
    key, values = messages[0]
    assert key == "save_broken" and "JSON" in values["reason"]
    kept = list(tmp_path.glob("save.broken-*.json"))
    assert len(kept) == 1 and kept[0].read_text().endswith("[")
    assert not path.exists()


def test_a_save_from_another_program_is_refused_not_crashed_on(content, tmp_path):
    path = tmp_path / "save.json"
    path.write_text(json.dumps({"hello": "world"}))
    run, messages = Run.resume(content, path)
    assert run is None and "Maatwerk" in messages[0][1]["reason"]


def test_a_save_made_before_the_content_changed_is_replayed_as_far_as_it_goes(content, tmp_path):
    path = tmp_path / "save.json"
    run = Run.new(content, CAMPAIGN, 2, "nl", path)
    run.choose("hardheid")
    data = json.loads(path.read_text())
    data["actions"].append({"do": "choose", "case": "scootmobiel-joop", "id": "verdwenen"})
    data["content_version"] = "0:old"
    path.write_text(json.dumps(data))
    resumed, messages = Run.resume(content, path)
    assert resumed is not None and resumed.game.case_view().id == "scootmobiel-joop"
    assert messages[0][0] == "save_changed" and "1 of 2" in messages[0][1]["reason"]


def test_an_interrupted_write_leaves_the_old_save_whole(content, tmp_path, monkeypatch):
    path = tmp_path / "save.json"
    run = Run.new(content, CAMPAIGN, 2, "nl", path)
    run.choose("hardheid")
    before = path.read_text()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    run.choose("maatwerk")  # the decision stands; the failed write is reported, not raised
    assert run.save_problem is not None and run.game.state.decisions[-1].option == "maatwerk"
    monkeypatch.undo()
    assert path.read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    resumed, _ = Run.resume(content, path)
    assert resumed.game.case_view().id == "scootmobiel-joop"


def test_missing_save_means_no_session(content, tmp_path):
    run, messages = Run.resume(content, tmp_path / "none.json")
    assert run is None and messages == []


def test_save_data_rejects_unknown_format():
    with pytest.raises(saves.SaveError, match="format"):
        saves.SaveData.from_json(json.dumps({"game": "maatwerk", "format": 99}))


def test_a_new_game_keeps_the_previous_save(content, tmp_path):
    path = tmp_path / "save.json"
    first = Run.new(content, CAMPAIGN, 2, "nl", path)
    first.choose("hardheid")
    Run.new(content, CAMPAIGN, 3, "nl", path)
    previous = tmp_path / "save.previous.json"
    assert json.loads(previous.read_text())["actions"][0]["id"] == "hardheid"
    assert json.loads(path.read_text())["actions"] == []


def test_a_save_takes_the_content_fingerprint_once_and_again_when_the_content_changes(
        content, monkeypatch):
    from game.engine.game import replay

    game = replay(content, CAMPAIGN, 3, [], "nl")[0]
    first = saves.snapshot(game).content_version
    hashed = []
    real = saves.hashlib.sha256
    monkeypatch.setattr(saves.hashlib, "sha256", lambda *a: hashed.append(1) or real(*a))
    assert [saves.snapshot(game).content_version for _ in range(5)] == [first] * 5
    assert hashed == [], "every save after the first reuses the fingerprint"
    case_id = content.campaigns[CAMPAIGN].cases[0]
    original = content.cases[case_id]
    try:  # an author's edit loaded into the same content is noticed
        content.cases[case_id] = original.model_copy(update={"id": original.id + "-x"})
        assert saves.content_version(content, CAMPAIGN) != first and hashed == [1]
    finally:
        content.cases[case_id] = original
    assert saves.content_version(content, CAMPAIGN) == first
