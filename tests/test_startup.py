"""What ``maatwerk`` loads before the title is on screen (no timings: which modules).

A player waits for every module imported on the way to the title. The content (pydantic,
the loader, the engine) loads behind the title, so none of it may be pulled in by the command
line or the title screen; each one here once cost a noticeable part of the start-up.
"""

import subprocess
import sys

HEAVY = ("pydantic", "game.content", "game.engine", "game.session", "game.saves", "tomllib",
         "game.workshop.serve", "textual_serve", "game.ui.screens.case", "game.ui.screens.end")

TITLE_PATH = (
    "import sys\n"
    "from game.cli import build_parser\n"
    "build_parser().parse_args([])\n"  # what `maatwerk` does first
    "from game.commands.play import run_app\n"
    "from game.ui.app import MaatwerkApp\n"
    "print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
)


def test_the_way_to_the_title_imports_nothing_the_title_does_not_show():
    code = TITLE_PATH.format(heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", f"imported before the title: {out.stdout.strip()}"

