"""The debrief's figures: pure functions over a run, so every front end shows the same.

No grades: a loyalty profile against the range that was possible, a position on the essay's
two axes of maatwerk (for groups, for individual cases), the dynamics set in motion,
consistency between comparable cases, a timeline, and the roads not taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from game.content.conditions import LOYALTIES
from game.content.loader import Content
from game.content.models import DYNAMICS
from game.content.variants import VARIANT_POINTS, variant_at
from game.engine.game import Game
from game.engine.state import Decision

# The debrief's typed answers, in the order they are asked: how it felt, what the player takes
# into their own work, and what they will do. Saves keep them under these keys.
ANSWER_KEYS: tuple[str, ...] = ("feeling", "transfer", "commitment")


@dataclass(frozen=True)
class LoyaltyScore:
    loyalty: str
    total: int
    lowest: int  # the lowest total the cases played could have given
    highest: int


@dataclass(frozen=True)
class MapPosition:
    """Where the decisions stand on the essay's two axes (table 5.1). A position on a border
    between quadrants is reported as such (``variant`` None, ``between`` the quadrants it
    touches): no quadrant is preferred. Escalations hand the decision to someone else, so they
    are counted apart and do not move the position."""

    group: int  # 0-100: maatwerk for groups
    individual: int  # 0-100: maatwerk for individual cases
    variant: str | None  # the quadrant; None on a border, or when nothing was decided yet
    counts: dict[str, int]  # decisions per variant, escalations left out
    between: tuple[str, ...] = ()  # on a border: the two (or, at the centre, four) quadrants
    escalations: int = 0  # decisions handed up; not placed on the map


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
    first: tuple[int, str, str, str, str | None]  # (number, title, label, variant, verdict)
    second: tuple[int, str, str, str, str | None]
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
    answers: dict[str, str] = field(default_factory=dict)  # by ANSWER_KEYS
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
    escalations = 0
    for decision in decisions:
        if decision.escalation:
            escalations += 1
        else:
            counts[decision.variant] += 1
    return position_of(counts, escalations)


def position_of(counts: dict[str, int], escalations: int) -> MapPosition:
    """The position of decisions counted per variant (every variant a key; escalations not
    among them): what ``position`` gives, for a tally kept up to date."""
    n = sum(counts.values())
    if not n:
        return MapPosition(0, 0, None, counts, (), escalations)
    # the mean, kept exact: a position is on a border only when it truly is, not by rounding
    group_sum = sum(VARIANT_POINTS[v][0] * c for v, c in counts.items())
    individual_sum = sum(VARIANT_POINTS[v][1] * c for v, c in counts.items())
    between = _bordering(_side(group_sum, n), _side(individual_sum, n))
    return MapPosition(round(group_sum / n), round(individual_sum / n),
                       between[0] if len(between) == 1 else None, counts,
                       between if len(between) > 1 else (), escalations)


def _side(total: int, n: int) -> tuple[bool, ...]:
    """Which halves of an axis a mean of ``total / n`` (on 0-100) lies in: both on the border."""
    if total * 2 == 100 * n:
        return (False, True)
    return (total * 2 > 100 * n,)


def _bordering(groups: tuple[bool, ...], individuals: tuple[bool, ...]) -> tuple[str, ...]:
    return tuple(variant_at(g, i) for g, i in
                 sorted(((g, i) for g in groups for i in individuals), key=lambda k: (k[1], k[0])))


def quadrant(group: int, individual: int) -> str | None:
    """The quadrant of a point on the two axes (0-100 each); None when it lies on a border."""
    between = _bordering(_side(group, 1), _side(individual, 1))
    return between[0] if len(between) == 1 else None


def bordering(group: int, individual: int) -> tuple[str, ...]:
    """The quadrants a point touches: one inside a quadrant, two on a border, four at the centre."""
    return _bordering(_side(group, 1), _side(individual, 1))


def _ripple(game: Game, delivered) -> Ripple:
    event = game.content.events[delivered.event]
    return Ripple(event.id, game.t(event.title), event.kind, event.dynamic,
                  delivered.after_decision)


def _caused_by(delivered, decision: Decision, game: Game) -> bool:
    """Did this decision bring the event about? An event that every option of the case
    schedules follows the case, whatever was chosen: it is not laid at the choice's door."""
    cause = delivered.cause
    if cause.kind == "decision":
        return (cause.case == decision.case
                and not game.follows_every_option(decision.case, delivered.event))
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


def substance(decision: Decision) -> str:
    """What a decision decided on the matter: its verdict (toekennen, afwijzen, ...), whatever
    the variant or wording. Without a declared verdict only the same option of the same case
    counts as the same decision."""
    return decision.verdict or f"{decision.case}/{decision.option}"


def decided_alike(decisions: Iterable[Decision]) -> bool:
    """The one rule for 'decided alike', in the debrief and in the workshop: comparable
    decisions are alike when they decided the same (the same verdict), whatever the variant."""
    return len({substance(d) for d in decisions}) <= 1


def with_verdicts(decisions: Iterable[Decision], content: Content) -> list[Decision]:
    """Decisions recorded without a verdict (older saves and results) get it from the content,
    by case and option id."""
    out = []
    for d in decisions:
        if d.verdict is None and d.case in content.cases:
            option = next((o for o in content.cases[d.case].options if o.id == d.option), None)
            if option is not None and option.decides:
                d = replace(d, verdict=option.decides)
        out.append(d)
    return out


def comparable_pairs(decisions: list[Decision]) -> list[tuple[Decision, Decision]]:
    """Every pair of decisions in comparable cases (the same compare_group), in order."""
    grouped = [d for d in decisions if d.compare_group]
    return [(first, second) for i, first in enumerate(grouped) for second in grouped[i + 1:]
            if first.compare_group == second.compare_group]


def consistent(decisions: list[Decision]) -> bool | None:
    """Were all comparable cases decided alike? None while there is no comparable pair."""
    pairs = comparable_pairs(decisions)
    return all(decided_alike(pair) for pair in pairs) if pairs else None


def totals(decisions: list[Decision]) -> dict[str, int]:
    """The loyalty totals that a list of decisions adds up to."""
    out = {k: 0 for k in LOYALTIES}
    for decision in decisions:
        for loyalty, delta in decision.loyalties.items():
            out[loyalty] = out.get(loyalty, 0) + delta
    return out


def consistency(game: Game) -> list[ConsistencyPair]:
    """Every pair of comparable cases, and whether they were decided alike."""
    def row(d: Decision) -> tuple[int, str, str, str, str | None]:
        case = game.content.cases[d.case]
        return (d.number, game.t(case.title),
                game.t(game.option_def(d.case, d.option).label), d.variant, d.verdict)

    decisions = with_verdicts(game.state.decisions, game.content)
    return [ConsistencyPair(first.compare_group or "", row(first), row(second), first.motivation,
                            second.motivation, decided_alike((first, second)))
            for first, second in comparable_pairs(decisions)]


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


def reflection_on(game: Game, case_id: str | None = None) -> Reflection:
    """The look back at the decision made in ``case_id`` (the last decision when None)."""
    decisions = game.state.decisions
    decision = (decisions[-1] if case_id is None else
                next(d for d in reversed(decisions) if d.case == case_id))
    return reflection(game, decision)


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
