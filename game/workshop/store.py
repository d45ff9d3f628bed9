"""The results store that many participants write to at the same time: one SQLite file on
a facilitator's laptop, or a PostgreSQL database that several hosts share (``backends.py``).

Short transactions and a few retries make it safe for a room of 40 writers (SQLite: WAL mode,
a busy timeout, ``BEGIN IMMEDIATE``; PostgreSQL: a small pool, REPEATABLE READ). Every decision is keyed by (participant, number), so a retry
or a replayed hook can never record it twice. A participant's seed and actions are kept, so
a run can be rebuilt with ``game.engine.game.replay`` when someone rejoins.

A pseudonym is claimed under a key (``game.textsafety.name_key``: case, spacing and look-alike
letters do not count) and protected by a short rejoin code. The schema has a version
(SQLite's ``user_version``); ``migrate`` brings an older store up to date. All SQL lives in
this module and keeps to what PostgreSQL understands too (``ON CONFLICT DO NOTHING``, not
``INSERT OR IGNORE``), apart from the PRAGMAs.

No Textual, no UI: errors are ``StoreError`` with a message meant for a person.
"""

from __future__ import annotations

import json
import random
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from game.engine.state import Action, Decision
from game.participation import NameTaken, RoomError
from game.workshop.backends import (
    Backend, PostgresBackend, Retry, SqliteBackend, StoreFault, Tx, is_url, latest_version,
)
from game.strings import s
from game.textsafety import name_key

SCHEMA_VERSION = latest_version()
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud in a room
CODE_LENGTH = 6
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
REJOIN_LENGTH = 4  # shown once at joining, asked for when the same pseudonym joins again
NAME_PATTERN = re.compile(r"^\w[\w .'-]{0,31}$")
PLENARY = "plenair"  # the pseudonym under which the room's plenary choices are recorded
BUSY_TIMEOUT_MS = 2000
RETRIES = 6
GENERATION = "generation"  # a setting that counts purges: an incremental reader starts again

T = TypeVar("T")

class StoreError(RoomError):
    """The store cannot be used (corrupt, locked, missing). ``message(lang)`` is for a person."""

    PASSING = ("ws_store_unreachable", "ws_store_locked")  # the server or the lock may come back

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        self.passing = key in self.PASSING
        super().__init__(s(key, "en", **values))

    def message(self, lang: str = "nl") -> str:
        return s(self.key, lang, **self.values)


class UnknownSession(StoreError):
    pass


class NameInUse(StoreError, NameTaken):
    """The pseudonym is claimed in this session and no (or a wrong) rejoin code was given."""


class SessionEnded(StoreError):
    """The session, or this participant in it, was deleted (``workshop purge``)."""


@dataclass(frozen=True)
class SessionInfo:
    code: str
    name: str
    campaign: str
    lang: str
    scenarios: tuple[str, ...]
    created: float
    participants: int = 0
    decisions: int = 0
    compare: bool = True  # counted among the earlier groups that later groups are compared with


@dataclass(frozen=True)
class EarlierRow:
    """One decision of an earlier group, without names: who made it is a number only."""

    person: int
    case: str
    option: str
    loyalties: dict[str, int]


@dataclass(frozen=True)
class Earlier:
    """What earlier comparable sessions of the same campaign decided."""

    sessions: int
    people: int
    rows: tuple[EarlierRow, ...]


@dataclass(frozen=True)
class Mark:
    """Where an incremental reader of a session stands after a read (``Store.since``)."""

    generation: str  # purges so far: after one, everything is read again
    position: object  # the back end's: the last row id seen, or the snapshot of the read
    scope: tuple[str, ...] = ()  # the earlier sessions compared with at that read


@dataclass(frozen=True)
class Participant:
    id: int
    code: str
    name: str
    seed: int
    joined: float
    last_seen: float
    finished: bool
    rejoined: bool = False  # True when join() found this pseudonym already in the session
    rejoin: str = ""  # the code that proves it is them when they join again (join() only)


@dataclass
class ParticipantRows:
    participant: Participant
    decisions: list[Decision] = field(default_factory=list)
    decided_at: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class NewRow:
    """A decision as read from the store, with who made it and when it was recorded."""

    participant: int
    decision: Decision
    decided: float


