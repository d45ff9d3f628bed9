"""Cross-checks over all loaded content: references, flags, reachability, translations.

Reachability here is static: a condition that reads a flag nobody sets, a decision in a case
that comes later (or not at all) in the campaign, or a meter value outside its range can
never hold. ``maatwerk playtest`` finds what only play reveals.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel

from game.content.conditions import (
    AllCond, AnyCond, ChoseCond, EventCond, FlagCond, InvestigatedCond, MeterCond, NotCond,
    PlayedCond, walk,
)
from game.content.diagnostics import Diagnostic, Severity, close_match, diag
from game.content.loader import Content, Origin
from game.content.models import Campaign, Case, Effects, Event, Note
from game.content.text import LocalList, LocalText


# ------------------------------------------------------------------ walking the models
_CONDITION_FIELDS = ("when", "locked_if", "trigger")


def _walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every model inside a model (itself included), with its key path; not the conditions."""
    if isinstance(value, BaseModel):
        yield path, value
        if isinstance(value, (LocalText, LocalList)):
            return
        for name in type(value).model_fields:
            if name in _CONDITION_FIELDS:
                continue
            child = getattr(value, name)
            if isinstance(child, (BaseModel, list, dict)):
                yield from _walk(child, path + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, (BaseModel, list, dict)):
                yield from _walk(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (BaseModel, list, dict)):
                yield from _walk(item, path + (key,))


_NODES: dict[int, tuple[BaseModel, list[tuple[tuple, BaseModel]]]] = {}


def _nodes(item: BaseModel) -> list[tuple[tuple, BaseModel]]:
    """``_walk`` of a top-level item, remembered while a check runs (items are walked often)."""
    hit = _NODES.get(id(item))
    if hit is not None and hit[0] is item:
        return hit[1]
    nodes = list(_walk(item))
    _NODES[id(item)] = (item, nodes)
    return nodes


def _conditions(item: BaseModel, cached: bool = True) -> Iterator[tuple[tuple, Any]]:
    """Every node of every condition in an item, with the key path of its field."""
    for path, model in (_nodes(item) if cached else _walk(item)):
        for name in _CONDITION_FIELDS:
            cond = getattr(model, name, None) if name in type(model).model_fields else None
            if cond is not None:
                for node in walk(cond):
                    yield path + (name,), node


def _effects(item: BaseModel) -> Iterator[tuple[tuple, Effects]]:
    for path, model in _nodes(item):
        if isinstance(model, Effects):
            yield path, model


