"""Transcripts for part 2a of the main campaign: the first weeks at the Maatwerkplaats.

Cases: cjib-betalingsregeling (Yvonne), cak-premie, duo-persoonlijk (Daan), cbr-keuring.

Two kinds of run:
- from the start of the campaign `veenstede`, choosing part 1 by the flags its options set
  (skipped while a part-1 case is still being written);
- "week 6 onwards": the same campaign cut to the four cases of part 2a, with the part-1
  outcome put into the state as flags, so these cases are checked even before part 1 exists.
Assertions are on what the player notices: notes, shown and locked options, events, flags.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load
from game.engine.game import Game

SCENARIOS = Path(__file__).parents[1] / "scenarios"
CAMPAIGN = "veenstede"
PART_1 = ["scootmobiel-henk", "boodschappen", "moeder-zoon", "scootmobiel-joop", "fraudesignaal"]
PART_2A = ["cjib-betalingsregeling", "cak-premie", "duo-persoonlijk", "cbr-keuring"]


# ------------------------------------------------------------------ helpers
def fresh_content():
    return load([SCENARIOS])


def from_week_six(flags: set[str] = frozenset(), meters: dict[str, int] | None = None,
                  seed: int = 1) -> Game:
    """The campaign cut to part 2a, with part 1's outcome put in as flags and meters."""
    content = fresh_content()
    for case_id in PART_2A:
        assert case_id in content.cases, f"{case_id} did not load: {content.errors}"
    camp = content.campaigns[CAMPAIGN]
    content.campaigns[CAMPAIGN] = camp.model_copy(update={"cases": list(PART_2A)})
    game = Game(content, CAMPAIGN, seed=seed)
    game.state.flags.update(flags)
    for meter, value in (meters or {}).items():
        game.state.meters[meter] = value
    return game


def from_the_start(seed: int = 1) -> Game:
    content = fresh_content()
    missing = [c for c in content.campaigns[CAMPAIGN].cases[:len(PART_1) + len(PART_2A)]
               if c not in content.cases]
    if missing:
        pytest.skip(f"cases still being written: {', '.join(missing)}")
    return Game(content, CAMPAIGN, seed=seed)


def choose_setting(game: Game, flag: str | None = None, option_id: str | None = None):
    """Choose the first open option that sets `flag` (or has `option_id`)."""
    case = game.current_case()
    for view in game.options():
        if view.locked:
            continue
        option = game.option_def(case.id, view.id)
        if (option_id and view.id == option_id) or (flag and flag in option.effects.set_flags):
            return game.choose(view.id, "transcript")
    pytest.skip(f"no open option in '{case.id}' sets {flag or option_id} in this run")


def play_part_1(game: Game, sandra: str, daan: str, strict: bool) -> list[str]:
    """Play part 1 and return the ids of the events that arrived on the way."""
    arrived: list[str] = []
    assert game.case_view().id == "scootmobiel-henk"
    arrived += [e.id for e in game.choose("afwijzen" if strict else "hardheid", "").events]
    assert game.case_view().id == "boodschappen"
    arrived += [e.id for e in choose_setting(game, sandra).events]
    assert game.case_view().id == "moeder-zoon"
    arrived += [e.id for e in choose_setting(game, daan).events]
    assert game.case_view().id == "scootmobiel-joop"
    arrived += [e.id for e in game.choose("afwijzen", "").events]
    assert game.case_view().id == "fraudesignaal"
    arrived += [e.id for e in choose_setting(
        game, "fraude_streng" if strict else "fraude_mild").events]
    return arrived


def notes(game: Game) -> list[str]:
    return [n.text for n in game.case_view().notes]


def shown(game: Game) -> dict[str, bool]:
    """Shown options, id -> locked."""
    return {o.id: o.locked for o in game.options()}


def offered(game: Game) -> set[str]:
    return {i.id for i in game.investigations()}


# ------------------------------------------------------------------ week 6 onwards
def test_cjib_reads_well_on_its_own_and_names_the_role():
    game = from_week_six()
    view = game.case_view()
    assert view.id == "cjib-betalingsregeling"
    assert "Maatwerkplaats" in view.role and "CJIB" in view.role
    assert "€30.000" in view.rule and "36 maanden" in view.rule
    assert notes(game) == []  # no part-1 framing needed
    assert shown(game) == {"36-maanden": False, "72-maanden": False, "maatwerkplan": False,
                           "escaleren": False}
    assert {"budget", "vonnis", "gedupeerden", "yvonne-zelf"} == offered(game)


