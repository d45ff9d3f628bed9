"""Pilot tests: play the terminal game as a player would, and check what they see."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rich.table import Table
from textual.widgets import OptionList, Static

from game.ui.screens.case import CaseScreen
from game.ui.screens.debrief import EndScreen
from game.ui.screens.event import EventScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.inbox import InboxScreen
from game.ui.screens.motivation import MotivationScreen
from game.ui.screens.outcome import OutcomeScreen
from game.ui.screens.precedents import PrecedentScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.option_list import ChoiceList, InvestigationList
from pilot import make_app, played, ready

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
SEED = 7








def text(app, selector: str) -> str:
    """The plain text a Static on the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def option_texts(widget: OptionList) -> list[str]:
    out = []
    for option in widget.options:
        prompt = option.prompt
        if isinstance(prompt, Table):
            out.append(" ".join(str(c) for column in prompt.columns for c in column._cells))
        else:
            out.append(str(prompt))
    return out


def menu_ids(app) -> list[str]:
    menu = app.screen.query_one("#menu", OptionList)
    return [o.id for o in menu.options]


async def decide(pilot, number: str, motivation: str = "") -> None:
    await pilot.press(number)
    await pilot.pause()
    assert isinstance(pilot.app.screen, MotivationScreen)
    if motivation:
        await pilot.press(*motivation)
    await pilot.press("enter")
    await pilot.pause()


@played
async def test_scripted_run_and_resume(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        assert text(app, "#wordmark") == "Maatwerk"
        await ready(pilot)
        assert menu_ids(app)[0] == "new" and "continue" not in menu_ids(app)
        assert "Proefcampagne" in text(app, "#campaign-line")

        # new game: the first case
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Casus 1: De overdekte scootmobiel" in text(app, "#case-head")
        assert "Henk Bosman (71)" in text(app, "#dossier")
        assert "4 van 4 over" in text(app, "#hours")
        invs = option_texts(app.screen.query_one(InvestigationList))
        assert invs[0].startswith("a Huisbezoek bij Henk") and "2 uur" in invs[0]

        # investigate: hours drop, the finding shows
        await pilot.press("a")
        await pilot.pause()
        assert "2 van 4 over" in text(app, "#hours")
        assert "drie kilometer van het dorpshuis" in text(app, "#findings")
        assert app.screen.query_one(InvestigationList).options[0].disabled

        # choose option 2 with a motivation
        await decide(pilot, "2", "Henk blijft mobiel")
        assert isinstance(app.screen, OutcomeScreen)
        loyalties = "\n".join(str(w.render()) for w in app.screen.query("#outcome-loyalties Static"))
        assert "+2 Burger (totaal +2)" in loyalties
        assert "\u22121 Rechtsstaat" in loyalties
        assert "Henk kan weer elke dag de deur uit" in loyalties
        assert "Samenleving" not in loyalties  # untouched loyalties are not listed
        assert "Gelijkheidsdruk: 2 \u2192 3" in text(app, "#outcome-meters")
        assert "Een uitzondering blijft zelden een geheim" in text(app, "#outcome-foreshadow")

        # events first: Ruud's objection (scheduled), then the work instruction (triggered)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert "Ruud, collega Wmo" in text(app, "#event-head")
        assert "Omdat je bij casus 1" in text(app, "#event-because")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EventScreen)
        assert "Werkinstructie" in text(app, "#event-kind")
        await pilot.press("enter")
        await pilot.pause()

        # the next case recalls the first; the work instruction locks two options
        assert isinstance(app.screen, CaseScreen)
        assert "Casus 2: Nog een overdekte scootmobiel" in text(app, "#case-head")
        assert "zie je besluit in: De overdekte scootmobiel" in text(app, "#notes")
        choices = app.screen.query_one(ChoiceList)
        shown = option_texts(choices)
        assert [o.disabled for o in choices.options] == [False, True, True]
        assert "[op slot]" in shown[1] and "werkinstructie van Femke" in shown[1]
        await pilot.press("2")  # a locked option: a notice, no motivation dialog
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert any("werkinstructie" in n.message for n in app._notifications)

        # inbox and precedent log, from the case screen
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        inbox = option_texts(app.screen.query_one("#inbox-list", OptionList))
        assert len(inbox) == 2 and "Ruud is het er niet mee eens" in inbox[0]
        await pilot.press("escape", "p")
        await pilot.pause()
        assert isinstance(app.screen, PrecedentScreen)
        log = str(app.screen.query_one(".precedent", Static).render())
        assert "1. De overdekte scootmobiel" in log and "Henk blijft mobiel" in log
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        scores = dict(app.player_run.game.state.loyalties)
        hours = text(app, "#hours")
        await pilot.press("ctrl+q")
    assert scores == {"burger": 2, "rechtsstaat": -1, "organisatie": -1, "beroepsgroep": 1,
                      "samenleving": 0}
    assert json.loads(save.read_text())["actions"][-1]["motivation"] == "Henk blijft mobiel"

    # tomorrow, started without --seed: continue resumes the same case with the same scores
    again = make_app(save, seed=None)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert menu_ids(again)[:2] == ["new", "continue"]
        assert again.screen.query_one("#menu", OptionList).highlighted_option.id == "continue"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, CaseScreen)
        assert "Casus 2: Nog een overdekte scootmobiel" in text(again, "#case-head")
        assert dict(again.player_run.game.state.loyalties) == scores
        assert text(again, "#hours") == hours
        assert "Burger        +2" in text(again, "#standing")