@dataclass(frozen=True)
class Since:
    """A session as it is now, with the decisions added since a mark (all when ``full``),
    and the same for the earlier groups it is compared with (all when ``earlier_full``)."""

    info: SessionInfo
    participants: tuple[Participant, ...]  # all of them, in the order of joining
    rows: tuple[NewRow, ...]
    votes: dict[str, dict[str, int]]
    full: bool
    earlier: Earlier | None  # sessions and people as they are now, rows new since the mark
    earlier_full: bool
    mark: Mark
    counted: int | None = None  # the group's decisions in the store, when they were counted
    checked: dict[int, int] | None = None  # decisions per participant of a slice (``check``)


class _Decoder:
    """``json.loads`` for many rows whose small JSON texts repeat (the same option gives the
    same loyalties): each text is parsed once; every row gets its own copy of the result."""

    def __init__(self) -> None:
        self._seen: dict[str, object] = {}

    def __call__(self, text: str):
        value = self._seen.get(text)
        if value is None:
            value = self._seen[text] = json.loads(text)
        return value.copy() if isinstance(value, (dict, list)) else value


def new_rejoin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(REJOIN_LENGTH))


def normalise_code(code: str) -> str:
    return code.strip().upper()


def valid_code(code: str) -> bool:
    return bool(CODE_PATTERN.match(code))


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name)) and name.strip() == name


