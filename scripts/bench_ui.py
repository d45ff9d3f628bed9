"""Benchmark of the terminal game (not a timed test): start-up, memory and key-press latency.

1. Time until the title is on screen in a real terminal, for the game and, side by side, for a
   bare Textual app with a Header, a Label and a Footer. Each run starts a fresh Python process
   on a pseudo-terminal (100x30, xterm-256color), as a player's terminal would, and the clock
   stops when the word "Maatwerk" is in what the program has written to it (escape sequences
   stripped): that is the moment the terminal can show it. The bare app and the game alternate,
   so drift in the load of the machine hits both alike; medians and their ratio are printed.
2. Peak memory (the kernel's high-water mark of resident memory, VmHWM) 3 s after the start,
   for the same runs; for the game, 3 s or later, once its content is in (the title shows the
   campaign line then), so the figure always includes the content.

Bytecode is written as an installed game has it (PYTHONDONTWRITEBYTECODE is dropped for the
programs); the warm-up runs write it, and the game's content cache, before anything is timed.
3. Time from a key press to the updated screen, in Pilot (median): moving the highlight in
   the decision list, and opening and closing the inbox, next to a bare app's option list.
   The key is sent as Pilot sends it; the clock stops at the next repaint, and for the inbox
   also at the last repaint the key causes (the screen complete, footer keys and all). (Timing
   ``await pilot.press()`` itself measures Pilot's idle-detection sleeps, about 60 ms even for
   a bare app, not the game.)

Usage: .venv/bin/python scripts/bench_ui.py [--runs 10] [--hold 3]
Aim: title within 1.15x of the bare app, peak memory within 1.5x; a key press answered within
16 ms median. Timings on a shared machine are noisy: read the ratios, and the load printed.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "ui"
ROWS, COLUMNS = 30, 100

BARE = """\
from textual.app import App
from textual.widgets import Footer, Header, Label

class Bare(App):
    def compose(self):
        yield Header()
        yield Label("Maatwerk")
        yield Footer()

