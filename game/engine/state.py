"""The state of one run: plain data, copied and compared freely, rebuilt from its actions."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.conditions import LOYALTIES


@dataclass(frozen=True)
class Action:
    """One thing the player did. A run is its seed plus this list."""

    do: str  # "investigate" or "choose"
    case: str
    id: str
    motivation: str = ""

    def as_dict(self) -> dict:
        data = {"do": self.do, "case": self.case, "id": self.id}
        if self.motivation:
            data["motivation"] = self.motivation
        return data


@dataclass(frozen=True)
class Cause:
    """Why an event happened: a decision that scheduled it, or a state that triggered it."""

    kind: str  # "decision", "trigger" or "event"
    case: str | None = None
    option: str | None = None
    event: str | None = None
    decisions: tuple[tuple[str, str], ...] = ()  # earlier (case, option) pairs that fed it


@dataclass(frozen=True)
class Decision:
    """A precedent: what was decided in which case, and what it did."""

    number: int  # 1-based: the n-th decision of the run
    case: str
    option: str
    variant: str
    escalation: bool
    motivation: str
    compare_group: str | None
    loyalties: dict[str, int]
    meters: dict[str, int]  # the change actually applied, after clamping
    investigated: tuple[str, ...]
    offered: tuple[str, ...] = ()  # the options shown when the choice was made
    locked: tuple[str, ...] = ()  # of those, the ones that were locked
    verdict: str | None = None  # what the option decided (toekennen, afwijzen, ...), if declared


@dataclass(frozen=True)
class Delivered:
    """An event that has arrived in the inbox."""

    event: str
    after_decision: int
    cause: Cause


@dataclass
class RunState:
    campaign: str
    seed: int
    loyalties: dict[str, int] = field(default_factory=lambda: {k: 0 for k in LOYALTIES})
    meters: dict[str, int] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    position: int = 0  # index into the campaign's case list of the current case
    current: str | None = None
    hours_budget: int = 0
    hours_lost: int = 0  # hours this case lost to the backlog
    hours_left: int = 0
    investigated: list[tuple[str, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    scheduled: list[tuple[str, int, Cause]] = field(default_factory=list)
    inbox: list[Delivered] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    meter_sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    flag_sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    fired: set[str] = field(default_factory=set)  # ids of the events in the inbox
    finished: bool = False

    def copy(self) -> "RunState":
        """An independent copy. Decisions, actions and causes are immutable, so the lists that
        hold them are copied shallowly; that keeps forks cheap for playtests."""
        twin = RunState.__new__(RunState)
        twin.__dict__.update(self.__dict__)
        twin.loyalties = dict(self.loyalties)
        twin.meters = dict(self.meters)
        twin.flags = set(self.flags)
        twin.fired = set(self.fired)
        for name in ("investigated", "decisions", "scheduled", "inbox", "skipped", "actions"):
            setattr(twin, name, list(getattr(self, name)))
        twin.meter_sources = {k: list(v) for k, v in self.meter_sources.items()}
        twin.flag_sources = {k: list(v) for k, v in self.flag_sources.items()}
        return twin


    def chose(self, case: str, option: str) -> bool:
        return any(d.case == case and d.option == option for d in self.decisions)

    def decision_for(self, case: str) -> Decision | None:
        for decision in self.decisions:
            if decision.case == case:
                return decision
        return None
