"""The debrief's figures: pure functions over a run, so every front end shows the same.

No grades: a loyalty profile against the range that was possible, a position on the essay's
two axes of maatwerk (for groups, for individual cases), the dynamics set in motion,
consistency between comparable cases, a timeline, and the roads not taken.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from game.content.conditions import LOYALTIES
from game.content.models import DYNAMICS
from game.engine.game import Game
from game.engine.state import Decision

# Where each variant stands on the two axes (table 5.1): (for groups, for individual cases).
VARIANT_POINTS: dict[str, tuple[int, int]] = {
    "standaardisatie": (0, 0),
    "beleidscategorie": (100, 0),
    "hardheidsclausule": (0, 100),
    "standaardmaatwerk": (100, 100),
}


@dataclass(frozen=True)
class LoyaltyScore:
    loyalty: str
    total: int
    lowest: int  # the lowest total the cases played could have given
    highest: int


@dataclass(frozen=True)
class MapPosition:
    group: int  # 0-100: maatwerk for groups
    individual: int  # 0-100: maatwerk for individual cases
    variant: str  # the quadrant
    counts: dict[str, int]


@dataclass(frozen=True)
class Road:
    option: str
    label: str
    variant: str
    chosen: bool
    locked: bool
    loyalties: dict[str, int]
    meters: dict[str, int]


@dataclass(frozen=True)
class Reflection:
    number: int
    case: str
    title: str
    option: str
    label: str
    variant: str
    motivation: str
    gained: dict[str, int]
    paid: dict[str, int]
    question: str
    roads: tuple[Road, ...]


@dataclass(frozen=True)
class Ripple:
    event: str
    title: str
    kind: str
    dynamic: str | None
    after_decision: int


@dataclass(frozen=True)
class TimelineEntry:
    number: int
    case: str
    title: str
    label: str
    variant: str
    motivation: str
    ripples: tuple[Ripple, ...]


@dataclass(frozen=True)
class DynamicReport:
    dynamic: str
    events: tuple[Ripple, ...]
    meters: dict[str, int]  # the meters that belong to this dynamic, at the end
    decisions: tuple[tuple[int, str, str], ...]  # (number, case title, option label) that fed it


@dataclass(frozen=True)
class ConsistencyPair:
    group: str
    first: tuple[int, str, str, str]  # (number, case title, option label, variant)
    second: tuple[int, str, str, str]
    first_motivation: str
    second_motivation: str
    consistent: bool


@dataclass
class Debrief:
    campaign: str
    title: str
    lang: str
    seed: int
    finished: bool
    profile: list[LoyaltyScore]
    position: MapPosition
    timeline: list[TimelineEntry]
    dynamics: list[DynamicReport]
    consistency: list[ConsistencyPair]
    reflections: list[Reflection]
    epilogue: list[str]
    answers: dict[str, str] = field(default_factory=dict)
    meter_names: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


# ------------------------------------------------------------------ the pieces
def loyalty_profile(game: Game) -> list[LoyaltyScore]:
    out = []
    for loyalty in LOYALTIES:
        low = high = 0
        for decision in game.state.decisions:
            case = game.content.cases[decision.case]
            values = [o.loyalties[loyalty].delta if loyalty in o.loyalties else 0
                      for o in case.options]
            low += min(values)
            high += max(values)
        out.append(LoyaltyScore(loyalty, game.state.loyalties[loyalty], low, high))
    return out


def position(decisions: list[Decision]) -> MapPosition:
    counts = {v: 0 for v in VARIANT_POINTS}
    for decision in decisions:
        counts[decision.variant] += 1
    n = len(decisions)
    if n == 0:
        return MapPosition(0, 0, "standaardisatie", counts)
    group = round(sum(VARIANT_POINTS[d.variant][0] for d in decisions) / n)
    individual = round(sum(VARIANT_POINTS[d.variant][1] for d in decisions) / n)
    return MapPosition(group, individual, quadrant(group, individual), counts)


def quadrant(group: int, individual: int) -> str:
    high_group, high_individual = group >= 50, individual >= 50
    if high_group and high_individual:
        return "standaardmaatwerk"
    if high_group:
        return "beleidscategorie"
    if high_individual:
        return "hardheidsclausule"
    return "standaardisatie"


def _ripple(game: Game, delivered) -> Ripple:
    event = game.content.events[delivered.event]
    return Ripple(event.id, game.t(event.title), event.kind, event.dynamic,
                  delivered.after_decision)


def _caused_by(delivered, decision: Decision, game: Game) -> bool:
    cause = delivered.cause
    if cause.kind == "decision":
        return cause.case == decision.case
    if cause.kind == "trigger":
        return (decision.case, decision.option) in cause.decisions
    if cause.kind == "event":  # a consequence of a consequence
        parent = next((d for d in game.state.inbox if d.event == cause.event), None)
        return parent is not None and _caused_by(parent, decision, game)
    return False


def timeline(game: Game) -> list[TimelineEntry]:
    out = []
    for decision in game.state.decisions:
        case = game.content.cases[decision.case]
        option = game.option_def(decision.case, decision.option)
        ripples = tuple(_ripple(game, d) for d in game.state.inbox
                        if _caused_by(d, decision, game))
        out.append(TimelineEntry(decision.number, case.id, game.t(case.title),
                                 game.t(option.label), decision.variant, decision.motivation,
                                 ripples))
    return out


def dynamics(game: Game) -> list[DynamicReport]:
    """The four dynamics, each listed only when the run set it in motion (an event fired)."""
    out = []
    for dynamic in DYNAMICS:
        delivered = [d for d in game.state.inbox
                     if game.content.events[d.event].dynamic == dynamic]
        if not delivered:
            continue
        meters = {m.id: game.state.meters[m.id] for m in game.campaign.meters
                  if m.dynamic == dynamic}
        fed: list[tuple[int, str, str]] = []
        for decision in game.state.decisions:
            if any(_caused_by(d, decision, game) for d in delivered) or any(
                    decision.meters.get(m, 0) > 0 for m in meters):
                case = game.content.cases[decision.case]
                option = game.option_def(decision.case, decision.option)
                fed.append((decision.number, game.t(case.title), game.t(option.label)))
        out.append(DynamicReport(dynamic, tuple(_ripple(game, d) for d in delivered), meters,
                                 tuple(fed)))
    return out


def comparable_pairs(decisions: list[Decision]) -> list[tuple[Decision, Decision]]:
    """Every pair of decisions in comparable cases (the same compare_group), in order."""
    grouped = [d for d in decisions if d.compare_group]
    return [(first, second) for i, first in enumerate(grouped) for second in grouped[i + 1:]
            if first.compare_group == second.compare_group]


def consistent(decisions: list[Decision]) -> bool | None:
    """Were all comparable cases decided alike? None while there is no comparable pair."""
    pairs = comparable_pairs(decisions)
    return all(a.variant == b.variant for a, b in pairs) if pairs else None


def totals(decisions: list[Decision]) -> dict[str, int]:
    """The loyalty totals that a list of decisions adds up to."""
    out = {k: 0 for k in LOYALTIES}
    for decision in decisions:
        for loyalty, delta in decision.loyalties.items():
            out[loyalty] = out.get(loyalty, 0) + delta
    return out


def consistency(game: Game) -> list[ConsistencyPair]:
    """Every pair of comparable cases, and whether they were decided alike."""
    def row(d: Decision) -> tuple[int, str, str, str]:
        case = game.content.cases[d.case]
        return (d.number, game.t(case.title),
                game.t(game.option_def(d.case, d.option).label), d.variant)

    return [ConsistencyPair(first.compare_group, row(first), row(second), first.motivation,
                            second.motivation, first.variant == second.variant)
            for first, second in comparable_pairs(game.state.decisions)]


def roads(game: Game, decision: Decision) -> tuple[Road, ...]:
    """The options the player saw, with the effects each carries: the road taken and the others."""
    case = game.content.cases[decision.case]
    out = []
    for option in case.options:
        if decision.offered and option.id not in decision.offered:
            continue  # hidden at the time: not a road the player could see
        out.append(Road(option.id, game.t(option.label), option.variant,
                        option.id == decision.option, option.id in decision.locked,
                        {k: v.delta for k, v in option.loyalties.items()},
                        dict(option.effects.meters)))
    return tuple(out)


def reflection(game: Game, decision: Decision) -> Reflection:
    case = game.content.cases[decision.case]
    option = game.option_def(decision.case, decision.option)
    questions = case.facilitator.questions.get(game.lang)
    question = questions[(game.state.seed + decision.number) % len(questions)] if questions else ""
    return Reflection(
        decision.number, case.id, game.t(case.title), option.id, game.t(option.label),
        decision.variant, decision.motivation,
        {k: v for k, v in decision.loyalties.items() if v > 0},
        {k: v for k, v in decision.loyalties.items() if v < 0},
        question, roads(game, decision))


def debrief(game: Game, answers: dict[str, str] | None = None) -> Debrief:
    return Debrief(
        campaign=game.campaign.id, title=game.t(game.campaign.title), lang=game.lang,
        seed=game.state.seed, finished=game.finished, profile=loyalty_profile(game),
        position=position(game.state.decisions), timeline=timeline(game),
        dynamics=dynamics(game), consistency=consistency(game),
        reflections=[reflection(game, d) for d in game.state.decisions],
        epilogue=[n.text for n in game.epilogue()] if game.finished else [],
        answers=dict(answers or {}),
        meter_names={m.id: game.t(m.name) for m in game.campaign.meters})
