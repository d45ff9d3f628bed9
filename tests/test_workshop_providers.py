"""What a course provider needs from the store, on SQLite and PostgreSQL alike: this group
against the groups before it (anonymous, a session can stay out), retention, and a listing
with age and size."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, ROOT
from game.content import load_content
from game.workshop.export import export
from game.workshop.participant import join_session
from game.workshop.results import load_results
from game.workshop.retention import apply_retention, parse_age, set_retention
from game.workshop.store import Store

CAMPAIGN = "test-scootmobiel"
DAY = 86400


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def _session(store, name, ago_days=0.0, compare=True):
    code = store.create_session(name, CAMPAIGN, "nl", [str(FIXTURES / "engine")],
                                compare=compare).code
    created = time.time() - ago_days * DAY
    store._run(lambda conn: conn.execute("UPDATE sessions SET created = ? WHERE code = ?",
                                         (created, code)), write=True)
    return code


def _play(content, store, code, name, option, seed=1):
    joined = join_session(content, store, code, name, seed=seed)
    joined.run.choose(option, f"{name} koos {option}")
    return joined


def test_this_group_is_set_against_the_earlier_groups_of_the_campaign(store, content):
    first = _session(store, "Groep maart", ago_days=60)
    for n in range(3):
        _play(content, store, first, f"m{n}", "afwijzen", seed=n)
    _play(content, store, first, "m3", "hardheid", seed=3)
    apart = _session(store, "Proefsessie", ago_days=30, compare=False)
    for n in range(5):
        _play(content, store, apart, f"p{n}", "hardheid", seed=n)
    now = _session(store, "Groep juni")
    _play(content, store, now, "anna", "hardheid", seed=1)
    _play(content, store, now, "bert", "hardheid", seed=2)

    results = load_results(store, content, now)
    earlier = results.earlier
    assert (earlier.sessions, earlier.people) == (1, 4)  # the kept-out session does not count
    henk = earlier.case("scootmobiel-henk")
    assert henk.decided_before == 4
    assert henk.option("afwijzen").before == pytest.approx(0.75)
    assert henk.option("hardheid").before == pytest.approx(0.25)
    assert henk.option("hardheid").here == pytest.approx(1.0)
    burger = next(x for x in earlier.spread if x.loyalty == "burger")
    assert burger.low <= burger.median <= burger.high
    # the earliest group has no one before it; a later one is never compared backwards
    assert load_results(store, content, first).earlier.people == 0

    report = export(content, store, now, "md")
    section = report[report.index("## Vergeleken met eerdere groepen"):]
    assert "4 deelnemers in 1 eerdere sessies" in section
    assert "| 100% | 25% |" in section
    for name in ("m0", "m3", "p0", "koos"):  # anonymous: no names, no motivations
        assert name not in section
    assert "Vergeleken met eerdere groepen" in export(content, store, now, "html")


def test_a_session_can_be_kept_out_afterwards(store, content):
    old = _session(store, "Oud", ago_days=10)
    _play(content, store, old, "a", "afwijzen")
    now = _session(store, "Nu")
    assert load_results(store, content, now).earlier.people == 1
    assert not store.set_compare(old, False).compare
    assert load_results(store, content, now).earlier.people == 0


def test_retention_purges_what_is_older_and_only_that(store, content):
    old = _session(store, "Oud", ago_days=120)
    _play(content, store, old, "a", "afwijzen")
    recent = _session(store, "Recent", ago_days=10)
    assert apply_retention(store) == []  # no retention set: nothing goes
    set_retention(store, parse_age("90d"))
    removed = apply_retention(store)
    assert [(info.code, people) for info, people in removed] == [(old, 1)]
    assert [info.code for info in store.sessions()] == [recent]


def test_ages_are_read_as_people_write_them():
    assert parse_age("90d") == 90 * DAY and parse_age("12w") == 84 * DAY
    assert parse_age("1y") == 365 * DAY and parse_age(" 36H ") == 36 * 3600
    for bad in ("", "90", "d", "-5d", "0d", "ninety days", "9999999d"):
        assert parse_age(bad) is None


def _cli(tmp_path, *args, stdin=""):
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_the_provider_commands(tmp_path, store_location):
    store = Store(store_location)
    old = _session(store, "Groep januari", ago_days=100)
    keep = _session(store, "Groep oktober", ago_days=5)
    store.close()
    where = ["--store", store_location]
    listing = _cli(tmp_path, "workshop", "list", *where)
    assert listing.returncode == 0, listing.stderr
    row = next(line for line in listing.stdout.splitlines() if line.startswith(old))
    assert "100 d" in row and "kB" in row
    assert "geen bewaartermijn" in listing.stdout
    assert "geheim-wachtwoord" not in listing.stdout + listing.stderr
    refused = _cli(tmp_path, "workshop", "purge", "--older-than", "negentig", *where)
    assert refused.returncode == 2 and "90d" in refused.stderr
    asks = _cli(tmp_path, "workshop", "purge", "--older-than", "90d", *where)
    assert asks.returncode == 2 and "--yes" in asks.stderr
    purged = _cli(tmp_path, "workshop", "purge", "--older-than", "90d", "--yes", *where)
    assert purged.returncode == 0 and old in purged.stdout and keep not in purged.stdout
    assert _cli(tmp_path, "workshop", "retention", "30d", *where).returncode == 0
    shown = _cli(tmp_path, "workshop", "retention", *where)
    assert "30 d" in shown.stdout
    made = _cli(tmp_path, "workshop", "new", "--name", "Groep december", "--campaign",
                CAMPAIGN, "--scenarios", str(FIXTURES / "engine"), "--no-compare", *where)
    assert made.returncode == 0, made.stderr
    # the 30-day retention took the 5-day-old session? no: it is younger; nothing else left
    left = _cli(tmp_path, "workshop", "list", *where).stdout
    assert keep in left and "Groep december" in left and "telt niet mee" in left
    off = _cli(tmp_path, "workshop", "compare", keep, "off", *where)
    assert off.returncode == 0 and "buiten" in off.stdout


def test_the_dashboard_sets_the_group_against_earlier_groups(tmp_path, content):
    import asyncio

    from game.ui.workshop.dashboard import DashboardApp
    from game.ui.workshop.earlier_view import EarlierGroups
    from game.workshop.simulate import fill

    store = Store(tmp_path / "room.sqlite")
    before = _session(store, "Voorjaar", ago_days=40)
    fill(content, store, before, 5, seed=3)
    now = _session(store, "Najaar")
    fill(content, store, now, 4, seed=9)

    async def run():
        app = DashboardApp(store, content, now, interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("6")
            await pilot.pause()
            view = app.screen.query_one(EarlierGroups)
            text = str(view.render())
            assert "5 deelnemers in 1 eerdere sessies" in text
            assert "Deze groep" in text and "Eerdere groepen" in text
            assert "5 besluiten van eerdere groepen" in text
            assert not any(f"p{i}" in text for i in range(1, 6))  # no pseudonyms
    asyncio.run(run())
