"""The views front ends read instead of the run's state: the standing, the precedents, the
campaigns, an outcome with its totals, and the words built from them in game.texts."""

from __future__ import annotations

from engine_fixtures import CAMPAIGN, content, game  # noqa: F401 (fixtures)
from game.engine.catalogue import campaigns, case_sources, find
from game.engine.game import Game
from game.run import Run
from game.texts import dossier, option_line, outcome_text


def test_the_standing_shows_hours_totals_and_named_meters(game):
    game.investigate("huisbezoek")
    game.choose("hardheid")
    standing = game.standing()
    assert [k for k, _ in standing.loyalties] == [
        "burger", "rechtsstaat", "organisatie", "beroepsgroep", "samenleving"]
    assert standing.total("burger") == 2 and standing.total("rechtsstaat") == -1
    pressure = {m.id: m for m in standing.meters}["gelijkheidsdruk"]
    assert pressure.value == 1 and pressure.name and pressure.max >= pressure.value
    assert standing.decisions == 1
    assert (standing.hours_left, standing.hours_budget) == (4, 4)  # a fresh week for case 2


def test_an_outcome_carries_its_case_title_and_the_totals_after_it(game):
    game.choose("hardheid")
    outcome = game.choose("afwijzen")
    assert outcome.case_title == game.precedents()[1].title
    assert outcome.total("burger") == 2 - 2 == game.standing().total("burger")


def test_precedents_name_case_option_motivation_and_what_was_looked_into(game):
    game.investigate("huisbezoek")
    game.choose("hardheid", "goedkoper dan dagbesteding")
    first, = game.precedents()
    assert first.number == 1 and first.option == "hardheid"
    assert first.motivation == "goedkoper dan dagbesteding"
    assert first.investigated and first.investigated[0] != "huisbezoek"  # its label, not its id
    assert dict(first.loyalties)["burger"] == 2
    game.lang = "en"
    assert game.precedents()[0].title != first.title  # the same run, now in English


def test_the_campaign_list_and_a_campaigns_sources(content):
    listed = {c.id: c for c in campaigns(content, "nl")}
    assert CAMPAIGN in listed and listed[CAMPAIGN].cases == 2
    assert find(content, "no-such-campaign", "nl") is None
    sources = case_sources(content, CAMPAIGN, "nl")
    assert [s.number for s in sources] == [1, 2] and all(s.trade_offs for s in sources)


def test_the_run_switches_the_language_of_what_it_shows(content):
    run = Run.new(content, CAMPAIGN, 7, "nl", None)
    dutch = run.game.case_view().title
    run.set_language("en")
    assert run.lang == "en" and run.game.case_view().title != dutch


def test_options_are_worked_out_once_per_decision_not_per_look(game, monkeypatch):
    built = []
    original = Game._build_options
    monkeypatch.setattr(Game, "_build_options", lambda self: built.append(1) or original(self))
    for _ in range(5):
        game.options()  # a screen rendering again and again
    assert len(built) == 1
    game.investigate("huisbezoek")  # an investigation may open or close an option
    game.options()
    assert len(built) == 2
    game.choose("hardheid")  # choosing checks the options it showed: no new work
    assert len(built) == 2


def test_options_follow_a_flag_set_from_outside(game):
    game.choose("hardheid")
    assert not {o.id: o for o in game.options()}["gelijk"].locked
    game.state.flags.add("werkinstructie_afwijken")
    assert {o.id: o for o in game.options()}["gelijk"].locked


def test_one_text_for_a_dossier_an_option_and_an_outcome(game):
    d = dossier(game.case_view(), "nl")
    assert d.heading.startswith("Casus 1") and [p.lead for p in d.fields] == [
        "Burger", "Verzoek", "Regel", "Wat bekend is"]
    escalate = {o.id: o for o in game.options()}["escaleren"]
    assert option_line(escalate, "en").startswith(f"{escalate.number}. {escalate.label} (")
    assert "escalat" in option_line(escalate, "en")
    game.lang = "en"
    text = outcome_text(game.choose("hardheid"), "en")
    assert {line.loyalty: line.sign for line in text.loyalties}["burger"] == "+2"
    assert game.precedents()[0].title in text.heading and text.label == game.precedents()[0].label
