"""Pilot tests of the debrief: the look back after each case, the end-of-campaign debrief in its
steps (with what the engine computed on screen), the typed answers kept in the save, and the
report written from the debrief screen."""

from __future__ import annotations

import json
from pathlib import Path

from textual.content import Content
from textual.widgets import Input, RadioButton, Static, TextArea

from game.content.reference import text as ref
from game.engine import analysis
from game.engine.analysis import MapPosition
from game.ui.i18n import signed
from game.ui.screens.case import CaseScreen
from game.ui.screens.debrief import STEPS, EndScreen
from game.ui.screens.export import ExportScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.motivation import MotivationScreen
from game.ui.screens.outcome import OutcomeScreen
from game.ui.widgets.variant_map import map_lines
from pilot import make_app, played, ready

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"
SEED = 7
FEELING = "Het voelde oneerlijk tegenover Joop"
TRANSFER = "Bij elke uitzondering in mijn team"
COMMITMENT = "Mijn gronden opschrijven"








def shown(app, selector: str) -> str:
    """All the text the Statics in (or at) ``selector`` on the current screen show, in order."""
    node = app.screen.query_one(selector)
    statics = [node] if isinstance(node, Static) else list(node.query(Static))
    return "\n".join(str(s.render()) for s in statics)


async def decide(pilot, number: str, motivation: str) -> None:
    await pilot.press(number)
    await pilot.pause()
    assert isinstance(pilot.app.screen, MotivationScreen)
    await pilot.press(*motivation, "enter")
    await pilot.pause()


async def until(pilot, kind: type, limit: int = 8) -> None:
    """Press Enter (through outcome and events) until a screen of ``kind`` shows."""
    for _ in range(limit):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(pilot.app.screen, kind), pilot.app.screen


