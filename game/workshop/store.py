"""The results store: one SQLite file that many participants write to at the same time.

WAL mode, a busy timeout, short ``BEGIN IMMEDIATE`` transactions and a few retries make it
safe for a room of 40 writers. Every decision is keyed by (participant, number), so a retry
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
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from game.engine.state import Action, Decision
from game.strings import s
from game.textsafety import name_key

SCHEMA_VERSION = 2
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud in a room
CODE_LENGTH = 6
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
REJOIN_LENGTH = 4  # shown once at joining, asked for when the same pseudonym joins again
NAME_PATTERN = re.compile(r"^\w[\w .'-]{0,31}$")
PLENARY = "plenair"  # the pseudonym under which the room's plenary choices are recorded
BUSY_TIMEOUT_MS = 2000
RETRIES = 6

T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    campaign TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'nl',
    scenarios TEXT NOT NULL DEFAULT '[]',
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL REFERENCES sessions(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seed INTEGER NOT NULL,
    joined REAL NOT NULL,
    last_seen REAL NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    name_key TEXT,
    rejoin TEXT,
    UNIQUE (code, name)
);
CREATE UNIQUE INDEX IF NOT EXISTS participants_claim ON participants (code, name_key);
CREATE TABLE IF NOT EXISTS actions (
    participant INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    do TEXT NOT NULL,
    case_id TEXT NOT NULL,
    item TEXT NOT NULL,
    motivation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (participant, seq)
);
CREATE TABLE IF NOT EXISTS decisions (
    participant INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    option TEXT NOT NULL,
    variant TEXT NOT NULL,
    escalation INTEGER NOT NULL,
    motivation TEXT NOT NULL,
    compare_group TEXT,
    loyalties TEXT NOT NULL,
    meters TEXT NOT NULL,
    investigated TEXT NOT NULL,
    decided REAL NOT NULL,
    PRIMARY KEY (participant, number)
);
CREATE TABLE IF NOT EXISTS votes (
    code TEXT NOT NULL REFERENCES sessions(code) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    option TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (code, case_id, option)
);
"""


def _migrate_1(conn: sqlite3.Connection) -> None:
    """Version 2: a pseudonym is claimed under a key (case, spacing and look-alike letters do
    not count) and protected by a rejoin code. Runs that were there before have no code yet:
    the next one to join under that name continues them and gets a code."""
    conn.execute("ALTER TABLE participants ADD COLUMN name_key TEXT")
    conn.execute("ALTER TABLE participants ADD COLUMN rejoin TEXT")
    seen: set[tuple[str, str]] = set()
    for pid, code, name in conn.execute(
            "SELECT id, code, name FROM participants ORDER BY id").fetchall():
        key = name_key(name)
        if (code, key) in seen:  # 'Anna' and 'anna' were two people before: keep them apart
            key = f"{key}#{pid}"
        seen.add((code, key))
        conn.execute("UPDATE participants SET name_key = ? WHERE id = ?", (key, pid))
    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS participants_claim "
                 "ON participants (code, name_key)")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1}


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a store of ``version`` up to SCHEMA_VERSION, one step at a time, inside the
    caller's transaction (plain SQL that PostgreSQL understands as well)."""
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](conn)
        version += 1


