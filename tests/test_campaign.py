"""The shipped campaigns: the counts, the ripples, the dynamics and the balance that issue #4 asks."""

from __future__ import annotations

import pytest

from game.content import load_content
from game.content.conditions import LOYALTIES
from game.content.models import DYNAMICS
from game.engine.playtest import dominating, findings, quicktest, randomtest, strategy_report

MAIN, INTRO = "veenstede", "intro"
CASE_IDS = sorted(load_content(checks=False).cases)


def test_the_main_campaign_has_at_least_twelve_cases_and_the_intro_about_three(content):
    main = content.campaigns[MAIN]
    assert len(main.cases) >= 12 and all(c in content.cases for c in main.cases)
    assert 45 <= main.minutes <= 60
    intro = content.campaigns[INTRO]
    assert intro.minutes <= 20 and 3 <= len(intro.cases) <= 5
    for named in ("scootmobiel-henk", "scootmobiel-joop", "boodschappen", "cjib-betalingsregeling"):
        assert named in main.cases and named in intro.cases


def test_there_are_nine_cases_beyond_the_three_named_ones(content):
    named = {"scootmobiel-henk", "scootmobiel-joop", "boodschappen", "cjib-betalingsregeling"}
    assert len(set(content.cases) - named) >= 9


def test_translations_are_complete_and_every_case_names_its_sources(content):
    incomplete = [str(d) for d in content.diagnostics if d.code in ("M040", "M041")]
    assert incomplete == []


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_every_case_meets_the_authoring_guide(content, case_id):
    case = content.cases[case_id]
    assert case.investigations, "at least one investigation"
    assert 3 <= len(case.options) <= 5
    assert len({o.variant for o in case.options}) >= 2, "options differ in kind"
    assert len(case.facilitator.questions.nl) >= 2 and case.facilitator.trade_offs.nl
    for option in case.options:
        assert any(d.delta < 0 for d in option.loyalties.values()), f"{option.id} costs nothing"
    for option in case.options:
        others = [o for o in case.options if o is not option]
        best_everywhere = all(
            all(option.loyalties.get(k) and (option.loyalties[k].delta >=
                (other.loyalties[k].delta if k in other.loyalties else 0)) for k in LOYALTIES)
            for other in others)
        assert not best_everywhere, f"{option.id} is best on every loyalty"


def _ripple_places(content, campaign) -> list[str]:
    """Places where an earlier decision changes a later case's text, options or availability."""
    places = []
    for case_id in content.campaigns[campaign].cases:
        case = content.cases[case_id]
        if case.when is not None:
            places.append(f"{case_id}: comes up only if")
        places += [f"{case_id}: note {i}" for i, n in enumerate(case.dossier.notes) if n.when]
        places += [f"{case_id}/{o.id}: shown if" for o in case.options if o.when]
        places += [f"{case_id}/{o.id}: locked if" for o in case.options if o.locked_if]
        places += [f"{case_id}/{i.id}: offered if" for i in case.investigations if i.when]
    return places


def test_at_least_fifteen_ripples_in_the_main_campaign(content):
    assert len(_ripple_places(content, MAIN)) >= 15


def test_recurring_people_are_recalled_by_later_cases(content):
    cited = {n.cites for c in content.campaigns[MAIN].cases
             for n in content.cases[c].dossier.notes if n.cites}
    assert {"scootmobiel-henk", "boodschappen"} <= cited


@pytest.fixture(scope="module")
def main_coverage(content):
    return quicktest(content, MAIN, beam=1000)


def test_every_case_and_option_of_the_main_campaign_can_be_reached(content, main_coverage):
    errors = [f.message for f in findings(content, main_coverage) if f.severity == "error"]
    assert errors == []


def test_all_four_dynamics_happen_as_events(content, main_coverage):
    fired = {content.events[e].dynamic for e in main_coverage.events}
    assert set(DYNAMICS) <= fired


@pytest.mark.parametrize("campaign", [MAIN, INTRO])
def test_no_single_strategy_wins_on_every_loyalty(content, campaign):
    assert dominating(strategy_report(content, campaign)) == []


def test_every_loyalty_can_end_high_and_low(content):
    coverage = randomtest(content, MAIN, runs=300, seed=3)
    for loyalty in LOYALTIES:
        low, high = coverage.loyalty_range[loyalty]
        assert low < 0 < high, f"{loyalty} ranges {low}..{high}"
