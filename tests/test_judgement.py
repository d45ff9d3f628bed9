"""What the game judges, judged the way the essay and a practitioner would: the profession
scored apart from the citizen, comparable cases compared on what was decided, dynamics tagged
by what they are, a variant map that prefers no quadrant, and old saves that still load."""

from __future__ import annotations

import json
import statistics

import pytest

from conftest import FIXTURES
from game.content import load_content
from game.content.reference import text as ref
from game.engine import analysis
from game.engine.analysis import debrief, decided_alike, position
from game.engine.game import Game, replay
from game.engine.playtest import play_strategy
from game.engine.state import Action, Decision
from game.report import render
from game.saves import SaveData, resume
from game.workshop import results as workshop_results
from game.workshop.export import export
from game.workshop.participant import join_session
from game.workshop.store import Store

UI = FIXTURES / "ui"


@pytest.fixture(scope="module")
def shipped():
    return load_content()


@pytest.fixture(scope="module")
def scooters():
    """The two scooter cases, frozen in the fixtures: Henk and Joop, comparable."""
    return load_content(builtin=UI)


@pytest.fixture(scope="module")
def bikes():
    return load_content(builtin=FIXTURES / "workshop")


# ------------------------------------------------------------------ the profession's score
def _all_options(content):
    return [(case.id, option) for case in content.cases.values() for option in case.options]


def _delta(option, loyalty: str) -> int:
    return option.loyalties[loyalty].delta if loyalty in option.loyalties else 0


def test_the_profession_does_not_follow_the_citizen(shipped):
    # the rubric in docs/authoring.md: discretion earns the profession only where it is done
    # professionally; the profession's score must not simply echo the citizen's
    options = _all_options(shipped)
    burger = [_delta(o, "burger") for _, o in options]
    profession = [_delta(o, "beroepsgroep") for _, o in options]
    r = statistics.correlation(burger, profession)
    assert r <= 0.10, (f"burger/beroepsgroep correlation over {len(options)} options is "
                       f"{r:+.2f}; the rubric asks for at most +0.10")


def test_in_at_least_four_cases_costing_the_citizen_earns_the_profession(shipped):
    cases = sorted({case_id for case_id, o in _all_options(shipped)
                    if _delta(o, "burger") < 0 and _delta(o, "beroepsgroep") > 0})
    assert len(cases) >= 4, (f"only {len(cases)} case(s) with an option where burger < 0 and "
                             f"beroepsgroep > 0: {cases}")


# ------------------------------------------------------------------ consistency on substance
def _scooter_run(scooters, henk: str, joop: str) -> Game:
    game, _, problem = replay(scooters, "proef", 3, [
        Action("choose", "scootmobiel-henk", henk, "Henk zit anders de hele winter binnen"),
        Action("choose", "scootmobiel-joop", joop, "Joop vraagt hetzelfde als Henk")])
    assert problem is None and game.finished
    return game


def test_henk_and_joop_both_granted_in_different_variants_are_decided_alike(scooters):
    game = _scooter_run(scooters, "categorie", "maatwerk")
    henk, joop = game.state.decisions
    assert (henk.variant, joop.variant) == ("beleidscategorie", "standaardmaatwerk")
    assert henk.verdict == joop.verdict == "toekennen"
    [pair] = debrief(game).consistency
    assert pair.consistent and analysis.consistent(game.state.decisions) is True
    report = render(debrief(game), "md")
    assert "gelijk besloten" in report and "verschillend besloten" not in report


def test_granted_then_refused_differ_and_both_motivations_are_shown(scooters):
    game = _scooter_run(scooters, "hardheid", "afwijzen")
    [pair] = debrief(game).consistency
    assert not pair.consistent and analysis.consistent(game.state.decisions) is False
    for lang, granted, refused, differs in (
            ("nl", "besloten: toegekend", "besloten: afgewezen", "verschillend besloten"),
            ("en", "decided: granted", "decided: refused", "decided differently")):
        game.lang = lang
        report = render(debrief(game), "md")
        section = report[report.index("## " + ("Consistentie" if lang == "nl" else "Consist")):]
        section = section[:section.index("\n## ")]
        assert granted in section and refused in section and differs in section
        assert "Henk zit anders de hele winter binnen" in section
        assert "Joop vraagt hetzelfde als Henk" in section
        html = render(debrief(game), "html")
        assert granted in html and refused in html


