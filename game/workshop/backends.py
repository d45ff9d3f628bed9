"""Where the results store keeps its rows: one SQLite file, or a PostgreSQL database.

The store writes one set of SQL statements (``?`` placeholders, ``ON CONFLICT DO NOTHING``,
``RETURNING``) that both back ends understand; a back end opens connections, prepares and
migrates the schema, runs one short transaction, and says which failures are worth a retry.
Every failure a person can meet becomes a ``StoreFault`` with a string key and values, turned
into a ``StoreError`` by the store. Nothing here prints a password: a PostgreSQL location is
always shown with its password replaced.

No Textual, no UI.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from game.textsafety import name_key

SCHEMA_VERSION = 1  # the first version; MIGRATIONS take a store on from there

_TABLES = """
CREATE TABLE IF NOT EXISTS sessions (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    campaign TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'nl',
    scenarios TEXT NOT NULL DEFAULT '[]',
    created {real} NOT NULL,
    compare INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS participants (
    id {serial},
    code TEXT NOT NULL REFERENCES sessions(code) ON DELETE CASCADE,
    name TEXT NOT NULL,
    seed INTEGER NOT NULL,
    joined {real} NOT NULL,
    last_seen {real} NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    name_key TEXT,
    rejoin TEXT,
    UNIQUE (code, name)
);
CREATE UNIQUE INDEX IF NOT EXISTS participants_claim ON participants (code, name_key);
CREATE TABLE IF NOT EXISTS actions (
    participant INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    "do" TEXT NOT NULL,
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
    decided {real} NOT NULL,{stamp}
    PRIMARY KEY (participant, number)
);
CREATE TABLE IF NOT EXISTS votes (
    code TEXT NOT NULL REFERENCES sessions(code) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    option TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (code, case_id, option)
);
CREATE TABLE IF NOT EXISTS maatwerk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""



def _claims(conn: "Tx") -> None:
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


def _comparisons(conn: "Tx") -> None:
    """Version 3: a session can be kept out of comparisons; the store keeps settings."""
    conn.execute("ALTER TABLE sessions ADD COLUMN compare INTEGER NOT NULL DEFAULT 1")
    conn.execute("CREATE TABLE IF NOT EXISTS maatwerk_meta (key TEXT PRIMARY KEY, "
                 "value TEXT NOT NULL)")


PG_STAMP = "\n    stamp xid8 NOT NULL DEFAULT pg_current_xact_id(),"
PG_STAMP_INDEX = "CREATE INDEX IF NOT EXISTS decisions_stamp ON decisions (stamp)"


def _stamps(conn: "Tx") -> None:
    """Version 4: a reader can ask for the decisions committed since it last read.

    SQLite needs no column: one writer at a time gives row ids in commit order. PostgreSQL
    hands out numbers before commit, so a later number can commit first; each decision keeps
    the id of the transaction that wrote it instead, which a reader tests against the
    snapshot of its last read. From this version on every purge counts in the store's
    ``generation``, which tells a reader to start again."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        conn.execute("ALTER TABLE decisions ADD COLUMN" + PG_STAMP.rstrip(","))
        conn.execute(PG_STAMP_INDEX)


# The steps from version 1 on, in order: (the version a step brings the store to, the step).
# Both back ends run the same steps, in SQL that SQLite and PostgreSQL share, with ``?``.
# A new store gets the newest tables (``_TABLES``) at once: keep the two in step.
MIGRATIONS: list[tuple[int, Callable[["Tx"], None]]] = [(2, _claims), (3, _comparisons),
                                                          (4, _stamps)]


def schema(real: str, serial: str, stamp: str = "") -> list[str]:
    """The newest tables in a back end's words for a float, a generated key and a decision's
    commit stamp (none where row ids come in commit order)."""
    return [part.strip() for part in _TABLES.format(real=real, serial=serial, stamp=stamp)
            .split(";") if part.strip()]


def latest_version() -> int:
    return max([SCHEMA_VERSION, *(v for v, _ in MIGRATIONS)])


def migrations_after(version: int) -> list[tuple[int, Callable[["Tx"], None]]]:
    return [(v, step) for v, step in MIGRATIONS if v > version]


class StoreFault(Exception):
    """A failure meant for a person: ``key`` names the string, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(key)


class Retry(Exception):
    """A transaction lost a race (busy file, serialisation failure): run it again."""


class Tx(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any: ...


def is_url(location: str | Path) -> bool:
    return isinstance(location, str) and bool(re.match(r"^postgres(ql)?://", location))


def redact(location: str | Path) -> str:
    """A location fit to print: a URL's password (and any password=... option) hidden."""
    text = str(location)
    if not is_url(text):
        return text
    try:
        parts = urlsplit(text)
    except ValueError:  # not even a URL: keep the scheme, hide the rest
        return text.split("://", 1)[0] + "://***"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:***@{host}" if ":" in userinfo else f"{user}@{host}"
    query = re.sub(r"(?i)(password=)[^&]*", r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub(text: str, location: str | Path) -> str:
    """``text`` (a driver's message) with the location's password removed, if it occurs."""
    if is_url(location):
        try:
            password = urlsplit(str(location)).password
        except ValueError:
            password = str(location).split("://", 1)[-1]
        if password:
            text = text.replace(password, "***")
    return text


class Backend(Protocol):
    where: str
    MARK: str  # SQL for where a reader stands after this read (see ``newer``)

    def newer(self, mark: Any) -> tuple[str, tuple]: ...

    def transaction(self, write: bool) -> Any: ...
    def close(self) -> None: ...
    def after_purge(self) -> None: ...


# --------------------------------------------------------------------------------------------
class SqliteBackend:
    """One SQLite file in WAL mode; a connection per thread, kept open (closing the last
    connection to a WAL file checkpoints it, which would cost a disk flush per decision)."""

    def __init__(self, path: Path, busy_timeout_ms: int) -> None:
        self.path = path
        self.where = str(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._ready = False
        self._local = threading.local()

    # Where an incremental reader stands: the highest decision row id it has seen. Writers
    # take turns (BEGIN IMMEDIATE), so a row committed later always has a higher id. A purge
    # can make SQLite hand out a purged id again: it changes the store's generation, and a
    # reader that sees that reads everything again.
    MARK = "SELECT COALESCE(MAX(rowid), 0) FROM decisions"

    @staticmethod
    def newer(mark: Any) -> tuple[str, tuple]:
        """A condition on decisions ``d``: committed after the read that returned ``mark``."""
        return "d.rowid > ?", (int(mark),)

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout_ms / 1000,
                                   isolation_level=None, check_same_thread=True)
        except (OSError, sqlite3.Error) as exc:
            raise StoreFault("ws_store_open", path=self.where, reason=exc) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")  # purged rows are overwritten
            # WAL + NORMAL: a commit survives any process crash; only a power cut can lose
            # the last commits. FULL would fsync every decision in a busy room.
            conn.execute("PRAGMA synchronous = NORMAL")
            if not self._ready:
                self._prepare(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise self._fault(exc) from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        latest = latest_version()
        if version > latest:
            raise StoreFault("ws_store_newer", path=self.where, version=version)
        if version < latest:
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version == 0 and tables and "sessions" not in tables:
                raise StoreFault("ws_store_foreign", path=self.where)
            if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise StoreFault("ws_store_wal", path=self.where)
            conn.execute("BEGIN IMMEDIATE")  # one process creates or migrates; others wait
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version == 0:
                    for statement in schema("REAL", "INTEGER PRIMARY KEY"):
                        conn.execute(statement)
                else:
                    for target, step in migrations_after(version):
                        step(conn)
                conn.execute(f"PRAGMA user_version = {latest}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._ready = True

    @contextmanager
    def transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise self._fault(exc) from None

    def _fault(self, exc: sqlite3.DatabaseError) -> Exception:
        """A busy file is retried; other operational trouble makes the store unusable; any
        other database error means the file is damaged or no database at all."""
        if not isinstance(exc, sqlite3.OperationalError):
            return StoreFault("ws_store_damaged", path=self.where, reason=exc)
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return Retry("ws_store_locked")
        return StoreFault("ws_store_unusable", path=self.where, reason=exc)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def after_purge(self) -> None:
        """Move the overwritten pages out of the write-ahead log as well."""
        try:
            conn = getattr(self._local, "conn", None) or self._open()
            self._local.conn = conn
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except (sqlite3.Error, StoreFault):
            pass  # another writer is busy; the rows are deleted all the same


# --------------------------------------------------------------------------------------------
class _PgTx:
    """The store's ``?`` statements on a psycopg connection."""

    dialect = "postgresql"
    _cache: dict[str, str] = {}

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    @classmethod
    def _sql(cls, sql: str) -> str:
        converted = cls._cache.get(sql)
        if converted is None:
            converted = cls._cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return converted

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        rows = list(rows)
        if not rows:
            return None
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)
        return None


class PostgresBackend:
    """A PostgreSQL database reached by URL, through a small psycopg connection pool.

    Each call is one transaction at REPEATABLE READ (a read sees one snapshot); a write that
    loses a race (serialisation failure, deadlock, a unique key taken meanwhile) is retried
    by the store. Rows are keyed so that a retried write can never record a decision twice.
    """

    LOCK = 7_146_337_001  # an advisory lock while the schema is created or migrated
    # Where an incremental reader stands: the snapshot its last read saw. A decision is new
    # when the transaction that wrote it (``stamp``) was not yet visible in that snapshot,
    # however its numbers and commits interleaved with other hosts'.
    MARK = "SELECT CAST(pg_current_snapshot() AS TEXT)"

    @staticmethod
    def newer(mark: Any) -> tuple[str, tuple]:
        """A condition on decisions ``d``: committed after the read that returned ``mark``."""
        return ("d.stamp >= pg_snapshot_xmin(CAST(? AS pg_snapshot)) AND NOT "
                "pg_visible_in_snapshot(d.stamp, CAST(? AS pg_snapshot))", (str(mark), str(mark)))

    def __init__(self, url: str, busy_timeout_ms: int, connect_timeout: float = 3.0) -> None:
        self.url = url
        self.where = redact(url)
        self.connect_timeout = connect_timeout
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StoreFault("ws_store_driver", path=self.where) from None
        # The pool logs each failed attempt with the address it used: not on a participant's
        # screen, and never a password. Failures reach the person as one StoreError line.
        logging.getLogger("psycopg.pool").setLevel(logging.CRITICAL)
        self._psycopg = psycopg
        self._pool_class = ConnectionPool
        self._ready = False
        self._lock = threading.Lock()
        self._pool: Any = None

    def _ensure_open(self) -> Any:
        with self._lock:
            if self._pool is None:
                self._pool = self._pool_class(
                    self.url, min_size=0, max_size=8, open=False, timeout=self.connect_timeout,
                    check=self._pool_class.check_connection, name="maatwerk",
                    kwargs={"autocommit": True,
                            "connect_timeout": max(1, int(self.connect_timeout))})
                self._pool.open(wait=False)
            return self._pool

    def _reset(self) -> None:
        """After a lost server: a fresh pool tries at once, instead of backing off."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(timeout=0)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        from psycopg_pool import PoolTimeout

        if not self._ready:  # the first time directly: a refusal is reported at once
            try:
                with self._psycopg.connect(self.url, autocommit=True,
                                           connect_timeout=max(1, int(self.connect_timeout))
                                           ) as conn:
                    self._prepare(conn)
            except self._psycopg.OperationalError as exc:
                raise self._unreachable(exc) from None
            except self._psycopg.ProgrammingError as exc:
                raise StoreFault("ws_store_url", path=self.where,
                                 reason=scrub(str(exc).strip(), self.url)) from None
        pool = self._ensure_open()
        try:
            with pool.connection() as conn:
                yield conn
        except PoolTimeout:
            self._reset()
            raise self._unreachable(None) from None

    def _prepare(self, conn: Any) -> None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (self.LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS maatwerk_meta ("
                         "key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute(
                "SELECT value FROM maatwerk_meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > latest_version():
                raise StoreFault("ws_store_newer", path=self.where, version=version)
            if version == 0:
                for statement in schema("DOUBLE PRECISION",
                                        "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                                        PG_STAMP):
                    conn.execute(statement)
                conn.execute(PG_STAMP_INDEX)
                version = latest_version()
            for target, step in migrations_after(version):
                step(_PgTx(conn))
                version = target
            conn.execute("INSERT INTO maatwerk_meta (key, value) VALUES ('schema_version', %s) "
                         "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                         (str(version),))
        self._ready = True

    @contextmanager
    def transaction(self, write: bool) -> Iterator[_PgTx]:
        errors = self._psycopg.errors
        try:
            with self._connection() as conn:
                with conn.transaction():
                    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"
                                 + ("" if write else " READ ONLY"))
                    yield _PgTx(conn)
        except (errors.SerializationFailure, errors.DeadlockDetected,
                errors.UniqueViolation) as exc:
            raise Retry(type(exc).__name__) from None
        except self._psycopg.OperationalError as exc:
            self._reset()
            raise self._unreachable(exc) from None
        except self._psycopg.DatabaseError as exc:
            raise StoreFault("ws_store_unusable", path=self.where,
                             reason=scrub(str(exc).strip(), self.url)) from None

    def _unreachable(self, exc: Exception | None) -> StoreFault:
        """One clear line for each way a server can be out of reach."""
        text = scrub(str(exc), self.url) if exc is not None else self._pool_error()
        lowered = text.lower()
        if "password authentication failed" in lowered or "no password supplied" in lowered:
            return StoreFault("ws_store_auth", path=self.where)
        if "does not exist" in lowered and "database" in lowered:
            return StoreFault("ws_store_nodb", path=self.where)
        if "connection option" in lowered or "invalid" in lowered and "uri" in lowered:
            return StoreFault("ws_store_url", path=self.where,
                              reason=text.strip().splitlines()[0])
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        reason = lines[0] if lines else "?"
        reason = re.sub(r"^(connection failed|connection is bad):\s*", "", reason)
        return StoreFault("ws_store_unreachable", path=self.where, reason=reason)

    def _pool_error(self) -> str:
        """Why the pool could not connect: try once directly, for the driver's own words."""
        try:
            conn = self._psycopg.connect(self.url, connect_timeout=max(1, int(
                self.connect_timeout)))
        except self._psycopg.Error as exc:
            return scrub(str(exc), self.url)
        conn.close()
        return ""

    def close(self) -> None:
        self._reset()

    def after_purge(self) -> None:
        """PostgreSQL reclaims deleted rows itself (autovacuum); nothing to do."""