def test_cjib_36_months_brings_the_surcharge_then_yvonne_at_the_cak():
    game = from_week_six({"sandra_deels"})
    assert any("regeling naar wat ze kon missen" in n for n in notes(game))
    outcome = game.choose("36-maanden", "De termijn is vastgesteld.")
    assert "yvonne_36" in game.state.flags
    assert [e.id for e in outcome.events] == ["cjib-verhoging"]
    assert "yvonne_verhoging" in game.state.flags
    assert outcome.events[0].because and "36 maanden" in outcome.events[0].because
    # the CAK case: not Sandra (no full recovery), so it is Yvonne
    assert game.case_view().id == "cak-premie"
    shown_notes = notes(game)
    assert any(n.startswith("Het is Yvonne") for n in shown_notes)
    assert any("verhoging" in n for n in shown_notes)
    assert not any(n.startswith("Het is Sandra") or n.startswith("Het is Anouk")
                   for n in shown_notes)
    cited = {n.cites for n in game.case_view().notes}
    assert cited == {"cjib-betalingsregeling"}


def test_the_ombudsman_judges_yvonnes_case_three_decisions_later():
    game = from_week_six()
    game.choose("36-maanden", "")
    first = game.choose("standaard", "")            # cak-premie
    assert "ombudsman-yvonne" not in [e.id for e in first.events]
    game.choose("manen", "")                        # duo-persoonlijk
    last = game.choose("keuring", "")               # cbr-keuring, decision 4 = 1 + 3
    arrived = {e.id: e for e in last.events}
    assert "ombudsman-yvonne" in arrived
    letter = arrived["ombudsman-yvonne"]
    assert "behoorlijkheidsvereiste van maatwerk" in letter.body  # the essay's term (par. 3.7)
    assert any("36 maanden" in n.text for n in letter.notes)


def test_after_the_alderman_s_rule_the_tailored_plan_is_locked_with_a_reason():
    game = from_week_six({"wethouder_regel", "sandra_volledig"})
    options = {o.id: o for o in game.options()}
    assert options["maatwerkplan"].locked
    assert "wethouder" in options["maatwerkplan"].reason
    assert any("wethouder" in n for n in notes(game))
    assert any("boodschappen" in n for n in notes(game))


def test_sandra_turns_up_at_the_cak_if_she_paid_the_municipality_first():
    game = from_week_six({"sandra_volledig"})
    game.choose("36-maanden", "")
    shown_notes = notes(game)
    assert shown_notes[0].startswith("Het is Sandra")
    assert any("Yvonne Brink" in n for n in shown_notes)        # also on the CAK's list
    assert not any(n.startswith("In het dossier zit ook de brief") for n in shown_notes)
    assert game.case_view().notes[0].cites == "boodschappen"


def test_a_household_of_its_own_when_neither_sandra_nor_yvonne_fell_behind():
    game = from_week_six({"sandra_kwijtgescholden"})
    assert any("kwijt" in n for n in notes(game))
    game.choose("72-maanden", "")
    assert "yvonne_72" in game.state.flags
    assert [n[:13] for n in notes(game)] == ["Het is Anouk "]


def test_cak_hardship_option_locked_by_the_work_instruction():
    game = from_week_six({"werkinstructie_afwijken"})
    game.choose("maatwerkplan", "")
    assert shown(game)["bijzondere-bijstand"] is True
    assert shown(game)["regeling-verzekeraar"] is False


def test_daan_differs_with_the_decision_in_mother_and_son():
    at_home = from_week_six({"daan_bij_moeder"})
    for _ in range(2):
        at_home.choose(at_home.options()[0].id, "")
    assert at_home.case_view().id == "duo-persoonlijk"
    assert any("Marieke" in n and "la" in n for n in notes(at_home))
    assert "moeder-betaalt" in shown(at_home) and "via-begeleider" not in shown(at_home)

    supported = from_week_six({"daan_begeleid"})
    for _ in range(2):
        supported.choose(supported.options()[0].id, "")
    assert any("Samira" in n for n in notes(supported))
    assert "via-begeleider" in shown(supported) and "moeder-betaalt" not in shown(supported)

    postponed = from_week_six({"daan_uitgesteld"})
    for _ in range(2):
        postponed.choose(postponed.options()[0].id, "")
    assert any("op de bank" in n for n in notes(postponed))
    assert shown(postponed)["maatwerk"] is True                 # no address, no talk yet
    postponed.investigate("daan-gesprek")
    assert shown(postponed)["maatwerk"] is False


def test_high_shelter_hides_the_signals():
    low = from_week_six(meters={"beschutting": 2})
    high = from_week_six(meters={"beschutting": 3})
    assert "yvonne-zelf" in offered(low) and "yvonne-zelf" not in offered(high)
    for game in (low, high):
        for option in ("72-maanden", "regeling-verzekeraar", "hardheid"):  # no shelter added
            game.choose(option, "")
        assert game.case_view().id == "cbr-keuring"
    assert "marco-werk" in offered(low) and "marco-werk" not in offered(high)


