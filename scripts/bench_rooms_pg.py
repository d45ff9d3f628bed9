"""Several rooms on one PostgreSQL store (not a timed test): N browser participants on two
``workshop serve`` processes, one session, and one of the servers restarted mid-run.

In one run, on the loopback address only:

1. A throwaway PostgreSQL server (tests/postgres.py; or ``--postgres URL``) and one session.
2. Two ``maatwerk workshop serve CODE`` processes on two ports, both on that database (the URL
   reaches them through MAATWERK_STORE, as a provider's service file would give it).
3. N participants (default 200), half on each server, do what the served page does: open the
   page, the websocket, reach the first case; then each decides (option 2, a motivation that
   names them, Enter) and waits for the outcome screen.
   They arrive spread over ``--arrival`` seconds, as people in several rooms do.
4. Meanwhile the second server is stopped (SIGTERM) once a quarter of its participants have
   decided, and started again: its participants who had not yet submitted lose only that
   choice; they are counted, not retried.
5. The store is read: every decision a participant saw confirmed is there exactly once, no
   participant has more than one decision, and the dashboard's figures (read once, as a
   facilitator on any host would) count the participants of both servers.

Usage: .venv/bin/python scripts/bench_rooms_pg.py [--participants 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import bench_room  # noqa: E402  (what the served page does, over HTTP and the websocket)

MOTIVATION, OUTCOME = b"Schrijf", b"Gevolgen"


class Player(bench_room.Participant):
    """A participant who reads the screen itself (no background pump) and decides."""

    async def join(self, client, timeout: float) -> None:  # type: ignore[override]
        start = time.monotonic()
        async with client.get(f"{self.base}/play", params={"code": self.code,
                                                           "name": self.name}) as page:
            text = await page.text()
        url = re.search(r'data-session-websocket-url="([^"]+)"', text).group(1)
        self.ws = await client.ws_connect(url + "?width=100&height=30",
                                          headers={"Origin": self.base}, heartbeat=None)
        await self.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        await self.until(self.marker, start + timeout)
        self.first_case = time.monotonic() - start

    async def until(self, marker: bytes, deadline: float) -> None:
        import aiohttp

        screen = b""
        while marker not in screen:
            msg = await asyncio.wait_for(self.ws.receive(),
                                         max(0.1, deadline - time.monotonic()))
            if msg.type != aiohttp.WSMsgType.BINARY:
                raise ConnectionError(f"{self.name}: the socket ended")
            screen = screen[-8192:] + msg.data

    async def settle(self, quiet: float = 0.5, most: float = 10.0) -> None:
        end = time.monotonic() + most
        while time.monotonic() < end:
            try:
                await asyncio.wait_for(self.ws.receive(), quiet)
            except asyncio.TimeoutError:
                return

    async def decide(self, timeout: float) -> bool:
        """Option 2 with a motivation; True once the outcome screen is on the wire."""
        deadline = time.monotonic() + timeout
        await self.settle()
        await self.ws.send_str(json.dumps(["stdin", "2"]))
        await self.until(MOTIVATION, deadline)
        await self.settle(0.3)
        await self.ws.send_str(json.dumps(["stdin", f"motivering van {self.name}"]))
        await self.settle(0.3)
        await self.ws.send_str(json.dumps(["stdin", "\r"]))
        await self.until(OUTCOME, deadline)
        return True


async def play(people, timeout: float, restart, arrival: float) -> dict[str, bool]:
    import aiohttp

    confirmed: dict[str, bool] = {}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as client:
        async def one(index, person):
            await asyncio.sleep(arrival * index / max(1, len(people)))  # rooms fill over time
            try:
                await person.join(client, timeout)
                confirmed[person.name] = await person.decide(timeout)
            except Exception:  # a dropped socket: the choice was not submitted
                confirmed[person.name] = False
            finally:
                await restart(person, confirmed)
                if person.ws is not None:
                    await person.ws.close()
        await asyncio.gather(*(one(i, p) for i, p in enumerate(people)))
    return confirmed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--postgres", default=None, metavar="URL")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--arrival", type=float, default=90.0, metavar="SECONDS",
                        help="participants arrive spread over this time (default 90)")
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
    servers = [bench_room.start_server_url(code, port, env) for port in ports]
    people = [Player(f"http://127.0.0.1:{ports[i % 2]}", code, f"p{i}", first)
              for i in range(args.participants)]
    second = [p for p in people if p.base.endswith(str(ports[1]))]
    state = {"restarted": False, "decided_b": 0}

    async def restart(person, confirmed) -> None:
        if person in second and confirmed.get(person.name):
            state["decided_b"] += 1
        if not state["restarted"] and state["decided_b"] >= max(1, len(second) // 4):
            state["restarted"] = True
            servers[1].send_signal(signal.SIGTERM)
            await asyncio.to_thread(servers[1].wait, 30)
            servers[1] = await asyncio.to_thread(bench_room.start_server_url, code, ports[1],
                                                 env)
            print(f"  server 2 restarted after {state['decided_b']} of its decisions")

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
    by_name = {r.participant.name: r for r in rows}
    told = [name for name, ok in confirmed.items() if ok]
    missing = [n for n in told if n not in by_name or not by_name[n].decisions]
    doubled = [r.participant.name for r in rows if len(r.decisions) > 1]
    wrong = [r.participant.name for r in rows for d in r.decisions
             if d.motivation != f"motivering van {r.participant.name}"]
    for name in wrong[:5]:
        print(f"  {name} wrote {by_name[name].decisions[0].motivation!r}")
    figures = load_results(store, content, code)
    print(f"{args.participants} participants on 2 serve processes, one PostgreSQL store, "
          f"{elapsed:.0f} s")
    print(f"  told their decision was made: {len(told)}; lost before submitting: "
          f"{args.participants - len(told)}")
    print(f"  in the store: {info.decisions} decisions of {info.participants} participants; "
          f"missing {len(missing)}, doubled {len(doubled)}, wrong motivation {len(wrong)}")
    print(f"  the dashboard's figures count {len(figures.people)} participants and "
          f"{figures.decisions} decisions")
    store.close()
    if server is not None:
        from postgres import stop_postgres
        stop_postgres(server)
    return 0 if not (missing or doubled or wrong) else 1


if __name__ == "__main__":
    raise SystemExit(main())
