"""Writes every decision to the results store the moment it is made (a ``Run`` hook).

A decision is recorded together with the actions that led to it (the investigations of that
case and the choice itself), in one transaction. When a write fails (the store is locked for
too long, the disk is full), nothing is lost from the run: the recorder keeps what is pending
and writes it with the next decision, or when ``flush`` is called at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.views import Outcome
from game.run import Run
from game.workshop.store import Participant, SessionEnded, Store, StoreError


class WorkshopError(StoreError):
    """Joining or recording is not possible; ``message(lang)`` is for a person."""


class Recorder:
    """The ``on_decision`` hook of one participant's session."""

    def __init__(self, store: Store, participant: Participant, *, stored_actions: int = 0,
                 state_offset: int = 0, recorded_decisions: int = 0,
                 on_error: Callable[[StoreError], None] | None = None) -> None:
        self.store = store
        self.participant = participant
        self.next_seq = stored_actions  # the sequence number of the next action in the store
        self.state_offset = state_offset  # actions of the run that are already in the store
        self.recorded_decisions = recorded_decisions
        self.on_error = on_error
        self.pending = False
        self.ended = False  # the session was purged: nothing more can be recorded

    def __call__(self, run: Run, outcome: Outcome, motivation: str) -> None:
        self.flush(run)

    def flush(self, run: Run) -> bool:
        """Write what is not in the store yet. True when the store is up to date."""
        state = run.game.state
        actions = state.actions[self.state_offset:]
        decisions = state.decisions[self.recorded_decisions:]
        if not actions and not decisions:
            return True
        if self.ended:
            return False
        try:
            self.store.record(self.participant.id, self.next_seq, actions, decisions,
                              run.game.finished)
        except StoreError as exc:
            self.pending = True
            self.ended = isinstance(exc, SessionEnded)  # said once; no use retrying
            if self.on_error is not None:
                self.on_error(exc)
            return False
        self.next_seq += len(actions)
        self.state_offset += len(actions)
        self.recorded_decisions += len(decisions)
        self.pending = False
        return True


    def confirm(self, run: Run) -> bool:
        """Write what is pending, then check that the store really holds every decision of
        the run: only then may the participant be told their decisions are recorded."""
        if not self.flush(run):
            return False
        try:
            stored = self.store.recorded(self.participant.id)
        except StoreError:
            return False
        if stored is None:
            self.ended = True
            return False
        return stored >= len(run.game.state.decisions)

