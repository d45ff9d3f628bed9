"""Where the shipped content and assets are, installed editable or as a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name  # inside a wheel
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name  # a source checkout or an editable install


def scenarios_dir() -> Path:
    return _data_dir("scenarios")


def assets_dir() -> Path:
    return _data_dir("assets")