class StoreError(Exception):
    """The store cannot be used (corrupt, locked, missing). ``message(lang)`` is for a person."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(s(key, "en", **values))

    def message(self, lang: str = "nl") -> str:
        return s(self.key, lang, **self.values)


class UnknownSession(StoreError):
    pass


class NameInUse(StoreError):
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


def new_rejoin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(REJOIN_LENGTH))


def normalise_code(code: str) -> str:
    return code.strip().upper()


def valid_code(code: str) -> bool:
    return bool(CODE_PATTERN.match(code))


def valid_name(name: str) -> bool:
    return bool(NAME_PATTERN.match(name)) and name.strip() == name


class Store:
    """A results store at ``path``. Every call opens a short-lived connection, so a Store can be
    shared between threads and processes."""

    def __init__(self, path: Path | str, create: bool = True,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS, retries: int = RETRIES) -> None:
        self.path = Path(path)
        self.busy_timeout_ms, self.retries = busy_timeout_ms, retries
        self._ready = False
        self._local = threading.local()
        if not create and not self.path.exists():
            raise StoreError("ws_store_missing", path=self.path)

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, opened on first use and kept: closing the last connection
        to a WAL file checkpoints it, which would cost a disk flush per decision. A connection
        that failed is closed, so the next call starts clean."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000,
                                       isolation_level=None, check_same_thread=True)
            except (OSError, sqlite3.Error) as exc:
                raise StoreError("ws_store_open", path=self.path, reason=exc) from None
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA secure_delete = ON")  # purged rows are overwritten
                # WAL + NORMAL: a commit survives any process crash; only a power cut can
                # lose the last commits. FULL would fsync every decision in a busy room.
                conn.execute("PRAGMA synchronous = NORMAL")
                if not self._ready:
                    self._prepare(conn)
            except BaseException:
                conn.close()
                raise
            self._local.conn = conn
        try:
            yield conn
        except sqlite3.Error:
            self.close()
            raise

    def close(self) -> None:
        """Close this thread's connection (it is opened again when needed)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def _prepare(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("ws_store_newer", path=self.path, version=version)
        if version < SCHEMA_VERSION:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "sessions" not in tables:
                raise StoreError("ws_store_foreign", path=self.path)
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise StoreError("ws_store_wal", path=self.path)
            conn.execute("BEGIN IMMEDIATE")  # one process creates or migrates; others wait
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                else:
                    migrate(conn, version)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._ready = True

    def _run(self, work: Callable[[sqlite3.Connection], T], write: bool = False) -> T:
        """Run ``work`` in one short transaction, retrying while the file is busy."""
        delay = 0.02
        for attempt in range(self.retries):
            try:
                with self._connect() as conn:
                    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    try:
                        result = work(conn)
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise
                    conn.execute("COMMIT")
                    return result
            except sqlite3.OperationalError as exc:
                text = str(exc).lower()
                if ("locked" in text or "busy" in text) and attempt < self.retries - 1:
                    time.sleep(delay + random.random() * delay)
                    delay = min(delay * 2, 1.0)
                    continue
                if "locked" in text or "busy" in text:
                    raise StoreError("ws_store_locked", path=self.path) from None
                raise StoreError("ws_store_unusable", path=self.path, reason=exc) from None
            except sqlite3.DatabaseError as exc:
                raise StoreError("ws_store_damaged", path=self.path, reason=exc) from None
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------ sessions
    def create_session(self, name: str, campaign: str, lang: str = "nl",
                       scenarios: list[str] | None = None) -> SessionInfo:
        def work(conn: sqlite3.Connection) -> SessionInfo:
            taken = {r[0] for r in conn.execute("SELECT code FROM sessions")}
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if code not in taken:
                    break
            created = time.time()
            conn.execute("INSERT INTO sessions (code, name, campaign, lang, scenarios, created) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (code, name, campaign, lang, json.dumps(scenarios or []), created))
            return SessionInfo(code, name, campaign, lang, tuple(scenarios or []), created)
        return self._run(work, write=True)

    @staticmethod
    def _session_row(row: tuple) -> SessionInfo:
        code, name, campaign, lang, scenarios, created, people, decided = row
        return SessionInfo(code, name, campaign, lang, tuple(json.loads(scenarios)), created,
                           people or 0, decided or 0)

    _SESSION_QUERY = """
        SELECT s.code, s.name, s.campaign, s.lang, s.scenarios, s.created,
               (SELECT COUNT(*) FROM participants p WHERE p.code = s.code AND p.name != ?),
               (SELECT COUNT(*) FROM decisions d JOIN participants p ON d.participant = p.id
                 WHERE p.code = s.code AND p.name != ?)
        FROM sessions s"""

    def sessions(self) -> list[SessionInfo]:
        return self._run(lambda conn: [self._session_row(r) for r in conn.execute(
            self._SESSION_QUERY + " ORDER BY s.created", (PLENARY, PLENARY))])

    def session(self, code: str) -> SessionInfo:
        code = normalise_code(code)

        def work(conn: sqlite3.Connection) -> SessionInfo:
            row = conn.execute(self._SESSION_QUERY + " WHERE s.code = ?",
                               (PLENARY, PLENARY, code)).fetchone()
            if row is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.path)
            return self._session_row(row)
        return self._run(work)

    def purge(self, code: str) -> int:
        """Delete a session and everything recorded in it. Returns the participants removed."""
        code = normalise_code(code)

        def work(conn: sqlite3.Connection) -> int:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.path)
            people = conn.execute("SELECT COUNT(*) FROM participants WHERE code = ?",
                                  (code,)).fetchone()[0]
            conn.execute("DELETE FROM sessions WHERE code = ?", (code,))  # cascades
            return people
        removed = self._run(work, write=True)
        try:  # move the overwritten pages out of the write-ahead log as well
            with self._connect() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, StoreError):
            pass  # another writer is busy; the rows are deleted all the same
        return removed

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

        def work(conn: sqlite3.Connection) -> Participant:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.path)
            now = time.time()
            row = conn.execute("SELECT id, name, seed, joined, finished, rejoin FROM participants"
                               " WHERE code = ? AND name_key = ?", (code, key)).fetchone()
            if row is None:
                chosen = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
                secret = new_rejoin_code()
                cur = conn.execute(
                    "INSERT INTO participants (code, name, seed, joined, last_seen, name_key,"
                    " rejoin) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (code, name, chosen, now, now, key, secret))
                return Participant(cur.lastrowid, code, name, chosen, now, now, False,
                                   rejoin=secret)
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

        def work(conn: sqlite3.Connection) -> str:
            if conn.execute("SELECT 1 FROM sessions WHERE code = ?", (code,)).fetchone() is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.path)
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
        def work(conn: sqlite3.Connection) -> int | None:
            if conn.execute("SELECT 1 FROM participants WHERE id = ?",
                            (participant_id,)).fetchone() is None:
                return None
            return conn.execute("SELECT COUNT(*) FROM decisions WHERE participant = ?",
                                (participant_id,)).fetchone()[0]
        return self._run(work)

    def actions(self, participant_id: int) -> list[Action]:
        return self._run(lambda conn: [Action(*r) for r in conn.execute(
            "SELECT do, case_id, item, motivation FROM actions WHERE participant = ? "
            "ORDER BY seq", (participant_id,))])

    def record(self, participant_id: int, first_seq: int, actions: list[Action],
               decisions: list[Decision], finished: bool) -> None:
        """Record actions (numbered from ``first_seq``) and decisions in one transaction.
        Idempotent: what is already there is left as it is."""
        now = time.time()

        def work(conn: sqlite3.Connection) -> None:
            if conn.execute("SELECT 1 FROM participants WHERE id = ?",
                            (participant_id,)).fetchone() is None:
                raise SessionEnded("ws_session_ended")
            conn.executemany(
                "INSERT INTO actions (participant, seq, do, case_id, item, motivation)"
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

        def work(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM votes WHERE code = ? AND case_id = ?", (code, case_id))
            conn.executemany("INSERT INTO votes (code, case_id, option, count) VALUES (?, ?, ?, ?)",
                             [(code, case_id, o, n) for o, n in counts.items()])
        self._run(work, write=True)

    # ------------------------------------------------------------------ reading results
    def results(self, code: str) -> tuple[SessionInfo, list[ParticipantRows],
                                          dict[str, dict[str, int]]]:
        """Everything recorded in a session, read in one consistent snapshot."""
        code = normalise_code(code)

        def work(conn: sqlite3.Connection):
            row = conn.execute(self._SESSION_QUERY + " WHERE s.code = ?",
                               (PLENARY, PLENARY, code)).fetchone()
            if row is None:
                raise UnknownSession("ws_unknown_session", code=code, path=self.path)
            info = self._session_row(row)
            people: dict[int, ParticipantRows] = {}
            for pid, name, seed, joined, seen, finished in conn.execute(
                    "SELECT id, name, seed, joined, last_seen, finished FROM participants "
                    "WHERE code = ? ORDER BY joined, id", (code,)):
                people[pid] = ParticipantRows(
                    Participant(pid, code, name, seed, joined, seen, bool(finished)))
            for (pid, number, case_id, option, variant, escalation, motivation, group,
                 loyalties, meters, investigated, decided) in conn.execute(
                    "SELECT d.participant, d.number, d.case_id, d.option, d.variant,"
                    " d.escalation, d.motivation, d.compare_group, d.loyalties, d.meters,"
                    " d.investigated, d.decided FROM decisions d JOIN participants p"
                    " ON d.participant = p.id WHERE p.code = ? ORDER BY d.participant,"
                    " d.number", (code,)):
                rows = people[pid]
                rows.decisions.append(Decision(
                    number, case_id, option, variant, bool(escalation), motivation, group,
                    json.loads(loyalties), json.loads(meters), tuple(json.loads(investigated))))
                rows.decided_at.append(decided)
            votes: dict[str, dict[str, int]] = {}
            for case_id, option, count in conn.execute(
                    "SELECT case_id, option, count FROM votes WHERE code = ?", (code,)):
                votes.setdefault(case_id, {})[option] = count
            return info, list(people.values()), votes
        return self._run(work)
