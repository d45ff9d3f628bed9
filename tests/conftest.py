"""Shared fixtures. No test reads or writes the player's real config, data or saves."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("MAATWERK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MAATWERK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MAATWERK_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def content():
    from game.content import load_content
    return load_content()


@pytest.fixture(autouse=True)
def _no_store_from_environment(monkeypatch):
    monkeypatch.delenv("MAATWERK_STORE", raising=False)


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for this test run (see tests/postgres.py)."""
    import os

    from postgres import start_postgres, stop_postgres
    try:
        pg = start_postgres()
    except FileNotFoundError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"{exc}; .ci/run installs it")
    yield pg
    stop_postgres(pg)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where a results store lives: each store test runs once on an SQLite file and once on
    a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "results.sqlite")
    pg = request.getfixturevalue("postgres")
    name = "t_" + tmp_path.name.lower().replace("-", "_")[-50:]
    return pg.create_database(name)


@pytest.fixture
def store(store_location):
    """A results store on each back end (see ``store_location``), closed afterwards."""
    from game.workshop.store import Store

    opened = Store(store_location)
    yield opened
    opened.close()
