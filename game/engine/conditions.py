"""Evaluate conditions against a run. Pure: the same state always gives the same answer."""

from __future__ import annotations

import hashlib

from game.content.conditions import (
    AllCond, AnyCond, ChanceCond, ChoseCond, EventCond, FlagCond, InvestigatedCond, LoyaltyCond,
    MeterCond, NotCond, PlayedCond,
)
from game.engine.state import RunState


def stable_fraction(seed: int, salt: str) -> float:
    """A number in [0, 1) fixed by the run's seed and the place that asks."""
    digest = hashlib.sha256(f"{seed}:{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def holds(cond, state: RunState, salt: str = "") -> bool:
    if cond is None:
        return True
    if isinstance(cond, FlagCond):
        return cond.flag in state.flags
    if isinstance(cond, ChoseCond):
        case, option = cond.chose.split("/", 1)
        return state.chose(case, option)
    if isinstance(cond, PlayedCond):
        return state.decision_for(cond.played) is not None
    if isinstance(cond, InvestigatedCond):
        case, action = cond.investigated.split("/", 1)
        return (case, action) in state.investigated
    if isinstance(cond, EventCond):
        return cond.event in state.fired
    if isinstance(cond, MeterCond):
        return cond.holds(state.meters.get(cond.meter, 0))
    if isinstance(cond, LoyaltyCond):
        return cond.holds(state.loyalties.get(cond.loyalty, 0))
    if isinstance(cond, ChanceCond):
        return stable_fraction(state.seed, f"{salt}:{cond.chance}") < cond.chance
    if isinstance(cond, AllCond):
        return all(holds(c, state, salt) for c in cond.all)
    if isinstance(cond, AnyCond):
        return any(holds(c, state, salt) for c in cond.any)
    if isinstance(cond, NotCond):
        return not holds(cond.not_, state, salt)
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover - the schema is closed