Bare().run()
"""
PROGRAMS = {
    "bare": [sys.executable, "-c", BARE],
    "game": [sys.executable, "-m", "game"],  # what the `maatwerk` command runs
}
TITLE = b"Maatwerk"
CONTENT_IN = b"Campagne:"  # the title's campaign line, written once the content is in
# CSI, OSC, charset and single-character escape sequences
_ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?<=>$ ]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)"
                      rb"|[()][0-9A-Za-z]|[=>78MDEc])")


@dataclass
class Start:
    title: float | None  # seconds from spawning the process to the title on screen
    cpu: float | None  # CPU seconds the program had used by then (all its threads)
    peak_mib: float  # VmHWM at the end of the hold
    content_in: bool  # the game's campaign line was on screen by then


def _peak_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")


def _cpu_seconds(pid: int) -> float:
    """CPU time of all threads of ``pid`` so far (the scheduler's, in nanoseconds)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as stat:
                total += int(stat.read().split()[0])
        except OSError:  # a thread that just ended
            pass
    return total / 1e9


def in_terminal(argv: list[str], env: dict[str, str], hold: float,
                until_content: bool = False) -> Start:
    """Start ``argv`` on a new pseudo-terminal; watch what it writes for ``hold`` seconds (and
    on, up to 30 s, until the title is there, when the machine is that slow; with
    ``until_content``, until the game's content is in as well)."""
    began = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, with the pty (sized first) as its terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.execve(argv[0], argv, env)
    written, title, cpu, content_in = b"", None, None, False
    try:
        while True:
            elapsed = time.perf_counter() - began
            if elapsed >= 30 or (elapsed >= hold and title is not None
                                 and (content_in or not until_content)):
                break
            ready, _, _ = select.select([fd], [], [], 0.005)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # the program ended
                break
            if title is not None and content_in:
                continue  # keep draining, so the program never blocks on a full terminal
            written += chunk
            text = _ESCAPES.sub(b"", written)
            if title is None and TITLE in text:
                title = time.perf_counter() - began
                cpu = _cpu_seconds(pid)
            content_in = content_in or CONTENT_IN in text
        peak = _peak_mib(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return Start(title, cpu, peak, content_in)


def startups(runs: int, hold: float) -> dict[str, list[Start]]:
    """``runs`` alternating starts of the bare app and the game, after one warm-up each."""
    results: dict[str, list[Start]] = {name: [] for name in PROGRAMS}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor",
                   MAATWERK_CONFIG_DIR=f"{tmp}/c", MAATWERK_DATA_DIR=f"{tmp}/d",
                   MAATWERK_CACHE_DIR=f"{tmp}/k")
        env.pop("TEXTUAL", None)
        # a player's installed game has its bytecode: let the warm-up write it
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name, argv in PROGRAMS.items():  # warm the file cache, bytecode, the strings and
            # the content cache (the game's warm-up lasts until its content is in)
            in_terminal(argv, env, hold=min(hold, 2.0), until_content=name == "game")
        for _ in range(runs):
            for name, argv in PROGRAMS.items():
                results[name].append(in_terminal(argv, env, hold, until_content=name == "game"))
    return results


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {sys.version.split()[0]}"


def report_startups(results: dict[str, list[Start]], hold: float) -> None:
    bare, game = results["bare"], results["game"]
    missing = [name for name, starts in results.items() if any(s.title is None for s in starts)]
    if missing:
        print(f"  the title never appeared within 30 s for: {', '.join(missing)}")
        return
    tb = statistics.median(s.title for s in bare)
    tg = statistics.median(s.title for s in game)
    mb = statistics.median(s.peak_mib for s in bare)
    mg = statistics.median(s.peak_mib for s in game)
    print(f"title on screen in a real terminal (pty {COLUMNS}x{ROWS}), median of {len(bare)} "
          "alternating runs:")
    print(f"  bare Textual app (Header, Label, Footer): {tb * 1000:7.1f} ms")
    print(f"  Maatwerk title screen:                    {tg * 1000:7.1f} ms")
    print(f"  ratio: {tg / tb:.3f}  (aim: <= 1.15)")
    cb = statistics.median(s.cpu for s in bare)
    cg = statistics.median(s.cpu for s in game)
    print(f"CPU time used by then (steadier than the clock when the machine is busy): bare "
          f"{cb * 1000:.1f} ms, Maatwerk {cg * 1000:.1f} ms, ratio {cg / cb:.3f}")
    print(f"peak memory (VmHWM) {hold:g} s after the start, median:")
    print(f"  bare Textual app: {mb:6.1f} MiB")
    loaded = sum(s.content_in for s in game)
    print(f"  Maatwerk title:   {mg:6.1f} MiB  (content in by then in {loaded} of "
          f"{len(game)} runs)")
    print(f"  ratio: {mg / mb:.3f}  (aim: <= 1.5)")


class PaintClock:
    """Times a key press to the next repaint: the key goes in the way Pilot sends it (through
    the driver), and the clock stops when the app hands the updated screen to the driver."""

    def __init__(self, app) -> None:
        self.app = app
        self.painted = asyncio.Event()
        self.at = 0.0
        self.paints: list[float] = []
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.at = time.perf_counter()
                self.paints.append(self.at)
                self.painted.set()
        app._display = display

    async def settle(self, key: str, quiet: float = 0.3) -> float:
        """A key press to the last repaint it causes (the screen complete), within ``quiet``
        seconds."""
        from textual import events

        await asyncio.sleep(quiet)
        self.paints.clear()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(self.app)
        start = time.perf_counter()
        self.app._driver.send_message(event)
        await asyncio.sleep(quiet)
        return (self.paints[-1] - start) if self.paints else quiet

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
            opened, closed = [], []
            for _ in range(runs):
                opened.append(await clock.settle("i"))
                closed.append(await clock.settle("escape"))
            results["game: open the inbox, to its last repaint"] = opened
            results["game: close it, to the last repaint"] = closed
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--hold", type=float, default=3.0,
                        help="seconds after the start at which memory is read")
    parser.add_argument("--skip-keys", action="store_true", help="start-up and memory only")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average before: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    report_startups(startups(args.runs, args.hold), args.hold)
    if not args.skip_keys:
        print("key press to updated screen, in Pilot (median):")
        for name, times in asyncio.run(keypresses(args.runs)).items():
            print(f"  {name:<42} {statistics.median(times) * 1000:6.2f} ms  (aim: <= 16 ms)")
    print("load average after: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
