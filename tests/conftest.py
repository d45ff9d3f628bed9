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
