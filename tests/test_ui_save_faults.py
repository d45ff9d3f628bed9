"""The terminal game when its save fails: a message, the game goes on, another place works,
and the precedent log at 40x12 still shows what was decided."""

from __future__ import annotations

import json
import re

import pytest
from textual.widgets import Input, Static

from faults import place  # noqa: F401 - a fixture
from game.ui.screens.case import CaseScreen
from game.ui.screens.outcome import OutcomeScreen
from game.ui.screens.precedents import PrecedentScreen
from game.ui.screens.save_problem import SaveProblemScreen
from game.ui.screens.title import TitleScreen
from pilot import make_app, played, ready


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """The other place the game suggests is in the home or documents folder: a test's own."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    return home


def screen_text(app) -> str:
    """What the terminal shows, as plain text (from the screenshot the app would export)."""
    svg = app.export_screenshot()
    cells = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return "".join(cells).replace("&#160;", " ").replace("&#x27;", "'")


def saved_ids(path) -> list[str]:
    return [a["id"] for a in json.loads(path.read_text())["actions"]]


async def decide(pilot, number: str, motivation: str) -> None:
    await pilot.press(number)
    await pilot.pause()
    await pilot.press(*motivation, "enter")
    await pilot.pause()


@played
async def test_a_failing_save_is_a_dialog_the_game_goes_on_and_saves_when_writable(place):
    save = place.folder / "save.json"
    app = make_app(save, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        place.lock()
        await pilot.press("enter")  # a new game: its first save fails
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SaveProblemScreen)
        shown = screen_text(app)
        assert "Your game is not saved" in shown and "could not be saved" in shown
        assert "Nothing is lost" in " ".join(shown.split())
        await pilot.press("escape")  # play on
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await decide(pilot, "2", "Henk stays mobile")
        assert isinstance(app.screen, OutcomeScreen)  # the decision went through
        assert any("Still not saved" in n.message for n in app._notifications)
        assert app.player_run.game.state.decisions[-1].motivation == "Henk stays mobile"
        place.unlock()
        await pilot.press("enter")  # on to the next screens; the step after this retries
        await pilot.pause()
        app.player_run.reflect("feeling", "relieved")  # any step saves: here an answer
        await pilot.pause()
        assert app.player_run.save_problem is None
        assert any("saved again" in n.message for n in app._notifications)
    assert saved_ids(save) == ["hardheid"]
    assert json.loads(save.read_text())["actions"][0]["motivation"] == "Henk stays mobile"


@played
async def test_another_place_typed_in_the_dialog_takes_the_run(place, tmp_path):
    save = place.folder / "save.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = make_app(save)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        place.lock()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SaveProblemScreen)
        field = app.screen.query_one("#save-problem-path", Input)
        assert field.value.endswith("maatwerk-autosave.json")  # a suggestion to start from
        # a place that fails too: the dialog stays and says why
        (tmp_path / "a-file").write_text("x")
        field.value = str(tmp_path / "a-file" / "save.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveProblemScreen)
        result = str(app.screen.query_one("#save-problem-result", Static).render())
        assert "Ook in" in result and "geen map" in result
        field.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.save_path == elsewhere / "save.json"
        assert any("vanaf nu wordt daar opgeslagen" in n.message for n in app._notifications)
        await decide(pilot, "2", "Henk blijft mobiel")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("ctrl+q")
    assert saved_ids(elsewhere / "save.json") == ["hardheid"]
    assert not save.exists()


@played
async def test_quitting_while_saves_fail_keeps_the_run_in_another_place(place, _private_home):
    save = place.folder / "save.json"
    app = make_app(save, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        place.lock()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await decide(pilot, "2", "before closing")
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    rescued = _private_home / "maatwerk-autosave.json"
    assert saved_ids(rescued) == ["hardheid"]
    said = app.farewell  # printed once the terminal is back
    assert f"is now in {rescued}." in said and f"maatwerk --save {rescued}" in said


@played
async def test_a_new_game_says_where_the_earlier_run_is_kept(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await decide(pilot, "2", "eerste run")
        assert isinstance(app.screen, OutcomeScreen)
        app.back_to_title()
        await pilot.pause()
        app.action_new_game()
        await pilot.pause()
        assert "vijf meest recente" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        kept = [n.message for n in app._notifications if "vorige spel is bewaard" in n.message]
        assert kept and "save.previous.json" in kept[0]
    assert saved_ids(tmp_path / "save.previous.json") == ["hardheid"]


@played
async def test_the_precedent_log_at_40x12_shows_its_entries(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(40, 12)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, TitleScreen)
        app.action_new_game()
        await pilot.pause()
        await decide(pilot, "2", "Henk blijft mobiel")
        assert isinstance(app.screen, OutcomeScreen)
        app.enter_play()  # skip the letters that follow; on to case 2
        await pilot.pause()
        await decide(pilot, "1", "Nu de lijn")
        app.enter_play()
        await pilot.pause()
        app.action_precedents()
        await pilot.pause()
        assert isinstance(app.screen, PrecedentScreen)
        shown = " ".join(screen_text(app).split())
        assert "1. De overdekte scootmobiel" in shown
        assert "Henk blijft mobiel" in shown
        # the second entry is below: the log scrolls to it
        await pilot.press("end")
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
        assert "2. Nog een overdekte" in shown and "Nu de lijn" in shown
