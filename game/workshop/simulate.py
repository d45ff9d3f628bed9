"""Simulated participants: fill a session with seeded, reproducible play.

For the benchmark, the tests, and for a facilitator who wants to try the dashboard before the
room arrives. Each participant plays through ``join_session`` like a real one, so everything
goes through the recorder and the store.
"""

from __future__ import annotations

import random

from game.content import Content
from game.workshop.participant import join_session
from game.workshop.store import Store

MOTIVATIONS = {
    "standaardisatie": ["De regel is voor iedereen gelijk.", "Anders krijgen we willekeur.",
                        ""],
    "beleidscategorie": ["Dit moet een vaste categorie worden.", "Gelijke gevallen gelijk.", ""],
    "hardheidsclausule": ["Hier knelt de regel echt.", "Een uitzondering, goed gemotiveerd.",
                          ""],
    "standaardmaatwerk": ["Samen kijken wat past.", "Maatwerk is hier goedkoper.", ""],
}


def play_participant(content: Content, store: Store, code: str, name: str, seed: int,
                     decisions: int | None = None, investigate: bool = True) -> int:
    """Join as ``name`` and decide up to ``decisions`` cases (all when None) with a seeded
    random policy. Returns the number of decisions made."""
    joined = join_session(content, store, code, name, seed=seed)
    run = joined.run
    rng = random.Random(seed)
    made = 0
    while not run.game.finished and (decisions is None or made < decisions):
        if investigate:
            for inv in run.game.investigations():
                # ask again each time: an investigation just done may have used the hours
                still = next(i for i in run.game.investigations() if i.id == inv.id)
                if not still.done and still.affordable and rng.random() < 0.4:
                    run.investigate(inv.id)
        options = [o for o in run.game.options() if not o.locked]
        option = rng.choice(options)
        run.choose(option.id, rng.choice(MOTIVATIONS.get(option.variant, [""])))
        made += 1
    return made


def fill(content: Content, store: Store, code: str, people: int, seed: int = 1,
         decisions: int | None = None) -> None:
    """``people`` simulated participants named p1, p2, ... with seeds from ``seed``."""
    for i in range(1, people + 1):
        play_participant(content, store, code, f"p{i}", seed + i, decisions)
