"""The figures of a running session, kept up to date: what the dashboard reads on each tick.

Reading everything and computing every figure again takes about a second for a thousand
participants; a tick must take a fraction of that. ``LiveResults`` asks the store only for
what was recorded since its last read (``Store.since``), cleans each new text once, and
recomputes only the participants and cases that changed. The earlier groups of the campaign
are followed the same way, and read again in full only when a session joined or left the
comparison, or something was purged. The figures must equal ``results.group_results`` on a
full read. Only a purge deletes rows, and it is seen; should rows vanish otherwise, each
refresh checks a slice of the participants (the store counts their decisions), every
participant once in ``CHECK_EVERY`` refreshes, and on any difference everything is read again.

Pure Python and the store: nothing here draws.
"""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field, replace

from game.content import Content
from game.engine.analysis import VARIANT_POINTS, position_of, with_verdicts
from game.engine.state import Decision
from game.textsafety import safe_display
from game.workshop.comparison import EarlierTally
from game.workshop.results import (
    CaseParts, CaseTally, GroupResults, Person, Voice, case_order, case_tally, loyalty_spread,
    person, title_of,
)
from game.workshop.store import PLENARY, Mark, NewRow, Participant, Since, Store

Key = tuple[float, int, int]  # a decision's place in a full read: joined, participant, number
# In so many refreshes (about 30 s at the dashboard's 2 s) every participant's decisions are
# counted by the store once, a slice each refresh; a difference means reading everything again.
# Counting the whole group at once was the costliest part of a read on a large store (and made
# every 15th tick slow); the rows themselves come exactly (``Store.since``).
CHECK_EVERY = 15


def _safe(text: str) -> str:
    """``safe_display``: printable text (no control, escape or bidi characters, no line
    breaks) passes as it is, which is nearly all of it."""
    return text if text.isprintable() else safe_display(text)


@dataclass
class _Member:
    """One participant as far as read: decisions in number order, with their verdicts."""

    participant: Participant
    name: str  # made safe once
    decisions: list[Decision] = field(default_factory=list)
    judged: list[Decision] = field(default_factory=list)
    line: Person | None = None  # the participant's figures; None when they must be computed

    def key(self, number: int) -> Key:
        return (self.participant.joined, self.participant.id, number)


@dataclass
class _Case:
    """One case's decisions with their place in a full read, and the tally last built."""

    entries: dict[str, list[tuple[Key, Voice, Decision]]] = field(default_factory=dict)
    built: tuple[tuple, CaseTally] | None = None

    def add(self, key: Key, voice: Voice, decision: Decision) -> None:
        entries = self.entries.setdefault(decision.option, [])
        if not entries or entries[-1][0] < key:  # nearly always: rows come in that order
            entries.append((key, voice, decision))
        else:
            bisect.insort(entries, (key, voice, decision), key=lambda entry: entry[0])
        self.built = None

    def parts(self) -> CaseParts:
        """The same parts a full read gathers: options in the order first chosen, each one's
        variant and verdict from the last to choose it."""
        parts = CaseParts()
        for option in sorted(self.entries, key=lambda o: self.entries[o][0][0]):
            entries = self.entries[option]
            parts.chosen[option] = [voice for _, voice, _ in entries]
            parts.variants[option] = entries[-1][2].variant
            parts.verdicts[option] = entries[-1][2].verdict
        parts.decisions = [entry[2] for entries in self.entries.values() for entry in entries]
        return parts


