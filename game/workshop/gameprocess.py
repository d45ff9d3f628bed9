"""One game process per browser, and the warm parent that forks them.

textual-serve's ``AppService`` speaks the game's pipe protocol; the classes here only change how
the process comes to be and how it ends:

- ``WarmParent`` runs ``game.workshop.forkserver`` once and asks it for a forked game per
  browser (Linux). A fork of a process that has imported everything and loaded the content
  costs milliseconds and shares its memory.
- ``ForkedGame`` is one such game; ``SpawnedGame`` the same game in a fresh process, where
  forking is not available. No shell is involved in either.
- ``stop`` always ends the process: ask it to quit, then cut its lifeline (SIGTERM), then kill.
  It is safe to call more than once and from a ``finally`` that runs because the socket failed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from types import SimpleNamespace

from textual_serve.app_service import AppService

log = logging.getLogger("textual-serve")
QUIT_WAIT = 2.0   # seconds a game gets to quit when asked
TERM_WAIT = 3.0   # and after SIGTERM, before it is killed
CAN_FORK = hasattr(os, "fork") and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")


class WarmParent:
    """The fork server: started once, asked for one game per browser."""

    def __init__(self, preload: list[list[str]]) -> None:
        self.preload = preload
        self.process: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self.lock = threading.Lock()

    def _start(self) -> socket.socket:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        config = json.dumps({"preload": self.preload})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "game.workshop.forkserver", str(theirs.fileno()), config],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, start_new_session=True)
        theirs.close()
        self.control = ours
        if json.loads(ours.recv(1024) or b"{}").get("ready") is not True:
            raise OSError("the warm parent of the games did not start")
        return ours

    def start(self) -> None:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()

    def fork(self, request: dict, fds: list[int]) -> tuple[int, int]:
        """A new game with these pipe ends; returns (pid, pidfd). Restarts the warm parent
        once if it is gone."""
        with self.lock:
            for attempt in (1, 2):
                try:
                    control = self.control if self.control is not None else self._start()
                    socket.send_fds(control, [json.dumps(request).encode()], fds)
                    message, got, _flags, _addr = socket.recv_fds(control, 4096, 1)
                    answer = json.loads(message or b"{}")
                    if "pid" not in answer or len(got) != 1:
                        raise OSError(answer.get("error", "no game was forked"))
                    return answer["pid"], got[0]
                except (OSError, ValueError):
                    self._close()
                    if attempt == 2:
                        raise
        raise OSError("unreachable")

    def _close(self) -> None:
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def stop(self) -> None:
        with self.lock:
            self._close()


class _Game(AppService):
    """Shared ending of both kinds of game."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._stopping: asyncio.Task | None = None

    async def stop(self) -> None:
        """End the game, whatever state it and its socket are in."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._end())
        await asyncio.shield(self._stopping)

    async def _end(self) -> None:
        try:
            if self._stdin is not None:
                await asyncio.wait_for(self.send_meta({"type": "quit"}), 1.0)
        except (asyncio.TimeoutError, OSError, RuntimeError, AssertionError):
            pass
        if not await self._wait_exit(QUIT_WAIT):
            self._terminate()
            if not await self._wait_exit(TERM_WAIT):
                self._kill()
                await self._wait_exit(TERM_WAIT)
        if self._task is not None:
            try:
                await asyncio.wait_for(self._task, TERM_WAIT)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
            self._task = None
        self._release()

    async def _wait_exit(self, timeout: float) -> bool:
        raise NotImplementedError

    def _terminate(self) -> None:
        raise NotImplementedError

    def _kill(self) -> None:
        raise NotImplementedError

    def _release(self) -> None:
        if self._stdin is not None:
            self._stdin.close()

    @property
    def pid(self) -> int | None:
        raise NotImplementedError


class ForkedGame(_Game):
    """A game forked by the warm parent; ``command`` is the JSON request for it."""

    def __init__(self, parent: WarmParent, request: dict, **kwargs) -> None:
        super().__init__(json.dumps(request), **kwargs)
        self.parent = parent
        self.request = request
        self._pid: int | None = None
        self._pidfd: int | None = None
        self._lifeline: int | None = None

    @property
    def pid(self) -> int | None:
        return self._pid

    async def _open_app_process(self, width: int = 80, height: int = 24):
        pipes = [os.pipe() for _ in range(4)]  # stdin, stdout, stderr, lifeline
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1], pipes[3][0]]
        request = dict(self.request, width=width, height=height)
        try:
            self._pid, self._pidfd = await asyncio.to_thread(self.parent.fork, request, theirs)
        except BaseException:
            for fd in (*theirs, pipes[0][1], pipes[1][0], pipes[2][0], pipes[3][1]):
                os.close(fd)
            raise
        for fd in theirs:
            os.close(fd)
        self._lifeline = pipes[3][1]
        loop = asyncio.get_running_loop()
        stdout = await _reader(loop, pipes[1][0])
        stderr = await _reader(loop, pipes[2][0])
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(pipes[0][1], "wb", buffering=0))
        self._stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        # AppService reads only these four of its process; a forked game has no Process object
        self._process = SimpleNamespace(  # type: ignore[assignment]
            stdin=self._stdin, stdout=stdout, stderr=stderr, pid=self._pid)
        return self._process

    async def _wait_exit(self, timeout: float) -> bool:
        if self._pidfd is None:
            return True
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def exited() -> None:
            if not done.done():
                done.set_result(True)

        loop.add_reader(self._pidfd, exited)
        try:
            await asyncio.wait_for(done, timeout)
            return True
        except asyncio.TimeoutError:
            return False
        finally:
            loop.remove_reader(self._pidfd)

    def _cut_lifeline(self) -> None:
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None

    def _terminate(self) -> None:
        self._cut_lifeline()
        self._signal(signal.SIGTERM)

    def _kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, sig: int) -> None:
        if self._pidfd is not None:
            try:
                signal.pidfd_send_signal(self._pidfd, sig)
            except ProcessLookupError:
                pass

    def _release(self) -> None:
        super()._release()
        self._cut_lifeline()
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


class SpawnedGame(_Game):
    """A game in a fresh process (where the warm parent cannot fork it), with the same
    request and the same lifeline; started without a shell."""

    def __init__(self, request: dict, **kwargs) -> None:
        super().__init__(json.dumps(request), **kwargs)
        self.request = request
        self._lifeline: int | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def _open_app_process(self, width: int = 80, height: int = 24):
        theirs, self._lifeline = os.pipe()
        request = dict(self.request, width=width, height=height)
        try:
            self._process = process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "game.workshop.forkserver", "--one", json.dumps(request),
                str(theirs), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height),
                pass_fds=(theirs,), start_new_session=True)
        finally:
            os.close(theirs)
        self._stdin = process.stdin
        return process

    async def _wait_exit(self, timeout: float) -> bool:
        if self._process is None:
            return True
        try:
            await asyncio.wait_for(self._process.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            return False

    def _terminate(self) -> None:
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None
        if self._process is not None and self._process.returncode is None:
            self._process.terminate()

    def _kill(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()

    def _release(self) -> None:
        super()._release()
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=2 ** 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader),
                                 os.fdopen(fd, "rb", buffering=0))
    return reader
