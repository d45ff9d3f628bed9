"""Debrief answers typed (or pasted) in the terminal app are cleaned and kept within the limit,
with a message when they are cut."""

from __future__ import annotations

from textual.widgets import TextArea

from game.textsafety import LIMITS
from pilot import make_app, played
from test_ui_debrief import play_to_the_end


@played
async def test_a_pasted_answer_is_cleaned_and_cut_with_a_message(tmp_path):
    app = make_app(tmp_path / "save.json")
    async with app.run_test(size=(100, 40)) as pilot:
        await play_to_the_end(pilot)
        await pilot.press("n")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea)
        area.insert("\x1b]0;pwned\x07[bold]eerlijk[/]\r\ntweede regel\u202e " + "x" * 5000)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        kept = app.player_run.reflections["feeling"]
        assert kept.startswith("[bold]eerlijk[/]\ntweede regel xxx")
        assert len(kept) == LIMITS["answer"]
        assert "\x1b" not in kept and "pwned" not in kept and "\u202e" not in kept
        assert any(f"{LIMITS['answer']} tekens" in n.message for n in app._notifications)