class _Checker:
    def __init__(self, content: Content) -> None:
        self.c = content
        self.out: list[Diagnostic] = []

    def add(self, origin: Origin, loc: tuple, code: str, key: str, severity: Severity = "error",
            names: tuple = (), **values: object) -> None:
        self.out.append(diag(origin.path, origin.line(*loc), code, key, severity,
                             names, **values))

    def items(self) -> Iterator[tuple[str, BaseModel, Origin]]:
        for kind, table in (("case", self.c.cases), ("event", self.c.events),
                            ("campaign", self.c.campaigns)):
            for item_id, item in table.items():
                yield kind, item, self.c.origin(kind, item_id)

    # -------------------------------------------------------------- references
    def references(self) -> None:
        c = self.c
        set_flags = self.flags_set()
        read_flags: set[str] = set()
        for kind, item, origin in self.items():
            for path, node in _conditions(item):
                if isinstance(node, FlagCond):
                    read_flags.add(node.flag)
                    if node.flag not in set_flags:
                        self.add(origin, path, "M021", "v_flag_never_set", names=(node.flag,),
                                 flag=node.flag, maybe=close_match(node.flag, set_flags))
                elif isinstance(node, (ChoseCond, InvestigatedCond)):
                    ref = node.chose if isinstance(node, ChoseCond) else node.investigated
                    case_id, sub = ref.split("/", 1)
                    case = c.cases.get(case_id)
                    pool = "options" if isinstance(node, ChoseCond) else "investigations"
                    if case is None:
                        self.add(origin, path, "M020", "v_unknown_case_in_ref", names=(case_id,),
                                 case=case_id, ref=ref, maybe=close_match(case_id, c.cases))
                    elif sub not in {x.id for x in getattr(case, pool)}:
                        key = "v_no_option" if pool == "options" else "v_no_investigation"
                        self.add(origin, path, "M020", key, names=(case_id, sub), case=case_id,
                                 id=sub, maybe=close_match(sub, [x.id for x in getattr(case, pool)]))
                elif isinstance(node, PlayedCond) and node.played not in c.cases:
                    self.add(origin, path, "M020", "v_unknown_case", names=(node.played,),
                             case=node.played, maybe=close_match(node.played, c.cases))
                elif isinstance(node, EventCond) and node.event not in c.events:
                    self.add(origin, path, "M020", "v_unknown_event", names=(node.event,),
                             event=node.event, maybe=close_match(node.event, c.events))
            for path, effects in _effects(item):
                for i, sched in enumerate(effects.schedule):
                    if sched.event not in c.events:
                        self.add(origin, path + ("schedule", i), "M020", "v_unknown_event",
                                 names=(sched.event,), event=sched.event,
                                 maybe=close_match(sched.event, c.events))
            for path, model in _nodes(item):
                if isinstance(model, Note) and model.cites and model.cites not in c.cases:
                    self.add(origin, path + ("cites",), "M020", "v_cites_unknown",
                             names=(model.cites,), case=model.cites,
                             maybe=close_match(model.cites, c.cases))
            if isinstance(item, Event):
                for camp in item.campaigns:
                    if camp not in c.campaigns:
                        self.add(origin, ("campaigns",), "M020", "v_unknown_campaign",
                                 names=(camp,), campaign=camp,
                                 maybe=close_match(camp, c.campaigns))
        for kind, item, origin in self.items():
            for path, effects in _effects(item):
                for flag in effects.set_flags:
                    if flag not in read_flags:
                        self.add(origin, path + ("set_flags",), "M022", "v_flag_never_read",
                                 "warning", names=(flag,), flag=flag,
                                 maybe=close_match(flag, read_flags))

    def flags_set(self) -> set[str]:
        flags: set[str] = set()
        for _, item, _ in self.items():
            for _, effects in _effects(item):
                flags.update(effects.set_flags)
        return flags

    # -------------------------------------------------------------- per campaign
    def campaign(self, camp: Campaign) -> None:
        c = self.c
        origin = c.origin("campaign", camp.id)
        meters = {m.id: m for m in camp.meters}
        if camp.backlog_meter and camp.backlog_meter not in meters:
            self.add(origin, ("backlog_meter",), "M020", "v_backlog_not_meter",
                     meter=camp.backlog_meter, maybe=close_match(camp.backlog_meter, meters))
        seen: set[str] = set()
        for i, case_id in enumerate(camp.cases):
            if case_id not in c.cases:
                line = origin.index.find(f'"{case_id}"', origin.line("cases")) or origin.line("cases")
                self.out.append(diag(origin.path, line, "M020", "v_unknown_case",
                                     names=(case_id,), case=case_id,
                                     maybe=close_match(case_id, c.cases)))
            elif case_id in seen:
                self.add(origin, ("cases",), "M010", "v_case_listed_twice", case=case_id)
            seen.add(case_id)
        for event_id in camp.events:
            if event_id not in c.events:
                line = origin.index.find(f'"{event_id}"', origin.line("events")) or 1
                self.out.append(diag(origin.path, line, "M020", "v_unknown_event",
                                     names=(event_id,), event=event_id,
                                     maybe=close_match(event_id, c.events)))
        cases = [c.cases[x] for x in camp.cases if x in c.cases]
        events = self.events_of(camp, cases)
        flags = set()
        for item in cases + events:
            for _, effects in _effects(item):
                flags.update(effects.set_flags)
        self.meters(camp, cases + events, meters)
        self.hours(camp, cases)
        order = {case.id: i for i, case in enumerate(cases)}
        for pos, case in enumerate(cases):
            case_origin = c.origin("case", case.id)
            ctx = _Static(flags, meters, order, pos)
            if ctx.never(case.when):
                self.add(case_origin, ("when",), "M031", "v_case_never",
                         names=_reads(case.when), campaign=camp.id)
            for i, option in enumerate(case.options):
                if ctx.never(option.when) or ctx.always(option.locked_if):
                    self.add(case_origin, ("options", i), "M030", "v_option_never",
                             names=_reads(option.when) + _reads(option.locked_if),
                             campaign=camp.id, option=option.id)
        for event in events:
            if event.trigger is not None and _Static(flags, meters, order, len(cases)).never(
                    event.trigger):
                self.add(c.origin("event", event.id), ("trigger",), "M032", "v_trigger_never",
                         names=_reads(event.trigger), campaign=camp.id, event=event.id)

    def meters(self, camp: Campaign, items: list, meters: dict) -> None:
        """Meters read and moved by a campaign's cases and events exist, and no step is wider
        than the meter (it would be clamped without a word)."""
        for item in items:
            kind = "case" if isinstance(item, Case) else "event"
            item_origin = self.c.origin(kind, item.id)
            for path, node in _conditions(item):
                if isinstance(node, MeterCond) and node.meter not in meters:
                    self.add(item_origin, path, "M020", "v_meter_not_declared",
                             names=(node.meter, camp.id), meter=node.meter, campaign=camp.id,
                             maybe=close_match(node.meter, meters))
            for path, effects in _effects(item):
                for meter, delta in effects.meters.items():
                    if meter not in meters:
                        self.add(item_origin, path + ("meters", meter), "M020",
                                 "v_meter_not_declared", names=(meter, camp.id), meter=meter,
                                 campaign=camp.id, maybe=close_match(meter, meters))
                    elif abs(delta) > meters[meter].max - meters[meter].min:
                        m = meters[meter]
                        self.add(item_origin, path + ("meters", meter), "M033",
                                 "v_meter_effect_range", meter=meter, min=m.min, max=m.max,
                                 campaign=camp.id, delta=f"{delta:+d}", span=m.max - m.min)

    def events_of(self, camp: Campaign, cases: list[Case]) -> list[Event]:
        """Events that can happen in a campaign: triggered ones in scope, and all scheduled."""
        found: dict[str, Event] = {}
        todo = [e for e in self.c.events.values() if e.may_fire_in(camp)]
        for case in cases:
            for _, effects in _effects(case):
                todo += [self.c.events[s.event] for s in effects.schedule if s.event in self.c.events]
        while todo:
            event = todo.pop()
            if event.id in found:
                continue
            found[event.id] = event
            todo += [self.c.events[s.event] for s in event.effects.schedule
                     if s.event in self.c.events]
        return list(found.values())

    def unused_events(self) -> None:
        used: set[str] = set()
        for camp in self.c.campaigns.values():
            cases = [self.c.cases[x] for x in camp.cases if x in self.c.cases]
            used.update(e.id for e in self.events_of(camp, cases))
        for event_id in self.c.events:
            if event_id not in used:
                self.add(self.c.origin("event", event_id), ("id",), "M032", "v_event_unused",
                         "warning", names=(event_id,), event=event_id)

    def unused_cases(self) -> None:
        listed = {x for camp in self.c.campaigns.values() for x in camp.cases}
        for case_id in self.c.cases:
            if case_id not in listed:
                self.add(self.c.origin("case", case_id), ("id",), "M031", "v_case_no_campaign",
                         "warning", names=(case_id,), case=case_id)

    # -------------------------------------------------------------- authoring guide
    def guide(self) -> None:
        for kind, item, origin in self.items():
            for path, value in _nodes(item):
                if isinstance(value, (LocalText, LocalList)):
                    for lang in value.missing():
                        self.add(origin, path, "M040", "v_no_translation", "warning",
                                 field=".".join(map(str, path)), lang=lang)
            if isinstance(item, Case):
                self.case_guide(item, origin)

    def case_guide(self, item: Case, origin: Origin) -> None:
        if not item.sources:
            self.add(origin, ("id",), "M041", "v_no_sources", "warning")
        if not 3 <= len(item.options) <= 5:
            self.add(origin, ("options",), "M042", "v_option_count", "warning",
                     count=len(item.options))
        if not item.investigations:
            self.add(origin, ("id",), "M042", "v_no_investigation_action", "warning")
        if len(item.facilitator.questions.nl) < 2:
            self.add(origin, ("facilitator", "questions"), "M042", "v_few_questions", "warning")
        for i, option in enumerate(item.options):
            if all(d.delta > 0 for d in option.loyalties.values()):
                self.add(origin, ("options", i), "M042", "v_no_price", "warning",
                         option=option.id)
        self.verdicts(item, origin)
        for pool, key in (("options", "v_option_id_twice"),
                          ("investigations", "v_investigation_id_twice")):
            first: dict[str, int] = {}
            for i, x in enumerate(getattr(item, pool)):
                if x.id in first:
                    self.add(origin, (pool, i, "id"), "M010", key, id=x.id,
                             first=origin.line(pool, first[x.id], "id"))
                first.setdefault(x.id, i)

    def hours(self, camp: Campaign, cases: list[Case]) -> None:
        """An investigation that costs more than the week's hours can never be done."""
        for case in cases:
            week = case.hours if case.hours is not None else camp.hours_per_case
            for i, inv in enumerate(case.investigations):
                if inv.hours > week:
                    self.add(self.c.origin("case", case.id), ("investigations", i, "hours"),
                             "M033", "v_hours_over_week", hours=inv.hours, week=week,
                             campaign=camp.id)

    def verdicts(self, case: Case, origin: Origin) -> None:
        """Comparable cases are judged on what their options decide, so there it is required."""
        for i, option in enumerate(case.options):
            if option.decides is not None:
                continue
            if case.compare_group:
                self.add(origin, ("options", i), "M002", "v_no_decides_compared",
                         option=option.id, group=case.compare_group)
            else:
                self.add(origin, ("options", i), "M042", "v_no_decides", "warning",
                         option=option.id)


