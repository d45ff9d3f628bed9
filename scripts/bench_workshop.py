"""Benchmarks of the workshop layer (not a test): run `python scripts/bench_workshop.py`
(add `--postgres` to run every figure on a throwaway PostgreSQL server as well, or
`--postgres URL` for a database of your own; `--writers 200 --people 1000` for a provider).

Reports, per back end:
- a dashboard refresh for 40 participants x 15 decisions: reading the store and computing the
  group's figures (what the poll worker does), and the same inside the running dashboard app
  (worker, message, widgets updated), headless;
- for --people participants x 15 decisions with the comparison against as many participants
  in earlier sessions of the campaign: a full read with every figure (an export), and what the
  dashboard does on each tick (``LiveResults.refresh``): the first load, then the median and
  p95 of 20 refreshes with 3 new decisions recorded before each, in wall time and in this
  process's CPU time (less distorted by a busy machine; PostgreSQL's own work is not in it),
  with the load average before and after;
- with --screen, the same tick inside the running dashboard (headless, 160 x 50): the refresh,
  the screen updated with the new figures and repainted (until the app is idle again), the
  median and p95 of 20 ticks with 3 new decisions each, wall and CPU, once with the first tab
  shown and once with the participants table shown;
- the latency of recording one decision while --writers processes write at the same time
  (each does 15 decisions back to back, all starting together), with the p95 and the maximum.

A generated campaign of 15 cases in a temporary folder keeps the numbers independent of the
main campaign.
"""

from __future__ import annotations

import argparse
import asyncio

import math
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import load_content  # noqa: E402
from game.engine.state import Action, Decision  # noqa: E402
from game.workshop.live import LiveResults  # noqa: E402
from game.workshop.results import load_results  # noqa: E402
from game.workshop.simulate import fill  # noqa: E402
from game.workshop.store import Store, StoreError  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import median_ms  # noqa: E402  (the same timing as the core benchmark)

PEOPLE, CASES = 40, 15

CASE = """id = "bench-{n}"
title.nl = "Benchcasus {n}"
title.en = "Bench case {n}"
organisation.nl = "Gemeente"
organisation.en = "Municipality"
compare_group = "groep-{group}"
sources = ["§3"]
[dossier]
citizen.nl = "Burger {n}"
citizen.en = "Citizen {n}"
request.nl = "Een verzoek."
request.en = "A request."
rule.nl = "Een regel."
rule.en = "A rule."
known.nl = "Iets."
known.en = "Something."
[[investigations]]
id = "kijk"
label.nl = "Kijken"
label.en = "Look"
hours = 1
reveals.nl = "Meer."
reveals.en = "More."
{options}
[facilitator]
questions.nl = ["Vraag {n}?"]
questions.en = ["Question {n}?"]
trade_offs.nl = "Afweging."
trade_offs.en = "Trade-off."
"""
OPTION = """[[options]]
id = "{id}"
label.nl = "Optie {id}"
label.en = "Option {id}"
variant = "{variant}"
outcome.nl = "Gevolg."
outcome.en = "Outcome."
loyalties.burger = {{ delta = {a}, why.nl = "a", why.en = "a" }}
loyalties.rechtsstaat = {{ delta = {b}, why.nl = "b", why.en = "b" }}
"""
VARIANTS = [("a", "standaardisatie", -1, 1), ("b", "hardheidsclausule", 2, -1),
            ("c", "beleidscategorie", 1, 1), ("d", "standaardmaatwerk", 2, -2)]


def make_content(folder: Path):
    options = "".join(OPTION.format(id=i, variant=v, a=a, b=b) for i, v, a, b in VARIANTS)
    for n in range(1, CASES + 1):
        (folder / f"bench-{n}.toml").write_text(
            CASE.format(n=n, group=n % 5, options=options), encoding="utf-8")
    cases = ", ".join(f'"bench-{n}"' for n in range(1, CASES + 1))
    (folder / "campaign.toml").write_text(
        'id = "bench"\ntitle.nl = "Bench"\ntitle.en = "Bench"\ndescription.nl = "B"\n'
        'description.en = "B"\nintro.nl = "B"\nintro.en = "B"\nhours_per_case = 2\n'
        f"cases = [{cases}]\n", encoding="utf-8")
    return load_content(builtin=folder)


def app_refresh_ms(store: Store, content, code: str, repeat: int) -> float:
    from game.ui.workshop.dashboard import DashboardApp

    async def run() -> float:
        app = DashboardApp(store, content, code, interval=0)
        times = []
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(repeat):
                app.results = None  # force the widgets to redraw with the fresh figures
                start = time.perf_counter()
                app.read_results()
                await app.workers.wait_for_complete()
                await pilot.pause()
                times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)
    return asyncio.run(run())


