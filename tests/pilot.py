"""What the Pilot tests share: running them without an async plugin, and the fixture game."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

UI_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"
SEED = 7


def played(test):
    """Run an async Pilot test without an async pytest plugin."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))
    return run


def make_app(save: Path, lang: str = "nl", **kwargs):
    """The game on the fixture campaign 'proef' (the two scooter cases), fixed seed."""
    from game.ui.app import MaatwerkApp

    kwargs.setdefault("builtin", UI_FIXTURE)
    kwargs.setdefault("seed", SEED)
    return MaatwerkApp(lang=lang, save_path=save, campaign="proef", **kwargs)


async def ready(pilot) -> None:
    """Wait until content has loaded and the screen has settled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