async def play_to_the_end(pilot) -> None:
    await ready(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await decide(pilot, "2", "Henk blijft mobiel")
    await until(pilot, CaseScreen)
    await decide(pilot, "1", "Joop gaat al naar de dagbesteding")
    await until(pilot, EndScreen)


async def to_step(pilot, name: str) -> None:
    await pilot.press(str(STEPS.index(name) + 1))
    await pilot.pause()
    assert pilot.app.screen.step == STEPS.index(name)


@played
async def test_reflection_after_a_case_shows_the_question_and_the_roads_not_taken(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await decide(pilot, "2", "Henk blijft mobiel")
        assert isinstance(app.screen, OutcomeScreen)
        game = app.player_run.game
        expected = analysis.reflection(game, game.state.decisions[-1])
        text = shown(app, "#outcome-reflection")
        assert "Terugblik op casus 1: De overdekte scootmobiel" in text
        assert "Je koos: Op individuele gronden toekennen, als uitzondering" in text
        assert "\u201cHenk blijft mobiel\u201d" in text
        assert "Winst voor: Burger +2, Beroepsgroep +1" in text
        assert "Betaald door: Rechtsstaat \u22121, Organisatie \u22121" in text
        assert expected.question and f"Vraag: {expected.question}" in text
        not_taken = [road for road in expected.roads if not road.chosen]
        assert len(not_taken) == 3
        for road in not_taken:
            assert road.label in text
        assert "Het bezwaar afwijzen: de lijn is het openbaar vervoer\nBurger \u22122 \u00b7 " \
               "Rechtsstaat +1 \u00b7 Organisatie +1 \u00b7 Samenleving \u22121 \u00b7 " \
               "Beschutting +1" in text
        assert "Op individuele gronden toekennen, als uitzondering\nBurger" not in text
        # r brings the look back into view on a small terminal
        panel = app.screen.query_one("#outcome-reflection")
        scroll = app.screen.query_one("#outcome-scroll")
        before = panel.region.y
        assert scroll.scroll_y == 0 and before > scroll.region.bottom - 4
        await pilot.press("r")
        await pilot.pause()
        assert scroll.scroll_y > 0 and scroll.region.y <= panel.region.y < before


@played
async def test_debrief_shows_what_the_engine_computed_and_keeps_the_answers(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(100, 40)) as pilot:
        await play_to_the_end(pilot)
        screen = app.screen
        assert screen.step == 0
        assert "Einde van de campagne: Proefcampagne" in shown(app, "#end-head")
        assert "Henk rijdt elke ochtend naar de markt" in shown(app, "#end-epilogue")

        # reactions: how did it feel, typed straight into the box
        await pilot.press("n")
        await pilot.pause()
        assert "Welk besluit zat je het meest dwars" in shown(app, "#feel-prompt")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*FEELING)
        await pilot.press("n")  # while typing, n is a letter, not the next step
        await pilot.pause()
        assert screen.step == 1
        await pilot.press("backspace", "escape", "enter")
        await pilot.pause()
        assert screen.step == 2
        assert app.player_run.reflections["feeling"] == FEELING
        d = analysis.debrief(app.player_run.game, app.player_run.reflections)

        # what happened: every decision and the ripples it caused
        timeline = shown(app, "#timeline")
        assert len(d.timeline) == 2
        for entry in d.timeline:
            assert f"{entry.number}. {entry.title}" in timeline
            assert entry.label in timeline and f"\u201c{entry.motivation}\u201d" in timeline
            for ripple in entry.ripples:
                assert ripple.title in timeline
        assert "Ruud is het er niet mee eens" in timeline

        # the profile against the range that was possible
        await to_step(pilot, "profile")
        profile = shown(app, "#end-profile")
        for score in d.profile:
            name = {"burger": "Burger", "rechtsstaat": "Rechtsstaat", "organisatie": "Organisatie",
                    "beroepsgroep": "Beroepsgroep", "samenleving": "Samenleving"}[score.loyalty]
            assert f"{name:<12} {signed(score.total):>3}" in profile
            assert f"mogelijk {signed(score.lowest)} tot {signed(score.highest)}" in profile

        # the map: the position drawn where the engine put it, and the variant's pros and cons
        await to_step(pilot, "map")
        pos = d.position
        # one rule applied, one exception: as much of the one as of the other, a tie
        assert (pos.group, pos.individual, pos.variant) == (0, 50, None)
        assert pos.between == ("standaardisatie", "hardheidsclausule")
        grid = shown(app, "#variant-map").splitlines()
        row = next(i for i, line in enumerate(grid) if "\u25cf" in line)
        # left edge, on the middle line: on the border, in neither quadrant
        assert grid[row].index("\u25cf") == 1 and row - 1 == 6
        assert "\u25b8Hardheidsclausules" in shown(app, "#variant-map")
        assert "\u25b8Standaardisatie" in shown(app, "#variant-map")
        text = shown(app, "#map-text")
        assert "(0/100)" in text and "(50/100)" in text
        assert ("Je keuzes liggen op de grens tussen Standaardisatie en Hardheidsclausules"
                in text)
        perspectives = shown(app, "#map-perspectives")
        for variant in pos.between:
            assert ref("variants", variant, "name", "nl") in perspectives
            for perspective in ("citizen", "caseworker", "manager", "administrator"):
                for point in ref("variants", variant, perspective, "nl"):
                    assert point.partition(" ")[2] in perspectives

        # the dynamics set in motion, with their events and what the essay says
        await to_step(pilot, "dynamics")
        dynamics = shown(app, "#dynamics")
        assert [dyn.dynamic for dyn in d.dynamics] == ["burgers", "managers"]
        for dyn in d.dynamics:
            assert ref("dynamics", dyn.dynamic, "name", "nl") in dynamics
            assert ref("dynamics", dyn.dynamic, "essay", "nl") in dynamics
            for event in dyn.events:
                assert event.title in dynamics

        # consistency: the two scooter cases side by side, decided differently
        await to_step(pilot, "consistency")
        pair = d.consistency[0]
        assert not pair.consistent
        sides = [str(s.render()) for s in app.screen.query(".pair .side").results(Static)]
        assert "Casus 1: De overdekte scootmobiel" in sides[0] and "Henk blijft mobiel" in sides[0]
        assert "Casus 2: Nog een overdekte scootmobiel" in sides[1]
        assert "Joop gaat al naar de dagbesteding" in sides[1]
        assert "\u2260 verschillend besloten" in shown(app, "#consistency")
        assert shown(app, "#consistency-question").startswith("Is het verschil uit te leggen")

        # transfer and commitment, typed and kept
        await to_step(pilot, "transfer")
        assert app.focused.id == "answer-transfer"
        await pilot.press(*TRANSFER, "tab", *COMMITMENT, "escape")
        await pilot.pause()
        assert app.focused.id == "export"
        assert app.player_run.reflections["commitment"] == COMMITMENT

        # export as HTML, then as Markdown, from the debrief screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#format-html", RadioButton).value
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "debrief.html")
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, EndScreen)
        assert f"Rapport geschreven naar {tmp_path / 'debrief.html'}." in shown(
            app, "#end-exported")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#format-md", RadioButton).value = True
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(tmp_path / "maatwerk-debrief-proef.md")
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, EndScreen)
    html = (tmp_path / "debrief.html").read_text(encoding="utf-8")
    markdown = (tmp_path / "maatwerk-debrief-proef.md").read_text(encoding="utf-8")
    for answer in (FEELING, TRANSFER, COMMITMENT):
        assert answer in html and answer in markdown
    assert markdown.startswith("# Debrief: Proefcampagne")
    assert json.loads(save.read_text())["reflections"] == {
        "feeling": FEELING, "transfer": TRANSFER, "commitment": COMMITMENT}

    # continue on a finished save: the debrief again, with the answers in their boxes
    again = make_app(save)
    async with again.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        again.action_continue_game()
        await pilot.pause()
        assert isinstance(again.screen, EndScreen)
        assert again.screen.query_one("#answer-feeling", TextArea).text == FEELING
        assert again.screen.query_one("#answer-commitment", TextArea).text == COMMITMENT


