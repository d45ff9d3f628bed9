"""Benchmark of a full room (not a timed test): N browsers joining ``workshop serve`` at once.

In one run, on the loopback address only:

1. A bare Textual app (Header, Label, Footer) is started as a served game is (a fresh Python
   process with Textual's web driver, as textual-serve starts one), and timed until its label
   is on the wire: the reference. Median of five.
2. ``maatwerk workshop serve`` is started on a free port for a fresh session, and one
   participant joins alone once it is up (the single-join figure).
3. N participants (default 40) do at the same moment what the served page does: fetch the
   play page and its script and style, open the websocket with the page's Origin, send the
   window size, and wait until the first case's title is on their screen.
4. With all N connected, every participant presses keys (down and up, moving the highlight in
   the case's list) a few times, one every 1 to 2 seconds (some 27 keys a second for the room
   of 40); the time from sending a key to the next screen update is recorded.
5. The proportional set size (PSS, /proc/PID/smaps_rollup) of every game process, and of the
   warm parent they are forked from, is summed while all N are in.

Prints the median time to the first case, p50/p95 of key to screen, the PSS total, and the
ratios against the bare app; and, steadier on a busy machine, CPU figures: the CPU of one game
from its fork until the last participant is in (the per-join cost; N of them on the machine's
cores set a floor under the last join), with an estimate of how much of that the games that were
in early spent idling meanwhile, and the CPU per key press in the games and in the server that
relays it. Programs
run with bytecode written, as an installed game has it. Everything is bounded in time (``--timeout``) and the server and
its games are stopped at the end. Linux (it reads /proc).

Usage: .venv/bin/python scripts/bench_room.py [--participants 40] [--keys 8]
Aims (issue #12): median first case <= 5x the bare app; PSS total <= 1 GiB; key p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Label

class Bare(App):
    def compose(self):
        yield Header()
        yield Label("BARE-APP-UP")
        yield Footer()

Bare().run()
"""
DOWN, UP = "\x1b[B", "\x1b[A"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def web_environment() -> dict[str, str]:
    from importlib.metadata import version
    return dict(installed_environment(), TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
                TEXTUAL_FPS="60", TEXTUAL_COLOR_SYSTEM="truecolor", TERM_PROGRAM="textual",
                TERM_PROGRAM_VERSION=version("textual-serve"), COLUMNS="100", ROWS="30")


def installed_environment() -> dict[str, str]:
    """This environment, with bytecode written as an installed game has it (the first start
    of each program writes it; the reference runs and the warm-up come first)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid: int) -> float:
    """CPU seconds of all threads of ``pid`` so far, from the scheduler (ns; 0 when gone)."""
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0.0
    for task in tasks:
        try:
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e9


class CpuWatch:
    """CPU of the server and of its games over the quiet seconds and the key presses."""

    server_pid = 0
    all_in = 0.0  # when the last participant reached the first case
    idle: dict[str, float] = {}
    keys: dict[str, float] = {}

    @classmethod
    def sample(cls) -> tuple[float, float, float]:
        games = descendants(cls.server_pid)
        return (time.monotonic(), thread_cpu(cls.server_pid),
                sum(thread_cpu(pid) for pid in games))

    @staticmethod
    def between(before: tuple, after: tuple) -> dict[str, float]:
        return {"seconds": after[0] - before[0], "server": after[1] - before[1],
                "games": after[2] - before[2]}


BARE_CPU: list[float] = []
REACHED: list[str] = []  # participants of the room (and the one alone) on their first case
REACHED_AT: list[float] = []  # when each of them got there (time.monotonic)


def bare_start() -> float:
    """Seconds from spawning a bare served app until its label is written (its CPU time
    until then is kept in BARE_CPU)."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", BARE], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=web_environment())
    seen = b""
    try:
        while b"BARE-APP-UP" not in seen:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                raise RuntimeError("the bare app ended before it drew its label")
            seen += chunk
        elapsed = time.monotonic() - start
        BARE_CPU.append(cpu_seconds(proc.pid))
        return elapsed
    finally:
        proc.kill()
        proc.wait()


def make_session(folder: Path) -> tuple[Path, str, str]:
    """A fresh store with one session; returns (store, code, first case title)."""
    from game.content import load_content
    from game.workshop.store import Store

    content = load_content()
    campaign = "intro" if "intro" in content.campaigns else sorted(content.campaigns)[0]
    first = content.cases[content.campaigns[campaign].cases[0]].title.nl
    store = folder / "room.sqlite"
    code = Store(store).create_session("Bench", campaign, "nl", []).code
    return store, code, first


