"""A participant whose game cannot reach the session's store when joining is told to wait, and
joins by itself once the store answers: nobody is left on the title with a wrong message."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import game.ui.app
from game.ui.app import MaatwerkApp
from game.ui.screens.case import CaseScreen
from game.workshop.participant import WorkshopTicket
from game.workshop.store import Store, StoreError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nobody listens here once the socket is closed


@dataclass
class Unreachable:
    """A seat in the session whose store cannot be reached for the first ``down`` tries: the
    error is the one a PostgreSQL store at a closed port gives."""

    ticket: WorkshopTicket
    down: int
    tries: list[str] = field(default_factory=list)

    def join(self, content, lang=None, on_error=None):
        self.tries.append("try")
        if len(self.tries) <= self.down:
            Store(f"postgresql://maatwerk@127.0.0.1:{_closed_port()}/maatwerk"
                  "?connect_timeout=2").session(self.ticket.code)
        return self.ticket.join(content, lang, on_error)

    def with_rejoin(self, code):
        return Unreachable(self.ticket.with_rejoin(code), self.down, self.tries)


async def _join_while_the_store_is_down(seat: Unreachable) -> tuple[list[str], object, bool]:
    app = MaatwerkApp(lang="nl", builtin=FIXTURE, campaign="proef", workshop=seat)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, CaseScreen):
                break
        shown = [str(n.message) for n in app._notifications] + list(app.notices)
        return shown, app.screen, app.joined is not None


def test_a_participant_joins_by_itself_once_the_store_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(game.ui.app, "JOIN_RETRY", (0.2, 0.3))
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 1", "proef", "nl", []).code
    seat = Unreachable(WorkshopTicket(store.path, code, "Sanne", 7), down=2)

    shown, screen, joined = asyncio.run(_join_while_the_store_is_down(seat))

    assert len(seat.tries) == 3, "two failed tries, then one that worked"
    assert isinstance(screen, CaseScreen) and joined, "the participant plays without acting"
    waits = [m for m in shown if "probeert het over" in m]
    assert waits, f"the participant is told the game tries again: {shown}"
    assert not any("Spelen gaat door" in m for m in shown), \
        "before joining there is no playing to go on with"
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT name FROM participants").fetchall() == [("Sanne",)]


def test_the_unreachable_server_is_a_trouble_that_may_pass():
    try:
        Store(f"postgresql://maatwerk@127.0.0.1:{_closed_port()}/maatwerk"
              "?connect_timeout=2").session("ABCD")
    except StoreError as exc:
        assert exc.key == "ws_store_unreachable" and exc.passing
    else:
        raise AssertionError("a closed port was reached")
    assert not StoreError("ws_store_damaged", path="x", reason="y").passing