def writer(path: str, code: str, index: int, start_at: float, queue) -> None:
    store = Store(path)
    for attempt in range(5):
        try:
            participant = store.join(code, f"w{index}", seed=index)
            break
        except StoreError:
            time.sleep(0.5)
    latencies, failures = [], 0
    while time.time() < start_at:
        time.sleep(0.001)
    for n in range(1, CASES + 1):
        decision = Decision(n, f"bench-{n}", "b", "hardheidsclausule", False,
                            f"motivering {index}/{n}", "groep", {"burger": 2}, {}, ())
        actions = [Action("investigate", f"bench-{n}", "kijk"),
                   Action("choose", f"bench-{n}", "b", decision.motivation)]
        t0 = time.perf_counter()
        for attempt in range(5):  # as the recorder does: a failed write is written again
            try:
                store.record(participant.id, 2 * (n - 1), actions, [decision], n == CASES)
                break
            except StoreError:
                failures += 1
        latencies.append((time.perf_counter() - t0) * 1000)
    queue.put((latencies, failures))


def write_latency(location: str, writers: int) -> tuple[float, float, float, int]:
    store = Store(location)
    code = store.create_session("bench", "bench").code
    queue = multiprocessing.Queue()
    start_at = time.time() + 1.5 + writers * 0.02
    procs = [multiprocessing.Process(target=writer, args=(location, code, i, start_at,
                                                          queue)) for i in range(writers)]
    for p in procs:
        p.start()
    got = [queue.get(timeout=600) for _ in procs]
    latencies = [x for times, _ in got for x in times]
    failed = sum(f for _, f in got)
    for p in procs:
        p.join()
    recorded = store.session(code).decisions
    latencies.sort()
    return (statistics.median(latencies), latencies[int(len(latencies) * 0.95)],
            latencies[-1], recorded, failed)


def _decisions(i: int, numbers: range) -> list[Decision]:
    return [Decision(n, f"bench-{n}", "abcd"[(i + n) % 4], VARIANTS[(i + n) % 4][1], False,
                     f"motivering {i}/{n}", f"groep-{n % 5}",
                     {"burger": (i + n) % 5 - 2, "rechtsstaat": 1}, {}, ())
            for n in numbers]


def bulk_session(store: Store, name: str, people: int, created: float,
                 held_back: int = 0) -> tuple[str, list]:
    """A session of ``people`` participants x CASES decisions, written row by row in bulk;
    the last ``held_back`` of them have decided only the first five cases (returned, to
    decide the rest later)."""
    code = store.create_session(name, "bench").code
    store._run(lambda conn: conn.execute("UPDATE sessions SET created = ? WHERE code = ?",
                                         (created, code)), write=True)
    late = []
    for i in range(people):
        person = store.join(code, f"q{i}", seed=i)
        upto = CASES if i < people - held_back else 5
        decisions = _decisions(i, range(1, upto + 1))
        actions = [Action("choose", d.case, d.option, d.motivation) for d in decisions]
        store.record(person.id, 0, actions, decisions, upto == CASES)
        if upto < CASES:
            late.append([person.id, i, upto + 1])
    return code, late


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def server_cpu(data: Path | None) -> float | None:
    """Seconds of CPU used so far by the PostgreSQL server whose data folder is ``data``
    (its backends and helpers, on this machine); None when there is no such server."""
    if data is None or not (data / "postmaster.pid").exists():
        return None
    parent = (data / "postmaster.pid").read_text().split()[0]
    used = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == parent or stat.parent.name == parent:
            used += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return used / os.sysconf("SC_CLK_TCK")


def live_refresh(store: Store, content, code: str, late: list, ticks: int = 20,
                 per_tick: int = 3, data: Path | None = None) -> None:
    """What the dashboard does on each tick (``LiveResults.refresh``): the first, full read,
    then ``ticks`` refreshes with ``per_tick`` new decisions recorded before each."""
    live = LiveResults(store, content, code)
    wall, cpu = time.perf_counter(), time.process_time()
    live.refresh()
    first = ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    walls, cpus, served = [], [], 0.0
    for tick in range(ticks):
        for k in range(per_tick):
            entry = late[(tick * per_tick + k) % len(late)]
            pid, i, number = entry
            if number <= CASES:
                store.record(pid, number, [], _decisions(i, range(number, number + 1)),
                             number == CASES)
                entry[2] += 1
        server = server_cpu(data)
        wall, cpu = time.perf_counter(), time.process_time()
        results = live.refresh()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        if server is not None:
            served += server_cpu(data) - server
    assert results == load_results(store, content, code), "incremental figures differ"
    assert live.full_reads == 1, "a refresh read everything again"
    print(f"  first load (full read):      {first[0]:7.1f} ms wall, {first[1]:7.1f} ms CPU")
    print(f"  refresh, {per_tick} new decisions each: median {statistics.median(walls):6.1f} ms,"
          f" p95 {_p95(walls):6.1f} ms, max {max(walls):6.1f} ms wall; CPU median"
          f" {statistics.median(cpus):6.1f} ms, p95 {_p95(cpus):6.1f} ms, max {max(cpus):6.1f}"
          f" ms (of {ticks}, each counting the decisions of one participant in 15; this"
          " process only)")
    if data is not None:
        print(f"  PostgreSQL server CPU per refresh: {served * 1000 / ticks:6.1f} ms (mean of"
              f" {ticks}, counted in 10 ms steps)")


