"""Maatwerk: a serious game about the dilemmas of Dutch front-line caseworkers."""

__version__ = "0.1.0"
