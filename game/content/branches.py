"""Three to five options in every situation a player can meet, not just in the file.

A case with four options, two shown only after one earlier decision and two only after
another, has four in its file but two on the screen. Here every combination of what the
options' ``when`` conditions read is tried: flags set or not, each earlier case decided one
way, another way or not at all, a meter on either side of every bound. What cannot happen at
the case's place in the campaign (a flag nobody sets, a case that comes later) is left out.
"""

from __future__ import annotations

import itertools
from typing import Any

from game.content.conditions import (
    AllCond, AnyCond, ChanceCond, ChoseCond, EventCond, FlagCond, InvestigatedCond, LoyaltyCond,
    MeterCond, NotCond, PlayedCond, walk,
)
from game.content.checks import _reads
from game.content.diagnostics import Diagnostic, diag
from game.content.loader import Content
from game.content.models import Case

MAX_SITUATIONS = 4096


def _axes(conds: list[Any], meters: dict, cases: dict) -> dict[tuple, list]:
    """What the conditions read, each with the values it can take."""
    axes: dict[tuple, set] = {}
    for cond in conds:
        for node in walk(cond):
            if isinstance(node, (FlagCond, EventCond, InvestigatedCond, ChanceCond)):
                axes.setdefault(("bool", _atom(node)), {True, False})
            elif isinstance(node, (ChoseCond, PlayedCond)):
                ref = node.chose if isinstance(node, ChoseCond) else node.played
                case_id = ref.split("/", 1)[0]
                values = axes.setdefault(("case", case_id), {""} | (
                    {o.id for o in cases[case_id].options} if case_id in cases else {"?"}))
                if isinstance(node, ChoseCond):
                    values.add(node.chose.split("/", 1)[1])
            elif isinstance(node, (MeterCond, LoyaltyCond)):
                name = ("meter", node.meter) if isinstance(node, MeterCond) else (
                    "loyalty", node.loyalty)
                values = axes.setdefault(name, set())
                for bound in (node.at_least, node.at_most):
                    if bound is not None:
                        values.update({bound - 1, bound, bound + 1})
                if isinstance(node, MeterCond) and node.meter in meters:
                    m = meters[node.meter]
                    axes[name] = {v for v in values if m.min <= v <= m.max} or {m.min}
    return {k: sorted(v, key=str) for k, v in axes.items()}


def _atom(node: Any) -> str:
    return repr(node)


def _holds(cond: Any, world: dict) -> bool:
    if cond is None:
        return True
    if isinstance(cond, AllCond):
        return all(_holds(x, world) for x in cond.all)
    if isinstance(cond, AnyCond):
        return any(_holds(x, world) for x in cond.any)
    if isinstance(cond, NotCond):
        return not _holds(cond.not_, world)
    if isinstance(cond, ChoseCond):
        case_id, option = cond.chose.split("/", 1)
        return world[("case", case_id)] == option
    if isinstance(cond, PlayedCond):
        return world[("case", cond.played)] != ""
    if isinstance(cond, (MeterCond, LoyaltyCond)):
        name = ("meter", cond.meter) if isinstance(cond, MeterCond) else ("loyalty", cond.loyalty)
        return cond.holds(world[name])
    return world[("bool", _atom(cond))]


def _possible(axes: dict[tuple, list], order: dict[str, int], position: int,
              cases: dict) -> dict[tuple, list]:
    """Drop the values that cannot occur at this place: a case that comes later (or not at
    all) is not yet decided; an earlier one that always comes up is decided."""
    out = {}
    for key, values in axes.items():
        if key[0] == "case":
            where = order.get(key[1], position)
            if where >= position:
                values = [""]
            elif cases[key[1]].when is None:
                values = [v for v in values if v != ""]
        out[key] = values
    return out


def _situations(case: Case, meters: dict, flags: set[str], order: dict[str, int],
                position: int, cases: dict):
    conds = [o.when for o in case.options if o.when is not None]
    axes = _possible(_axes(conds, meters, cases), order, position, cases)
    for key in list(axes):
        if key[0] == "bool" and key[1].startswith("FlagCond") and \
                not any(f"flag='{flag}'" in key[1] for flag in flags):
            axes[key] = [False]
    total = 1
    for values in axes.values():
        total *= len(values)
    if total > MAX_SITUATIONS:
        return
    keys = list(axes)
    for combo in itertools.product(*(axes[k] for k in keys)):
        yield dict(zip(keys, combo))


def branch_option_counts(content: Content) -> list[Diagnostic]:
    """A warning for each case and campaign where a reachable situation shows fewer than
    three or more than five options."""
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    for camp in content.campaigns.values():
        meters = {m.id: m for m in camp.meters}
        cases = [content.cases[c] for c in camp.cases if c in content.cases]
        flags = {f for item in list(content.cases.values()) + list(content.events.values())
                 for f in _set_flags(item)}
        order = {c.id: i for i, c in enumerate(cases)}
        for position, case in enumerate(cases):
            if not any(o.when is not None for o in case.options) or (case.id, camp.id) in seen:
                continue
            seen.add((case.id, camp.id))
            for world in _situations(case, meters, flags, order, position, content.cases):
                shown = [o.id for o in case.options if _holds(o.when, world)]
                if not shown or 3 <= len(shown) <= 5:
                    continue
                origin = content.origin("case", case.id)
                out.append(diag(origin.path, origin.line("options", 0), "M042",
                                "v_branch_option_count", "warning",
                                names=[n for o in case.options for n in _reads(o.when)],
                                campaign=camp.id,
                                count=len(shown), shown=", ".join(shown)))
                break
    return out


def _set_flags(item: Any) -> set[str]:
    from game.content.checks import _effects
    return {f for _, effects in _effects(item) for f in effects.set_flags}
