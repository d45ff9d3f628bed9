"""Several rooms on one PostgreSQL store (not a timed test): N browser participants on two
``workshop serve`` processes, one session, and one of the servers restarted mid-run.

In one run, on the loopback address only:

1. A throwaway PostgreSQL server (tests/postgres.py; or ``--postgres URL``) and one session.
2. Two ``maatwerk workshop serve CODE`` processes on two ports, both on that database (the URL
   reaches them through MAATWERK_STORE, as a provider's service file would give it).
3. N participants (default 200), half on each server, do what the served page does: open the
   page, the websocket, reach the first case; then each decides (option 2, a motivation that
   names them, Enter) and waits for the outcome screen, and reads on from there (a page that
   stopped reading would leave the server waiting on it, which no browser does).
   They arrive spread over ``--arrival`` seconds, as people in several rooms do.
   Half of them type the whole decision at once (number, motivation, Enter) without waiting
   for the motivation screen, as a fast typist on a busy server does.
4. Meanwhile the second server is stopped (SIGTERM) once a quarter of its participants have
   decided, and started again: its participants who had not yet submitted lose only that
   choice. Once it is back they rejoin under the same name with the rejoin code the game
   showed them, and decide where their run stands.
5. The store is read: every decision a participant saw confirmed is there exactly once with
   the motivation exactly as typed, no case is decided twice by anyone, everyone cut off went
   on, and the dashboard's figures (read once, as a facilitator on any host would) count the
   participants of both servers.

What the servers print (who was cut off and why, what a game wrote on stderr) goes to one
file per server start in ``--logs`` (a temporary folder unless given), named at the end.

tests/test_workshop_rooms.py runs the same check at a smaller scale.

Usage: .venv/bin/python scripts/bench_rooms_pg.py [--participants 200] [--postgres URL]
                                                  [--logs DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import bench_room  # noqa: E402  (what the served page does, over HTTP and the websocket)
from game.workshop.store import REJOIN_LENGTH  # noqa: E402

# What marks each screen on the wire. Only words of that screen: the reminder to write the
# rejoin code down ("Schrijf hem op") is beside every case, and taking it for the motivation
# screen typed the motivation into the case screen.
MOTIVATION = b"Schrijf kort waarom"
OUTCOME = b"Gevolgen van je besluit"
REJOIN_ASKED = b"Deze schuilnaam is in gebruik"
CASE = b"Lees het dossier"
REJOIN_CODE = re.compile(rb"Terugkeercode ([A-Z0-9]{%d})(?![A-Z0-9])" % REJOIN_LENGTH)
# the game redraws what changed: colours and cursor moves can fall inside a word
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


class Player(bench_room.Participant):
    """A participant who reads the screen itself (no background pump), decides, and rejoins
    with the code the game showed when the connection was cut."""

    rejoin_code: str | None = None
    hold: asyncio.Event | None = None  # when set: the Enter after the motivation waits for it
    store_env: dict | None = None  # the facilitator's environment (MAATWERK_STORE), to release
    screen: bytes = b""  # the last of what was read, without colour codes (said when stuck)

    async def _open(self, client) -> None:
        async with client.get(f"{self.base}/play", params={"code": self.code,
                                                           "name": self.name}) as page:
            text = await page.text()
        url = re.search(r'data-session-websocket-url="([^"]+)"', text).group(1)
        self.ws = await client.ws_connect(url + "?width=100&height=30",
                                          headers={"Origin": self.base}, heartbeat=None)
        await self.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))

    async def join(self, client, timeout: float) -> None:  # type: ignore[override]
        start = time.monotonic()
        await self._open(client)
        await self.until(self.marker, start + timeout)
        self.first_case = time.monotonic() - start
        if self.rejoin_code is None:  # the side panel may come in a later piece
            await self.until(None, start + timeout)

    async def join_afresh(self, client, timeout: float) -> None:
        """Join again without a rejoin code. When the connection was cut after the game had
        claimed the name but before its code was on the screen, the game asks for that code:
        the participant asks the facilitator to release the name (as the game tells them),
        and joins once more."""
        deadline = time.monotonic() + timeout
        if self.ws is not None:
            await self.ws.close()
        await self._open(client)
        if await self.until((self.marker, REJOIN_ASKED), deadline) == REJOIN_ASKED:
            await self.ws.close()
            await asyncio.to_thread(self.released)
            await self._open(client)
            await self.until(self.marker, deadline)
        if self.rejoin_code is None:
            await self.until(None, deadline)

    def released(self) -> None:
        """What the facilitator types: ``maatwerk workshop release CODE NAME``."""
        subprocess.run([sys.executable, "-m", "game", "workshop", "release", self.code,
                        self.name], env=self.store_env, cwd=ROOT, check=True, timeout=60,
                       stdout=subprocess.DEVNULL)

    async def rejoin(self, client, timeout: float) -> None:
        """Join again under the same name: the game asks for the rejoin code, then the run
        goes on at the case where it was."""
        deadline = time.monotonic() + timeout
        if self.ws is not None:
            await self.ws.close()
        await self._open(client)
        await self.until(REJOIN_ASKED, deadline)
        await self.type(f"{self.rejoin_code}\r")
        await self.until(CASE, deadline)

    async def until(self, marker: bytes | tuple[bytes, ...] | None,
                    deadline: float) -> bytes | None:
        """Read the screen until ``marker`` (or one of several, which is returned) is on it
        (None: until the rejoin code is known)."""
        import aiohttp

        wanted = (marker,) if isinstance(marker, bytes) else marker
        screen = b""
        while True:
            if wanted is None and self.rejoin_code is not None:
                return None
            for one in wanted or ():
                if one in screen:
                    return one
            msg = await asyncio.wait_for(self.ws.receive(),
                                         max(0.1, deadline - time.monotonic()))
            if msg.type != aiohttp.WSMsgType.BINARY:
                raise ConnectionError(f"{self.name}: the socket ended")
            data = ESCAPES.sub(b"", msg.data)
            screen = screen[-8192:] + data
            self.screen = screen
            self._note_code(data)

    def _note_code(self, data: bytes) -> None:
        """The rejoin code beside the case, which may come in more than one piece."""
        if self.rejoin_code is None:
            seen = getattr(self, "_seen", b"") + data
            self._seen = seen[-64:]
            found = REJOIN_CODE.search(seen)
            if found:
                self.rejoin_code = found.group(1).decode()

    def read_on(self) -> None:
        """Once the outcome is on the screen, the page goes on reading what the game sends
        (and the browser answers the server's pings) until the participant leaves."""
        import aiohttp

        async def reading(ws) -> None:
            while (await ws.receive()).type in (aiohttp.WSMsgType.BINARY,
                                                aiohttp.WSMsgType.TEXT):
                pass

        self.reading = asyncio.get_running_loop().create_task(reading(self.ws))

    async def type(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def decide(self, timeout: float, option: str = "2", text: str | None = None,
                     ahead: bool = False) -> bool:
        """An option with a motivation; True once the outcome screen is on the wire.
        ``ahead``: number, motivation and Enter typed at once, without waiting for the
        motivation screen (a fast typist on a busy server)."""
        deadline = time.monotonic() + timeout
        text = f"motivering van {self.name}" if text is None else text
        if ahead:
            await self.type(f"{option}{text}\r")
        else:
            await self.type(option)
            await self.until(MOTIVATION, deadline)
            await self.type(text)
            if self.hold is not None:  # still reading the motivation over when the server stops
                await self.hold.wait()
            await self.type("\r")
        await self.until(OUTCOME, deadline)
        return True


async def play(people, timeout: float, restart, arrival: float) -> dict[str, bool]:
    """Everyone joins (spread over ``arrival`` seconds) and decides; half of them type the
    whole decision ahead. Who was cut off by the restart rejoins once the server is back."""
    import aiohttp

    confirmed: dict[str, bool] = {}
    cut: list = []
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as client:
        async def one(index, person):
            await asyncio.sleep(arrival * index / max(1, len(people)))  # rooms fill over time
            try:
                await person.join(client, timeout)
                confirmed[person.name] = await person.decide(timeout, ahead=index % 4 >= 2)
                person.read_on()
            except Exception:  # a dropped socket: the choice was not submitted
                confirmed[person.name] = False
                cut.append(person)
            finally:
                await restart(person, confirmed)
        await asyncio.gather(*(one(i, p) for i, p in enumerate(people)))
        await asyncio.gather(*(go_on(person, client, timeout) for person in cut))
        for person in people:
            if person.ws is not None:
                await person.ws.close()
            if getattr(person, "reading", None) is not None:
                person.reading.cancel()
    return confirmed


async def go_on(person, client, timeout: float) -> None:
    """A participant cut off by the restart (or whose game never answered in time) joins
    again and decides where the run stands (the first option is open in the first two cases
    of the campaign)."""
    step = "joining afresh" if person.rejoin_code is None else "rejoining"
    try:
        if person.rejoin_code is None:  # cut off before the code was on the screen
            await person.join_afresh(client, timeout)
        else:
            await person.rejoin(client, timeout)
        step = "deciding"
        person.went_on = await person.decide(timeout, "1", f"verder na herstart, {person.name}")
        person.read_on()
    except Exception as exc:  # noqa: BLE001 - counted, and reported by the caller
        person.went_on = False
        seen = " ".join(person.screen.decode("utf-8", "replace").split())[-160:]
        person.failure = f"{step}: {type(exc).__name__} {exc} (last on the screen: {seen!r})"


def check(rows, people, confirmed: dict[str, bool]) -> dict[str, list[str]]:
    """What the store holds against what the participants typed and were shown: names of
    participants with a confirmed decision missing, a case decided twice, a motivation they
    did not type, or who could not go on after being cut off."""
    by_name = {r.participant.name: r for r in rows}
    typed = {p.name: {f"motivering van {p.name}", f"verder na herstart, {p.name}"}
             for p in people}
    found: dict[str, list[str]] = {"missing": [], "doubled": [], "wrong": [], "stuck": []}
    for person in people:
        row = by_name.get(person.name)
        decisions = row.decisions if row else []
        cases = [d.case for d in decisions]
        if confirmed.get(person.name) and not any(
                d.motivation == f"motivering van {person.name}" for d in decisions):
            found["missing"].append(person.name)
        if getattr(person, "went_on", None) is False:
            found["stuck"].append(person.name)
        elif getattr(person, "went_on", None) and not any(
                d.motivation == f"verder na herstart, {person.name}" for d in decisions):
            found["missing"].append(person.name)
        if len(cases) != len(set(cases)):
            found["doubled"].append(person.name)
        if any(d.motivation not in typed[person.name] for d in decisions):
            found["wrong"].append(person.name)
    return found


def start_logged(code: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    """``workshop serve`` on ``port`` (its store from MAATWERK_STORE in ``env``), printing
    into ``log``, once it listens."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "game", "workshop", "serve", code, "--port", str(port),
             "--max-participants", "250"],
            stdout=out, stderr=subprocess.STDOUT, env=dict(env, COLUMNS="200"), cwd=ROOT)
    return bench_room.listening(proc, port, lambda: log.read_text(errors="replace"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--postgres", default=None, metavar="URL")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--arrival", type=float, default=90.0, metavar="SECONDS",
                        help="participants arrive spread over this time (default 90)")
    parser.add_argument("--logs", type=Path, default=None, metavar="DIR",
                        help="where the servers' output goes (default: a temporary folder)")
    args = parser.parse_args()
    from game.content import load_content
    from game.workshop.results import load_results
    from game.workshop.store import Store

    server = None
    url = args.postgres
    if url is None:
        from postgres import start_postgres
        server = start_postgres()
        url = server.create_database("rooms")
    content = load_content()
    first = content.cases[content.campaigns["intro"].cases[0]].title.nl
    code = Store(url).create_session("Twee zalen", "intro", "nl", []).code
    env = dict(bench_room.web_environment(), MAATWERK_STORE=url)
    ports = [bench_room.free_port(), bench_room.free_port()]
    logs = args.logs or Path(tempfile.mkdtemp(prefix="maatwerk-rooms-"))
    logs.mkdir(parents=True, exist_ok=True)
    starts = {"count": 0}

    def start(port: int) -> subprocess.Popen:
        starts["count"] += 1
        return start_logged(code, port, env, logs / f"serve-{starts['count']}-{port}.log")

    servers = [start(port) for port in ports]
    people = [Player(f"http://127.0.0.1:{ports[i % 2]}", code, f"p{i}", first)
              for i in range(args.participants)]
    for person in people:
        person.store_env = env
    second = [p for p in people if p.base.endswith(str(ports[1]))]
    state = {"restarted": False, "decided_b": 0}

    async def restart(person, confirmed) -> None:
        if person in second and confirmed.get(person.name):
            state["decided_b"] += 1
        if not state["restarted"] and state["decided_b"] >= max(1, len(second) // 4):
            state["restarted"] = True
            stopping = time.monotonic()
            servers[1].send_signal(signal.SIGTERM)  # it ends its games, then itself
            await asyncio.to_thread(servers[1].wait, 120)
            stopped = time.monotonic() - stopping
            servers[1] = await asyncio.to_thread(start, ports[1])
            print(f"  server 2 stopped in {stopped:.0f} s and was started again after "
                  f"{state['decided_b']} of its decisions")

    started = time.monotonic()
    try:
        confirmed = asyncio.run(play(people, args.timeout, restart, args.arrival))
    finally:
        for proc in servers:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    elapsed = time.monotonic() - started
    store = Store(url)
    info, rows, _ = store.results(code)
    found = check(rows, people, confirmed)
    by_name = {r.participant.name: r for r in rows}
    for name in found["wrong"][:5]:
        print(f"  {name} wrote {[d.motivation for d in by_name[name].decisions]!r}")
    for person in people:
        if getattr(person, "failure", None):
            print(f"  {person.name} could not go on: {person.failure}")
    figures = load_results(store, content, code)
    told = [name for name, ok in confirmed.items() if ok]
    again = [p for p in people if hasattr(p, "went_on")]
    print(f"{args.participants} participants on 2 serve processes, one PostgreSQL store, "
          f"{elapsed:.0f} s")
    print(f"  told their decision was made: {len(told)}; cut off or not reached before "
          f"deciding: {len(again)}, of whom {sum(bool(p.went_on) for p in again)} rejoined "
          f"and decided")
    print(f"  in the store: {info.decisions} decisions of {info.participants} participants; "
          + ", ".join(f"{key} {len(names)}" for key, names in found.items()))
    print(f"  the dashboard's figures count {len(figures.people)} participants and "
          f"{figures.decisions} decisions")
    print(f"  what the servers printed: {logs}")
    store.close()
    if server is not None:
        from postgres import stop_postgres
        stop_postgres(server)
    return 0 if not any(found.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
