"""The rules of play, on the two scooter cases in a fixed test campaign."""

from __future__ import annotations

import pytest

from engine_fixtures import CAMPAIGN, content, game  # noqa: F401 (fixtures)
from game.engine.conditions import stable_fraction
from game.engine.game import Game, GameError, replay


def test_a_run_starts_at_the_first_case_with_the_week_budget(game):
    view = game.case_view()
    assert view.id == "scootmobiel-henk" and view.number == 1
    assert view.hours_left == view.hours_budget == 4
    assert [o.id for o in game.options()] == ["afwijzen", "hardheid", "categorie", "escaleren"]
    assert all(not o.locked for o in game.options())


def test_investigation_spends_hours_and_reveals_facts(game):
    text = game.investigate("huisbezoek")
    assert "bushalte" in text
    assert game.case_view().hours_left == 2
    done = {v.id: v for v in game.investigations()}["huisbezoek"]
    assert done.done and done.reveals == text
    with pytest.raises(GameError):
        game.investigate("huisbezoek")
    game.investigate("collega")
    game.investigate("precedenten")
    assert game.case_view().hours_left == 0


def test_investigation_beyond_the_hours_is_refused(content):
    game = Game(content, CAMPAIGN, seed=1)
    game.state.hours_left = 1
    assert not {v.id: v for v in game.investigations()}["huisbezoek"].affordable
    with pytest.raises(GameError, match="hours"):
        game.investigate("huisbezoek")


def test_a_choice_moves_loyalties_meters_flags_and_schedules_events(game):
    outcome = game.choose("hardheid", "  goedkoper dan dagbesteding ")
    assert {c.loyalty: c.delta for c in outcome.loyalties} == {
        "burger": 2, "rechtsstaat": -1, "organisatie": -1, "beroepsgroep": -1}
    assert all(c.why for c in outcome.loyalties)
    assert game.state.loyalties["burger"] == 2
    assert [(m.meter, m.before, m.after) for m in outcome.meters] == [("gelijkheidsdruk", 0, 1)]
    assert "henk_scootmobiel" in game.state.flags
    assert [e.id for e in outcome.events] == ["ruud-bezwaar"]
    assert "casus 1" in outcome.events[0].because
    decision = game.state.decisions[0]
    assert decision.motivation == "goedkoper dan dagbesteding"
    assert decision.variant == "hardheidsclausule" and decision.compare_group == "scootmobiel"


def test_the_second_client_cites_the_first_decision(game):
    game.choose("hardheid")
    view = game.case_view()
    assert view.id == "scootmobiel-joop"
    assert any(n.cites == "scootmobiel-henk" and "Henk heeft er ook een" in n.text
               for n in view.notes)
    shown = [o.id for o in game.options()]
    assert "gelijk" in shown and "regel" not in shown


def test_a_refusal_changes_what_the_second_client_says(content):
    game = Game(content, CAMPAIGN, seed=7)
    game.choose("afwijzen")
    notes = game.case_view().notes
    assert len(notes) == 1 and "afgewezen" in notes[0].text
    assert "gelijk" not in [o.id for o in game.options()]


def test_a_locked_option_stays_visible_with_its_reason(game):
    game.choose("hardheid")
    game.state.flags.add("werkinstructie_afwijken")
    locked = {o.id: o for o in game.options()}["gelijk"]
    assert locked.locked and "werkinstructie" in locked.reason
    with pytest.raises(GameError, match="locked"):
        game.choose("gelijk")


def test_unequal_treatment_brings_a_complaint_and_later_the_ombudsman(game):
    game.choose("hardheid")
    outcome = game.choose("afwijzen")
    ids = [e.id for e in outcome.events]
    assert ids[0] == "klacht-joop"
    assert "ombudsman-joop" in ids  # still scheduled at the end: arrives in the closing letters
    assert outcome.finished and game.finished
    complaint = outcome.events[0]
    assert "Nog een overdekte scootmobiel" in complaint.because