def test_a_rule_in_the_second_case_that_also_refuses_is_alike_a_refusal(scooters):
    # two different options, two different variants, one verdict: refused both times
    henk = Decision(1, "scootmobiel-henk", "afwijzen", "standaardisatie", False, "", "scootmobiel",
                    {}, {}, (), verdict="afwijzen")
    joop = Decision(2, "scootmobiel-joop", "regel", "beleidscategorie", False, "", "scootmobiel",
                    {}, {}, (), verdict="afwijzen")
    assert decided_alike([henk, joop])
    assert not decided_alike([henk, Decision(2, "scootmobiel-joop", "gelijk", "beleidscategorie",
                                             False, "", "scootmobiel", {}, {}, (),
                                             verdict="toekennen")])


def _room(bikes, tmp_path, choices: list[str]):
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Dinsdag", "test-workshop", "nl").code
    for number, option in enumerate(choices):
        joined = join_session(bikes, store, code, f"deelnemer{number}", seed=number)
        joined.run.choose(option, f"motivering {number}")
    return store, code


def test_the_workshop_judges_the_same_case_with_the_engines_rule(bikes, tmp_path):
    assert workshop_results.decided_alike is analysis.decided_alike  # one rule, not a copy
    # an exception and a new category: two variants, both grant the tricycle
    store, code = _room(bikes, tmp_path, ["uitzondering", "categorie"])
    case = workshop_results.load_results(store, bikes, code).case("ws-fiets")
    assert {o.option: o.verdict for o in case.options if o.count} == {
        "uitzondering": "toekennen", "categorie": "toekennen"}
    assert not case.divided
    first = export(bikes, store, code, "md").split("### 2.")[0]
    assert "Zelfde casus, andere besluiten" not in first


def test_the_workshop_shows_a_refusal_beside_a_grant_with_the_motivations(bikes, tmp_path):
    store, code = _room(bikes, tmp_path, ["uitzondering", "nee"])
    case = workshop_results.load_results(store, bikes, code).case("ws-fiets")
    assert case.divided
    first = export(bikes, store, code, "md").split("### 2.")[0]
    assert "Zelfde casus, andere besluiten" in first
    assert "(toegekend)" in first and "(afgewezen)" in first
    assert "motivering 0" in first and "motivering 1" in first


# ------------------------------------------------------------------ dynamics
def _events(content):
    return content.events


def test_dynamics_are_tagged_by_what_they_are(shipped):
    events = _events(shipped)
    # the Ombudsman asks for tailoring, not for equal treatment by rules
    assert events["ombudsman-yvonne"].dynamic != "burgers"
    # signalling where rules pinch, and a newspaper's correction, are no rule reflex
    assert events["maatwerkplaats-signaal"].dynamic != "bestuurders"
    assert events["krant-rectificatie"].dynamic != "bestuurders"
    # the reflex itself still is
    assert events["wethouder-regel"].dynamic == "bestuurders"
    assert events["klacht-joop"].dynamic == "burgers"


def test_what_the_essay_says_about_the_administrators_and_the_caseworkers():
    administrators = ref("dynamics", "bestuurders", "essay", "nl")
    assert "eromheen te werken" in administrators  # In 't Veld: the steered learn to evade
    assert "kosten, alternatieven en bijwerkingen" in administrators  # overreaction
    assert "learn to work around them" in ref("dynamics", "bestuurders", "essay", "en")
    caseworkers = ref("dynamics", "uitvoerders", "essay", "nl")
    assert "zelfbescherming" in caseworkers  # Crozier: shelter is also sensible


def test_an_event_that_follows_every_option_is_not_laid_at_the_choice(shipped):
    coa = shipped.cases["coa-minderjarigen"]
    assert all(any(s.event == "evaluatie-femke" for s in o.effects.schedule)
               for o in coa.options)
    game = play_strategy(shipped, "veenstede", "strict")
    femke = next(d for d in game.state.inbox if d.event == "evaluatie-femke")
    decision = game.state.decision_for("coa-minderjarigen")
    assert femke.cause.case == "coa-minderjarigen"
    assert not analysis._caused_by(femke, decision, game)
    assert "welke keuze je ook maakte" in game.event_view(femke).because
    managers = next(d for d in debrief(game).dynamics if d.dynamic == "managers")
    coa_fed = [n for n, _, _ in managers.decisions if n == decision.number]
    raised = any(decision.meters.get(m.id, 0) > 0 for m in game.campaign.meters
                 if m.dynamic == "managers")
    assert bool(coa_fed) == raised


def test_an_event_that_needs_only_cases_played_is_laid_at_no_choice(shipped):
    # the quarterly signal comes once three cases are played, whatever was decided in them
    game = play_strategy(shipped, "veenstede", "tailored")
    signal = next(d for d in game.state.inbox if d.event == "maatwerkplaats-signaal")
    assert signal.cause.kind == "trigger" and signal.cause.decisions == ()
    assert not any(analysis._caused_by(signal, d, game) for d in game.state.decisions)


