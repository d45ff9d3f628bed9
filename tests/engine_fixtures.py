"""The engine's test campaign and a fresh run in it, for the engine's, the views' and the workshop
store's tests (``from engine_fixtures import CAMPAIGN, content, game``)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from game.content import load_content
from game.engine.game import Game

CAMPAIGN = "test-scootmobiel"


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


@pytest.fixture
def game(content):
    return Game(content, CAMPAIGN, seed=7)
