"""Benchmark of the terminal game (not a timed test): start-up and key-press latency.

1. Whole-process time until the title screen is up, headless, for the game and, side by side,
   for a bare Textual app with a Header, a Label and a Footer. Each run is a fresh Python
   process; the child reports the wall-clock moment its first screen is ready (Textual starts
   the auto-pilot right after the first paint) and the parent subtracts the moment it spawned
   the process. Medians over N runs, and the ratio.
2. Time from a key press to the updated screen, in Pilot (median): moving the highlight in
   the decision list, and opening and closing the inbox, next to a bare app's option list.
   The key is sent as Pilot sends it; the clock stops at the next repaint. (Timing
   ``await pilot.press()`` itself measures Pilot's idle-detection sleeps, about 60 ms even for
   a bare app, not the game.)

Usage: .venv/bin/python scripts/bench_ui.py [--runs 10]
Aim: title within 1.15x of the bare app; a key press answered within 16 ms median.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "ui"


def child(kind: str) -> None:
    """Run one app headless; print the wall-clock time at which its first screen was up."""
    if kind == "bare":
        from textual.app import App
        from textual.widgets import Footer, Header, Label

        class Bare(App):
            def compose(self):
                yield Header()
                yield Label("Maatwerk")
                yield Footer()
        app = Bare()
    else:
        # the way `maatwerk` goes: the command line first, then the app
        from game.cli import build_parser
        build_parser().parse_args([])
        from game.ui.app import MaatwerkApp
        app = MaatwerkApp(lang="nl")

    async def up(pilot) -> None:
        print(f"{time.time():.6f}", flush=True)
        pilot.app.exit()

    app.run(headless=True, auto_pilot=up, size=(100, 30))


def startup(kind: str, runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MAATWERK_CONFIG_DIR=f"{tmp}/c", MAATWERK_DATA_DIR=f"{tmp}/d")
        for _ in range(runs):
            start = time.time()
            out = subprocess.run([sys.executable, __file__, "--child", kind], env=env,
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            times.append(float(out.stdout.strip().splitlines()[-1]) - start)
    return times


class PaintClock:
    """Times a key press to the next repaint: the key goes in the way Pilot sends it (through
    the driver), and the clock stops when the app hands the updated screen to the driver."""

    def __init__(self, app) -> None:
        self.app = app
        self.painted = asyncio.Event()
        self.at = 0.0
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.at = time.perf_counter()
                self.painted.set()
        app._display = display

    async def press(self, key: str) -> float:
        from textual import events

        await asyncio.sleep(0.02)  # let any earlier repaint settle
        self.painted.clear()
        char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        await asyncio.wait_for(self.painted.wait(), 2)
        return self.at - start


async def keypresses(runs: int) -> dict[str, list[float]]:
    from textual.app import App
    from textual.widgets import Footer, OptionList

    from game.ui.app import MaatwerkApp

    results: dict[str, list[float]] = {}

    class Bare(App):
        def compose(self):
            yield OptionList(*[f"option {i} " * 5 for i in range(4)])
            yield Footer()

    bare = Bare()
    async with bare.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        clock = PaintClock(bare)
        results["bare app: arrow in an option list"] = [
            await clock.press("down" if i % 2 == 0 else "up") for i in range(runs * 3)]

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MAATWERK_CONFIG_DIR"] = f"{tmp}/c"
        os.environ["MAATWERK_DATA_DIR"] = f"{tmp}/d"
        app = MaatwerkApp(lang="nl", builtin=FIXTURE, save_path=Path(tmp) / "s.json", seed=7,
                          campaign="proef")
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter", "tab")
            await pilot.pause()
            assert isinstance(app.focused, OptionList)
            clock = PaintClock(app)
            results["game: arrow in the decision list"] = [
                await clock.press("down" if i % 2 == 0 else "up") for i in range(runs * 3)]
            opened, closed = [], []
            for _ in range(runs):
                opened.append(await clock.press("i"))
                await pilot.pause()
                closed.append(await clock.press("escape"))
                await pilot.pause()
            results["game: open the inbox (i)"] = opened
            results["game: close it (escape)"] = closed
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", choices=("bare", "game"))
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    startup("bare", 1), startup("game", 1)  # warm the file cache and bytecode
    bare, game = [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        bare += startup("bare", 1)
        game += startup("game", 1)
    mb, mg = statistics.median(bare), statistics.median(game)
    print(f"start-up to first screen, median of {args.runs} runs (whole process):")
    print(f"  bare Textual app (Header, Label, Footer): {mb * 1000:7.1f} ms")
    print(f"  Maatwerk title screen:                    {mg * 1000:7.1f} ms")
    print(f"  ratio: {mg / mb:.3f}  (aim: <= 1.15)")
    print("key press to updated screen, in Pilot (median):")
    for name, times in asyncio.run(keypresses(args.runs)).items():
        print(f"  {name:<36} {statistics.median(times) * 1000:6.2f} ms  (aim: <= 16 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
