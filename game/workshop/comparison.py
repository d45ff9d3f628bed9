"""This group against the groups before it: per case, how the earlier sessions of the same
campaign chose, and how their loyalty totals were spread.

Anonymous by construction: the store hands over numbered people without names or
motivations, and a session kept out of comparisons is not among them. Pure functions, nothing
here draws or reads the store.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from game.content.conditions import LOYALTIES
from game.workshop.store import Earlier, EarlierRow


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
    tally = EarlierTally()
    tally.add(earlier.rows)
    return tally.against(earlier.sessions, earlier.people, here)


class EarlierTally:
    """The earlier groups' counts per case and option and loyalty totals per person, kept up
    to date row by row (the rows of a session only ever grow, until it is purged)."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}
        self.totals: dict[int, dict[str, int]] = {}
        self._spread: tuple[SpreadAgainst, ...] | None = None

    def add(self, rows: Iterable[EarlierRow]) -> None:
        for row in rows:
            case = self.counts.setdefault(row.case, {})
            case[row.option] = case.get(row.option, 0) + 1
            person = self.totals.setdefault(row.person, {})
            for loyalty, delta in row.loyalties.items():
                person[loyalty] = person.get(loyalty, 0) + delta
            self._spread = None

    def spread(self) -> tuple[SpreadAgainst, ...]:
        if self._spread is None:
            spread = []
            for loyalty in LOYALTIES:
                values = [t.get(loyalty, 0) for t in self.totals.values()]
                spread.append(SpreadAgainst(loyalty, min(values, default=0),
                                            statistics.median(values) if values else 0,
                                            max(values, default=0)))
            self._spread = tuple(spread)
        return self._spread

    def against(self, sessions: int, people: int,
                here: dict[str, dict[str, int]]) -> Comparison:
        """This group's counts (``here``) beside the earlier groups': this group's options
        first, then the others the earlier groups chose, by id."""
        cases = {}
        for case_id in dict.fromkeys([*here, *self.counts]):
            mine, theirs = here.get(case_id, {}), self.counts.get(case_id, {})
            n_mine, n_theirs = sum(mine.values()), sum(theirs.values())
            options = tuple(
                OptionAgainst(option, mine.get(option, 0) / n_mine if n_mine else 0.0,
                              theirs.get(option, 0) / n_theirs if n_theirs else 0.0,
                              theirs.get(option, 0))
                for option in dict.fromkeys([*mine, *sorted(theirs)]))
            cases[case_id] = CaseAgainst(case_id, n_theirs, options)
        return Comparison(sessions, people, cases, self.spread())