class LiveResults:
    """A session's figures (``GroupResults``), refreshed from what the store added since the
    last refresh. One instance per dashboard; ``refresh`` may be called from any thread."""

    def __init__(self, store: Store, content: Content, code: str, lang: str | None = None,
                 earlier: bool = True, check_every: int = CHECK_EVERY) -> None:
        self.store, self.content, self.code = store, content, code
        self.lang = lang
        self.with_earlier = earlier
        self.check_every = max(1, check_every)
        self._refreshes = 0
        self._lock = threading.Lock()
        self.mark: Mark | None = None
        self.full_reads = 0  # how often everything was read (the first time, after a purge)
        self._start_again()
        self._earlier = EarlierTally()
        self._verdicts: dict[tuple[str, str], str | None] = {}

    def _start_again(self) -> None:
        self.members: dict[int, _Member] = {}
        self.cases: dict[str, _Case] = {}
        self.first_seen: dict[str, Key] = {}  # per case: its first decision in a full read
        self.plenary: list[Decision] = []
        self.counted = 0  # the group's decisions (the plenary round not counted)
        self.variants = {v: 0 for v in VARIANT_POINTS}  # the group's, escalations apart
        self.escalations = 0
        self._spread: list | None = None  # the loyalty spread, until someone's totals change

    def refresh(self) -> GroupResults:
        """Read what is new and return the figures as a full read would give them."""
        with self._lock:
            check = (self.check_every, self._refreshes % self.check_every)
            self._refreshes += 1
            since = self.store.since(self.code, self.mark, self.with_earlier, False, check)
            if not self._apply(since) or not self._agrees(since, check):
                since = self.store.since(self.code, None, self.with_earlier)  # read it all
                self._apply(since)
            return self._results(since)

    def _agrees(self, since: Since, check: tuple[int, int]) -> bool:
        """Whether the participants of the slice the store counted have as many decisions
        here (read in the same snapshot, so any difference is a row that vanished)."""
        if since.counted not in (None, self.counted):
            return False
        counted = since.checked or {}
        modulus, rest = check
        return all(len(member.decisions) == counted.get(pid, 0)
                   for pid, member in self.members.items() if pid % modulus == rest)

    # ------------------------------------------------------------------ taking in rows
    def _apply(self, since: Since) -> bool:
        """Take in a read; False when it does not fit what was read before."""
        self.mark = since.mark
        if since.full:
            self.full_reads += 1
            self._start_again()
        if since.earlier_full:
            self._earlier = EarlierTally()
        if since.earlier is not None:
            self._earlier.add(since.earlier.rows)
        present = {p.id for p in since.participants}
        if any(pid not in present for pid in self.members):
            return False  # someone was deleted without a purge being counted
        for participant in since.participants:
            member = self.members.get(participant.id)
            if member is None:
                self.members[participant.id] = _Member(participant, _safe(participant.name))
            elif member.participant != participant:
                member.participant, member.line = participant, None
        for row in since.rows:
            self._add(row)
        return True

    def _add(self, row: NewRow) -> None:
        member = self.members[row.participant]
        decision = row.decision
        numbers = [d.number for d in member.decisions]
        if decision.number in numbers:
            return  # already read
        at = bisect.bisect(numbers, decision.number)
        member.decisions.insert(at, decision)
        judged = self._judge(decision)
        member.judged.insert(at, judged)
        member.line = None
        key = member.key(decision.number)
        if decision.case not in self.first_seen or key < self.first_seen[decision.case]:
            self.first_seen[decision.case] = key
        if member.participant.name == PLENARY:
            self.plenary = member.decisions
            return
        self.counted += 1
        if decision.escalation:
            self.escalations += 1
        else:
            self.variants[decision.variant] += 1
        self.cases.setdefault(decision.case, _Case()).add(
            key, Voice(member.name, _safe(decision.motivation)), judged)

    def _judge(self, decision: Decision) -> Decision:
        """The decision with its verdict from the content when it was recorded without one
        (``with_verdicts``), looked up once per case and option."""
        if decision.verdict is not None:
            return decision
        key = (decision.case, decision.option)
        if key not in self._verdicts:
            self._verdicts[key] = with_verdicts([decision], self.content)[0].verdict
        verdict = self._verdicts[key]
        return replace(decision, verdict=verdict) if verdict else decision

    # ------------------------------------------------------------------ the figures
    def _results(self, since: Since) -> GroupResults:
        info, votes = since.info, since.votes
        lang = self.lang or info.lang
        ordered = [self.members[p.id] for p in since.participants]
        group = [m for m in ordered if m.participant.name != PLENARY]
        for member in group:
            if member.line is None:
                member.line = person(member.name, member.participant, member.decisions,
                                     member.judged)
                self._spread = None
        people = [m.line for m in group if m.line is not None]  # each set just above
        if self._spread is None or len(self._spread[0].values) != len(people):
            self._spread = loyalty_spread(people)
        seen = sorted(self.first_seen, key=self.first_seen.__getitem__)
        order = case_order(self.content.campaigns.get(info.campaign), seen, votes)
        cases = []
        for number, case_id in enumerate(order, start=1):
            case = self.cases.setdefault(case_id, _Case())
            case_votes = votes.get(case_id, {})
            chose = next((d.option for d in self.plenary if d.case == case_id), None)
            stamp = (number, lang, sorted(case_votes.items()), chose)
            if case.built is None or case.built[0] != stamp:
                case.built = (stamp, case_tally(self.content, lang, number, case_id,
                                                case.parts(), case_votes, chose))
            cases.append(case.built[1])
        info = replace(info, participants=len(people), decisions=self.counted)
        results = GroupResults(info, title_of(self.content, info, lang), lang, people, cases,
                               list(self._spread), position_of(dict(self.variants),
                                                               self.escalations),
                               list(self.plenary))
        if since.earlier is not None:
            here = {c.case: {o.option: o.count for o in c.options if o.count} for c in cases}
            results.earlier = self._earlier.against(since.earlier.sessions,
                                                    since.earlier.people, here)
        return results
