"""What the engine hands to a front end: resolved, localised, read-only views.

Front ends (the terminal app, plain mode, the workshop's screens) read only these: never the
run's state or the content models behind them.
"""

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
    case_title: str = ""
    totals: tuple[tuple[str, int], ...] = ()  # each loyalty's total after this decision

    def total(self, loyalty: str) -> int:
        return dict(self.totals).get(loyalty, 0)


@dataclass(frozen=True)
class MeterView:
    id: str
    name: str
    value: int
    min: int
    max: int
    thresholds: tuple[int, ...]


@dataclass(frozen=True)
class StandingView:
    """Where the run stands now: the week's hours, the loyalty totals, the shared meters."""
    hours_left: int
    hours_budget: int
    hours_lost: int
    loyalties: tuple[tuple[str, int], ...]  # every loyalty, in the fixed order
    meters: tuple[MeterView, ...]  # in the campaign's order
    decisions: int  # decisions made so far
    inbox: int  # events delivered so far

    def total(self, loyalty: str) -> int:
        return dict(self.loyalties).get(loyalty, 0)


@dataclass(frozen=True)
class PrecedentView:
    """One decision made, as the precedent log shows it."""
    number: int
    case: str
    title: str
    option: str
    label: str
    variant: str
    escalation: bool
    motivation: str
    loyalties: tuple[tuple[str, int], ...]  # the option's deltas
    investigated: tuple[str, ...]  # labels of the investigations done first


@dataclass(frozen=True)
class CampaignView:
    id: str
    title: str
    description: str
    intro: str
    cases: int  # cases that can be played (broken case files left out)


@dataclass(frozen=True)
class CaseSourcesView:
    """A case of a campaign as the sources screen lists it: where it comes from in the essay
    and what a facilitator should know."""
    number: int
    title: str
    sources: tuple[str, ...]
    trade_offs: str
    notes: str | None
