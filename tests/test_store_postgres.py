"""PostgreSQL as the results store: bad addresses, refusing and vanishing servers, credentials
that never show, migrations on both back ends, and many writers from several processes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT
from game.content import load_content
from game.workshop import backends
from game.workshop.participant import join_session
from game.workshop.store import Store, StoreError

CAMPAIGN = "test-scootmobiel"


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


@pytest.fixture
def database(postgres, tmp_path):
    return postgres.create_database("p_" + tmp_path.name.lower().replace("-", "_")[-40:])


def _error(location: str) -> StoreError:
    with pytest.raises(StoreError) as info:
        Store(location).sessions()
    return info.value


def test_each_way_to_miss_a_server_is_one_clear_line_without_the_password(postgres):
    cases = {
        "ws_store_auth": postgres.url("postgres", password="verkeerd-wachtwoord"),
        "ws_store_nodb": postgres.url("bestaat_niet"),
        "ws_store_unreachable": postgres.url("postgres", port=1),
        "ws_store_url": "postgresql://maatwerk:geheim@127.0.0.1:geenpoort/x",
    }
    for key, url in cases.items():
        error = _error(url)
        assert error.key == key, (key, error.message("en"))
        for lang in ("nl", "en"):
            text = error.message(lang)
            assert "\n" not in text
            assert "verkeerd-wachtwoord" not in text and "geheim" not in text
            assert postgres.port == 1 or "***" in text or key == "ws_store_url"


def test_a_postgres_url_is_never_taken_for_a_file_name(tmp_path, postgres):
    url = postgres.url("postgres", port=1)
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-m", "game", "workshop", "list", "--store", url],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "PostgreSQL" in result.stderr and "geheim-wachtwoord" not in result.stderr
    assert list(tmp_path.glob("postgres*")) == []  # no SQLite file called 'postgresql:'


def test_the_store_can_come_from_the_environment_and_list_hides_the_password(tmp_path,
                                                                            database):
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"), MAATWERK_STORE=database)

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                              text=True, env=env, cwd=ROOT, timeout=60)
    made = cli("workshop", "new", "--name", "Groep A", "--campaign", CAMPAIGN,
               "--scenarios", str(FIXTURES / "engine"))
    assert made.returncode == 0, made.stderr
    assert "geheim-wachtwoord" not in made.stdout and "***" in made.stdout
    listing = cli("workshop", "list")
    assert "Groep A" in listing.stdout and "geheim-wachtwoord" not in listing.stdout


def test_a_server_that_goes_away_loses_only_the_unsubmitted_choice(postgres, database,
                                                                   content):
    store = Store(database)
    code = store.create_session("Herstart", CAMPAIGN, "nl", [str(FIXTURES / "engine")]).code
    joined = join_session(content, store, code, "anna", seed=3)
    errors: list[StoreError] = []
    joined.recorder.on_error = errors.append
    joined.run.choose("afwijzen", "voor de storing")
    postgres.stop()
    try:
        joined.run.choose(joined.run.game.options()[0].id, "tijdens de storing")
        assert errors and errors[-1].key == "ws_store_unreachable"
        assert joined.recorder.pending  # kept in memory, playing went on
        assert joined.run.game.finished
    finally:
        postgres.start()
    assert joined.recorder.flush(joined.run)
    _, rows, _ = Store(database).results(code)
    assert [d.motivation for d in rows[0].decisions] == ["voor de storing",
                                                         "tijdens de storing"]
    store.close()


def test_an_older_store_is_migrated_on_both_back_ends(store_location, monkeypatch):
    old = Store(store_location)
    code = old.create_session("Oud", CAMPAIGN).code
    old.close()
    shipped = list(backends.MIGRATIONS)
    monkeypatch.setattr(backends, "MIGRATIONS", shipped + [
        (backends.latest_version() + 1,
         lambda conn: conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL "
                                   "DEFAULT ''"))])
    upgraded = Store(store_location)
    assert upgraded.session(code).name == "Oud"
    assert upgraded._run(lambda conn: conn.execute(
        "SELECT note FROM sessions WHERE code = ?", (code,)).fetchone()[0]) == ""
    upgraded.close()
    monkeypatch.setattr(backends, "MIGRATIONS", shipped)  # an older program, the newer store
    with pytest.raises(StoreError) as info:
        Store(store_location).sessions()
    assert info.value.key == "ws_store_newer"


def _script(n: int) -> str:
    return f"{n % 4 + 1}\nmotivering van p{n}\n{n % 2 + 1}\n\n"


def test_writers_in_many_processes_each_decision_exactly_once(tmp_path, database):
    code = Store(database).create_session("Zaal", CAMPAIGN, "nl",
                                          [str(FIXTURES / "engine")]).code
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"), MAATWERK_STORE=database)
    people = 24
    procs = [subprocess.Popen(
        [sys.executable, "-m", "game", "play", "--join", code, "--plain", "--name", f"p{n}",
         "--seed", str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) for n in range(people)]
    for n, proc in enumerate(procs):
        _, err = proc.communicate(_script(n), timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err
    info, rows, _ = Store(database).results(code)
    assert info.participants == people and info.decisions == 2 * people
    for row in rows:
        n = int(row.participant.name[1:])
        assert [d.number for d in row.decisions] == [1, 2]
        assert row.decisions[0].motivation == f"motivering van p{n}"
