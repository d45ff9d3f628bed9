"""This group against the groups before it: per case, how the earlier sessions of the same
campaign chose, and how their loyalty totals were spread.

Anonymous by construction: the store hands over numbered people without names or
motivations, and a session kept out of comparisons is not among them. Pure functions, nothing
here draws or reads the store.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from game.content.conditions import LOYALTIES
from game.workshop.store import Earlier


@dataclass(frozen=True)
class OptionAgainst:
    option: str
    here: float  # share of this group's decisions in the case, 0..1
    before: float  # share of the earlier groups' decisions in the case, 0..1
    before_count: int


@dataclass(frozen=True)
class CaseAgainst:
    case: str
    decided_before: int
    options: tuple[OptionAgainst, ...]

    def option(self, option_id: str) -> OptionAgainst | None:
        return next((o for o in self.options if o.option == option_id), None)


@dataclass(frozen=True)
class SpreadAgainst:
    loyalty: str
    low: int
    median: float
    high: int


@dataclass(frozen=True)
class Comparison:
    sessions: int  # earlier comparable sessions of the campaign
    people: int  # their participants
    cases: dict[str, CaseAgainst]
    spread: tuple[SpreadAgainst, ...]  # the earlier participants' loyalty totals

    def case(self, case_id: str) -> CaseAgainst | None:
        return self.cases.get(case_id)


def compare(earlier: Earlier, here: dict[str, dict[str, int]]) -> Comparison:
    """``here`` is this group's count per case and option; ``earlier`` the store's rows."""
    counts: dict[str, dict[str, int]] = {}
    totals: dict[int, dict[str, int]] = {}
    for row in earlier.rows:
        case = counts.setdefault(row.case, {})
        case[row.option] = case.get(row.option, 0) + 1
        person = totals.setdefault(row.person, {})
        for loyalty, delta in row.loyalties.items():
            person[loyalty] = person.get(loyalty, 0) + delta
    cases = {}
    for case_id in dict.fromkeys([*here, *counts]):
        mine, theirs = here.get(case_id, {}), counts.get(case_id, {})
        n_mine, n_theirs = sum(mine.values()), sum(theirs.values())
        options = tuple(
            OptionAgainst(option, mine.get(option, 0) / n_mine if n_mine else 0.0,
                          theirs.get(option, 0) / n_theirs if n_theirs else 0.0,
                          theirs.get(option, 0))
            for option in dict.fromkeys([*mine, *theirs]))
        cases[case_id] = CaseAgainst(case_id, n_theirs, options)
    spread = []
    for loyalty in LOYALTIES:
        values = [t.get(loyalty, 0) for t in totals.values()]
        spread.append(SpreadAgainst(loyalty, min(values, default=0),
                                    statistics.median(values) if values else 0,
                                    max(values, default=0)))
    return Comparison(earlier.sessions, earlier.people, cases, tuple(spread))