def test_the_manager_issues_a_work_instruction_when_pressure_builds(game):
    game.choose("afwijzen")
    outcome = game.choose("afwijzen")  # refusing both: no pressure, no instruction
    assert "werkinstructie-afwijken" not in [e.id for e in outcome.events]
    game2 = Game(game.content, CAMPAIGN, seed=7)
    game2.choose("hardheid")
    outcome = game2.choose("gelijk")  # gelijkheidsdruk 1 + 2 = 3
    assert "werkinstructie-afwijken" in [e.id for e in outcome.events]
    assert "werkinstructie_afwijken" in game2.state.flags


def test_backlog_costs_hours(content):
    game = Game(content, CAMPAIGN, seed=7)
    game.choose("escaleren")  # achterstand +1
    game2 = Game(content, CAMPAIGN, seed=7)
    game2.state.meters["achterstand"] = 4
    game2.choose("afwijzen")
    assert game.case_view().hours_left == 4
    assert game2.case_view().hours_left == 2 and game2.case_view().hours_lost == 2


def test_meters_stay_in_their_range(content):
    game = Game(content, CAMPAIGN, seed=7)
    game.state.meters["gelijkheidsdruk"] = 10
    outcome = game.choose("hardheid")
    assert game.state.meters["gelijkheidsdruk"] == 10
    assert not [m for m in outcome.meters if m.meter == "gelijkheidsdruk"]


def test_the_same_seed_and_actions_give_the_same_run(content):
    a = Game(content, CAMPAIGN, seed=3)
    a.investigate("huisbezoek")
    a.choose("hardheid", "omdat")
    a.choose("maatwerk")
    b, applied, problem = replay(content, CAMPAIGN, 3, a.state.actions)
    assert problem is None and applied == 3
    assert b.state.loyalties == a.state.loyalties and b.state.meters == a.state.meters
    assert [d.event for d in b.state.inbox] == [d.event for d in a.state.inbox]
    assert b.state.decisions == a.state.decisions


def test_replay_stops_with_a_reason_at_an_action_the_content_no_longer_has(content):
    a = Game(content, CAMPAIGN, seed=3)
    a.choose("hardheid")
    a.choose("maatwerk")
    from game.engine.state import Action
    actions = [a.state.actions[0], Action("choose", "scootmobiel-joop", "bestaat-niet")]
    b, applied, problem = replay(content, CAMPAIGN, 3, actions)
    assert applied == 1 and "bestaat-niet" in problem
    assert b.case_view().id == "scootmobiel-joop"


def test_english_text_and_english_reasons(content):
    game = Game(content, CAMPAIGN, seed=7, lang="en")
    assert game.case_view().title == "The covered mobility scooter"
    outcome = game.choose("hardheid")
    assert outcome.events[0].because.startswith("Because in case 1")


def test_the_epilogue_shows_people_not_points(game):
    game.choose("afwijzen")
    game.choose("afwijzen")
    assert any("Henk" in n.text for n in game.epilogue())


def test_chance_is_fixed_by_seed_and_place():
    assert stable_fraction(5, "x") == stable_fraction(5, "x")
    assert stable_fraction(5, "x") != stable_fraction(6, "x")
    assert 0 <= stable_fraction(1, "y") < 1


def test_an_outcome_can_be_shown_again_in_the_other_language(content):
    game = Game(content, CAMPAIGN, seed=7)
    outcome = game.choose("hardheid")
    game.lang = "en"
    again = game.outcome_view(outcome)
    assert again.label == (
        "Henk has a point: withdraw your refusal and grant it on individual grounds, as an exception")
    assert again.loyalties[0].why.startswith("Henk can go out every day")
    assert [(m.meter, m.before, m.after) for m in again.meters] == [("gelijkheidsdruk", 0, 1)]
    assert [e.id for e in again.events] == ["ruud-bezwaar"] and again.events[0].because
