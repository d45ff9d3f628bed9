"""The dashboard's figures kept up to date from what is new (``game.workshop.live``) are the
figures a full read gives, on SQLite and PostgreSQL, whatever happens between two refreshes:
new participants and decisions, a rejoin that records its run again, the plenary round, a
session leaving the comparison, a purge. A decision whose transaction commits after a later
one was already read is not missed."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from game.content import load_content
from game.engine.state import Decision
from game.workshop.live import LiveResults
from game.workshop.results import load_results
from game.workshop.store import PLENARY, Store

CAMPAIGN = "test-scootmobiel"
UNKNOWN_CASE = "verdwenen-casus"  # decided in an older version of the campaign
MOTIVATIONS = ["", "Omdat het kan.", "rood\x1b[31m en \x1b]0;titel\x07weg", "a\u202eb",
               "regel\nregel"]


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def _decision(content, number: int, pick: int, motivation: str) -> Decision:
    cases = [*content.campaigns[CAMPAIGN].cases, UNKNOWN_CASE]
    case_id = cases[pick % len(cases)]
    case = content.cases.get(case_id)
    options = [(o.id, o.variant) for o in case.options] if case else []
    options.append(("eigen-optie", "standaardmaatwerk"))  # an option the content lost
    option, variant = options[(pick // len(cases)) % len(options)]
    return Decision(number, case_id, option, variant, pick % 7 == 0, motivation,
                    "scootmobiel" if case else None,
                    {"burger": pick % 5 - 2, "rechtsstaat": 1 - pick % 3}, {}, ())


class Room:
    """A session and an earlier one of the same campaign, written to as a room would."""

    def __init__(self, store: Store, content) -> None:
        self.store, self.content = store, content
        for info in store.sessions():  # each example starts from an empty store
            store.purge(info.code)
        self.earlier = self._session("Vorige groep", time.time() - 86400)
        self.code = self._session("Deze groep", time.time())
        self.people: dict[str, list] = {self.code: [], self.earlier: []}
        self.purges = 0

    def _session(self, name: str, created: float) -> str:
        code = self.store.create_session(name, CAMPAIGN).code
        self.store._run(lambda conn: conn.execute(
            "UPDATE sessions SET created = ? WHERE code = ?", (created, code)), write=True)
        return code

    def apply(self, op: tuple) -> None:
        kind, who, pick = op
        code = self.code if who % 3 else self.earlier
        people = self.people[code]
        if kind == "join" or not people:
            joined = self.store.join(code, f"p{len(people)}", seed=pick)
            people.append([joined, []])
            if kind == "join":
                return
        entry = people[who % len(people)]
        participant, decisions = entry
        if kind == "decide":
            new = [_decision(self.content, len(decisions) + 1 + n, pick + n,
                             MOTIVATIONS[(pick + n) % len(MOTIVATIONS)])
                   for n in range(who % 3 + 1)]
            decisions.extend(new)
            self.store.record(participant.id, 0, [], new, len(decisions) >= 4)
        elif kind == "replay":  # a rejoin records the whole run again
            entry[0] = self.store.join(code, participant.name, rejoin=participant.rejoin)
            self.store.record(participant.id, 0, [], decisions, False)
        elif kind == "plenary":
            room = self.store.join(self.code, PLENARY, seed=1, trusted=True)
            self.store.record(room.id, 0, [], [_decision(self.content, pick % 3 + 1, pick, "")],
                              False)
        elif kind == "votes":
            case_id = self.content.campaigns[CAMPAIGN].cases[pick % 2]
            self.store.record_votes(self.code, case_id, {"afwijzen": pick % 9, "hardheid": 3})
        elif kind == "compare":
            self.store.set_compare(self.earlier, bool(pick % 2))
        elif kind == "purge":  # the earlier group is deleted; a new one takes its place
            self.store.purge(self.earlier)
            self.purges += 1
            self.earlier = self._session(f"Vorige groep {pick}", time.time() - 3600)
            self.people[self.earlier] = []


OPS = st.tuples(st.sampled_from(["join", "decide", "decide", "decide", "replay", "plenary",
                                 "votes", "compare", "purge"]),
                st.integers(0, 50), st.integers(0, 200))


@settings(max_examples=12, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batches=st.lists(st.lists(OPS, min_size=1, max_size=6), min_size=1, max_size=6))
def test_figures_kept_up_to_date_equal_a_full_read(store, content, batches):
    room = Room(store, content)
    live = LiveResults(store, content, room.code, check_every=2)  # counted every other time
    assert live.refresh() == load_results(store, content, room.code)
    purged = 0
    for batch in batches:
        before = room.purges
        for op in batch:
            room.apply(op)
        purged += room.purges > before
        assert live.refresh() == load_results(store, content, room.code)
    # only the first read and the read after a purge read everything: the rest was new rows
    assert live.full_reads == 1 + purged


def test_a_dashboard_of_a_thousand_decisions_reads_only_the_new_ones(store, content):
    room = Room(store, content)
    for n in range(40):
        room.apply(("join", 1, n))
        room.apply(("decide", 1 + 3 * n, n))
    live = LiveResults(store, content, room.code)
    live.refresh()
    room.apply(("decide", 4, 7))
    since = store.since(room.code, live.mark)
    assert len(since.rows) == 2 and not since.full  # the two just recorded, nothing else
    results = live.refresh()
    assert results.decisions == store.session(room.code).decisions
    assert live.full_reads == 1


def test_rows_that_vanish_without_a_purge_are_noticed_by_the_count(store, content):
    """Only a purge deletes rows; should anything else, the store's count of a slice of the
    participants, a different slice each refresh, shows it within ``check_every`` refreshes,
    and everything is read again."""
    room = Room(store, content)
    for n in range(5):
        room.apply(("join", 1, n))
        room.apply(("decide", 1 + 3 * n, n))
    live = LiveResults(store, content, room.code, check_every=3)
    live.refresh()
    store._run(lambda conn: conn.execute(
        "DELETE FROM decisions WHERE participant = ? AND number = 1",
        (room.people[room.code][0][0].id,)), write=True)
    for _ in range(3):
        if live.full_reads == 2:
            break
        results = live.refresh()
    assert live.full_reads == 2
    assert results == load_results(store, content, room.code)
    live.refresh()  # and then it goes on from the new rows only
    assert live.full_reads == 2


def test_each_refresh_counts_only_a_slice_and_every_participant_in_turn(store, content):
    """A refresh asks the store to count the decisions of one participant in
    ``check_every`` (by id), never the whole group; in ``check_every`` refreshes all of
    them were counted once."""
    room = Room(store, content)
    for n in range(7):
        room.apply(("join", 1, n))
        room.apply(("decide", 1 + 3 * n, n))
    asked: list[tuple[int, int] | None] = []
    since = store.since

    def counting(*args, **kwargs):
        asked.append(kwargs.get("check", args[4] if len(args) > 4 else None))
        result = since(*args, **kwargs)
        assert result.counted is None or len(asked) == 1  # only the first read counts all
        return result

    store.since = counting
    live = LiveResults(store, content, room.code, check_every=4)
    try:
        for _ in range(5):
            live.refresh()
    finally:
        del store.since
    assert asked == [(4, 0), (4, 1), (4, 2), (4, 3), (4, 0)]
    ids = [p[0].id for p in room.people[room.code]]
    counted = {pid for m, r in asked[:4] for pid in ids if pid % m == r}
    assert counted == set(ids)
    assert live.full_reads == 1


def _raw_insert(location: str, participant: int, number: int, option: str):
    """An open transaction that has recorded one decision and not yet committed."""
    values = (participant, number, "scootmobiel-henk", option, "hardheidsclausule", 0, "",
              "scootmobiel", '{"burger": 1}', "{}", "[]", time.time())
    sql = ("INSERT INTO decisions (participant, number, case_id, option, variant, escalation,"
           " motivation, compare_group, loyalties, meters, investigated, decided)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    if location.startswith("postgresql://"):
        import psycopg
        conn = psycopg.connect(location)  # a transaction begins with the first statement
        conn.execute(sql.replace("?", "%s"), values)
    else:
        import sqlite3
        conn = sqlite3.connect(location, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql, values)
    return conn


def _commit(conn) -> None:
    if hasattr(conn, "commit") and not hasattr(conn, "isolation_level"):  # psycopg
        conn.commit()
    else:
        conn.execute("COMMIT")
    conn.close()


def test_a_decision_committed_after_a_later_one_was_read_is_not_missed(store_location,
                                                                        content):
    """Several serve processes write at once: a transaction that began first (and on
    PostgreSQL got the lower number) may commit after another one was already read."""
    store = Store(store_location)
    code = store.create_session("Zaal", CAMPAIGN).code
    anna = store.join(code, "anna", seed=1)
    bert = store.join(code, "bert", seed=2)
    live = LiveResults(store, content, code)
    live.refresh()
    slow = _raw_insert(store_location, anna.id, 1, "afwijzen")
    if store_location.startswith("postgresql://"):  # one host writes meanwhile and is read
        _commit(_raw_insert(store_location, bert.id, 1, "hardheid"))
        first = live.refresh()
        assert [o.count for o in first.case("scootmobiel-henk").options[:2]] == [0, 1]
    else:  # SQLite lets one writer in at a time; a reader reads while it writes
        first = live.refresh()
        assert first.decisions == 0
    _commit(slow)
    results = live.refresh()
    assert results.case("scootmobiel-henk").options[0].count == 1  # anna's, committed late
    assert results == load_results(store, content, code)
    assert live.full_reads == 1  # found by the incremental read, not by a full one
    store.close()


def test_a_store_from_before_stamps_is_migrated_and_read_incrementally(store_location,
                                                                        content):
    store = Store(store_location)
    code = store.create_session("Oud", CAMPAIGN).code
    anna = store.join(code, "anna", seed=1)
    store.record(anna.id, 0, [], [_decision(content, 1, 0, "eerst")], False)
    postgres = store_location.startswith("postgresql://")
    if postgres:  # as a store of version 3 was: no stamp on the decisions
        store._run(lambda conn: conn.execute("ALTER TABLE decisions DROP COLUMN stamp"),
                   write=True)
        store.set_setting("schema_version", "3")
    else:
        import sqlite3
        sqlite3.connect(store_location).execute("PRAGMA user_version = 3").connection.close()
    store.close()
    upgraded = Store(store_location)
    live = LiveResults(upgraded, content, code)
    assert live.refresh().decisions == 1
    upgraded.record(anna.id, 0, [], [_decision(content, 2, 1, "daarna")], False)
    assert live.refresh() == load_results(upgraded, content, code)
    assert live.full_reads == 1
    upgraded.close()
