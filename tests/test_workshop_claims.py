"""A pseudonym is claimed: one name, one participant; rejoining needs the code shown at joining;
the facilitator can release a name; a purged session is reported as ended; older stores are
migrated."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import threading

import pytest

from conftest import FIXTURES, ROOT
from engine_fixtures import CAMPAIGN, content  # noqa: F401 (fixture)
from game.workshop.join import PlainParticipant
from game.workshop.participant import join_session
from game.workshop.recorder import WorkshopError
from game.workshop.store import SCHEMA_VERSION, NameInUse, Store


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "room.sqlite")


@pytest.fixture
def code(store):
    return store.create_session("Zaal", CAMPAIGN, "nl", [str(FIXTURES / "engine")]).code


def cli(args, tmp_path, stdin: str | bytes = "", **extra_env: str):
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"), **extra_env)
    return subprocess.Popen([sys.executable, "-m", "game", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=isinstance(stdin, str), env=env, cwd=ROOT)


def run(args, tmp_path, stdin: str | bytes = "", **extra_env: str):
    proc = cli(args, tmp_path, stdin, **extra_env)
    out, err = proc.communicate(stdin, timeout=90)
    return proc.returncode, out, err


def join_args(store: Store, code: str, name: str, *extra: str) -> list[str]:
    return ["play", "--join", code, "--plain", "--name", name, "--store", str(store.path),
            *extra]


def test_two_threads_claiming_one_name_one_is_refused_and_nothing_is_merged(store, code,
                                                                            content):
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def participant(name: str, motivation: str) -> None:
        start.wait()
        try:
            joined = join_session(content, store, code, name, seed=len(name))
        except NameInUse as exc:
            results[name] = exc
            return
        told = []
        joined.run.choose("afwijzen", motivation)
        if not joined.recorder.pending:  # what the participant is told: recorded
            told.append(motivation)
        results[name] = told

    threads = [threading.Thread(target=participant, args=(name, f"van {name!r}"))
               for name in ("anna", " ANNA ")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    refused = [r for r in results.values() if isinstance(r, NameInUse)]
    told = [m for r in results.values() if isinstance(r, list) for m in r]
    assert len(refused) == 1 and len(told) == 1
    assert "in gebruik" in refused[0].message("nl")
    _, rows, _ = store.results(code)
    assert len(rows) == 1
    assert [d.motivation for d in rows[0].decisions] == told


def test_two_processes_with_one_name_every_decision_told_stored_is_stored(store, code,
                                                                         tmp_path):
    script = "1\nmotivering {n}\n2\ntweede {n}\n"
    procs = [cli(join_args(store, code, name, "--seed", str(n)), tmp_path)
             for n, name in enumerate(["anna", "Anna"], start=1)]
    finished = [(p.communicate(script.format(n=n), timeout=90), p.returncode)
                for n, p in enumerate(procs, start=1)]
    winners = [(n, out) for n, ((out, err), rc) in enumerate(finished, start=1) if rc == 0]
    losers = [err for (out, err), rc in finished if rc != 0]
    assert len(winners) == 1 and len(losers) == 1, finished
    assert "in gebruik" in losers[0] and "Traceback" not in losers[0]
    n, out = winners[0]
    assert "Je besluiten staan in de workshop" in out
    _, rows, _ = store.results(code)
    assert len(rows) == 1
    told = re.findall(r"^Gevolgen: ", out, flags=re.M)
    assert [d.motivation for d in rows[0].decisions] == [f"motivering {n}", f"tweede {n}"]
    assert len(told) == len(rows[0].decisions)


def test_rejoining_needs_the_right_code(store, code, tmp_path):
    rc, out, err = run(join_args(store, code, "bert", "--seed", "4"), tmp_path, "1\neerste\n")
    assert rc == 0, err
    rejoin = re.search(r"terugkeercode is ([A-Z0-9]{4})", out).group(1)
    assert rejoin in out.splitlines()[-1] or rejoin in out  # repeated at the end
    rc, out, err = run(join_args(store, code, "Bert", "--rejoin", "ZZZZ"), tmp_path, "1\n\n")
    assert rc == 1 and "hoort niet bij 'bert'" in err and "Traceback" not in err
    rc, out, err = run(join_args(store, code, "bert", "--rejoin", rejoin.lower()), tmp_path,
                       "2\ntweede\n")
    assert rc == 0, err
    assert "Welkom terug, bert" in out and "Casus 2" in out
    _, rows, _ = store.results(code)
    assert [d.motivation for d in rows[0].decisions] == ["eerste", "tweede"]


def test_the_facilitator_releases_a_name(store, code, content, tmp_path):
    first = join_session(content, store, code, "carla", seed=2)
    first.run.choose("afwijzen", "eerst")
    old = first.participant.rejoin
    rc, out, err = run(["workshop", "release", code, "CARLA", "--store", str(store.path)],
                       tmp_path)
    assert rc == 0 and "carla" in out and "vrijgegeven" in out, err
    again = join_session(content, store, code, "carla")  # no code needed once released
    assert again.participant.rejoined and again.participant.rejoin != old
    assert [d.motivation for d in again.run.game.state.decisions] == ["eerst"]
    assert ("ws_rejoin_code", {"name": "carla", "rejoin": again.participant.rejoin}) \
        in again.messages
    with pytest.raises(NameInUse):  # the old code no longer works: the name is claimed again
        join_session(content, store, code, "carla", rejoin=old)
    rc, out, err = run(["workshop", "release", code, "nobody", "--store", str(store.path)],
                       tmp_path)
    assert rc == 1 and "nobody" in err and "Traceback" not in err


def test_look_alike_and_mixed_script_names_are_refused(store, code, content):
    join_session(content, store, code, "anna", seed=1)
    with pytest.raises(WorkshopError) as mixed:
        join_session(content, store, code, "аnna")  # Cyrillic а among Latin letters
    assert "schriften" in mixed.value.message("nl")
    with pytest.raises(NameInUse):
        join_session(content, store, code, "ＡＮＮＡ")  # full-width: the same name after NFKC


def test_after_a_purge_the_participant_is_told_the_session_ended(store, code, content):
    joined = join_session(content, store, code, "dirk", seed=5)
    answers = iter(["1", "voor de purge", "1", "na de purge"])

    def read(prompt: str) -> str:
        answer = next(answers, None)
        if answer is None:
            raise EOFError
        if answer == "na de purge":
            store.purge(code)
        return answer
    out = io.StringIO()
    assert PlainParticipant(joined, out=out, read=read).run() == 1
    text = " ".join(out.getvalue().split())
    assert "heeft deze workshopsessie beëindigd" in text
    assert "beschadigd" not in text and "Je besluiten staan in de workshop" not in text
    assert text.count("Wat je nu nog beslist, wordt niet meer vastgelegd") == 1  # said once


def test_a_purge_after_the_last_decision_is_not_reported_as_recorded(store, code, content):
    joined = join_session(content, store, code, "eef", seed=5)
    answers = iter(["1", "vastgelegd, daarna verwijderd"])

    def read(prompt: str) -> str:
        answer = next(answers, None)
        if answer is None:
            store.purge(code)  # the facilitator purges while the participant thinks
            raise EOFError
        return answer
    out = io.StringIO()
    assert PlainParticipant(joined, out=out, read=read).run() == 1
    text = " ".join(out.getvalue().split())
    assert "Je besluiten staan in de workshop" not in text
    assert "beëindigd en de resultaten verwijderd" in text


V1_SCHEMA = """
CREATE TABLE sessions (code TEXT PRIMARY KEY, name TEXT NOT NULL, campaign TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'nl', scenarios TEXT NOT NULL DEFAULT '[]', created REAL NOT NULL);
CREATE TABLE participants (id INTEGER PRIMARY KEY,
    code TEXT NOT NULL REFERENCES sessions(code) ON DELETE CASCADE, name TEXT NOT NULL,
    seed INTEGER NOT NULL, joined REAL NOT NULL, last_seen REAL NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0, UNIQUE (code, name));
