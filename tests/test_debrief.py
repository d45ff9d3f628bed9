"""The debrief: figures from the engine, the same in every report format."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES
from game.content import load_content
from game.engine.analysis import debrief, position
from game.engine.game import Game, replay
from game.engine.playtest import play_strategy
from game.engine.state import Action
from game.report import render

CAMPAIGN = "test-scootmobiel"
GOLDEN = Path(__file__).parent / "golden"
ACTIONS = [Action("investigate", "scootmobiel-henk", "huisbezoek"),
           Action("choose", "scootmobiel-henk", "hardheid", "Goedkoper dan dagbesteding"),
           Action("choose", "scootmobiel-joop", "afwijzen", "Joop gaat naar de dagbesteding")]
ANSWERS = {"feeling": "Ongemakkelijk bij Joop.", "transfer": "Bij de bijzondere bijstand.",
           "commitment": "Mijn gronden opschrijven."}


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def fixed_run(content, lang="nl"):
    game, applied, problem = replay(content, CAMPAIGN, 7, ACTIONS, lang)
    assert problem is None
    return debrief(game, ANSWERS)


def test_always_strict_lands_in_standardisation(content):
    game = play_strategy(content, CAMPAIGN, "strict")
    assert position(game.state.decisions).variant == "standaardisatie"


def test_always_tailoring_in_two_ways_lies_on_the_border_of_both(content):
    # one hardship clause and one standard tailoring: as much of the one as of the other, so
    # the debrief names both quadrants and prefers neither
    game = play_strategy(content, CAMPAIGN, "tailored")
    result = debrief(game)
    assert result.position.counts["hardheidsclausule"] == 1
    assert result.position.counts["standaardmaatwerk"] == 1
    assert (result.position.group, result.position.individual) == (50, 100)
    assert result.position.variant is None
    assert result.position.between == ("hardheidsclausule", "standaardmaatwerk")


def test_comparable_cases_decided_differently_are_flagged(content):
    result = fixed_run(content)
    [pair] = result.consistency
    assert pair.group == "scootmobiel" and not pair.consistent
    assert pair.first_motivation == "Goedkoper dan dagbesteding"


def test_comparable_cases_decided_alike_are_consistent(content):
    game = Game(content, CAMPAIGN, 1)
    game.choose("hardheid")
    game.choose("maatwerk")  # granted both times, in another variant: decided alike
    assert debrief(game).consistency[0].consistent
    game = Game(content, CAMPAIGN, 1)
    game.choose("afwijzen")
    game.choose("afwijzen")
    assert debrief(game).consistency[0].consistent


def test_a_run_that_never_triggers_the_manager_does_not_list_it(content):
    game = Game(content, CAMPAIGN, 1)
    game.choose("afwijzen")
    game.choose("afwijzen")
    assert "managers" not in [d.dynamic for d in debrief(game).dynamics]
    assert "managers" in [d.dynamic for d in fixed_run(content).dynamics]


def test_the_profile_sits_inside_the_possible_range(content):
    for score in fixed_run(content).profile:
        assert score.lowest <= score.total <= score.highest


def test_the_timeline_links_decisions_to_their_ripples(content):
    first = fixed_run(content).timeline[0]
    assert [r.event for r in first.ripples][:1] == ["ruud-bezwaar"]


def test_roads_not_taken_are_only_the_options_the_player_saw(content):
    joop = fixed_run(content).reflections[1]
    ids = [r.option for r in joop.roads]
    assert "regel" not in ids and "gelijk" in ids  # 'regel' needs a rule Henk's case did not make
    assert [r.option for r in joop.roads if r.chosen] == ["afwijzen"]


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


def test_markdown_report_golden(content):
    _golden("debrief.nl.md", render(fixed_run(content), "md"))


def test_json_report_golden(content):
    text = render(fixed_run(content, "en"), "json")
    data = json.loads(text)
    assert data["variant"]["id"] == data["position"]["variant"]
    _golden("debrief.en.json", text)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.urls, self.text = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for key, value in attrs:
            if key == "id":
                self.ids.add(value)
            if key in ("src", "href") and value:
                self.urls.append(value)

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_is_self_contained_and_holds_its_charts(content):
    html = render(fixed_run(content, "en"), "html")
    parser = _Collect()
    parser.feed(html)
    parser.close()
    assert parser.tags[0] == "html" and "svg" in parser.tags
    assert {"profile-chart", "variant-map", "you"} <= parser.ids
    assert parser.urls == []  # nothing loaded from anywhere
    text = " ".join(parser.text)
    assert "Your loyalty profile" in text and "Hardship clauses" in text
    assert "Mijn gronden opschrijven." in text  # the typed commitment is kept
    assert html.count("<rect class=\"total\"") == 5


def test_report_command_writes_all_three_formats(content, tmp_path):
    import subprocess
    import sys

    from game import saves
    game, _, _ = replay(content, CAMPAIGN, 7, ACTIONS)
    save = tmp_path / "run.json"
    saves.save(save, saves.snapshot(game, ANSWERS))
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        result = subprocess.run([sys.executable, "-m", "game", "report", str(save), "--format", fmt,
                                 "-o", str(out), "--scenarios", str(FIXTURES / "engine")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert out.read_text().strip()
    broken = tmp_path / "broken.json"
    broken.write_text("nope")
    result = subprocess.run([sys.executable, "-m", "game", "report", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
