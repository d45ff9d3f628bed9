"""Two rooms on one PostgreSQL store, and one server restarted mid-run (issue #14).

The check of scripts/bench_rooms_pg.py at the scale of a test run: 24 participants on two
``workshop serve`` processes, one session in one PostgreSQL store. Half of them type the whole
decision at once (number, motivation, Enter) without waiting for the motivation screen. While
three participants of the second server are still reading their motivation over, that server is
stopped and started again. What a facilitator must be able to rely on: every decision a
participant saw confirmed is stored once, with the motivation exactly as typed; nobody decided
a case twice; the unsubmitted choices are the only thing lost; and everyone cut off rejoins
with the code the game showed them and goes on.
"""

from __future__ import annotations

import asyncio
import signal
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import bench_room  # noqa: E402
import bench_rooms_pg  # noqa: E402

PARTICIPANTS = 24
HOLDERS = {"p5", "p13", "p21"}  # second server, not typing ahead: Enter not yet typed


def _rooms(url: str, code: str, first_case: str) -> tuple[list, dict, dict]:
    env = dict(bench_room.web_environment(), MAATWERK_STORE=url)
    ports = [bench_room.free_port(), bench_room.free_port()]
    servers = [bench_room.start_server_url(code, port, env) for port in ports]
    people = [bench_rooms_pg.Player(f"http://127.0.0.1:{ports[i % 2]}", code, f"p{i}",
                                    first_case) for i in range(PARTICIPANTS)]
    second = [p for p in people if p.base == f"http://127.0.0.1:{ports[1]}"]
    stopped = asyncio.Event()
    for person in people:
        person.store_env = env
        if person.name in HOLDERS:
            person.hold = stopped
    state = {"decided": 0, "restarted": False}

    async def restart(person, confirmed) -> None:
        if person in second and confirmed.get(person.name):
            state["decided"] += 1
        if not state["restarted"] and state["decided"] >= len(second) // 4:
            state["restarted"] = True
            servers[1].send_signal(signal.SIGTERM)
            await asyncio.to_thread(servers[1].wait, 30)
            stopped.set()  # the holders press Enter on a server that is gone
            servers[1] = await asyncio.to_thread(bench_room.start_server_url, code,
                                                 ports[1], env)

    try:
        confirmed = asyncio.run(asyncio.wait_for(
            bench_rooms_pg.play(people, 90, restart, arrival=4.0), 300))
    finally:
        for proc in servers:
            proc.send_signal(signal.SIGTERM)
        for proc in servers:
            proc.wait(30)
    return people, confirmed, state


def test_two_servers_one_store_a_restart_loses_only_the_unsubmitted_choices(postgres,
                                                                              content):
    from game.workshop.store import Store

    url = postgres.create_database("rooms")
    store = Store(url)
    code = store.create_session("Twee zalen", "intro", "nl", []).code
    first_case = content.cases[content.campaigns["intro"].cases[0]].title.nl
    people, confirmed, state = _rooms(url, code, first_case)

    assert state["restarted"], "the second server was stopped and started again mid-run"
    cut = {p.name for p in people if hasattr(p, "went_on")}
    assert HOLDERS <= cut, "the participants with an unsubmitted choice were cut off"
    assert not any(confirmed[name] for name in HOLDERS)
    info, rows, _ = store.results(code)
    found = bench_rooms_pg.check(rows, people, confirmed)
    assert found == {"missing": [], "doubled": [], "wrong": [], "stuck": []}, \
        [(p.name, getattr(p, "failure", "")) for p in people if getattr(p, "failure", "")]
    by_name = {r.participant.name: r for r in rows}
    for name in HOLDERS:  # the unsubmitted motivation is lost; the one typed after rejoining is
        assert [d.motivation for d in by_name[name].decisions] == [
            f"verder na herstart, {name}"]
    assert sum(confirmed.values()) >= PARTICIPANTS // 2  # the first server's room played on
    assert info.participants == PARTICIPANTS
    store.close()