def test_tailored_duo_plan_angers_regulier_innen_and_the_signal_follows():
    game = from_week_six({"sandra_volledig", "daan_bij_moeder"})
    game.choose("maatwerkplan", "")
    game.choose("escaleren", "")                  # cak-premie: signal to The Hague
    outcome = game.choose("maatwerk", "")         # duo-persoonlijk
    arrived = {e.id: e for e in outcome.events}
    assert "duo-onvrede" in arrived
    signal = arrived["maatwerkplaats-signaal"]
    texts = [n.text for n in signal.notes]
    assert any("bestuurlijke premie" in t for t in texts)
    assert any("Yvonne" in t and "voorbeeld" in t for t in texts)


def test_cbr_strict_examination_ends_up_on_tv():
    game = from_week_six({"werkinstructie_afwijken"}, meters={"gelijkheidsdruk": 3})
    for _ in range(3):
        game.choose(game.options()[0].id, "")
    assert any("alles op maat" in n for n in notes(game))
    assert shown(game)["bijzondere-bijstand"] is True
    media = game.state.meters["media"]
    outcome = game.choose("keuring", "")
    assert outcome.finished
    assert "cbr-uitzending" in [e.id for e in outcome.events]  # the closing letters
    assert game.state.meters["media"] >= media + 1


def test_epilogue_shows_the_people():
    game = from_week_six({"sandra_volledig"})
    game.choose("36-maanden", "")
    game.choose("standaard", "")
    game.choose("hardheid", "")
    game.choose("signaal", "")
    epilogue = [n.text for n in game.epilogue()]
    assert any(t.startswith("Yvonne haalde de 36 maanden niet") for t in epilogue)
    assert any(t.startswith("Sandra betaalt de gemeente, het CAK") for t in epilogue)
    assert any("jaar uitstel" in t for t in epilogue)
    assert any("spaarpotje" in t for t in epilogue)


def test_english_text_is_there():
    game = from_week_six({"sandra_volledig"})
    game.lang = "en"
    view = game.case_view()
    assert view.title == "The CJIB payment plan"
    assert "damages order" in view.role
    assert all(o.label and "€" not in o.label[:1] for o in game.options())


# ------------------------------------------------------------------ from the start
def test_strict_run_from_the_start():
    game = from_the_start()
    play_part_1(game, "sandra_volledig", "daan_bij_moeder", strict=True)
    assert game.case_view().id == "cjib-betalingsregeling"
    assert any("boodschappen" in n for n in notes(game))
    options = shown(game)
    assert set(options) == {"36-maanden", "72-maanden", "maatwerkplan", "escaleren"}
    assert options["maatwerkplan"] is ("wethouder_regel" in game.state.flags)
    assert ("yvonne-zelf" in offered(game)) is (game.state.meters["beschutting"] <= 2)
    outcome = game.choose("36-maanden", "De rechter heeft gesproken.")
    assert "cjib-verhoging" in [e.id for e in outcome.events]
    assert game.case_view().id == "cak-premie"
    assert notes(game)[0].startswith("Het is Sandra")
    game.choose("standaard", "")
    assert game.case_view().id == "duo-persoonlijk"
    assert "moeder-betaalt" in shown(game)
    outcome = game.choose("manen", "")
    assert "maatwerkplaats-signaal" in [e.id for e in outcome.events]
    assert {"yvonne_36", "sandra_volledig", "daan_bij_moeder"} <= game.state.flags
    assert game.state.loyalties["burger"] < 0


def test_generous_run_from_the_start():
    game = from_the_start()
    play_part_1(game, "sandra_kwijtgescholden", "daan_begeleid", strict=False)
    assert game.case_view().id == "cjib-betalingsregeling"
    assert any("kwijt" in n for n in notes(game))
    locked = shown(game)["maatwerkplan"]
    game.choose("72-maanden" if locked else "maatwerkplan", "Een plan dat ze kan halen.")
    assert game.state.flags & {"yvonne_72", "yvonne_maatwerkplaats"}
    assert notes(game)[0].startswith("Het is Anouk")
    game.choose("regeling-verzekeraar", "")
    assert "via-begeleider" in shown(game)
    outcome = game.choose("via-begeleider", "")
    assert "duo-onvrede" not in [e.id for e in outcome.events]


def test_other_campaigns_with_the_cjib_case_reach_it_cleanly():
    """The intro campaign plays the CJIB case after the scooters and the groceries."""
    content = fresh_content()
    camps = [c for c in content.campaigns.values()
             if c.id != CAMPAIGN and "cjib-betalingsregeling" in c.cases]
    if not camps:
        pytest.skip("no other campaign lists the CJIB case yet")
    for camp in camps:
        before = camp.cases[:camp.cases.index("cjib-betalingsregeling")]
        if any(c not in content.cases for c in before):
            continue
        game = Game(content, camp.id, seed=3)
        while game.case_view().id != "cjib-betalingsregeling":
            game.choose(next(o.id for o in game.options() if not o.locked), "")
        assert "Maatwerkplaats" in game.case_view().role
        assert sum(not o.locked for o in game.options()) >= 3
