"""The architecture and the types are checked on every test run, so a crossed layer or a broken
type fails CI.

``lint-imports`` checks the contracts in ``pyproject.toml`` (content and engine at the bottom,
then runs, saves and reports, then the front ends, then the command line; the core and the
headless workshop free of Textual). ``mypy`` checks ``game/`` with the settings there. Both run
from the virtual environment that runs the tests, in the project folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    program = BIN / tool
    if not program.exists():
        pytest.fail(f"{tool} is not installed next to {sys.executable}: "
                    "install the test extras (pip install -e '.[test]')")
    return subprocess.run([str(program), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def _passes(done: subprocess.CompletedProcess[str], tool: str, success: str) -> None:
    if done.returncode != 0 or success not in done.stdout:
        pytest.fail(f"{tool} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}",
                    pytrace=False)


def test_no_module_imports_from_a_layer_above_it():
    _passes(_run("lint-imports"), "lint-imports", " 0 broken.")


def test_the_game_package_type_checks():
    # the packages, the settings and the cache folder (.mypy_cache) come from pyproject.toml
    _passes(_run("mypy"), "mypy", "Success: no issues found")
