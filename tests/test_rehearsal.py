"""The warm parent's dress rehearsal: games forked after it parse no stylesheet of their own.

In a full room every participant's game draws the same title and first case; what the warm
parent did once (modules, caches, the parsed rules) no game should pay for again. A rehearsal
that cannot help (another theme) must leave a game to parse its rules itself, correctly.
"""

import subprocess
import sys

from pilot import UI_FIXTURE

FORKED_GAME = """
import asyncio, sys
from pathlib import Path
import textual.css.stylesheet as stylesheet
from game.content import load_content
from game.ui.workshop import rehearsal
from game.ui.workshop.served_app import ServedApp

content = load_content(builtin=Path({fixture!r}))
worked = rehearsal.rehearse(content, "proef") if {rehearse} else None
if {other_theme}:
    from game.settings import Settings
    settings = Settings(theme="textual-light")
    settings.store()
parsed = []
original = stylesheet.parse
def counting(*args, **kwargs):
    parsed.append(args[2])
    return original(*args, **kwargs)
stylesheet.parse = counting

async def main():
    app = ServedApp(content, lang="nl", campaign="proef", save_path=Path({save!r}), seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.start_new_game()
        await pilot.pause()
        print(worked, len(parsed), type(app.screen).__name__)

asyncio.run(main())
"""


def _forked_game(tmp_path, rehearse: bool, other_theme: bool = False) -> list[str]:
    code = FORKED_GAME.format(fixture=str(UI_FIXTURE), save=str(tmp_path / "save.json"),
                              rehearse=rehearse, other_theme=other_theme)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_a_game_after_the_rehearsal_parses_no_stylesheet(tmp_path):
    worked, parsed, screen = _forked_game(tmp_path, rehearse=True)
    assert worked == "True"  # and no thread left running for a fork to inherit
    assert (parsed, screen) == ("0", "CaseScreen")


def test_without_a_rehearsal_a_game_parses_its_own(tmp_path):
    _none, parsed, screen = _forked_game(tmp_path, rehearse=False)
    assert int(parsed) >= 10 and screen == "CaseScreen"


def test_a_game_in_another_theme_parses_its_own_rules(tmp_path):
    """Rules parsed with the rehearsal's colours would show the wrong theme."""
    worked, parsed, screen = _forked_game(tmp_path, rehearse=True, other_theme=True)
    assert worked == "True" and int(parsed) >= 10 and screen == "CaseScreen"
