"""Command-line choices whose one list lives in a module the command line does not load.

Building the command line must stay light (``maatwerk`` goes through it on its way to the
title screen), but the list of report and export formats lives beside their renderers. These
choices look the names up only when an argument is checked or its help is shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator


class Registered:
    """The keys of ``module.attribute`` (a registry dict), read when first needed."""

    def __init__(self, module: str, attribute: str) -> None:
        self.module, self.attribute = module, attribute

    def names(self) -> tuple[str, ...]:
        return tuple(getattr(importlib.import_module(self.module), self.attribute))

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())
