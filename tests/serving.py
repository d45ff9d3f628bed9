"""Helpers for tests against a real ``maatwerk workshop serve`` on a free loopback port."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES, ROOT

FIRST_CASE = b"Henk"  # the first case of the fixture campaign names its citizen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    base: str
    code: str
    port: int
    proc: subprocess.Popen
    store: Path

    @property
    def origin(self) -> str:
        return self.base

    def ws_url(self, name: str, query: str = "") -> str:
        return f"ws://127.0.0.1:{self.port}/ws/{self.code}/{name}{query}"

    def participants(self) -> list[str]:
        with sqlite3.connect(self.store) as conn:
            return [row[0] for row in conn.execute("SELECT name FROM participants")]

    def game_pids(self) -> list[int]:
        """The game processes: children of the warm parent, or of the server itself."""
        import psutil

        try:
            server = psutil.Process(self.proc.pid)
            found = []
            for child in server.children():
                grandchildren = child.children()
                found += [g.pid for g in grandchildren] if _is_warm_parent(child) \
                    else [child.pid]
            return found
        except psutil.NoSuchProcess:
            return []


def _is_warm_parent(process) -> bool:
    try:
        command = process.cmdline()
        return "game.workshop.forkserver" in command and "--one" not in command
    except Exception:  # noqa: BLE001 - a process that just ended
        return False


@contextmanager
def serving(tmp_path: Path, *options: str, spawn: bool = False):
    """``workshop serve`` for a fresh session; ``spawn``: a fresh process per game, as where
    the warm parent cannot fork them."""
    from game.workshop.store import Store

    store_path = tmp_path / "s.sqlite"
    code = Store(store_path).create_session("Webdag", "test-scootmobiel", "nl",
                                            [str(FIXTURES / "engine")]).code
    port = free_port()
    env = dict(os.environ, MAATWERK_DATA_DIR=str(tmp_path / "data"),
               MAATWERK_CONFIG_DIR=str(tmp_path / "config"))
    if spawn:
        env["MAATWERK_SERVE_SPAWN"] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "workshop", "serve", code, "--port", str(port),
         "--store", str(store_path), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.stdout.read()) from None
            time.sleep(0.1)
    try:
        yield Served(f"http://127.0.0.1:{port}", code, port, proc, store_path)
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (response.status, response.read().decode("utf-8", "replace"),
                    dict(response.headers))
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)


async def play_until(ws, marker: bytes = FIRST_CASE, timeout: float = 60) -> bytes:
    """Read the game's screen from the websocket until ``marker`` appears (or it ends)."""
    import aiohttp

    received = b""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while marker not in received and loop.time() < deadline:
        try:
            msg = await asyncio.wait_for(ws.receive(), deadline - loop.time())
        except asyncio.TimeoutError:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            received += msg.data
        elif msg.type == aiohttp.WSMsgType.TEXT:
            received += msg.data.encode()
        else:
            break
    return received


async def resize(ws, width: object, height: object) -> None:
    await ws.send_str(json.dumps(["resize", {"width": width, "height": height}]))


def wait_for(condition, timeout: float = 20.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()
