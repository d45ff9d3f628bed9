"""The group's figures: what the dashboard, the presentation view and the exports show.

Pure functions from the store's rows and the content to plain data. Nothing here draws.
Pseudonyms and motivations pass ``safe_display`` on the way out of the store (a store written
by an older version may hold control characters); screens still show them as plain text.
Individual figures come from ``game.engine.analysis`` (``position`` on the variant map), so a
participant sees the same numbers in their own debrief as the facilitator sees here.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from game.content import Content
from game.content.conditions import LOYALTIES
from game.engine.analysis import (MapPosition, consistent, decided_alike, position, totals,
                                   with_verdicts)
from game.engine.state import Decision
from game.textsafety import safe_display
from game.workshop.comparison import Comparison, compare
from game.workshop.store import PLENARY, Earlier, ParticipantRows, SessionInfo


@dataclass(frozen=True)
class Voice:
    """One participant's decision in one case, with the motivation they wrote."""

    name: str
    motivation: str


@dataclass(frozen=True)
class OptionTally:
    option: str
    label: str
    variant: str
    count: int
    share: float  # 0..1 of the participants who decided this case
    voices: tuple[Voice, ...]
    votes: int | None = None  # the room's show of hands in plenary mode
    verdict: str | None = None  # what the option decides (toekennen, afwijzen, ...)


@dataclass(frozen=True)
class CaseTally:
    case: str
    title: str
    number: int  # 1-based place in the campaign
    decided: int
    options: tuple[OptionTally, ...]
    questions: tuple[str, ...]
    trade_offs: str
    plenary: str | None = None  # the option the room chose in plenary mode
    divided: bool = False  # the room decided this case differently (the engine's rule)


@dataclass(frozen=True)
class LoyaltySpread:
    loyalty: str
    values: tuple[int, ...]  # one total per participant, in participant order
    low: int
    median: float
    high: int


@dataclass(frozen=True)
class Person:
    name: str
    decisions: int
    finished: bool
    last_seen: float
    totals: dict[str, int]
    position: MapPosition
    consistent: bool | None  # comparable cases decided alike (None: no comparable pair yet)


@dataclass
class GroupResults:
    info: SessionInfo
    title: str  # the campaign's title
    lang: str
    people: list[Person]
    cases: list[CaseTally]
    spread: list[LoyaltySpread]
    group_position: MapPosition
    plenary: list[Decision] = field(default_factory=list)
    earlier: Comparison | None = None  # the earlier groups of this campaign, when asked for

    @property
    def decisions(self) -> int:
        return sum(p.decisions for p in self.people)

    def case(self, case_id: str) -> CaseTally | None:
        return next((c for c in self.cases if c.case == case_id), None)


def group_results(content: Content, info: SessionInfo, rows: list[ParticipantRows],
                  votes: dict[str, dict[str, int]] | None = None,
                  lang: str | None = None) -> GroupResults:
    lang = lang or info.lang
    votes = votes or {}
    campaign = content.campaigns.get(info.campaign)
    title = campaign.title.get(lang) if campaign else info.campaign
    # results recorded before options declared a verdict get it from the content
    judged = {id(r): with_verdicts(r.decisions, content) for r in rows}
    group = [r for r in rows if r.participant.name != PLENARY]
    plenary = next((r.decisions for r in rows if r.participant.name == PLENARY), [])

    people = [Person(safe_display(r.participant.name), len(r.decisions), r.participant.finished,
                     r.participant.last_seen, totals(r.decisions), position(r.decisions),
                     consistent(judged[id(r)])) for r in group]

    order = list(campaign.cases) if campaign else []
    for r in rows:
        for d in r.decisions:
            if d.case not in order:
                order.append(d.case)
    order.extend(c for c in votes if c not in order)

    cases = []
    for number, case_id in enumerate(order, start=1):
        case = content.cases.get(case_id)
        chosen: dict[str, list[Voice]] = {}
        variants: dict[str, str] = {}
        verdicts: dict[str, str | None] = {}
        here: list[Decision] = []
        for r in group:
            for d in judged[id(r)]:
                if d.case == case_id:
                    chosen.setdefault(d.option, []).append(Voice(
                        safe_display(r.participant.name), safe_display(d.motivation)))
                    variants[d.option] = d.variant
                    verdicts[d.option] = d.verdict
                    here.append(d)
        count = sum(len(v) for v in chosen.values())
        case_votes = votes.get(case_id, {})
        known: list[tuple[str, str, str]] = (
            [(o.id, o.label.get(lang), o.variant) for o in case.options] if case else [])
        known += [(o, o, variants.get(o, "")) for o in list(chosen) + list(case_votes)
                  if o not in {k[0] for k in known}]
        declared = {o.id: o.decides for o in case.options} if case else {}
        options = tuple(
            OptionTally(oid, label, variant, len(chosen.get(oid, [])),
                        len(chosen.get(oid, [])) / count if count else 0.0,
                        tuple(chosen.get(oid, [])), case_votes.get(oid) if case_votes else None,
                        declared.get(oid) or verdicts.get(oid))
            for oid, label, variant in known)
        plenary_choice = next((d.option for d in plenary if d.case == case_id), None)
        cases.append(CaseTally(
            case_id, case.title.get(lang) if case else case_id, number, count, options,
            tuple(case.facilitator.questions.get(lang)) if case else (),
            case.facilitator.trade_offs.get(lang) if case else "", plenary_choice,
            divided=not decided_alike(here)))

    spread = []
    for loyalty in LOYALTIES:
        values = tuple(p.totals.get(loyalty, 0) for p in people)
        spread.append(LoyaltySpread(loyalty, values, min(values, default=0),
                                    statistics.median(values) if values else 0,
                                    max(values, default=0)))
    everyone = [d for r in group for d in r.decisions]
    return GroupResults(info, title, lang, people, cases, spread, position(everyone), plenary)


def load_results(store, content: Content, code: str, lang: str | None = None,
                 earlier: bool = True) -> GroupResults:
    """Read a session from the store and compute its figures (one consistent snapshot), and
    with ``earlier`` how the earlier groups of the same campaign chose."""
    info, rows, votes = store.results(code)
    results = group_results(content, info, rows, votes, lang)
    if earlier:
        attach_earlier(store, results)
    return results


def attach_earlier(store, results: GroupResults,
                   earlier: Earlier | None = None) -> GroupResults:
    """Add how the earlier comparable groups of this campaign chose (``results.earlier``),
    from ``earlier`` when it was read already, else from the store."""
    if earlier is None:
        earlier = store.earlier(results.info.code)
    here = {c.case: {o.option: o.count for o in c.options if o.count} for c in results.cases}
    results.earlier = compare(earlier, here)
    return results