def test_an_event_one_option_schedules_is_laid_at_that_choice(scooters):
    game = _scooter_run(scooters, "hardheid", "afwijzen")
    ruud = next(d for d in game.state.inbox if d.event == "ruud-bezwaar")
    assert analysis._caused_by(ruud, game.state.decisions[0], game)
    assert game.event_view(ruud).because.startswith("Omdat je bij casus 1")


# ------------------------------------------------------------------ the map without bias
def _d(number: int, variant: str, escalation: bool = False) -> Decision:
    return Decision(number, f"c{number}", "o", variant, escalation, "", None, {}, {}, ())


def test_equal_counts_are_reported_as_a_tie():
    pos = position([_d(1, "standaardisatie"), _d(2, "hardheidsclausule")])
    assert (pos.group, pos.individual) == (0, 50)
    assert pos.variant is None
    assert pos.between == ("standaardisatie", "hardheidsclausule")
    centre = position([_d(1, "beleidscategorie"), _d(2, "hardheidsclausule")])
    assert centre.variant is None and len(centre.between) == 4
    assert analysis.quadrant(50, 80) is None and analysis.quadrant(51, 80) == "standaardmaatwerk"
    # one more of either breaks the tie, towards that side
    assert position([_d(1, "standaardisatie"), _d(2, "hardheidsclausule"),
                     _d(3, "hardheidsclausule")]).variant == "hardheidsclausule"
    assert position([_d(1, "standaardisatie"), _d(2, "standaardisatie"),
                     _d(3, "hardheidsclausule")]).variant == "standaardisatie"


def test_escalations_do_not_move_the_position():
    pos = position([_d(1, "standaardisatie"), _d(2, "beleidscategorie", escalation=True)])
    assert pos.variant == "standaardisatie" and pos.escalations == 1
    assert pos.counts["beleidscategorie"] == 0
    nothing = position([_d(1, "beleidscategorie", escalation=True)])
    assert nothing.variant is None and nothing.between == () and nothing.escalations == 1


def test_a_tie_is_said_as_such_in_every_report(scooters):
    from textual.content import Content

    from game.ui.widgets.variant_map import map_lines

    game = _scooter_run(scooters, "hardheid", "afwijzen")
    result = debrief(game)
    assert result.position.between == ("standaardisatie", "hardheidsclausule")
    md = render(result, "md")
    assert "op de grens tussen Standaardisatie en Hardheidsclausules" in md
    assert "Je keuzes lijken het meest op" not in md
    html = render(result, "html")
    assert "op de grens tussen Standaardisatie en Hardheidsclausules" in html
    data = json.loads(render(result, "json"))
    assert data["variant"]["id"] is None
    assert [v["id"] for v in data["variant"]["variants"]] == ["standaardisatie",
                                                              "hardheidsclausule"]
    names = {"standaardisatie": "S", "beleidscategorie": "B", "hardheidsclausule": "H",
             "standaardmaatwerk": "M"}
    grid = "\n".join(Content.from_markup(line).plain for line in
                     map_lines(result.position, names, "You", "g", "i"))
    assert "\u25b8S" in grid and "\u25b8H" in grid  # both quadrants, neither preferred
    assert "\u25b8B" not in grid and "\u25b8M" not in grid


# ------------------------------------------------------------------ old saves
def test_a_save_from_before_verdicts_still_loads_and_gets_them_from_the_content(scooters):
    # a save holds the actions only, as saves always did; the verdict comes from the content
    old = json.dumps({
        "format": 1, "game": "maatwerk", "campaign": "proef", "content_version": "1:oud",
        "seed": 3, "lang": "nl", "saved_at": 0.0, "reflections": {},
        "actions": [{"do": "choose", "case": "scootmobiel-henk", "id": "categorie"},
                    {"do": "choose", "case": "scootmobiel-joop", "id": "maatwerk"}]})
    data = SaveData.from_json(old)
    resumed = resume(scooters, data)
    assert [d.verdict for d in resumed.game.state.decisions] == ["toekennen", "toekennen"]
    assert debrief(resumed.game).consistency[0].consistent


def test_results_recorded_without_verdicts_are_judged_on_the_contents(bikes, tmp_path):
    store, code = _room(bikes, tmp_path, ["uitzondering", "categorie"])
    _, rows, _ = store.results(code)
    assert all(d.verdict is None for r in rows for d in r.decisions)  # the store keeps none
    people = workshop_results.load_results(store, bikes, code).people
    assert all(p.decisions == 1 for p in people)
    filled = analysis.with_verdicts([d for r in rows for d in r.decisions], bikes)
    assert [d.verdict for d in filled] == ["toekennen", "toekennen"]

