"""A real PostgreSQL 15 server for the tests, in a temporary folder, stopped afterwards.

PostgreSQL refuses to run as root (and CI runs as root), so as root the server runs as the
unprivileged user ``nobody``. It listens on a free loopback port with password
authentication, and on a socket in its own folder for the set-up. Where no PostgreSQL is
installed the tests that need it are skipped, except under CI, where ``.ci/run`` installs it
and a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from serving import free_port

BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin"),
            Path("/usr/lib/postgresql/17/bin")]
USER, PASSWORD = "maatwerk", "geheim-wachtwoord-42"


def find_bin() -> Path | None:
    for folder in BIN_DIRS:
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class Postgres:
    bin: Path
    root: Path
    port: int
    as_root: bool

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(a) for a in argv]
        if self.as_root:
            cmd = ["runuser", "-u", "nobody", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=60,
                              cwd=self.root)

    def url(self, database: str = "postgres", password: str = PASSWORD,
            port: int | None = None) -> str:
        return (f"postgresql://{USER}:{password}@127.0.0.1:{port or self.port}/{database}"
                "?connect_timeout=3")

    def start(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "log", "-w",
                  "-t", "30", "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
                  " -c fsync=off -c max_connections=300", "start")

    def stop(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop",
                  check=False)

    def psql(self, sql: str) -> str:
        return self._run(self.bin / "psql", "-h", self.root, "-p", str(self.port), "-U",
                         "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt",
                         "-c", sql).stdout

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}" OWNER {USER}')
        return self.url(name)


def start_postgres() -> Postgres:
    """Initialise and start a throwaway cluster. Raises RuntimeError when that fails."""
    folder = find_bin()
    if folder is None:
        raise FileNotFoundError("PostgreSQL is not installed (no initdb)")
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="maatwerk-pg-"))
    os.chmod(root, 0o755)
    if as_root:
        shutil.chown(root, "nobody", "nogroup")
    pg = Postgres(folder, root, free_port(), as_root)
    pwfile = root / "pw"
    pwfile.write_text("postgres-init\n")
    if as_root:
        shutil.chown(pwfile, "nobody", "nogroup")
    try:
        pg._run(folder / "initdb", "-D", pg.data, "-U", "postgres", "--pwfile", pwfile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8" if _has_c_utf8() else "--locale=C")
        pg.start()
        pg.psql(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}' CREATEDB")
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        pg.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from None
    return pg


def _has_c_utf8() -> bool:
    return Path("/usr/lib/locale/C.utf8").exists() or Path("/usr/lib/locale/C.UTF-8").exists()


def stop_postgres(pg: Postgres) -> None:
    pg.stop()
    deadline = time.monotonic() + 10
    while (pg.data / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    shutil.rmtree(pg.root, ignore_errors=True)
