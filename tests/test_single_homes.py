"""Each rule has one home: the quadrants of the variant map, the perspectives, the loyalties and
the debrief's answer keys. Every map and report that shows them agrees with that home."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from game.content.conditions import LOYALTIES, Loyalty
from game.content.reference import PERSPECTIVES, reference
from game.content.variants import VARIANT_POINTS, VARIANTS, Variant, corner
from game.engine import analysis
from game.engine.analysis import ANSWER_KEYS, MapPosition
from game.report.html import variant_map_svg
from game.strings import s
from game.ui.widgets.variant_map import group_map_lines, map_lines

# a point well inside each quadrant: (maatwerk for groups, for individual cases)
INSIDE = {(False, False): (25, 25), (True, False): (75, 25), (False, True): (25, 75),
          (True, True): (75, 75)}


def test_the_variant_names_of_the_content_schema_are_the_variants_on_the_map():
    assert set(get_args(Variant)) == set(VARIANT_POINTS) == set(VARIANTS)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_engine_places_a_point_in_the_quadrant_the_rule_gives(variant):
    group, individual = INSIDE[corner(variant)]
    assert analysis.quadrant(group, individual) == variant
    # and a run of only this variant's decisions lands there
    assert analysis.quadrant(*VARIANT_POINTS[variant]) == variant


def _quadrant_of_label(lines: list[str], label: str) -> tuple[bool, bool]:
    """(right half, upper half) of the line and column where ``label`` is drawn."""
    plain = [re.sub(r"\[[^\]]*\]", "", line) for line in lines]
    row = next(i for i, line in enumerate(plain) if label in line)
    col = plain[row].index(label)
    rows = [i for i, line in enumerate(plain) if line.startswith(("\u2502", "\u251c", "\u250c",
                                                                    "\u2514"))]
    width = max(len(line) for line in plain)
    return col > width // 2, row < (rows[0] + rows[-1]) / 2


def test_the_debrief_map_names_each_quadrant_as_the_engine_places_it():
    names = {v: f"<{v}>" for v in VARIANTS}  # unmistakable labels
    nowhere = MapPosition(0, 0, None, {v: 0 for v in VARIANTS})
    lines = map_lines(nowhere, names, "you", "groups", "individuals")
    for variant in VARIANTS:
        right, upper = _quadrant_of_label(lines, names[variant])
        assert analysis.quadrant(*INSIDE[(right, upper)]) == variant


def test_the_report_map_puts_each_name_in_its_quadrant():
    svg = variant_map_svg("nl")
    for variant in VARIANTS:
        name = reference()["variants"][variant]["name"]["nl"]
        x, y = (float(v) for v in re.search(
            rf'<text x="([\d.]+)" y="([\d.]+)"[^>]*>{re.escape(name)}<', svg).groups())
        right, upper = x > 180, y < 180  # 360 wide, y grows downwards
        assert analysis.quadrant(*INSIDE[(right, upper)]) == variant


def test_the_workshop_map_names_each_corner_as_the_engine_places_it():
    names = {v: f"<{v}>" for v in VARIANTS}
    room = [MapPosition(10, 90, "hardheidsclausule", {v: 0 for v in VARIANTS}),
            MapPosition(90, 10, "beleidscategorie", {v: 0 for v in VARIANTS})]
    lines = group_map_lines(room, names, "groups", "individuals")
    for variant in VARIANTS:
        right, upper = _quadrant_of_label(lines, names[variant])
        assert analysis.quadrant(*INSIDE[(right, upper)]) == variant


def test_every_variant_has_pros_and_cons_for_each_perspective_in_both_languages():
    for variant in VARIANTS:
        entry = reference()["variants"][variant]
        for perspective in PERSPECTIVES:
            for lang in ("nl", "en"):
                points = entry[perspective][lang]
                assert any(p.startswith("+") for p in points), (variant, perspective, lang)
                assert any(p.startswith("\u2212") for p in points), (variant, perspective, lang)
        unknown = set(entry) - set(PERSPECTIVES) - {"name", "position"}
        assert not unknown, f"{variant}: a perspective no screen shows: {unknown}"


def test_the_loyalties_are_one_list_with_one_name_each():
    assert LOYALTIES == get_args(Loyalty)
    assert set(reference()["loyalties"]) == set(LOYALTIES)
    for lang in ("nl", "en"):
        names = [s(f"loyalty_{k}", lang) for k in LOYALTIES]
        assert all(n != f"loyalty_{k}" for n, k in zip(names, LOYALTIES)), lang
        assert len(set(names)) == len(LOYALTIES), lang
    assert all("name" not in entry for entry in reference()["loyalties"].values()), \
        "loyalty names live in the interface strings alone"


def test_the_side_panel_shows_the_loyalties_in_the_one_order():
    from game.ui.widgets import side_panel

    assert side_panel.LOYALTIES is LOYALTIES


def test_the_answers_typed_in_the_debrief_reach_the_report_under_the_shared_keys():
    from game.report.render import markdown

    debrief = analysis.Debrief("c", "Titel", "nl", 1, True, [], MapPosition(
        0, 0, None, {v: 0 for v in VARIANTS}), [], [], [], [], [],
        answers={key: f"antwoord op {key}" for key in ANSWER_KEYS})
    text = markdown(debrief)
    assert all(f"antwoord op {key}" in text for key in ANSWER_KEYS)


def test_the_campaign_to_play_is_chosen_by_the_content_alone():
    from game.content import DEFAULT_CAMPAIGN, load_content, pick_campaign

    content = load_content()
    assert pick_campaign(content, None) == DEFAULT_CAMPAIGN
    assert pick_campaign(content, "intro") == "intro"
    assert pick_campaign(content, "bestaat-niet") is None
    game_dir = Path(__file__).resolve().parent.parent / "game"
    importers = [str(p.relative_to(game_dir)) for p in game_dir.rglob("*.py")
                 if "game.commands" in p.read_text(encoding="utf-8")
                 and p.parent.name != "commands" and p.name != "cli.py"]
    assert importers == [], "only the command line reaches into its commands"


def test_the_game_app_meets_the_workshop_only_through_the_participation_interface():
    from game.participation import NameTaken, RoomError
    from game.workshop.participant import WorkshopTicket
    from game.workshop.store import NameInUse, StoreError

    ui = Path(__file__).resolve().parent.parent / "game" / "ui"
    # the workshop's own screens (game/ui/workshop) show the store; the game's do not know it
    readers = [str(p.relative_to(ui)) for p in ui.rglob("*.py")
               if p.relative_to(ui).parts[0] != "workshop"
               and "game.workshop.store" in p.read_text(encoding="utf-8")]
    assert readers == [], "the game app does not know the results store"
    # the store's troubles are the plain types the app catches
    assert issubclass(StoreError, RoomError) and issubclass(NameInUse, NameTaken)
    taken: RoomError = NameInUse("ws_name_in_use", name="anna")
    assert "'anna' is already in use" in taken.message("en")
    ticket = WorkshopTicket("room.sqlite", "K7QW3M", "anna")
    assert ticket.with_rejoin("ABC123") == WorkshopTicket("room.sqlite", "K7QW3M", "anna",
                                                          rejoin="ABC123")


def test_every_diagnostic_code_the_validator_gives_is_listed_once_and_documented():
    from game.content.diagnostics import CODES

    root = Path(__file__).resolve().parent.parent
    given = {code for p in (root / "game").rglob("*.py")
             for code in re.findall(r'"(M0\d\d)"', p.read_text(encoding="utf-8"))}
    documented = set(re.findall(r"M0\d\d", (root / "docs" / "authoring.md").read_text(
        encoding="utf-8")))
    assert given == set(CODES) == documented
