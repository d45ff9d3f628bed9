"""The core must never pull in the UI: checked in a fresh interpreter."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["game.content", "game.engine", "game.engine.game",
                                    "game.engine.playtest", "game.saves", "game.run",
                                    "game.plain"])
def test_core_does_not_import_textual_or_rich(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{module} imports {out.stdout.strip()}"
