"""The engine's views are the only door: no front end reads the run's state or content models.

The terminal app (game/ui), plain mode and the workshop's screens show what the engine hands
them (game.engine.views, game.engine.catalogue, game.texts). When a front end reads
``game.state`` or ``content.cases`` itself, a rule gets written down a second time and drifts
from the engine's. This test reads the source (AST, not text) and names each such place.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"

FORBIDDEN_IMPORTS = {"game.engine.state", "game.content.models"}
# what a front end may not read off a Game (anything named ``game`` or ``….game``)
GAME_INSIDES = {"state", "content", "campaign", "meter_defs", "option_def", "current_case",
                "triggered", "t"}
# what it may not read off the loaded content (``content`` or ``….content``)
CONTENT_INSIDES = {"cases", "campaigns", "events"}

# Modules under game/workshop that are not front ends but the workshop's headless core: they
# record, rebuild and count runs, so they work on decisions and content by design.
ALLOWED = {
    "workshop/store.py": "stores each run's actions and decisions (the engine's own records)",
    "workshop/recorder.py": "writes the run's new actions and decisions to the store",
    "workshop/participant.py": "rebuilds a participant's run from the store (replay)",
    "workshop/results.py": "the room's figures per case and option, over every stored run",
    "workshop/live.py": "the same figures kept up to date from the newly stored decisions",
    "workshop/comparison.py": "compares a room with earlier groups, case by case",
    "workshop/export.py": "writes the room's results with each case's title and options",
}


def front_end_modules() -> list[Path]:
    paths = [GAME / "plain.py", GAME / "plain_saves.py"]
    paths += sorted((GAME / "ui").rglob("*.py"))
    paths += sorted((GAME / "workshop").rglob("*.py"))
    return [p for p in paths if p.exists()]


def _named(node: ast.expr, name: str) -> bool:
    """Is ``node`` the name ``name`` or an attribute ``….name``?"""
    return (isinstance(node, ast.Name) and node.id == name) or (
        isinstance(node, ast.Attribute) and node.attr == name)


def crossings(source: str) -> list[tuple[int, str]]:
    """Every place where this source reads past the views: (line, what)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_IMPORTS:
            found.append((node.lineno, f"imports {node.module}"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, f"imports {a.name}") for a in node.names
                      if a.name in FORBIDDEN_IMPORTS]
        elif isinstance(node, ast.Attribute):
            if node.attr in GAME_INSIDES and _named(node.value, "game"):
                found.append((node.lineno, f"reads game.{node.attr}"))
            elif node.attr in CONTENT_INSIDES and _named(node.value, "content"):
                found.append((node.lineno, f"reads content.{node.attr}"))
    return sorted(found)


@pytest.mark.parametrize("path", front_end_modules(), ids=lambda p: str(p.relative_to(GAME)))
def test_front_ends_read_only_the_engines_views(path):
    where = str(path.relative_to(GAME))
    if where in ALLOWED:
        pytest.skip(ALLOWED[where])
    found = crossings(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"game/{where}:{line}: {what}" for line, what in found)


def test_the_check_sees_a_front_end_reaching_past_the_views():
    """The check itself must be able to fail: these are the shapes front ends used to have."""
    source = (
        "from game.engine.state import Decision\n"
        "total = self.game.state.loyalties['burger']\n"
        "case = game.content.cases[decision.case]\n"
        "name = game.t(game.campaign.title)\n"
        "campaigns = app.content.campaigns\n"
    )
    assert [what for _, what in crossings(source)] == [
        "imports game.engine.state", "reads game.state", "reads content.cases",
        "reads game.content", "reads game.campaign", "reads game.t", "reads content.campaigns",
    ]


def test_every_allowed_exception_still_exists():
    """An exception for a file that is gone or moved would hide nothing: keep the list true."""
    for where in ALLOWED:
        assert (GAME / where).exists(), f"game/{where} is listed as allowed but does not exist"
