"""The workshop's headless core imports no Textual: each module checked in a fresh interpreter.

The store, the figures, the exports and the server run where no terminal interface is wanted
(a server, a cron job, a script that exports a report), and the warm parent of the served games
decides itself when Textual is loaded. The Textual screens live in ``game.ui.workshop``.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import game.workshop

HEADLESS = sorted(m.name for m in pkgutil.iter_modules(game.workshop.__path__,
                                                       "game.workshop."))


def test_the_headless_core_is_all_there():
    """Every part of the core is found, so the check below cannot pass by finding nothing."""
    expected = {"store", "backends", "recorder", "results", "comparison", "export",
                "earlier_report", "retention", "cli", "cli_store", "parsers", "participant",
                "simulate", "join", "guards", "addresses", "serve", "gameprocess", "forkserver"}
    assert {m.rsplit(".", 1)[1] for m in HEADLESS} >= expected


def test_the_screens_are_not_in_the_core():
    """The Textual screens moved out: nothing of the dashboard is left beside the store."""
    names = {m.rsplit(".", 1)[1] for m in HEADLESS}
    assert not names & {"dashboard", "presentation", "plenary", "widgets", "earlier_view",
                        "rejoin_screen", "release_screen", "served_app"}


@pytest.mark.parametrize("module", HEADLESS)
def test_a_headless_module_imports_no_textual(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in ('textual', 'game.ui') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"{module} imports {out.stdout.strip()}"
