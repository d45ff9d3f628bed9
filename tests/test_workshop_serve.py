"""``maatwerk workshop serve``: our own page, nothing from other hosts, loopback by default."""

from __future__ import annotations

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import serving
from conftest import FIXTURES, ROOT
from game.workshop.serve import is_loopback
from game.workshop.store import Store

pytest.importorskip("textual_serve")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (Linux /proc)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.split(":")
            if int(hexport, 16) == port and state == "0A":  # LISTEN
                found.add(address)
    return found


@pytest.fixture
def served(tmp_path):
    store_path = tmp_path / "s.sqlite"
    code = Store(store_path).create_session("Webdag", "test-scootmobiel", "nl",
                                            [str(FIXTURES / "engine")]).code
    port = serving.free_port()
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "workshop", "serve", code, "--port", str(port),
         "--store", str(store_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            time.sleep(0.1)
    yield base, code, port, proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def external_urls(text: str, port: int) -> list[str]:
    own = {f"127.0.0.1:{port}", f"localhost:{port}"}
    urls = re.findall(r"(?:https?|wss?)://([^/\"'\s)>]+)", text)
    return [u for u in urls if u not in own]


def test_the_pages_load_nothing_from_other_hosts_and_it_listens_on_loopback(served):
    base, code, port, proc = served
    status, page = get(base + "/")
    assert status == 200
    assert "Webdag" in page and f'value="{code}"' in page
    assert external_urls(page, port) == []
    assert "googleapis" not in page
    status, play = get(f"{base}/play?code={code}&name=Anna%20B.")
    assert status == 200
    assert external_urls(play, port) == [], external_urls(play, port)
    assert f"ws://127.0.0.1:{port}/ws/{code}/Anna%20B." in play
    # every resource the page refers to is on this server and is served
    for ref in re.findall(r'(?:src|href)="([^"]+)"', play) + re.findall(r'url\("([^"]+)"\)',
                                                                         play):
        assert ref.startswith("/"), ref
        assert get(base + html.unescape(ref))[0] == 200, ref
    css = re.sub(r"/\*.*?\*/", "", get(base + "/static/css/xterm.css")[1], flags=re.S)
    assert external_urls(css, port) == [] and "@import" not in css  # (its licence comment
    # names two sites; comments load nothing)
    # loopback only by default
    addresses = listening_addresses(port)
    if addresses:
        assert addresses <= {"0100007F", "00000000000000000000000001000000"}, addresses
    proc.terminate()
    out, _ = proc.communicate(timeout=10)
    assert "Alleen bereikbaar op deze computer" in out and f"http://127.0.0.1:{port}/" in out


def test_bad_codes_and_names_never_reach_a_command(served):
    base, code, port, _ = served
    status, page = get(f"{base}/play?code={code}&name=%24%28touch%20x%29")
    assert status == 400 and "schuilnaam" in page
    status, page = get(f"{base}/play?code=ZZZZZZ&name=anna")
    assert status == 400
    status, _, _ = serving.get(f"{base}/ws/{code}/a%3Brm%20-rf", {"Origin": base})
    assert status == 400
    status, page = get(f"{base}/play?code={code}&name=%3Cscript%3E")
    assert "<script>" not in page


def test_what_counts_as_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_a_browser_participant_gets_the_game_and_lands_in_the_first_case(served):
    """What the browser page does, over the same websocket: the game starts, joins the session
    under the pseudonym and shows the first case."""
    import asyncio

    import aiohttp

    base, code, port, proc = served
    status, page = get(f"{base}/play?code={code}&name=Jeroen")
    assert status == 200
    url = re.search(r'data-session-websocket-url="([^"]+)"', page).group(1)

    async def screen_text() -> str:
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(html.unescape(url),
                                         headers={"Origin": base}) as ws:
                await serving.resize(ws, 100, 30)
                received = await serving.play_until(ws, b"Henk", timeout=40)
        return received.decode("utf-8", "replace")

    text = asyncio.run(screen_text())
    assert "Henk" in text, "the browser session should reach the first case"
