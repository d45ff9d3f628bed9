"""A room of 40 participants playing at once into one store: every decision lands exactly once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from conftest import FIXTURES, ROOT
from game.workshop.store import Store

PEOPLE = 40


def script(n: int) -> str:
    """Scripted input for participant n: sometimes an investigation first, a motivation that
    names the participant, and whatever the second case offers."""
    first = "a\n" if n % 3 == 0 else ""
    return (f"{first}{n % 4 + 1}\nmotivering van p{n} bij casus 1\n"
            f"{n % 2 + 1}\nmotivering van p{n} bij casus 2\n")


def test_forty_participants_write_concurrently_and_nothing_is_lost_or_doubled(tmp_path):
    store_path = tmp_path / "room.sqlite"
    code = Store(store_path).create_session("Zaal", "test-scootmobiel", "nl",
                                            [str(FIXTURES / "engine")]).code
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    started = time.monotonic()
    procs = []
    for n in range(1, PEOPLE + 1):
        proc = subprocess.Popen(
            [sys.executable, "-m", "game", "play", "--join", code, "--plain", "--name", f"p{n}",
             "--store", str(store_path), "--seed", str(n)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env, cwd=ROOT)
        procs.append(proc)
    outputs = []
    for n, proc in enumerate(procs, start=1):
        out, err = proc.communicate(script(n), timeout=120)
        assert proc.returncode == 0, f"p{n}: {err}"
        assert "Traceback" not in err
        outputs.append(out)
    elapsed = time.monotonic() - started

    info, rows, _ = Store(store_path).results(code)
    by_name = {r.participant.name: r for r in rows}
    assert len(rows) == PEOPLE and info.participants == PEOPLE
    for n, out in enumerate(outputs, start=1):
        row = by_name[f"p{n}"]
        assert row.participant.seed == n
        # what the participant saw decided, in order, is exactly what the store holds
        seen = re.findall(r"^Gevolgen: (.+)$", out, flags=re.M)
        assert len(seen) == 2, out[-2000:]
        assert [d.number for d in row.decisions] == [1, 2]
        assert [d.case for d in row.decisions] == ["scootmobiel-henk", "scootmobiel-joop"]
        assert [d.motivation for d in row.decisions] == [
            f"motivering van p{n} bij casus 1", f"motivering van p{n} bij casus 2"]
        assert row.participant.finished
        assert "Je besluiten staan in de workshop" in out
    assert info.decisions == 2 * PEOPLE
    # wall time stays reasonable on a two-core machine
    assert elapsed < 90, f"{PEOPLE} participants took {elapsed:.1f}s"