@played
async def test_a_seed_on_the_command_line_starts_that_new_game_not_the_save(tmp_path):
    save = tmp_path / "autosave.json"
    first = make_app(save, seed=3)
    async with first.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await decide(pilot, "1")
        await pilot.press("ctrl+q")
    assert json.loads(save.read_text())["seed"] == 3
    # the title still offers to continue, but Enter goes for the seeded new game
    again = make_app(save, seed=SEED)
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "continue" in menu_ids(again)
        assert again.screen.query_one("#menu", OptionList).highlighted_option.id == "new"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # a real run is only replaced when the player says so
        await pilot.pause()
        assert isinstance(again.screen, CaseScreen)
        assert "Casus 1" in text(again, "#case-head")
        assert again.player_run.game.state.seed == SEED


@played
async def test_escape_skips_motivation_and_ctrl_z_goes_back(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, MotivationScreen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and not app.player_run.game.state.decisions
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert app.player_run.game.state.decisions[0].motivation == ""


@played
async def test_play_to_the_end(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await decide(pilot, "1")  # refuse Henk: no events
        await pilot.press("enter")
        await pilot.pause()
        assert "Nog een overdekte scootmobiel" in text(app, "#case-head")
        await decide(pilot, "1")
        assert "Verder naar het einde" in str(app.screen.query_one("#next").label)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Einde van de campagne: Proefcampagne" in text(app, "#end-head")
        epilogue = text(app, "#end-epilogue")
        assert "Henk komt die winter weinig buiten" in epilogue
        assert "Zo eindigt je proefperiode" in epilogue
        profile = text(app, "#end-profile")
        assert "Burger        \u22124" in profile and "Rechtsstaat   +2" in profile
    resumed = make_app(save)
    async with resumed.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        resumed.action_continue_game()
        await pilot.pause()
        assert isinstance(resumed.screen, EndScreen)


@played
async def test_language_switches_live_and_is_stored(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert "Henk Bosman (71), weduwnaar" in text(app, "#dossier")
        app.action_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.click("#lang-en")
        await pilot.pause()
        assert app.lang == "en" and app.player_run.game.lang == "en"
        assert "Language" in text(app, "#lang-label")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Henk Bosman (71), a widower" in text(app, "#dossier")
        assert "Case 1: The covered mobility scooter" in text(app, "#case-head")
        assert "Hours this week\n■■■■ 4 of 4 left" in text(app, "#hours")
        descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert {"Precedents", "Inbox", "Help"} <= descriptions
        assert "[locked]" not in " ".join(option_texts(app.screen.query_one(ChoiceList)))
    stored = json.loads((Path(tmp_path) / "config" / "settings.json").read_text())
    assert stored["lang"] == "en"


@played
async def test_theme_and_motion_settings_are_stored(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_settings()
        await pilot.pause()
        await pilot.click("#theme-maatwerk-contrast")
        await pilot.click("#motion")
        await pilot.pause()
        assert app.theme == "maatwerk-contrast" and app.animation_level == "none"
    stored = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert stored["theme"] == "maatwerk-contrast" and stored["reduced_motion"] is True
    again = make_app(tmp_path / "save.json")
    async with again.run_test(size=(100, 30)):
        assert again.theme == "maatwerk-contrast"


@played
async def test_help_shows_the_keys_of_the_current_screen(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Hulp: Casus" in text(app, "#help-head")
        assert "dossier" in text(app, "#help-purpose")
        keys = text(app, "#help-keys")
        assert "1\u20139  Kies dat besluit" in keys and "a\u2013h  Doe dat onderzoek" in keys
        assert "Focus" not in keys
        assert "Precedenten" in keys and "Postvak" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@played
async def test_broken_content_is_a_notice_not_a_crash(tmp_path):
    app = make_app(tmp_path / "save.json", extra=[BROKEN])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        notice = app.screen.query_one("#notice", Static)
        assert notice.display
        assert "fout(en) in de inhoud" in str(notice.render())
        assert "bad-toml.toml" in str(notice.render()) or "M0" in str(notice.render())
        await pilot.press("enter")  # the rest still plays
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


@played
async def test_new_game_over_a_save_asks_first(tmp_path):
    save = tmp_path / "save.json"
    app = make_app(save)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await decide(pilot, "1")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and "continue" in menu_ids(app)
        app.action_new_game()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(json.loads(save.read_text())["actions"]) == 1  # kept
        app.action_new_game()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert json.loads(save.read_text())["actions"] == []


@played
async def test_command_palette_offers_the_main_actions(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Nieuw spel" in titles and "Instellingen" in titles and "Bronnen" in titles
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Precedenten", "Postvak", "Menu"} <= set(titles)


@played
async def test_sources_show_the_essay_and_each_case(tmp_path):
    app = make_app(tmp_path / "save.json", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_sources()
        await pilot.pause()
        assert "NSOB, 2022" in text(app, "#sources-essay")
        cases = text(app, "#sources-cases")
        assert "1. The covered mobility scooter" in cases and "\u00a73.2" in cases
        assert "For the facilitator" in cases


@played
async def test_small_terminal_reaches_every_option(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter", "tab", "down", "down", "down")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert choices.has_focus and choices.highlighted == 3
        scroll = app.screen.query_one("#dossier-scroll")
        # the highlighted (last) option is inside the visible part of the dossier
        top = choices.region.y + choices.styles.gutter.top + choices._index_to_line[3]
        assert scroll.region.y <= top < scroll.region.bottom


def test_title_path_imports_no_engine():
    code = ("import sys, game.ui.app; "
            "print(sorted(m for m in ('pydantic', 'game.content', 'game.engine.game', "
            "'game.run') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