class Store:
    """A results store at ``location``: an SQLite file path, or a ``postgresql://`` URL.
    Every call is one short transaction, so a Store can be shared between threads, and many
    processes (on one host, or on several with PostgreSQL) can use one store at once."""

    def __init__(self, location: Path | str, create: bool = True,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS, retries: int = RETRIES) -> None:
        self.retries = retries
        self.location = str(location)
        self.backend: Backend
        if is_url(self.location):
            self.path = None
            try:
                self.backend = PostgresBackend(self.location, busy_timeout_ms)
            except StoreFault as fault:
                raise StoreError(fault.key, **fault.values) from None
        else:
            self.path = Path(location)
            if not create and not self.path.exists():
                raise StoreError("ws_store_missing", path=self.path)
            self.backend = SqliteBackend(self.path, busy_timeout_ms)
        self.where = self.backend.where  # fit to print: no password

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    # ------------------------------------------------------------------ plumbing
    def close(self) -> None:
        """Close this thread's connection (or the pool); it is opened again when needed."""
        self.backend.close()

    def _run(self, work: Callable[[Tx], T], write: bool = False) -> T:
        """Run ``work`` in one short transaction, retrying while it loses a race."""
        delay = 0.02
        for attempt in range(self.retries):
            try:
                with self.backend.transaction(write) as conn:
                    return work(conn)
            except Retry:
                if attempt < self.retries - 1:
                    time.sleep(delay + random.random() * delay)
                    delay = min(delay * 2, 1.0)
                    continue
                raise StoreError("ws_store_locked", path=self.where) from None
            except StoreFault as fault:
                raise StoreError(fault.key, **fault.values) from None
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ sessions
    def create_session(self, name: str, campaign: str, lang: str = "nl",
                       scenarios: list[str] | None = None, compare: bool = True) -> SessionInfo:
        def work(conn: Tx) -> SessionInfo:
            taken = {r[0] for r in conn.execute("SELECT code FROM sessions")}
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if code not in taken:
                    break
            created = time.time()
            conn.execute("INSERT INTO sessions (code, name, campaign, lang, scenarios, created,"
                         " compare) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (code, name, campaign, lang, json.dumps(scenarios or []), created,
                          int(compare)))
            return SessionInfo(code, name, campaign, lang, tuple(scenarios or []), created,
                               compare=compare)
        return self._run(work, write=True)

    def set_compare(self, code: str, compare: bool) -> SessionInfo:
        """Count this session among the earlier groups that later ones are compared with, or
        keep it out."""
        code = normalise_code(code)

        def work(conn: Tx) -> None:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            conn.execute("UPDATE sessions SET compare = ? WHERE code = ?", (int(compare), code))
        self._run(work, write=True)
        return self.session(code)

    def earlier(self, code: str) -> Earlier:
        """The decisions of the comparable sessions of the same campaign created before
        ``code`` (not its own, no plenary rows, no names, no motivations)."""
        code = normalise_code(code)

        def work(conn: Tx) -> Earlier:
            row = conn.execute("SELECT campaign, created FROM sessions WHERE code = ?",
                               (code,)).fetchone()
            if row is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            return self._earlier(conn, code, *row)
        return self._run(work)

    _EARLIER = ("FROM sessions s JOIN participants p ON p.code = s.code "
                "WHERE s.campaign = ? AND s.created < ? AND s.code != ? AND s.compare = 1 "
                "AND p.name != ?")

    def _earlier(self, conn: Tx, code: str, campaign: str, created: float,
                 newer: tuple[str, tuple] = ("1 = 1", ())) -> Earlier:
        """The earlier groups' people now, and their decisions that meet ``newer``."""
        args = (campaign, created, code, PLENARY)
        sessions, people = conn.execute(
            f"SELECT COUNT(DISTINCT s.code), COUNT(DISTINCT p.id) {self._EARLIER}",
            args).fetchone()
        loads = _Decoder()
        rows = tuple(EarlierRow(pid, case_id, option, loads(loyalties))
                     for pid, case_id, option, loyalties in conn.execute(
                         "SELECT p.id, d.case_id, d.option, d.loyalties " + self._EARLIER.replace(
                             "WHERE", "JOIN decisions d ON d.participant = p.id WHERE", 1)
                         + f" AND {newer[0]}", args + newer[1]))
        return Earlier(sessions or 0, people or 0, rows)

    def _scope(self, conn: Tx, code: str, campaign: str, created: float) -> tuple[str, ...]:
        """The earlier sessions this one is compared with, by code."""
        return tuple(r[0] for r in conn.execute(
            "SELECT code FROM sessions WHERE campaign = ? AND created < ? AND code != ?"
            " AND compare = 1 ORDER BY code", (campaign, created, code)))

    def sizes(self) -> dict[str, int]:
        """Roughly how many bytes each session's rows take (text and a row overhead)."""
        def work(conn: Tx) -> dict[str, int]:
            sizes: dict[str, int] = {}
            for code, size in conn.execute(
                    "SELECT p.code, SUM(64 + LENGTH(d.motivation) + LENGTH(d.loyalties)"
                    " + LENGTH(d.meters) + LENGTH(d.investigated)) FROM decisions d"
                    " JOIN participants p ON d.participant = p.id GROUP BY p.code"):
                sizes[code] = sizes.get(code, 0) + int(size or 0)
            for code, size in conn.execute(
                    "SELECT p.code, SUM(32 + LENGTH(a.motivation) + LENGTH(a.item))"
                    " FROM actions a JOIN participants p ON a.participant = p.id"
                    " GROUP BY p.code"):
                sizes[code] = sizes.get(code, 0) + int(size or 0)
            return sizes
        return self._run(work)

    def older_than(self, seconds: float, now: float | None = None) -> list[SessionInfo]:
        """The sessions created more than ``seconds`` ago."""
        cutoff = (now if now is not None else time.time()) - seconds
        return [info for info in self.sessions() if info.created < cutoff]

    # ------------------------------------------------------------------ settings
    def setting(self, key: str) -> str | None:
        row = self._run(lambda conn: conn.execute(
            "SELECT value FROM maatwerk_meta WHERE key = ?", (key,)).fetchone())
        return row[0] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        def work(conn: Tx) -> None:
            conn.execute("DELETE FROM maatwerk_meta WHERE key = ?", (key,))
            if value is not None:
                conn.execute("INSERT INTO maatwerk_meta (key, value) VALUES (?, ?)", (key, value))
        self._run(work, write=True)

    @staticmethod
    def _session_row(row: tuple) -> SessionInfo:
        code, name, campaign, lang, scenarios, created, compare, people, decided = row
        return SessionInfo(code, name, campaign, lang, tuple(json.loads(scenarios)), created,
                           people or 0, decided or 0, bool(compare))

    _SESSION_QUERY = """
        SELECT s.code, s.name, s.campaign, s.lang, s.scenarios, s.created, s.compare,
               (SELECT COUNT(*) FROM participants p WHERE p.code = s.code AND p.name != ?),
               (SELECT COUNT(*) FROM decisions d JOIN participants p ON d.participant = p.id
                 WHERE p.code = s.code AND p.name != ?)
        FROM sessions s"""

    _SESSION_LIGHT = ("SELECT code, name, campaign, lang, scenarios, created, compare, NULL, NULL"
                      " FROM sessions WHERE code = ?")

    def sessions(self) -> list[SessionInfo]:
        return self._run(lambda conn: [self._session_row(r) for r in conn.execute(
            self._SESSION_QUERY + " ORDER BY s.created", (PLENARY, PLENARY))])

    def session(self, code: str) -> SessionInfo:
        code = normalise_code(code)

        def work(conn: Tx) -> SessionInfo:
            row = conn.execute(self._SESSION_QUERY + " WHERE s.code = ?",
                               (PLENARY, PLENARY, code)).fetchone()
            if row is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            return self._session_row(row)
        return self._run(work)

    def purge(self, code: str) -> int:
        """Delete a session and everything recorded in it. Returns the participants removed."""
        code = normalise_code(code)

        def work(conn: Tx) -> int:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            people = conn.execute("SELECT COUNT(*) FROM participants WHERE code = ?",
                                  (code,)).fetchone()[0]
            conn.execute("DELETE FROM sessions WHERE code = ?", (code,))  # cascades
            self._next_generation(conn)
            return people
        removed = self._run(work, write=True)
        self.backend.after_purge()
        return removed

    @staticmethod
    def _next_generation(conn: Tx) -> None:
        """Rows were deleted: readers that follow the store incrementally start again."""
        row = conn.execute("SELECT value FROM maatwerk_meta WHERE key = ?",
                           (GENERATION,)).fetchone()
        conn.execute("INSERT INTO maatwerk_meta (key, value) VALUES (?, ?) ON CONFLICT (key)"
                     " DO UPDATE SET value = excluded.value",
                     (GENERATION, str(int(row[0]) + 1 if row else 1)))

    # ------------------------------------------------------------------ participants
    def join(self, code: str, name: str, seed: int | None = None, rejoin: str | None = None,
             trusted: bool = False) -> Participant:
        """Claim pseudonym ``name`` in session ``code`` (created with ``seed``), or continue it.

        A name in use (case, spacing and look-alike letters do not count) is continued only
        with its rejoin code, or when ``trusted`` (the facilitator's own plenary run); else
        ``NameInUse``. A name without a code (released, or from before codes) is claimed by
        the next one to join, who gets a new code."""
        code, key = normalise_code(code), name_key(name)
        given = normalise_code(rejoin or "")

        def work(conn: Tx) -> Participant:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            now = time.time()
            row = conn.execute("SELECT id, name, seed, joined, finished, rejoin FROM participants"
                               " WHERE code = ? AND name_key = ?", (code, key)).fetchone()
            if row is None:
                chosen = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
                secret = new_rejoin_code()
                new_id = conn.execute(
                    "INSERT INTO participants (code, name, seed, joined, last_seen, name_key,"
                    " rejoin) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (code, name, chosen, now, now, key, secret)).fetchone()[0]
                return Participant(new_id, code, name, chosen, now, now, False, rejoin=secret)
            pid, stored_name, stored_seed, joined, finished, secret = row
            if secret is None:
                secret = new_rejoin_code()
            elif not (trusted or secrets.compare_digest(given.encode(), secret.encode())):
                raise NameInUse("ws_rejoin_wrong" if given else "ws_name_in_use",
                                name=stored_name, code=code)
            conn.execute("UPDATE participants SET last_seen = ?, rejoin = ? WHERE id = ?",
                         (now, secret, pid))
            return Participant(pid, code, stored_name, stored_seed, joined, now, bool(finished),
                               True, secret)
        return self._run(work, write=True)

    def release(self, code: str, name: str) -> str:
        """Free a pseudonym's claim: the next one to join under it continues its run and gets
        a new rejoin code. Returns the name as stored."""
        code, key = normalise_code(code), name_key(name)

        def work(conn: Tx) -> str:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.where)
            row = conn.execute("SELECT id, name FROM participants WHERE code = ? AND name_key = ?",
                               (code, key)).fetchone()
            if row is None:
                raise StoreError("ws_release_unknown", name=name, code=code)
            conn.execute("UPDATE participants SET rejoin = NULL WHERE id = ?", (row[0],))
            return row[1]
        return self._run(work, write=True)

    def recorded(self, participant_id: int) -> int | None:
        """How many decisions the store holds for this participant; None when the participant
        (or the whole session) was deleted."""
        def work(conn: Tx) -> int | None:
            if conn.execute("SELECT 1 FROM participants WHERE id = ?",
                            (participant_id,)).fetchone() is None:
                return None
            return conn.execute("SELECT COUNT(*) FROM decisions WHERE participant = ?",
                                (participant_id,)).fetchone()[0]
        return self._run(work)

    def actions(self, participant_id: int) -> list[Action]:
        return self._run(lambda conn: [Action(*r) for r in conn.execute(
            'SELECT "do", case_id, item, motivation FROM actions WHERE participant = ? '
            "ORDER BY seq", (participant_id,))])

    def record(self, participant_id: int, first_seq: int, actions: list[Action],
               decisions: list[Decision], finished: bool) -> None:
        """Record actions (numbered from ``first_seq``) and decisions in one transaction.
        Idempotent: what is already there is left as it is."""
        now = time.time()

        def work(conn: Tx) -> None:
            if conn.execute("SELECT 1 FROM participants WHERE id = ?",
                            (participant_id,)).fetchone() is None:
                raise SessionEnded("ws_session_ended")
            conn.executemany(
                'INSERT INTO actions (participant, seq, "do", case_id, item, motivation)'
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(participant_id, first_seq + i, a.do, a.case, a.id, a.motivation)
                 for i, a in enumerate(actions)])
            conn.executemany(
                "INSERT INTO decisions (participant, number, case_id, option, variant,"
                " escalation, motivation, compare_group, loyalties, meters, investigated,"
                " decided) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(participant_id, d.number, d.case, d.option, d.variant, int(d.escalation),
                  d.motivation, d.compare_group, json.dumps(d.loyalties), json.dumps(d.meters),
                  json.dumps(list(d.investigated)), now) for d in decisions])
            conn.execute("UPDATE participants SET last_seen = ?, finished = ? WHERE id = ?",
                         (now, int(finished), participant_id))
        self._run(work, write=True)

    # ------------------------------------------------------------------ plenary votes
    def record_votes(self, code: str, case_id: str, counts: dict[str, int]) -> None:
        code = normalise_code(code)

        def work(conn: Tx) -> None:
            conn.execute("DELETE FROM votes WHERE code = ? AND case_id = ?", (code, case_id))
            conn.executemany("INSERT INTO votes (code, case_id, option, count) VALUES (?, ?, ?, ?)",
                             [(code, case_id, o, n) for o, n in counts.items()])
        self._run(work, write=True)

    # ------------------------------------------------------------------ reading results
    _PEOPLE = ("SELECT id, name, seed, joined, last_seen, finished FROM participants "
               "WHERE code = ? ORDER BY joined, id")
    _DECISIONS = ("SELECT d.participant, d.number, d.case_id, d.option, d.variant,"
                  " d.escalation, d.motivation, d.compare_group, d.loyalties, d.meters,"
                  " d.investigated, d.decided FROM decisions d JOIN participants p"
                  " ON d.participant = p.id WHERE p.code = ? AND {newer} ORDER BY"
                  " d.participant, d.number")

    def _info(self, conn: Tx, code: str) -> SessionInfo:
        row = conn.execute(self._SESSION_QUERY + " WHERE s.code = ?",
                           (PLENARY, PLENARY, code)).fetchone()
        if row is None:
            raise UnknownSession("ws_unknown_session", code=code, path=self.where)
        return self._session_row(row)

    def _people(self, conn: Tx, code: str) -> tuple[Participant, ...]:
        return tuple(Participant(pid, code, name, seed, joined, seen, bool(finished))
                     for pid, name, seed, joined, seen, finished in conn.execute(
                         self._PEOPLE, (code,)))

    def _decisions(self, conn: Tx, code: str,
                   newer: tuple[str, tuple] = ("1 = 1", ())) -> list[NewRow]:
        loads = _Decoder()
        return [NewRow(pid, Decision(number, case_id, option, variant, bool(escalation),
                                     motivation, group, loads(loyalties), loads(meters),
                                     tuple(loads(investigated))),
                       decided)
                for (pid, number, case_id, option, variant, escalation, motivation, group,
                     loyalties, meters, investigated, decided) in conn.execute(
                    self._DECISIONS.format(newer=newer[0]), (code, *newer[1]))]

    def _votes(self, conn: Tx, code: str) -> dict[str, dict[str, int]]:
        votes: dict[str, dict[str, int]] = {}
        for case_id, option, count in conn.execute(
                "SELECT case_id, option, count FROM votes WHERE code = ?", (code,)):
            votes.setdefault(case_id, {})[option] = count
        return votes

    def results(self, code: str) -> tuple[SessionInfo, list[ParticipantRows],
                                          dict[str, dict[str, int]]]:
        """Everything recorded in a session, read in one consistent snapshot."""
        code = normalise_code(code)

        def work(conn: Tx):
            info = self._info(conn, code)
            people = {p.id: ParticipantRows(p) for p in self._people(conn, code)}
            for row in self._decisions(conn, code):
                rows = people[row.participant]
                rows.decisions.append(row.decision)
                rows.decided_at.append(row.decided)
            return info, list(people.values()), self._votes(conn, code)
        return self._run(work)

    _CHECK = ("SELECT d.participant, COUNT(*) FROM decisions d JOIN participants p"
              " ON d.participant = p.id WHERE p.code = ? AND p.id % ? = ? GROUP BY d.participant")

    def since(self, code: str, mark: Mark | None = None, earlier: bool = True,
              count: bool = True, check: tuple[int, int] | None = None) -> Since:
        """A session now, and only the decisions recorded since ``mark`` (an earlier read's
        ``Since.mark``; None reads everything), in one consistent snapshot. The same for the
        earlier groups with ``earlier``; when a purge or the set of earlier sessions changed,
        the rows are all of them again (``full``, ``earlier_full``). Without ``count`` (and
        when not full) the session's decisions are not counted, which on a large store is the
        costliest part of the read: ``Since.counted`` is None and ``info.decisions`` 0. With
        ``check`` (m, r), the decisions of the participants whose id is r modulo m are counted
        per participant (``Since.checked``): a reader can check a slice each time."""
        code = normalise_code(code)

        def work(conn: Tx) -> Since:
            if count or mark is None:
                info = self._info(conn, code)
            else:
                row = conn.execute(self._SESSION_LIGHT, (code,)).fetchone()
                if row is None:
                    raise UnknownSession("ws_unknown_session", code=code, path=self.where)
                info = self._session_row(row)
            row = conn.execute("SELECT value FROM maatwerk_meta WHERE key = ?",
                               (GENERATION,)).fetchone()
            generation = row[0] if row else "0"
            position = conn.execute(self.backend.MARK).fetchone()[0]
            full = mark is None or mark.generation != generation
            newer = ("1 = 1", ()) if mark is None or full else self.backend.newer(mark.position)
            rows = tuple(self._decisions(conn, code, newer))
            scope: tuple[str, ...] = ()
            found, earlier_full = None, full
            if earlier:
                scope = self._scope(conn, code, info.campaign, info.created)
                earlier_full = full or mark is None or scope != mark.scope
                found = self._earlier(conn, code, info.campaign, info.created,
                                      ("1 = 1", ()) if earlier_full else newer)
            if full and not count and mark is not None:
                info = self._info(conn, code)  # everything is read again: count it as well
            counted = info.decisions if count or full else None
            checked = None if check is None else dict(
                conn.execute(self._CHECK, (code, *check)).fetchall())
            return Since(info, self._people(conn, code), rows, self._votes(conn, code), full,
                         found, earlier_full, Mark(generation, position, scope), counted,
                         checked)
        return self._run(work)
