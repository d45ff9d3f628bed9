"""Playtests for authors: explore every branch, and run many seeded playthroughs.

*quicktest* forks every option (and every investigation that changes state) at every case,
merging runs that have reached the same state, and reports what was never reached: cases,
options, events, and conditions that never came out true or never false. A case where every
option is hidden or locked is a dead end.

*randomtest* plays N seeded runs, picking the least-used option first, and reports coverage
and the range every loyalty and meter reached. It also plays fixed strategies (always the
strictest option, always the most tailored) to show that none wins on every loyalty.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from game.content.checks import conditions_in
from game.content.conditions import LOYALTIES, ChoseCond, InvestigatedCond, LoyaltyCond
from game.content.loader import Content
from game.engine.game import Game


@dataclass
class Coverage:
    campaign: str
    cases: Counter = field(default_factory=Counter)
    options: Counter = field(default_factory=Counter)  # "case/option"
    events: Counter = field(default_factory=Counter)
    places: dict[str, set[bool]] = field(default_factory=dict)
    dead_ends: list[str] = field(default_factory=list)
    finished: int = 0
    states: int = 0
    truncated: bool = False
    loyalty_range: dict[str, list[int]] = field(default_factory=dict)
    meter_range: dict[str, list[int]] = field(default_factory=dict)
    shown: dict[str, dict[int, tuple[str, ...]]] = field(default_factory=dict)
    """Per case, the numbers of options seen on screen, each with one example."""

    def note_end(self, game: Game) -> None:
        self.finished += 1
        game.epilogue()
        for key, value in game.state.loyalties.items():
            lo_hi = self.loyalty_range.setdefault(key, [value, value])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], value), max(lo_hi[1], value)
        for key, value in game.state.meters.items():
            lo_hi = self.meter_range.setdefault(key, [value, value])
            lo_hi[0], lo_hi[1] = min(lo_hi[0], value), max(lo_hi[1], value)


@dataclass
class Finding:
    severity: str  # "error" or "warning"
    message: str
    path: str = ""
    line: int = 0
    key: str = ""
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """``file:line: severity: message`` in ``lang`` (the authoring strings)."""
        from game.strings import s

        where = f"{self.path}:{self.line}: " if self.path else ""
        text = s(self.key, lang).format(**self.values) if self.key else self.message
        return f"{where}{s('p_' + self.severity, lang)}: {text}"


def _relevant(content: Content) -> tuple[set[str], set[str], bool]:
    """What of a run's past can change its future: chosen pairs, investigations, loyalties."""
    chose, investigated, loyalty = set(), set(), False
    items = list(content.cases.values()) + list(content.events.values())
    for item in items:
        for node in conditions_in(item):
            if isinstance(node, ChoseCond):
                chose.add(node.chose)
            elif isinstance(node, InvestigatedCond):
                investigated.add(node.investigated)
            elif isinstance(node, LoyaltyCond):
                loyalty = True
    return chose, investigated, loyalty


def _signature(game: Game, chose: set[str], investigated: set[str], loyalty: bool) -> tuple:
    state = game.state
    return (
        state.position, state.hours_left, frozenset(state.flags),
        tuple(sorted(state.meters.items())), frozenset(state.fired),
        tuple(sorted((e, due) for e, due, _ in state.scheduled)),
        frozenset(f"{d.case}/{d.option}" for d in state.decisions) & frozenset(chose),
        frozenset(f"{c}/{i}" for c, i in state.investigated) & frozenset(investigated),
        tuple(sorted(state.loyalties.items())) if loyalty else (),
        len(state.decisions),
    )


def _look(game: Game) -> None:
    """Render every view once so that all conditions in play are evaluated and traced."""
    game.case_view()
    game.investigations()
    game.options()


def _stateful_investigations(game: Game) -> list[str]:
    case = game.current_case()
    if case is None:
        return []
    out = []
    for view in game.investigations():
        inv = next(i for i in case.investigations if i.id == view.id)
        effects = inv.effects
        if (not view.done and view.affordable and
                (effects.set_flags or effects.meters or effects.schedule or effects.clear_flags)):
            out.append(inv.id)
    return out


