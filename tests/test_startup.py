"""What ``maatwerk`` loads before the title is on screen (no timings: which modules).

A player waits for every module imported on the way to the title. The content (pydantic,
the loader, the engine) loads behind the title, so none of it may be pulled in by the command
line or the title screen; each one here once cost a noticeable part of the start-up.
"""

import subprocess
import sys
import threading

from pilot import UI_FIXTURE, played

HEAVY = ("pydantic", "game.content", "game.engine", "game.run", "game.saves", "tomllib",
         "game.workshop", "textual_serve", "game.ui.screens.case", "game.ui.screens.debrief",
         "argparse", "json")

TITLE_PATH = (
    "import sys\n"
    "from game.cli import _no_arguments\n"
    "args = _no_arguments()\n"  # what `maatwerk` does first
    "from game.commands.play import run_app\n"
    "from game.ui.app import MaatwerkApp\n"
    "print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
)


def test_the_way_to_the_title_imports_nothing_the_title_does_not_show():
    code = TITLE_PATH.format(heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", f"imported before the title: {out.stdout.strip()}"



CONTENT_AFTER_PAINT = """
import asyncio, sys, threading
from pathlib import Path
from game.ui.app import MaatwerkApp

seen = []

class Released(threading.Event):
    def set(self):
        if not self.is_set():
            seen.append(("pydantic" in sys.modules, app.screen.id,
                         app.screen.query_one("#wordmark").region.height > 0))
        super().set()

async def main():
    global app
    app = MaatwerkApp(lang="nl", builtin=Path({fixture!r}), campaign="proef")
    app._title_painted = Released()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(seen, app.content is not None, app.campaign_id)

asyncio.run(main())
"""


def test_content_loads_behind_a_title_already_on_screen(tmp_path):
    """The content worker waits until the title has been laid out and painted; only then does
    pydantic load, and the content still arrives on the title."""
    code = CONTENT_AFTER_PAINT.format(fixture=str(UI_FIXTURE))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    released, loaded, campaign = out.stdout.strip().rsplit(" ", 2)
    assert released == "[(False, 'title', True)]", out.stdout  # title laid out, no pydantic
    assert (loaded, campaign) == ("True", "proef")


def test_no_arguments_mean_what_the_parser_would_make_of_them():
    from game.cli import _no_arguments, build_parser

    assert vars(_no_arguments()) == vars(build_parser().parse_args([]))


def test_the_strings_cache_is_used_and_survives_damage(tmp_path, monkeypatch):
    """A second start reads the strings from the cache; a damaged cache is parsed anew."""
    from game import strings

    monkeypatch.setenv("MAATWERK_CACHE_DIR", str(tmp_path))
    strings._table.cache_clear()
    first = strings.s("tagline", "en")
    cache = tmp_path / "strings.marshal"
    assert cache.exists()
    strings._table.cache_clear()
    monkeypatch.setattr(strings, "_parse", lambda files: {"nl": {}, "en": {}})
    assert strings.s("tagline", "en") == first  # from the cache, not from a parse
    cache.write_bytes(b"\x00garbage")
    strings._table.cache_clear()
    assert strings.s("tagline", "en") == "tagline"  # parsed again (here: the stub parse)
    strings._table.cache_clear()


@played
async def test_the_title_parses_only_its_own_rules_and_other_screens_get_theirs(tmp_path,
                                                                                 monkeypatch):
    """The rules of the other screens (screens.tcss) are not parsed before the title's first
    paint; the first other screen brought up (here settings, before any content is in) has
    them, styled as it should be."""
    from game.ui import app as app_module
    from game.ui.screens.settings import SettingsScreen

    monkeypatch.setenv("MAATWERK_CONFIG_DIR", str(tmp_path / "c"))
    app = app_module.MaatwerkApp(lang="nl", builtin=UI_FIXTURE, save_path=tmp_path / "s.json")
    app._title_painted = Never()  # hold the content back: nothing but the title so far
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.stylesheet.has_source(app_module.SCREEN_RULES)
        app.push_screen(SettingsScreen())
        await pilot.pause()
        assert app.stylesheet.has_source(app_module.SCREEN_RULES)
        dialog = app.screen.query_one(".dialog")
        assert dialog.styles.width is not None and dialog.styles.width.value == 72
        app._ending = True
        threading.Event.set(app._title_painted)  # the worker ends without loading


class Never(threading.Event):
    """A first paint that never releases the content worker (until the test lets it go)."""

    def set(self):
        pass
