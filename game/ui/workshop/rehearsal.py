"""A dress rehearsal in the warm parent: the first screens of a game, played once, headless.

Every game forked from the warm parent draws the same first screens: the title, then the first
case. Much of what that costs the first time is the same in every game: modules Textual and the
game import on first use, the caches of Textual and Rich, and the parsed stylesheet (the game's
own and the default CSS of every widget on those screens). The warm parent pays for it once,
here, before it forks; a forked game finds the modules and caches in place, and takes the
parsed rules from ``parsed_css`` instead of parsing them again.

Nothing of the rehearsal is kept but that: it plays a new game of the warm content in a
temporary folder (its save is thrown away with it) and touches no workshop store.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from pathlib import Path
from typing import Any

# (the stylesheet variables the rules were parsed with, {cache key: rules}, the sources in the
# order the rehearsal added them), or None
parsed_css: tuple[dict[str, str], dict[tuple, Any], dict[Any, Any]] | None = None
SIZE = (100, 30)


def rehearse(content: Any, campaign: str | None) -> bool:
    """Play the title and the first case of ``campaign`` once; returns whether it worked (a
    failure only means forked games do this work themselves, as they would anyway)."""
    global parsed_css
    try:
        with tempfile.TemporaryDirectory() as folder:
            parsed_css = asyncio.run(_play(content, campaign, Path(folder)))
    except Exception:  # noqa: BLE001 - a rehearsal that fails costs nothing but time
        parsed_css = None
        return False
    # a forked child must not inherit a half-finished thread (Textual's, or a save's)
    return threading.active_count() == 1


async def _play(content: Any, campaign: str | None,
                folder: Path) -> tuple[dict[str, str], dict[tuple, Any], dict[Any, Any]]:
    from game.ui.workshop.served_app import ServedApp

    app = ServedApp(content, lang="nl", campaign=campaign, save_path=folder / "save.json",
                    seed=1)
    # with the tooltip and the notices every screen of a real game has
    async with app.run_test(size=SIZE, tooltips=True, notifications=True) as pilot:
        await pilot.pause()
        app.start_new_game()
        await pilot.pause()
        await pilot.pause()
        stylesheet = app.stylesheet
        stylesheet.parse()  # every source as it stands now (a source's tie-breaker can change
        # as deeper widget classes meet it; the cache keeps only the latest 64 parses)
        sources = dict(stylesheet.source)
        cache = stylesheet._parse_cache
        rules = {key: cache.get(key) for key in (
            (css, location, is_default, tie_breaker, scope)
            for location, (css, is_default, tie_breaker, scope) in sources.items())}
        variables = dict(stylesheet._variables)
        app.player_run = None  # nothing to save on the way out
    return variables, rules, sources


def hand_over(stylesheet: Any) -> None:
    """Give a new game's stylesheet the rules parsed in the rehearsal, when they were parsed
    with the same variables (the same theme); otherwise it parses them itself.

    The game also gets the rehearsal's sources, in the order the rehearsal added them as it
    drew the same first screens. Its rules are then put together once, as it starts; otherwise
    every widget class a new game meets for the first time added its own and had all rules put
    together again (seven times before the first case)."""
    if parsed_css is None:
        return
    variables, rules, sources = parsed_css
    if dict(stylesheet._variables) != variables or stylesheet.source:
        return
    cache = stylesheet._parse_cache
    for key, value in rules.items():
        if value is not None:
            cache.set(key, value)
    for location, source in sources.items():
        stylesheet.source[location] = source
    stylesheet._require_parse = True