def _reads(cond: Any) -> tuple:
    """The ids and flags a condition reads (to tell errors caused by a skipped file)."""
    out: list[str] = []
    for node in walk(cond) if cond is not None else ():
        for name in ("flag", "chose", "played", "investigated", "event", "meter"):
            value = getattr(node, name, None)
            if isinstance(value, str):
                out.extend(value.split("/"))
    return tuple(out)


class _Static:
    """Three-valued evaluation: True (always), False (never) or None (depends on play)."""

    def __init__(self, flags: set[str], meters: dict, order: dict[str, int], position: int):
        self.flags, self.meters, self.order, self.position = flags, meters, order, position

    def value(self, cond) -> bool | None:
        if cond is None:
            return True
        if isinstance(cond, FlagCond):
            return None if cond.flag in self.flags else False
        if isinstance(cond, (ChoseCond, PlayedCond, InvestigatedCond)):
            ref = (cond.chose if isinstance(cond, ChoseCond) else
                   cond.played if isinstance(cond, PlayedCond) else cond.investigated)
            case_id = ref.split("/", 1)[0]
            where = self.order.get(case_id)
            if where is None or where > self.position:
                return False
            if where == self.position and not isinstance(cond, InvestigatedCond):
                return False
            return None
        if isinstance(cond, MeterCond):
            meter = self.meters.get(cond.meter)
            if meter is None:
                return None
            lo = cond.at_least if cond.at_least is not None else meter.min
            hi = cond.at_most if cond.at_most is not None else meter.max
            if lo > meter.max or hi < meter.min:
                return False
            return None
        if isinstance(cond, AllCond):
            values = [self.value(x) for x in cond.all]
            return False if False in values else (True if all(values) else None)
        if isinstance(cond, AnyCond):
            values = [self.value(x) for x in cond.any]
            return True if True in values else (False if all(v is False for v in values) else None)
        if isinstance(cond, NotCond):
            inner = self.value(cond.not_)
            return None if inner is None else not inner
        return None

    def never(self, cond) -> bool:
        return cond is not None and self.value(cond) is False

    def always(self, cond) -> bool:
        return cond is not None and self.value(cond) is True


def recalled_cases(item: BaseModel) -> set[str]:
    """The cases an item refers to in its conditions and notes."""
    out: set[str] = set()
    for _, node in _conditions(item, cached=False):
        ref = getattr(node, "chose", None) or getattr(node, "played", None) or getattr(
            node, "investigated", None)
        if isinstance(ref, str):
            out.add(ref.split("/", 1)[0])
    for _, model in _walk(item):
        if isinstance(model, Note) and model.cites:
            out.add(model.cites)
    return out


def conditions_in(item: BaseModel) -> Iterator[Any]:
    """Every condition node in a case or event (for playtests; nothing is remembered)."""
    for _, node in _conditions(item, cached=False):
        yield node


def check(content: Content) -> list[Diagnostic]:
    """All cross-check diagnostics, sorted by file and line."""
    checker = _Checker(content)
    try:
        checker.references()
        for camp in content.campaigns.values():
            checker.campaign(camp)
        checker.unused_events()
        checker.unused_cases()
        checker.guide()
    finally:
        _NODES.clear()
    return sorted(set(checker.out))