def start_server(store: Path | None, code: str, port: int, env: dict,
                 limit: int = 100) -> subprocess.Popen:
    """``workshop serve`` on ``port``; without ``store`` it takes MAATWERK_STORE from ``env``."""
    where = ["--store", str(store)] if store is not None else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "workshop", "serve", code, "--port", str(port), *where,
         "--max-participants", str(limit)],
        stdout=subprocess.DEVNULL if store is None else subprocess.PIPE,
        stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    return listening(proc, port, lambda: proc.stdout.read().decode() if proc.stdout
                     else "exited")


def listening(proc: subprocess.Popen, port: int, printed) -> subprocess.Popen:
    """``proc`` once it listens on ``port`` (within a minute); if it ends first, a
    RuntimeError with what ``printed()`` says it printed."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(printed()) from None
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def start_server_url(code: str, port: int, env: dict) -> subprocess.Popen:
    return start_server(None, code, port, env, limit=250)


class Participant:
    """What the served page does, over HTTP and the websocket."""

    def __init__(self, base: str, code: str, name: str, marker: str) -> None:
        self.base, self.code, self.name = base, code, name
        self.marker = marker.encode()
        self.first_case: float | None = None
        self.keys: list[float] = []
        self.ws = None
        self.frames: asyncio.Queue = asyncio.Queue()

    async def join(self, client, timeout: float) -> None:
        import aiohttp

        start = time.monotonic()
        async with client.get(f"{self.base}/play", params={"code": self.code,
                                                           "name": self.name}) as page:
            text = await page.text()
        # what a browser loads with the page: its scripts and linked files (not its links)
        for ref in re.findall(r'<(?:script[^>]*\bsrc|link[^>]*\bhref)="(/[^"]+)"', text):
            async with client.get(self.base + ref) as response:
                await response.read()
        url = re.search(r'data-session-websocket-url="([^"]+)"', text).group(1)
        self.ws = await client.ws_connect(url + "?width=100&height=30",
                                          headers={"Origin": self.base}, heartbeat=None)
        await self.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        screen = b""
        deadline = start + timeout
        while self.marker not in screen:
            msg = await asyncio.wait_for(self.ws.receive(), max(0.1, deadline - time.monotonic()))
            if msg.type != aiohttp.WSMsgType.BINARY:
                raise RuntimeError(f"{self.name}: socket ended before the first case")
            screen = screen[-4096:] + msg.data
        self.first_case = time.monotonic() - start
        REACHED.append(self.name)
        REACHED_AT.append(time.monotonic())
        asyncio.get_running_loop().create_task(self._pump())

    async def _pump(self) -> None:
        import aiohttp

        while True:
            msg = await self.ws.receive()
            if msg.type != aiohttp.WSMsgType.BINARY:
                return
            self.frames.put_nowait(time.monotonic())

    async def press(self, keys: int) -> None:
        for index in range(keys):
            # a participant reads between keys: one press every 1 to 2 seconds
            await asyncio.sleep(1.0 + (hash((self.name, index)) % 100) / 100)
            while not self.frames.empty():
                self.frames.get_nowait()
            sent = time.monotonic()
            await self.ws.send_str(json.dumps(["stdin", DOWN if index % 2 == 0 else UP]))
            try:
                await asyncio.wait_for(self.frames.get(), 5)
            except asyncio.TimeoutError:
                self.keys.append(5.0)
                continue
            self.keys.append(time.monotonic() - sent)


def pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                found.append(child)
                todo.append(child)
    return found


async def room(base: str, code: str, marker: str, count: int, keys: int,
               timeout: float) -> tuple[list[Participant], float]:
    import aiohttp

    alone = Participant(base, code, "Alleen", marker)
    async with aiohttp.ClientSession() as client:
        await alone.join(client, timeout)
        await alone.ws.close()
    await asyncio.sleep(1.0)
    people = [Participant(base, code, f"Deelnemer {i + 1}", marker) for i in range(count)]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as client:
        joined = await asyncio.gather(*(p.join(client, timeout) for p in people),
                                      return_exceptions=True)
        for result in joined:
            if isinstance(result, BaseException):
                print(f"  a participant failed: {type(result).__name__} {result}")
        quiet = CpuWatch.sample()
        await asyncio.sleep(3.0)  # memory is sampled now, with everyone in
        pressing = CpuWatch.sample()
        CpuWatch.idle = CpuWatch.between(quiet, pressing)
        present = [p for p in people if p.ws is not None]
        await asyncio.gather(*(p.press(keys) for p in present))
        CpuWatch.keys = CpuWatch.between(pressing, CpuWatch.sample())
        for p in present:
            await p.ws.close()
    return people, alone.first_case or 0.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--keys", type=int, default=8, help="key presses per participant")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds a participant may take to reach the first case")
    args = parser.parse_args()

    bare = statistics.median(bare_start() for _ in range(5))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(installed_environment(), MAATWERK_DATA_DIR=str(folder / "data"),
                   MAATWERK_CONFIG_DIR=str(folder / "config"))
        store, code, marker = make_session(folder)
        port = free_port()
        server = start_server(store, code, port, env)
        try:
            time.sleep(3.0)  # the facilitator starts the server before the room arrives
            result = run_room(server.pid, f"http://127.0.0.1:{port}", code, marker, args)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    report(bare, *result, args.participants)
    return 0


def run_room(server_pid: int, base: str, code: str, marker: str, args) -> tuple:
    pss: dict[str, int] = {}
    cpu: list[float] = []
    CpuWatch.server_pid = server_pid

    async def go():
        task = asyncio.create_task(room(base, code, marker, args.participants, args.keys,
                                        args.timeout))
        while not task.done():  # sample CPU as the last one is in, memory a second later
            await asyncio.sleep(0.05)
            if len(REACHED) >= args.participants + 1 and not pss:
                processes = descendants(server_pid)
                cpu.extend(thread_cpu(p) for p in processes[1:])  # the games, not the parent
                CpuWatch.all_in = time.monotonic()
                await asyncio.sleep(1.0)
                pss.update({str(p): pss_kib(p) for p in descendants(server_pid)})
        return await task

    people, alone = asyncio.run(asyncio.wait_for(go(), args.timeout * 2 + 120))
    return people, alone, pss, cpu


def report(bare: float, people: list, alone: float, pss: dict, cpu: list, count: int) -> None:
    firsts = [p.first_case for p in people if p.first_case is not None]
    keys = [k for p in people for k in p.keys]
    total_mib = sum(pss.values()) / 1024
    median = statistics.median(firsts) if firsts else float("nan")
    print(f"Room of {count} browsers on workshop serve ({os.cpu_count()} cores)")
    print(f"  bare Textual app start (served, median of 5): {bare * 1000:7.0f} ms")
    print(f"  one participant alone, to the first case:     {alone * 1000:7.0f} ms")
    print(f"  reached the first case: {len(firsts)} of {count}")
    if firsts:
        print(f"  first case, median {median * 1000:.0f} ms, max {max(firsts) * 1000:.0f} ms"
              f"  -> {median / bare:.1f}x the bare app (aim <= 5x)")
    if keys:
        print(f"  key -> screen with all in: p50 {percentile(keys, .5) * 1000:.0f} ms, "
              f"p95 {percentile(keys, .95) * 1000:.0f} ms (aim p95 <= 150 ms; {len(keys)} keys)")
    if cpu and BARE_CPU:
        game_cpu, bare_cpu = statistics.median(cpu), statistics.median(BARE_CPU)
        print(f"  CPU time per game until the last one is in (median): {game_cpu * 1000:.0f} ms, "
              f"against {bare_cpu * 1000:.0f} ms for the bare app's whole process to its "
              f"label ({game_cpu / bare_cpu:.2f}x; this ratio does not depend on load)")
    if keys and CpuWatch.keys and CpuWatch.idle:
        idle, busy = CpuWatch.idle, CpuWatch.keys
        print(f"  CPU per key press: {busy['games'] / len(keys) * 1000:.1f} ms in the games, "
              f"{busy['server'] / len(keys) * 1000:.1f} ms in the server relaying it (all CPU "
              f"while keys were pressed, over the keys; in the quiet 3 s before, the games "
              f"used {idle['games'] / idle['seconds'] * 1000:.0f} ms/s together)")
    if cpu and CpuWatch.idle and len(REACHED_AT) > 1:
        # the games in early also ran idle until the last one was in: take that off
        idle_rate = CpuWatch.idle["games"] / CpuWatch.idle["seconds"] / max(1, len(cpu))
        waited = CpuWatch.all_in - statistics.median(REACHED_AT[1:])
        print(f"  of which a game idled after its first case (estimate): "
              f"{idle_rate * waited * 1000:.0f} ms ({idle_rate * 1000:.1f} ms/s idle per game, "
              f"the median game in {waited:.1f} s before the last); the join itself: "
              f"{(statistics.median(cpu) - idle_rate * waited) * 1000:.0f} ms")
    if cpu:
        floor = statistics.median(cpu) * count / (os.cpu_count() or 1)
        print(f"  floor set by CPU alone: {count} joins x {statistics.median(cpu) * 1000:.0f} ms "
              f"on {os.cpu_count()} cores = {floor:.1f} s for the last one in")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  load average (1 min) at the end: {load:.1f} on {os.cpu_count()} cores")
    print(f"  PSS of the {len(pss)} game processes and their warm parent: {total_mib:.0f} MiB"
          f" (aim <= 1024 MiB)")


if __name__ == "__main__":
    raise SystemExit(main())
