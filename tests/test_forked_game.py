"""A forked game's start in a crowded room: it holds a place at the start gate and does not
collect cycles until its first screen is drawn; then it gives the place to the next game and
collects again, leaving what the join built out of every later collection."""

from __future__ import annotations

import gc
import os

from game.workshop.forkserver import StartGate, _drawn


def test_a_game_lets_the_next_start_and_collects_again_once_it_is_drawn():
    gate = StartGate(1)
    gate.enter()
    assert gate.holding, "the room's one place is this game's"
    gc.disable()
    before = gc.get_freeze_count()
    try:
        _drawn(gate)
        assert gc.isenabled(), "a game that never collected again would grow as it is played"
        assert gc.get_freeze_count() > before
        assert not gate.holding and os.read(gate.read_end, 1) == b"x", "the next game may start"
    finally:
        gc.unfreeze()
        gc.enable()