def screen_ticks(store: Store, content, code: str, late: list, ticks: int = 20,
                 per_tick: int = 3) -> None:
    """What a tick costs in the running dashboard: ``LiveResults.refresh`` in the worker,
    the screen updated and repainted; with the first tab shown, then the participants."""
    from game.ui.workshop.dashboard import DashboardApp

    async def run(tab: int) -> tuple[list[float], list[float]]:
        app = DashboardApp(store, content, code, interval=0)
        walls, cpus = [], []
        async with app.run_test(size=(160, 50)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            if tab:
                await pilot.press(str(tab))
                await pilot.pause()
            for tick in range(ticks):
                for k in range(per_tick):
                    entry = late[(tick * per_tick + k) % len(late)]
                    pid, i, number = entry
                    if number <= CASES:
                        store.record(pid, number, [],
                                     _decisions(i, range(number, number + 1)), number == CASES)
                        entry[2] += 1
                wall, cpu = time.perf_counter(), time.process_time()
                app.read_results()
                await app.workers.wait_for_complete()
                await pilot.pause()
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            if tab == 5:
                shown = app.screen.query_one("#people").row_count
                assert shown == app.results.info.participants, "the table lost participants"
        return walls, cpus

    for tab, label in ((0, "choices tab"), (5, "participants tab")):
        walls, cpus = asyncio.run(run(tab))
        print(f"  dashboard tick (screen), {label}, {per_tick} new decisions each: median"
              f" {statistics.median(walls):6.1f} ms, p95 {_p95(walls):6.1f} ms wall; CPU median"
              f" {statistics.median(cpus):6.1f} ms, p95 {_p95(cpus):6.1f} ms (of {ticks};"
              f" {_load()})")


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(label: str, location: str, folder: Path, content, people: int,
            writers: int, data: Path | None = None, screen: bool = False) -> None:
    print(f"--- {label} ({_load()})")
    store = Store(location)
    code = store.create_session("bench", "bench", compare=False).code
    start = time.perf_counter()
    fill(content, store, code, PEOPLE, seed=1)
    filled = time.perf_counter() - start
    info = store.session(code)
    print(f"filled {info.participants} participants x {info.decisions // info.participants}"
          f" decisions in {filled:.1f}s (in-process, serial)")
    print(f"dashboard refresh, store read + figures:   "
          f"{median_ms(lambda: load_results(store, content, code), 30):7.1f} ms (median of 30)")
    print(f"dashboard refresh, in the app (headless):   "
          f"{app_refresh_ms(store, content, code, 15):7.1f} ms (median of 15)")
    bulk_session(store, "earlier", people, time.time() - 86400)
    big, late = bulk_session(store, "now", people, time.time(), held_back=20)
    if store.path is None:  # as autovacuum would have by now: the planner knows the tables
        store._run(lambda conn: conn.execute("ANALYZE"), write=True)
    results = load_results(store, content, big)
    assert results.earlier is not None and results.earlier.people == people
    print(f"{people} participants x {CASES} + comparison with {people} earlier ({_load()}):")
    print(f"  full read + all figures (export, report): "
          f"{median_ms(lambda: load_results(store, content, big), 5):7.1f} ms (median of 5)")
    live_refresh(store, content, big, late, data=data)
    if screen:
        screen_ticks(store, content, big, late)
    print(f"  ({_load()})")
    store.close()
    if not writers:  # --writers 0: the reading figures only
        return
    median, p95, worst, recorded, failed = write_latency(location, writers)
    print(f"write latency, {writers} concurrent writers x {CASES}: median {median:.1f} ms, "
          f"p95 {p95:.1f} ms, max {worst:.1f} ms; {recorded} of {writers * CASES} recorded"
          f" ({failed} writes tried again)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", nargs="?", const="auto", default=None, metavar="URL")
    parser.add_argument("--writers", type=int, default=PEOPLE)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--screen", action="store_true",
                        help="also time the tick in the running dashboard (headless)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "content").mkdir()
        content = make_content(folder / "content")
        measure("SQLite", str(folder / "room.sqlite"), folder, content, args.people,
                args.writers, screen=args.screen)
        if args.postgres is None:
            return
        server = None
        url = args.postgres
        if url == "auto":
            sys.path.insert(0, str(ROOT / "tests"))
            from postgres import start_postgres, stop_postgres
            server = start_postgres()
            url = server.create_database("bench")
        try:
            measure("PostgreSQL", url, folder, content, args.people, args.writers,
                    server.data if server is not None else None, args.screen)
        finally:
            if server is not None:
                stop_postgres(server)


if __name__ == "__main__":
    main()
