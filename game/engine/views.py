"""What the engine hands to a front end: resolved, localised, read-only views."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NoteView:
    text: str
    cites: str | None = None  # id of an earlier case this note recalls
    cites_title: str | None = None


@dataclass(frozen=True)
class InvestigationView:
    id: str
    label: str
    hours: int
    done: bool
    affordable: bool
    reveals: str | None  # the text, once done


@dataclass(frozen=True)
class OptionView:
    id: str
    number: int  # 1-based position among the shown options
    label: str
    detail: str | None
    variant: str
    escalation: bool
    locked: bool
    reason: str | None


@dataclass(frozen=True)
class CaseView:
    id: str
    number: int  # 1-based number of this case in the run
    total: int  # cases in the campaign (some may be skipped)
    title: str
    organisation: str
    role: str | None
    citizen: str
    request: str
    rule: str
    known: str
    notes: tuple[NoteView, ...]
    hours_budget: int
    hours_lost: int
    hours_left: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class LoyaltyChange:
    loyalty: str
    delta: int
    why: str


@dataclass(frozen=True)
class MeterChange:
    meter: str
    name: str
    before: int
    after: int


@dataclass(frozen=True)
class EventView:
    id: str
    kind: str
    sender: str
    title: str
    body: str
    notes: tuple[NoteView, ...]
    dynamic: str | None
    because: str | None  # "because in case 2 you chose ..." when a decision caused it
    after_decision: int


@dataclass(frozen=True)
class Outcome:
    case: str
    option: str
    label: str
    variant: str
    text: str
    foreshadow: str | None
    loyalties: tuple[LoyaltyChange, ...]
    meters: tuple[MeterChange, ...]
    events: tuple[EventView, ...] = field(default=())
    finished: bool = False
