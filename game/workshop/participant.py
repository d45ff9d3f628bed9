"""Joining a workshop session, or rejoining it: same code and pseudonym, same participant.

The store holds each participant's seed and actions, so a run is rebuilt with
``game.engine.game.replay`` and continues where the connection dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.content import Content
from game.engine.game import replay
from game.run import Run
from game.workshop.recorder import Recorder, WorkshopError
from game.textsafety import LIMITS, mixed_scripts, name_key, normalise_name
from game.workshop.store import (
    PLENARY, Participant, SessionInfo, Store, StoreError, normalise_code, valid_name,
)


@dataclass
class Joined:
    run: Run
    participant: Participant
    info: SessionInfo
    recorder: Recorder
    messages: list[tuple[str, dict]] = field(default_factory=list)  # (string key, values)

    @property
    def campaign(self) -> str:
        return self.info.campaign

    @property
    def seat(self) -> tuple[str, str] | None:
        """The pseudonym and its rejoin code, to keep in view (also after a rejoin); None for
        the facilitator's plenary run, which has no code."""
        if self.participant.name == PLENARY or not self.participant.rejoin:
            return None
        return self.participant.name, self.participant.rejoin


@dataclass(frozen=True)
class WorkshopTicket:
    """What a front end needs to join a session once its content is loaded."""

    store: str | Path  # a file path or a postgresql:// URL
    code: str
    name: str
    seed: int | None = None
    rejoin: str | None = None  # the code shown when this pseudonym first joined

    def join(self, content: Content, lang: str | None = None,
             on_error: Callable[[StoreError], None] | None = None) -> Joined:
        return join_session(content, self.store, self.code, self.name, lang, self.seed,
                            on_error, rejoin=self.rejoin)

    def with_rejoin(self, code: str) -> WorkshopTicket:
        return replace(self, rejoin=code)


def check_name(name: str, allow_plenary: bool = False) -> str:
    """A pseudonym as it is kept (NFKC, controls removed, single spaces), or WorkshopError."""
    name = normalise_name(name)
    if not valid_name(name):
        raise WorkshopError("ws_bad_name", name=name[:LIMITS["name"] + 8])
    if mixed_scripts(name):
        raise WorkshopError("ws_name_mixed", name=name)
    if name_key(name) == PLENARY and not allow_plenary:
        raise WorkshopError("ws_name_reserved", name=name)
    return name


def join_session(content: Content, store: Store | Path | str, code: str, name: str,
                 lang: str | None = None, seed: int | None = None,
                 on_error: Callable[[StoreError], None] | None = None,
                 allow_plenary: bool = False, rejoin: str | None = None) -> Joined:
    """Join session ``code`` as ``name``, or resume that participant's run from the store
    (a name in use needs its ``rejoin`` code: else ``NameInUse``). The returned run
    records every decision (its recorder is attached)."""
    store = store if isinstance(store, Store) else Store(store)
    name = check_name(name, allow_plenary)
    info = store.session(normalise_code(code))
    if info.campaign not in content.campaigns:
        raise WorkshopError("ws_campaign_missing", campaign=info.campaign, code=info.code)
    participant = store.join(info.code, name, seed, rejoin=rejoin, trusted=allow_plenary)
    stored = store.actions(participant.id)
    game, applied, why = replay(content, info.campaign, participant.seed, stored,
                                lang or info.lang)
    messages: list[tuple[str, dict]] = []
    if participant.rejoined:
        messages.append(("ws_rejoined", {"name": participant.name,
                                         "decisions": len(game.state.decisions)}))
    if participant.name != PLENARY and (not participant.rejoined
                                        or normalise_code(rejoin or "") != participant.rejoin):
        messages.append(("ws_rejoin_code", {"name": participant.name,
                                            "rejoin": participant.rejoin}))
    if why is not None:
        messages.append(("ws_replay_partial", {"applied": applied, "total": len(stored),
                                               "reason": why}))
    run = Run(content, game, save_path=None)
    recorder = Recorder(store, participant, stored_actions=len(stored), state_offset=applied,
                        recorded_decisions=len(game.state.decisions),
                        on_error=on_error)
    run.on_decision.append(recorder)
    return Joined(run, participant, info, recorder, messages)
