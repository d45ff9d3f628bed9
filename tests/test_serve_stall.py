"""A participant keeps their game while ``workshop serve`` stalls (issue #14).

When a whole room joins or rejoins at once on a small machine, the server's process can get no
time to run for seconds on end. Its websockets check that each browser is still there (a ping
that the browser answers with a pong, without any script of the page). A browser that answered
at once must not lose its game because the server itself read the answer late: that cut
participants off in the middle of deciding, and a cut-off participant has to rejoin.

Here the participant reads the first case until the server asks; the server is then stopped
outright (SIGSTOP) for 10 s, as long as a loaded server stalled, and the browser answers at
once, as a browser does. (The test waits for the server's question: about a minute.)
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest

import serving

pytest.importorskip("textual_serve")
from game.workshop.serve import HEARTBEAT  # noqa: E402  (needs textual-serve)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGSTOP stalls the server")

STALL = 10.0  # seconds the server gets no time to run (a machine loaded by a whole room)
MOTIVATION = b"Schrijf kort waarom"


async def _read(ws, marker: bytes, timeout: float, log: list[str]) -> bool:
    """Read the screen until ``marker``, answering each ping as a browser does; False when the
    socket ended or the time ran out first."""
    import aiohttp

    screen = b""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while marker not in screen:
        try:
            msg = await asyncio.wait_for(ws.receive(), max(0.1, deadline - loop.time()))
        except asyncio.TimeoutError:
            return False
        if msg.type == aiohttp.WSMsgType.PING:
            await ws.pong(msg.data)
        elif msg.type == aiohttp.WSMsgType.BINARY:
            screen = screen[-65536:] + msg.data
        elif msg.type != aiohttp.WSMsgType.TEXT:
            log.append(f"the socket ended: {msg.type.name} {ws.close_code}")
            return False
    return True


async def _asked(ws, timeout: float) -> bytes | None:
    """Wait (reading the screen) for the server's ping; its payload, or None if none came."""
    import aiohttp

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (left := deadline - loop.time()) > 0:
        try:
            msg = await asyncio.wait_for(ws.receive(), left)
        except asyncio.TimeoutError:
            return None
        if msg.type == aiohttp.WSMsgType.PING:
            return msg.data
        if msg.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            raise AssertionError(f"the socket ended before the stall: {msg.type.name}")
    return None


async def _stalled_server(served, log: list[str]) -> bool:
    import aiohttp

    async with aiohttp.ClientSession() as client:
        async with client.ws_connect(served.ws_url("Ilse"), headers={"Origin": served.origin},
                                     autoping=False, heartbeat=None) as ws:
            await serving.resize(ws, 100, 30)
            assert await _read(ws, serving.FIRST_CASE, 90, log), log
            ping = await _asked(ws, HEARTBEAT * 1.5 + 5)  # the participant reads the case
            assert ping is not None, "the server asks whether the browser is still there"
            os.kill(served.proc.pid, signal.SIGSTOP)
            try:
                await ws.pong(ping)  # the browser answers at once
                await asyncio.sleep(STALL)
            finally:
                os.kill(served.proc.pid, signal.SIGCONT)
            await ws.send_str('["stdin", "1"]')  # the participant picks an option
            return await _read(ws, MOTIVATION, 60, log)


def test_a_participant_who_answers_keeps_the_game_while_the_server_stalls(tmp_path):
    log: list[str] = []
    with serving.serving(tmp_path) as served:
        answered = asyncio.run(_stalled_server(served, log))
    said = served.proc.stdout.read()
    assert answered, f"the participant was cut off: {log}; the server said: {said}"