@played
async def test_debrief_in_english_with_help_and_a_failed_export(tmp_path):
    app = make_app(tmp_path / "save.json", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await play_to_the_end(pilot)
        assert "End of the campaign: Trial campaign" in shown(app, "#end-head")
        assert "step 1 of 8" in shown(app, "#end-steps")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Help: Debrief" in shown(app, "#help-head")
        keys = shown(app, "#help-keys")
        assert "Next" in keys and "Save report" in keys
        await pilot.press("escape")
        await to_step(pilot, "profile")
        assert "Your loyalty profile" in shown(app, "#profile-head")
        assert "possible \u22124 to +4" in shown(app, "#end-profile")
        app.set_language("nl")  # switched live: every step follows
        await pilot.pause()
        assert "Je loyaliteitsprofiel" in shown(app, "#profile-head")
        assert "stap 4 van 8" in shown(app, "#end-steps")
        assert "Ruud is het er niet mee eens" in shown(app, "#timeline")
        app.set_language("en")
        await pilot.pause()
        assert "Ruud disagrees" in shown(app, "#timeline")
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.step == STEPS.index("timeline")
        await pilot.press("e")
        await pilot.pause()
        blocker = tmp_path / "a-file"
        blocker.write_text("not a folder")
        app.screen.query_one("#export-path", Input).value = str(blocker / "report.md")
        await pilot.press("enter")
        await ready(pilot)
        assert isinstance(app.screen, ExportScreen)  # the dialog stays, with the reason
        assert "Could not write the report to" in shown(app, "#export-status")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert not app.screen.query_one("#end-exported", Static).display


def test_map_marker_follows_the_position():
    names = {"standaardisatie": "S", "beleidscategorie": "B", "hardheidsclausule": "H",
             "standaardmaatwerk": "M"}
    # inside a quadrant the marker sits in it; on a border (a tie) on the dividing line, with
    # every quadrant it touches marked
    for group, individual, x, y in ((0, 0, 1, 11), (100, 100, 45, 1), (25, 75, 12, 3),
                                    (50, 50, 23, 6), (50, 0, 23, 11)):
        variant = analysis.quadrant(group, individual)
        between = () if variant else analysis.bordering(group, individual)
        lines = [Content.from_markup(line).plain for line in
                 map_lines(MapPosition(group, individual, variant, {}, between), names, "You",
                           "g", "i")]
        grid = lines[1:-1]
        row = next(i for i, line in enumerate(grid) if "\u25cf" in line)
        assert (grid[row].index("\u25cf"), row) == (x, y)
        marked = {v for v, n in names.items() if f"\u25b8{n}" in "\n".join(grid)}
        assert marked == ({variant} if variant else set(between))
    # no place at all when every decision was put to someone else
    lines = map_lines(MapPosition(0, 0, None, {}, (), 2), names, "You", "g", "i")
    assert not any("\u25cf" in line for line in lines)


@played
async def test_a_new_game_from_the_debrief_does_not_inherit_its_answers(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(80, 24)) as pilot:
        await play_to_the_end(pilot)
        await pilot.press("n", *"half getypt")  # typed; the save waits for a pause in typing
        await pilot.pause()
        app.action_new_game()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
    data = json.loads(save.read_text())
    assert data["actions"] == [] and data["reflections"] == {}
    kept = json.loads((tmp_path / "save.previous.json").read_text())
    assert len(kept["actions"]) == 2 and kept["reflections"] == {"feeling": "half getypt"}
