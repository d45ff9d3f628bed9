"""Every theme the game offers starts and draws a case (a missing theme variable is a crash)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from game.ui.app import MaatwerkApp
from game.ui.screens.case import CaseScreen
from game.ui.themes import THEMES

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"


@pytest.mark.parametrize("theme", [t.name for t in THEMES])
def test_each_theme_starts_and_draws_a_case(theme, tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"theme": theme}))
    monkeypatch.setenv("MAATWERK_CONFIG_DIR", str(config))

    async def run() -> None:
        app = MaatwerkApp(lang="nl", builtin=FIXTURE, campaign="proef", seed=7,
                          save_path=tmp_path / "s.json")
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.theme == theme
            app.action_new_game()
            await pilot.pause()
            assert isinstance(app.screen, CaseScreen)
            await pilot.press("2")
            await pilot.pause()

    asyncio.run(run())
