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
from game.workshop.store import PLENARY, Earlier, Participant, ParticipantRows, SessionInfo


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
    """The group's figures from everything recorded (``live.LiveResults`` keeps the same
    figures up to date from what was added; the two must agree)."""
    lang = lang or info.lang
    votes = votes or {}
    campaign = content.campaigns.get(info.campaign)
    # results recorded before options declared a verdict get it from the content
    judged = {id(r): with_verdicts(r.decisions, content) for r in rows}
    group = [r for r in rows if r.participant.name != PLENARY]
    plenary = next((r.decisions for r in rows if r.participant.name == PLENARY), [])
    names = {id(r): safe_display(r.participant.name) for r in group}

    people = [person(names[id(r)], r.participant, r.decisions, judged[id(r)]) for r in group]

    extra: list[str] = []
    for r in rows:
        for d in r.decisions:
            extra.append(d.case)
    order = case_order(campaign, extra, votes)

    # one pass over the decisions, in participant order: per case, who chose what
    parts: dict[str, CaseParts] = {}
    for r in group:
        for d in judged[id(r)]:
            parts.setdefault(d.case, CaseParts()).add(
                Voice(names[id(r)], safe_display(d.motivation)), d)
    cases = [case_tally(content, lang, number, case_id, parts.get(case_id, CaseParts()),
                        votes.get(case_id, {}),
                        next((d.option for d in plenary if d.case == case_id), None))
             for number, case_id in enumerate(order, start=1)]
    everyone = [d for r in group for d in r.decisions]
    return GroupResults(info, title_of(content, info, lang), lang, people, cases,
                        loyalty_spread(people), position(everyone), plenary)


def title_of(content: Content, info: SessionInfo, lang: str) -> str:
    campaign = content.campaigns.get(info.campaign)
    return campaign.title.get(lang) if campaign else info.campaign


def person(name: str, participant: Participant, decisions: list[Decision],
           judged: list[Decision]) -> Person:
    """One participant's line: ``name`` made safe, ``judged`` the decisions with verdicts."""
    return Person(name, len(decisions), participant.finished, participant.last_seen,
                  totals(decisions), position(decisions), consistent(judged))


def case_order(campaign, cases: list[str], votes: dict[str, dict[str, int]]) -> list[str]:
    """The campaign's cases, then cases decided that it no longer has (in the order they come
    in ``cases``), then cases only voted on."""
    order = list(campaign.cases) if campaign else []
    known = set(order)
    for case_id in [*cases, *votes]:
        if case_id not in known:
            known.add(case_id)
            order.append(case_id)
    return order


@dataclass
class CaseParts:
    """What the group chose in one case, gathered decision by decision in participant order."""

    chosen: dict[str, list[Voice]] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)
    verdicts: dict[str, str | None] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)  # with their verdicts

    def add(self, voice: Voice, decision: Decision) -> None:
        self.chosen.setdefault(decision.option, []).append(voice)
        self.variants[decision.option] = decision.variant
        self.verdicts[decision.option] = decision.verdict
        self.decisions.append(decision)


def case_tally(content: Content, lang: str, number: int, case_id: str, parts: CaseParts,
               case_votes: dict[str, int], plenary_choice: str | None) -> CaseTally:
    """One case's figures: each option (the content's first, then others chosen or voted)."""
    case = content.cases.get(case_id)
    chosen, variants, verdicts = parts.chosen, parts.variants, parts.verdicts
    count = sum(len(v) for v in chosen.values())
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
    return CaseTally(
        case_id, case.title.get(lang) if case else case_id, number, count, options,
        tuple(case.facilitator.questions.get(lang)) if case else (),
        case.facilitator.trade_offs.get(lang) if case else "", plenary_choice,
        divided=not decided_alike(parts.decisions))


def loyalty_spread(people: list[Person]) -> list[LoyaltySpread]:
    spread = []
    for loyalty in LOYALTIES:
        values = tuple(p.totals.get(loyalty, 0) for p in people)
        spread.append(LoyaltySpread(loyalty, values, min(values, default=0),
                                    statistics.median(values) if values else 0,
                                    max(values, default=0)))
    return spread


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
