"""The served game guards its door (issue #10, item 4), against the real ``workshop serve``:
only its own page opens games, only under names it serves, no more than the room holds, with
any window size, and no game outlives its socket."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import socket
import struct

import pytest

from serving import get, play_until, resize, serving, wait_for

pytest.importorskip("textual_serve")
psutil = pytest.importorskip("psutil")
aiohttp = pytest.importorskip("aiohttp")


async def handshake_status(url: str, headers: dict[str, str]) -> int:
    """The HTTP status a websocket handshake gets (101 when a game would start)."""
    async with aiohttp.ClientSession() as client:
        try:
            async with client.ws_connect(url, headers=headers) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_a_websocket_from_another_origin_gets_no_game_and_no_participant(tmp_path):
    with serving(tmp_path) as served:
        url = served.ws_url("Anna")
        for origin in ("http://evil.example", f"http://evil.example:{served.port}",
                       f"https://127.0.0.1:{served.port}", "null"):
            assert asyncio.run(handshake_status(url, {"Origin": origin})) == 403, origin
        assert asyncio.run(handshake_status(url, {})) == 403  # no Origin at all
        assert served.game_pids() == []
        assert served.participants() == []  # visiting the door is not joining
        status, page, _ = get(f"{served.base}/play?code={served.code}&name=Anna")
        assert status == 200 and served.participants() == []


def test_a_page_asked_for_under_a_foreign_host_name_is_refused(tmp_path):
    """DNS rebinding: evil.example resolves to 127.0.0.1, but the Host header says evil."""
    with serving(tmp_path) as served:
        for host in ("evil.example", f"evil.example:{served.port}", "127.0.0.1.evil.example",
                     "", "a b"):
            status, body, _ = get(served.base + "/", {"Host": host})
            assert status in (400, 421), (host, status)
        status, body, _ = get(served.base + "/", {"Host": f"evil.example:{served.port}"})
        assert "evil.example" in body and "Maatwerk" not in body
        evil = f"evil.example:{served.port}"
        status = asyncio.run(handshake_status(served.ws_url("Anna"), {
            "Host": evil, "Origin": f"http://{evil}"}))
        assert status == 421
        for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}"):
            assert get(served.base + "/", {"Host": host})[0] == 200, host


def test_the_room_holds_its_limit_and_the_next_one_is_told_kindly(tmp_path):
    with serving(tmp_path, "--max-participants", "2") as served:
        async def room() -> None:
            async with aiohttp.ClientSession() as client:
                first = await client.ws_connect(served.ws_url("Anna"),
                                                headers={"Origin": served.origin})
                second = await client.ws_connect(served.ws_url("Bram"),
                                                 headers={"Origin": served.origin})
                assert FIRST_CASE_SEEN(await play_until(first))
                assert FIRST_CASE_SEEN(await play_until(second))
                status = await handshake_status(served.ws_url("Cato"),
                                                {"Origin": served.origin})
                assert status == 503
                status, page, headers = get(f"{served.base}/play?code={served.code}&name=Cato")
                assert status == 503 and "Retry-After" in headers
                assert "De zaal is vol" in page and "2 deelnemers" in page
                assert "--max-participants" in page
                assert len(served.game_pids()) == 2
                await first.close()
                assert wait_for(lambda: len(served.game_pids()) == 1)
                status, page, _ = get(f"{served.base}/play?code={served.code}&name=Cato")
                assert status == 200
                await second.close()

        asyncio.run(room())
        assert sorted(served.participants()) == ["Anna", "Bram"]


def FIRST_CASE_SEEN(screen: bytes) -> bool:  # noqa: N802 - reads as a sentence in asserts
    return b"Henk" in screen


@pytest.mark.parametrize("query", ["?width=-5&height=-5", "?width=100000&height=100000",
                                   "?width=abc&height=1e9", "?width=0&height=0"])
def test_nonsense_window_sizes_never_crash_a_game(tmp_path, query):
    with serving(tmp_path) as served:
        async def play() -> bytes:
            async with aiohttp.ClientSession() as client:
                async with client.ws_connect(served.ws_url("Anna", query),
                                             headers={"Origin": served.origin}) as ws:
                    await resize(ws, -5, 100000)
                    await resize(ws, "wide", None)
                    await ws.send_str("not json")
                    await ws.send_str('["resize"]')
                    await ws.send_str('{"stdin": 1}')
                    await ws.send_str('["stdin", 42]')
                    await ws.send_bytes(b"\x00\xff")
                    await resize(ws, 2**70, -(2**70))
                    await play_until(ws, b"never on screen", timeout=3)
                    # the game is still there: at a sane size it shows the first case
                    await resize(ws, 100, 30)
                    return await play_until(ws)

        assert FIRST_CASE_SEEN(asyncio.run(play()))
        assert served.proc.poll() is None


def _raw_websocket(served, name: str) -> socket.socket:
    """A websocket opened by hand, as a client that will misbehave."""
    sock = socket.create_connection(("127.0.0.1", served.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws/{served.code}/{name}?width=100&height=30 HTTP/1.1\r\n"
                  f"Host: 127.0.0.1:{served.port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\nOrigin: {served.origin}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += sock.recv(4096)
    assert head.startswith(b"HTTP/1.1 101"), head[:200]
    seen = head
    while b"Henk" not in seen:  # the game is up and drawing its first case
        chunk = sock.recv(65536)
        assert chunk, "the server closed the socket before the first case"
        seen = seen[-65536:] + chunk
    return sock


@pytest.mark.parametrize("spawn", [False, True], ids=["forked", "spawned"])
def test_a_client_that_drops_mid_frame_leaves_no_process(tmp_path, spawn):
    with serving(tmp_path, spawn=spawn) as served:
        sock = _raw_websocket(served, "Anna")
        pids = served.game_pids()
        assert len(pids) == 1
        # half a masked text frame (a header announcing 300 bytes, then 3 of them) ...
        sock.sendall(b"\x81\xfe" + struct.pack("!H", 300) + os.urandom(4) + b"abc")
        # ... and the connection is torn down without a close frame (RST)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        assert wait_for(lambda: not psutil.pid_exists(pids[0]) or
                        psutil.Process(pids[0]).status() == psutil.STATUS_ZOMBIE, 20), \
            "the game process outlived its socket"
        assert served.game_pids() == []
        # the server itself is fine, and the next participant plays
        sock = _raw_websocket(served, "Bram")
        sock.close()
        assert wait_for(lambda: served.game_pids() == [], 20)


@pytest.mark.parametrize("spawn", [False, True], ids=["forked", "spawned"])
def test_no_game_outlives_a_server_that_is_killed(tmp_path, spawn):
    with serving(tmp_path, spawn=spawn) as served:
        sock = _raw_websocket(served, "Anna")
        pids = served.game_pids()
        warm = [p.pid for p in psutil.Process(served.proc.pid).children()]
        assert pids and warm  # (spawned: the game is the server's own child)
        os.kill(served.proc.pid, signal.SIGKILL)
        served.proc.wait()
        gone = lambda: all(not psutil.pid_exists(p) or  # noqa: E731
                           psutil.Process(p).status() == psutil.STATUS_ZOMBIE
                           for p in pids + warm)
        assert wait_for(gone, 20), "games or their warm parent outlived the server"
        sock.close()


def test_every_response_carries_protective_headers(tmp_path):
    with serving(tmp_path) as served:
        for path in ("/", f"/play?code={served.code}&name=Anna", "/static/js/textual.js",
                     "/site/join.css", "/favicon.ico", "/no-such-page",
                     f"/play?code={served.code}&name=%3Cx%3E"):
            status, _, headers = get(served.base + path)
            assert headers.get("X-Content-Type-Options") == "nosniff", path
            assert headers.get("X-Frame-Options") == "DENY", path
            assert headers.get("Referrer-Policy") == "no-referrer", path
            csp = headers.get("Content-Security-Policy", "")
            assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
            assert "script-src 'self'" in csp, path
            assert f"ws://127.0.0.1:{served.port}" in csp, path
            assert "*" not in csp and "unsafe-eval" not in csp, path
        assert get(served.base + "/favicon.ico")[0] == 200