CREATE TABLE actions (participant INTEGER NOT NULL, seq INTEGER NOT NULL, do TEXT NOT NULL,
    case_id TEXT NOT NULL, item TEXT NOT NULL, motivation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (participant, seq));
CREATE TABLE decisions (participant INTEGER NOT NULL, number INTEGER NOT NULL,
    case_id TEXT NOT NULL, option TEXT NOT NULL, variant TEXT NOT NULL,
    escalation INTEGER NOT NULL, motivation TEXT NOT NULL, compare_group TEXT,
    loyalties TEXT NOT NULL, meters TEXT NOT NULL, investigated TEXT NOT NULL,
    decided REAL NOT NULL, PRIMARY KEY (participant, number));
CREATE TABLE votes (code TEXT NOT NULL, case_id TEXT NOT NULL, option TEXT NOT NULL,
    count INTEGER NOT NULL, PRIMARY KEY (code, case_id, option));
INSERT INTO sessions VALUES ('ABCDEF', 'Oud', 'test-scootmobiel', 'nl', '[]', 1);
INSERT INTO participants VALUES (1, 'ABCDEF', 'anna', 3, 1, 1, 0);
INSERT INTO participants VALUES (2, 'ABCDEF', 'Anna', 4, 1, 1, 0);
INSERT INTO actions VALUES (1, 0, 'choose', 'scootmobiel-henk', 'afwijzen', 'oud besluit');
PRAGMA user_version = 1;
"""


def test_a_store_of_version_1_is_migrated_and_keeps_its_runs(tmp_path, content):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(V1_SCHEMA)
    conn.close()
    store = Store(path)
    joined = join_session(content, store, "ABCDEF", "ANNA")  # a run from before codes
    assert joined.participant.id == 1 and joined.participant.rejoined
    assert [a.motivation for a in store.actions(1)] == ["oud besluit"]
    assert joined.participant.rejoin  # ... now claimed with a code
    with pytest.raises(NameInUse):
        join_session(content, store, "ABCDEF", "anna")
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION
    _, rows, _ = store.results("ABCDEF")
    assert sorted(r.participant.name for r in rows) == ["Anna", "anna"]  # both kept apart


def test_non_utf8_bytes_typed_in_plain_mode_are_no_traceback(tmp_path, store, code):
    env_args = ["--scenarios", str(FIXTURES / "engine"), "--campaign", CAMPAIGN, "--seed", "7"]
    strict = {"PYTHONIOENCODING": "utf-8:strict"}  # as in a UTF-8 terminal
    rc, out, err = run(["play", "--plain", *env_args], tmp_path,
                       b"\xff\xfe\n1\n\xff\xfe motivering\n", **strict)
    assert rc == 0 and b"Traceback" not in err, err
    assert "\ufffd\ufffd motivering".encode() in out  # shown as replacement characters
    rc, out, err = run(["play", "--join", code, "--plain", "--store", str(store.path)],
                       tmp_path, b"\xff\xfe\n", **strict)
    assert rc == 1 and b"Traceback" not in err and "schuilnaam".encode() in err, err