def quicktest(content: Content, campaign: str, beam: int = 3000) -> Coverage:
    """Explore the campaign decision by decision, forking every option (and every
    investigation that changes state) of every state kept at that depth.

    States that are the same for the future are merged. When a depth holds more than ``beam``
    different states, those that bring new flags, events or meter levels are kept first, the
    rest by a seeded sample: the search stays fast on a long campaign while still visiting the
    distinct situations its conditions can tell apart.
    """
    chose, investigated, loyalty = _relevant(content)
    coverage = Coverage(campaign)
    trace: dict[str, set[bool]] = {}
    root = Game(content, campaign, seed=0)
    root.trace = trace
    rng = random.Random(0)
    layer = [root]
    while layer:
        successors: dict[tuple, Game] = {}
        for game in layer:
            coverage.states += 1
            case = game.current_case()
            if case is None:  # the campaign is over
                coverage.note_end(game)
                continue
            coverage.cases[case.id] += 1
            _look(game)
            starts = [game]
            forks = set(_stateful_investigations(game))
            forks |= {i.split("/", 1)[1] for i in investigated
                      if i.split("/", 1)[0] == case.id and
                      any(v.id == i.split("/", 1)[1] and not v.done and v.affordable
                          for v in game.investigations())}
            for inv_id in sorted(forks):
                twin = game.fork()
                twin.investigate(inv_id)
                _look(twin)
                starts.append(twin)
            for start in starts:
                seen = start.options()
                coverage.shown.setdefault(case.id, {}).setdefault(
                    len(seen), tuple(o.id for o in seen))
                options = [o for o in seen if not o.locked]
                if not options:
                    coverage.dead_ends.append(case.id)
                    continue
                for option in options:
                    twin = start.fork()
                    outcome = twin.choose(option.id)
                    coverage.options[f"{case.id}/{option.id}"] += 1
                    for event in outcome.events:
                        coverage.events[event.id] += 1
                    sig = _signature(twin, chose, investigated, loyalty)
                    successors.setdefault(sig, twin)
        layer = _select(list(successors.values()), beam, rng)
        if len(successors) > beam:
            coverage.truncated = True
    coverage.places = trace
    return coverage


def _select(games: list[Game], beam: int, rng: random.Random) -> list[Game]:
    """At most ``beam`` states: novel flag sets and events first, then a seeded sample."""
    if len(games) <= beam:
        return games
    kept: list[Game] = []
    rest: list[Game] = []
    seen: set[tuple[frozenset[str], frozenset[str]]] = set()
    for game in games:
        key = (frozenset(game.state.flags), frozenset(game.state.fired))
        (rest if key in seen else kept).append(game)
        seen.add(key)
    if len(kept) > beam:
        return rng.sample(kept, beam)
    return kept + rng.sample(rest, beam - len(kept))


def _pick_by_variant(options, order: list[str]):
    return min(options, key=lambda o: (order.index(o.variant), o.escalation, o.number))


STRATEGIES: dict[str, list[str]] = {
    "strict": ["standaardisatie", "beleidscategorie", "hardheidsclausule", "standaardmaatwerk"],
    "tailored": ["standaardmaatwerk", "hardheidsclausule", "beleidscategorie", "standaardisatie"],
}


def play_strategy(content: Content, campaign: str, strategy: str, seed: int = 1) -> Game:
    game = Game(content, campaign, seed)
    while not game.finished:
        options = [o for o in game.options() if not o.locked]
        if not options:
            break
        game.choose(_pick_by_variant(options, STRATEGIES[strategy]).id)
    return game


def randomtest(content: Content, campaign: str, runs: int = 200, seed: int = 1) -> Coverage:
    coverage = Coverage(campaign)
    trace: dict[str, set[bool]] = {}
    used: Counter = Counter()
    for n in range(runs):
        rng = random.Random(seed * 100_003 + n)
        game = Game(content, campaign, seed=seed + n)
        game.trace = trace
        while (case := game.current_case()) is not None:
            coverage.cases[case.id] += 1
            _look(game)
            for view in game.investigations():
                if (not view.done and view.hours <= game.state.hours_left
                        and rng.random() < 0.5):
                    game.investigate(view.id)
            options = [o for o in game.options() if not o.locked]
            if not options:
                coverage.dead_ends.append(case.id)
                break
            least = min(used[f"{case.id}/{o.id}"] for o in options)
            pick = rng.choice([o for o in options if used[f"{case.id}/{o.id}"] == least])
            used[f"{case.id}/{pick.id}"] += 1
            outcome = game.choose(pick.id)
            coverage.options[f"{case.id}/{pick.id}"] += 1
            for event in outcome.events:
                coverage.events[event.id] += 1
        if game.finished:
            coverage.note_end(game)
    coverage.places = trace
    coverage.states = runs
    return coverage


