"""Keys typed right after a decision, before the motivation field is on screen, are kept.

A participant on a busy server presses the option's number and goes on typing at once; the
keys reach the game before the motivation screen has mounted and focused its field. They must
end up in the field (in order, nothing lost or replaced), and what is recorded is what they
typed. The keys are fed through Textual's own terminal parser, as the served page's keys are.
"""

from __future__ import annotations

from textual._xterm_parser import XTermParser
from textual.widgets import Input

from game.ui.screens.case import CaseScreen
from game.ui.screens.motivation import MotivationScreen
from game.ui.screens.outcome import OutcomeScreen
from pilot import make_app, played, ready


def type_at_once(app, text: str) -> None:
    """Every key of ``text`` into the app's queue in one go, as a fast typist's keys arrive."""
    for event in XTermParser().feed(text):
        app.post_message(event)


@played
async def test_keys_typed_before_the_motivation_screen_is_ready_are_kept(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # new game: the first case
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        type_at_once(app, "2Henk blijft mobiel, zie huisbezoek")
        await pilot.pause()
        assert isinstance(app.screen, MotivationScreen)
        field = app.screen.query_one(Input)
        assert field.value == "Henk blijft mobiel, zie huisbezoek"
        type_at_once(app, " van maandag")  # typing on keeps what is there
        await pilot.pause()
        assert field.value == "Henk blijft mobiel, zie huisbezoek van maandag"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        decision = app.player_run.game.state.decisions[0]
        assert decision.motivation == "Henk blijft mobiel, zie huisbezoek van maandag"


@played
async def test_a_whole_decision_typed_ahead_records_the_motivation_as_typed(tmp_path):
    """Number, motivation and Enter all queued before the game could answer (a stalled
    served game): the motivation is recorded as typed, and no case key (i inbox, p
    precedents, a/b investigations, m menu) fires on the way."""
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        type_at_once(app, "2mijn inschatting: bij p en b past maatwerk\r")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        state = app.player_run.game.state
        assert [(a.do, a.motivation) for a in state.actions] == [
            ("choose", "mijn inschatting: bij p en b past maatwerk")]


@played
async def test_keys_that_arrive_while_the_game_works_keep_the_order_they_were_typed_in(tmp_path):
    """A served game reads the keys of a burst while it is already at work on the first ones:
    some reach the case screen before the number has opened the motivation screen and come
    back, others go straight to the field. Every motivation is recorded as typed (before,
    such a burst came out as 'vmeortiing', two streams of keys woven together)."""
    import asyncio

    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        motivation = "motivering van p34, op maandag"
        for event in XTermParser().feed(f"2{motivation}\r"):
            app.post_message(event)
            await asyncio.sleep(0)  # the game runs on between two keys
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, OutcomeScreen)
        assert [(a.do, a.motivation) for a in app.player_run.game.state.actions] == [
            ("choose", motivation)]
