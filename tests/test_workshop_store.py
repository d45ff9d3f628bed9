"""The results store, the recorder and rejoining: in-process, each test on a real SQLite file
and again on a real PostgreSQL database (the ``store_location`` fixture)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import os

import pytest

from conftest import FIXTURES, ROOT
from engine_fixtures import CAMPAIGN, content  # noqa: F401 (fixture)
from game.workshop.participant import join_session
from game.workshop.recorder import WorkshopError
from game.workshop.store import (
    CODE_PATTERN, PLENARY, NameInUse, Store, StoreError, UnknownSession, valid_name,
)


@pytest.fixture
def sqlite_store(tmp_path):
    return Store(tmp_path / "results.sqlite")


def _count(store, table):
    return store._run(lambda conn: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


@pytest.fixture
def code(store):
    return store.create_session("Cursus", CAMPAIGN, "nl", [str(FIXTURES / "engine")]).code


def test_a_session_gets_a_short_readable_code_and_wal_mode(store, code):
    assert CODE_PATTERN.match(code)
    assert not set(code) & set("0O1IL")
    info = store.session(code.lower())  # codes are typed by people: case does not matter
    assert (info.name, info.campaign, info.participants, info.decisions) == ("Cursus", CAMPAIGN,
                                                                             0, 0)
    if store.path is not None:
        mode = sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_decisions_are_recorded_as_made_and_only_once(store, code, content):
    joined = join_session(content, store, code, "anna", seed=4)
    run = joined.run
    run.investigate("huisbezoek")
    run.choose("hardheid", "Henk kan anders niet naar de markt")
    info, rows, _ = store.results(code)
    assert [d.option for d in rows[0].decisions] == ["hardheid"]
    assert rows[0].decisions[0].motivation == "Henk kan anders niet naar de markt"
    assert rows[0].decisions[0].investigated == ("huisbezoek",)
    # the hook firing again (a retry) must not duplicate anything
    joined.recorder.recorded_decisions = 0
    joined.recorder.state_offset = 0
    joined.recorder.next_seq = 0
    joined.recorder.flush(run)
    info, rows, _ = store.results(code)
    assert len(rows[0].decisions) == 1 and info.decisions == 1
    assert len(store.actions(rows[0].participant.id)) == 2


def test_rejoining_with_the_same_name_resumes_the_run(store, code, content):
    first = join_session(content, store, code, "bert", seed=11)
    first.run.choose("afwijzen", "regel is regel")
    first.run.investigate("dagbesteding")  # not submitted: lost when the connection drops
    rejoin = first.participant.rejoin
    assert ("ws_rejoin_code", {"name": "bert", "rejoin": rejoin}) in first.messages
    del first
    again = join_session(content, store, code, "bert", seed=999,  # the stored seed wins
                         rejoin=rejoin.lower())  # typed by a person: case does not matter
    assert again.participant.rejoined and again.participant.seed == 11
    assert again.run.game.state.current == "scootmobiel-joop"
    assert [d.option for d in again.run.game.state.decisions] == ["afwijzen"]
    assert again.messages[0][0] == "ws_rejoined"
    again.run.choose(again.run.game.options()[0].id, "")
    _, rows, _ = store.results(code)
    assert [(d.number, d.case) for d in rows[0].decisions] == [
        (1, "scootmobiel-henk"), (2, "scootmobiel-joop")]
    assert rows[0].participant.finished
    other = join_session(content, store, code, "carla", seed=11)
    assert other.participant.id != again.participant.id


def test_a_failed_write_is_kept_and_written_with_the_next_decision(store, code, content,
                                                                   monkeypatch):
    joined = join_session(content, store, code, "dirk", seed=2)
    errors = []
    joined.recorder.on_error = errors.append
    real = Store.record
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise StoreError("ws_store_locked", path=self.where)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "record", flaky)
    joined.run.choose("afwijzen", "eerste")
    assert errors and joined.recorder.pending
    assert store.results(code)[1][0].decisions == []
    joined.run.choose(joined.run.game.options()[0].id, "tweede")
    decisions = store.results(code)[1][0].decisions
    assert [d.motivation for d in decisions] == ["eerste", "tweede"]
    assert not joined.recorder.pending


def test_a_joined_run_is_recorded_and_a_pseudonym_keeps_its_one_run(store, code, content):
    joined = join_session(content, store.location, code, "eva", seed=5)
    joined.run.choose("categorie", "vaste regel")
    rows = store.results(code)[1]
    assert rows[0].participant.seed == 5
    assert [d.option for d in rows[0].decisions] == ["categorie"]
    with pytest.raises(NameInUse):  # someone else under her name: refused
        join_session(content, store.location, code, "eva", seed=6)
    # eva herself, with her code: her own run goes on, no second run is started
    again = join_session(content, store.location, code, "eva", seed=6,
                         rejoin=joined.participant.rejoin)
    assert again.run.game.state.seed == 5
    assert [d.option for d in again.run.game.state.decisions] == ["categorie"]
    assert [d.option for d in store.results(code)[1][0].decisions] == ["categorie"]


def test_pseudonyms_are_checked_and_plenair_is_reserved(store, code, content):
    assert valid_name("Anna B.") and valid_name("jan-willem") and valid_name("Zoë")
    assert not valid_name("") and not valid_name(" x") and not valid_name("a;rm -rf /")
    assert not valid_name("x" * 33)
    with pytest.raises(WorkshopError) as info:
        join_session(content, store, code, PLENARY)
    assert "plenair" in info.value.message("nl")
    with pytest.raises(WorkshopError):
        join_session(content, store, code, "$(reboot)")


def test_purge_deletes_everything_of_one_session(store, code, content):
    other = store.create_session("Andere", CAMPAIGN).code
    join_session(content, store, code, "anna", seed=1).run.choose("afwijzen", "geheim")
    join_session(content, store, other, "anna", seed=1).run.choose("afwijzen", "blijft")
    store.record_votes(code, "scootmobiel-henk", {"afwijzen": 3})
    assert store.purge(code) == 1
    with pytest.raises(UnknownSession):
        store.session(code)
    assert store.results(other)[1][0].decisions[0].motivation == "blijft"
    assert _count(store, "votes") == 0
    assert _count(store, "participants") == 1
    assert _count(store, "actions") == 1
    if store.path is not None:  # SQLite overwrites purged pages (secure_delete)
        assert b"geheim" not in store.path.read_bytes()


def test_a_corrupt_store_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(StoreError) as info:
        Store(bad).sessions()
    assert info.value.key == "ws_store_damaged"
    assert str(bad) in info.value.message("nl")


def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(other).sessions()
    assert info.value.key == "ws_store_foreign"


def test_a_locked_store_gives_a_clear_error_after_retrying(sqlite_store):
    store = sqlite_store
    blocker = sqlite3.connect(store.path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        quick = Store(store.path, busy_timeout_ms=50, retries=2)
        with pytest.raises(StoreError) as info:
            quick.create_session("x", CAMPAIGN)
        assert info.value.key == "ws_store_locked"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def _cli(args, tmp_path, stdin=""):
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)


def test_cli_new_list_export_purge(tmp_path):
    store = tmp_path / "w.sqlite"
    made = _cli(["workshop", "new", "--name", "NSOB dag 1", "--campaign", CAMPAIGN,
                 "--scenarios", str(FIXTURES / "engine"), "--store", str(store)], tmp_path)
    assert made.returncode == 0, made.stderr
    code = next(line.split(":")[1].strip() for line in made.stdout.splitlines()
                if line.strip().startswith("Code:"))
    assert f"maatwerk play --join {code} --store" in made.stdout
    played = _cli(["play", "--join", code.lower(), "--plain", "--name", "p1", "--store",
                   str(store), "--seed", "3"], tmp_path, "1\neerlijk\n2\n\n")
    assert played.returncode == 0, played.stderr
    assert "Je doet mee aan de workshop 'NSOB dag 1' als p1." in played.stdout
    listing = _cli(["workshop", "list", "--store", str(store)], tmp_path)
    assert code in listing.stdout and "NSOB dag 1" in listing.stdout
    csv = _cli(["workshop", "export", code, "--format", "csv", "--store", str(store)], tmp_path)
    assert csv.returncode == 0 and len(csv.stdout.strip().splitlines()) == 3
    refused = _cli(["workshop", "purge", code, "--store", str(store)], tmp_path)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    purged = _cli(["workshop", "purge", code, "--yes", "--store", str(store)], tmp_path)
    assert purged.returncode == 0 and "verwijderd" in purged.stdout
    gone = _cli(["play", "--join", code, "--plain", "--name", "p1", "--store", str(store)],
                tmp_path, "1\n")
    assert gone.returncode == 1 and code in gone.stderr and "Traceback" not in gone.stderr


@pytest.mark.parametrize("args", [
    ["workshop", "list"], ["workshop", "dashboard", "ABCDEF"], ["workshop", "export", "ABCDEF"],
    ["play", "--join", "ABCDEF", "--plain", "--name", "x"],
])
def test_cli_on_a_corrupt_store_says_so_without_a_traceback(tmp_path, args):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage " * 1000)
    result = _cli([*args, "--store", str(bad)], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "beschadigd" in result.stderr and str(bad) in result.stderr


def test_cli_on_a_missing_store_or_a_bad_code(tmp_path):
    missing = _cli(["play", "--join", "ABCDEF", "--plain", "--name", "x", "--store",
                    str(tmp_path / "none.sqlite")], tmp_path)
    assert missing.returncode == 1 and "workshop new" in missing.stderr
    bad = _cli(["play", "--join", "A;B", "--plain", "--name", "x", "--store",
                str(tmp_path / "none.sqlite")], tmp_path)
    assert bad.returncode == 1 and "geen geldige sessiecode" in bad.stderr