def findings(content: Content, coverage: Coverage) -> list[Finding]:
    """What a coverage run says an author should look at, each at its file and line."""
    out: list[Finding] = []
    camp = content.campaigns[coverage.campaign]

    def at(severity: str, key: str, values: dict, kind: str, item_id: str, *loc) -> None:
        from game.strings import s

        origin = content.origins.get((kind, item_id))
        out.append(Finding(severity, s(key, "en").format(**values),
                           origin.path if origin else "", origin.line(*loc) if origin else 0,
                           key, values))

    for case_id in dict.fromkeys(coverage.dead_ends):
        at("error", "p_dead_end", {"case": case_id}, "case", case_id, "options", 0)
    for case_id in camp.cases:
        case = content.cases.get(case_id)
        if case is None:
            continue
        if coverage.cases[case_id] == 0:
            at("error", "p_never_reached", {"case": case_id}, "case", case_id, "id")
            continue
        for i, option in enumerate(case.options):
            if coverage.options[f"{case_id}/{option.id}"] == 0:
                at("error", "p_never_chosen", {"option": f"{case_id}/{option.id}"}, "case",
                   case_id, "options", i, "id")
        for count, example in sorted(coverage.shown.get(case_id, {}).items()):
            if count and not 3 <= count <= 5:
                at("warning", "p_option_count", {"case": case_id, "count": count,
                                                 "shown": ", ".join(example)},
                   "case", case_id, "options", 0)
    for place, seen in sorted(coverage.places.items()):
        if len(seen) == 1:
            side = "true" if True in seen else "false"
            at("warning", f"p_always_{side}", {"place": place},
               *place_of(content, coverage.campaign, place))
    if coverage.truncated:
        out.append(Finding("warning", f"the search kept a sample of the states at some depths "
                                      f"({coverage.states} states visited)"))
    return out


def place_of(content: Content, campaign: str, place: str) -> tuple:
    """The item and key path of a traced condition (``opt:case/option`` and the like)."""
    head, _, rest = place.partition(":")
    rest, _, note = rest.partition(":note")
    if head == "epilogue" and place.startswith("epilogue:note"):
        return ("campaign", campaign, "epilogue", int(place[len("epilogue:note"):]), "when")
    case_id, _, sub = rest.partition("/")
    case = content.cases.get(case_id)
    if head in ("opt", "lock") and case is not None:
        index = next((i for i, o in enumerate(case.options) if o.id == sub), 0)
        return ("case", case_id, "options", index, "when" if head == "opt" else "locked_if")
    if head == "inv" and case is not None:
        index = next((i for i, x in enumerate(case.investigations) if x.id == sub), 0)
        return ("case", case_id, "investigations", index, "when")
    if head == "event":
        return ("event", rest, "notes", int(note), "when") if note else ("event", rest, "trigger")
    if head == "epilogue":
        return ("case", rest, "epilogue", int(note or 0), "when")
    if note:
        return ("case", rest, "dossier", "notes", int(note), "when")
    return ("case", rest, "when")


def strategy_report(content: Content, campaign: str) -> dict[str, dict[str, int]]:
    return {name: dict(play_strategy(content, campaign, name).state.loyalties)
            for name in STRATEGIES}


def dominating(profiles: dict[str, dict[str, int]]) -> list[str]:
    """Strategies that are at least as good as every other one on every loyalty."""
    out = []
    for name, profile in profiles.items():
        others = [p for n, p in profiles.items() if n != name]
        if others and all(all(profile[k] >= other[k] for k in LOYALTIES) for other in others):
            out.append(name)
    return out
