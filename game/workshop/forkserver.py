"""The warm parent of the served games: ``python -m game.workshop.forkserver FD CONFIG``.

(``python -m game.workshop.forkserver --one REQUEST FD`` runs a single game instead, for
systems that cannot fork it.)

``workshop serve`` starts this process once. It imports Textual, pydantic and the game's
screens, loads the session's content, freezes what it has built (``gc.freeze``: the pages stay
shared with every child, copy-on-write), and then waits on a Unix socket. For each browser the
server sends a small JSON request and four pipe ends (the game's stdin, stdout and stderr, and a
lifeline); this process forks a child that is a game in milliseconds, and answers with the
child's pid and a pidfd, so the server can stop exactly that process later.

Each child is its own process: a participant whose game crashes takes nobody else along. A child
ends when the server closes its lifeline, and also when the server itself disappears (the pipe
then closes by itself).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from functools import partial
from pathlib import Path

# what textual-serve gives each game process; Textual reads these when it is imported
GAME_ENVIRONMENT = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
    "TERM_PROGRAM": "textual",
}
LIFELINE_GRACE = 5.0  # seconds a game gets to stop by itself once its lifeline is cut
GATE_WAIT = 4.0  # seconds a game waits for its turn to start before it starts anyway


class StartGate:
    """At most ``width`` games draw their first screen at once (one per core).

    When a whole room joins in the same second, games that all start together share the
    cores and all finish late; games that start a few at a time finish one after another,
    so most participants see their case much sooner. The gate is a pipe holding one byte per
    place: a child takes a byte before it starts and gives it back once its first screen is
    drawn (or when it ends). A child that waits longer than ``GATE_WAIT`` starts anyway, so a
    place lost to a killed child slows nobody down for long.
    """

    def __init__(self, width: int) -> None:
        self.read_end, self.write_end = os.pipe()
        os.set_blocking(self.read_end, False)
        os.write(self.write_end, b"x" * max(1, width))
        self.holding = False

    def enter(self) -> None:
        import select
        deadline = time.monotonic() + GATE_WAIT
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.read_end], [], [], left)[0]:
                try:
                    if os.read(self.read_end, 1):
                        self.holding = True
                        return
                except BlockingIOError:
                    continue  # another child took it first

    def leave(self) -> None:
        if self.holding:
            self.holding = False
            os.write(self.write_end, b"x")


def warm_up(config: dict) -> dict[tuple[str, ...], object]:
    """Import what every game needs and load the content once; returns content by folders."""
    os.environ.update(GAME_ENVIRONMENT)
    from importlib.metadata import version
    os.environ["TERM_PROGRAM_VERSION"] = version("textual-serve")
    import textual.drivers.web_driver  # noqa: F401
    import game.ui.app  # noqa: F401
    import game.ui.screens.case  # noqa: F401
    import game.workshop.join  # noqa: F401
    import game.workshop.participant  # noqa: F401
    from game.content import Content, load_content, pick_campaign
    from game.strings import s
    from game.ui.workshop.rehearsal import rehearse
    s("app_title")  # the strings table, parsed once
    loaded: dict[tuple[str, ...], object] = {}
    for folders in config.get("preload", []):
        key = tuple(folders)
        try:
            loaded[key] = load_content(extra=[Path(p) for p in folders] or None)
        except Exception:  # noqa: BLE001 - a child then loads it itself, and reports it
            traceback.print_exc()
    for content in loaded.values():  # the first screens once, so no game starts them cold
        assert isinstance(content, Content)
        rehearse(content, pick_campaign(content, None))
        break
    return loaded


def serve_forks(control: socket.socket, content: dict, gate: StartGate) -> None:
    """Fork one game per request until the server closes the control socket."""
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 65536, 4)
        except (ConnectionError, OSError):
            return
        if not message:
            return
        try:
            request = json.loads(message)
            if len(fds) != 4:
                raise ValueError("four pipe ends expected")
        except ValueError as exc:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"error": str(exc)}).encode())
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(control, request, fds, content, gate)  # never returns
        pidfd = os.pidfd_open(pid)
        for fd in fds:
            os.close(fd)
        try:
            socket.send_fds(control, [json.dumps({"pid": pid}).encode()], [pidfd])
        finally:
            os.close(pidfd)


def _child(control: socket.socket, request: dict, fds: list[int], content: dict,
           gate: StartGate) -> None:
    code = 1
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        stdin, stdout, stderr, lifeline = fds
        for source, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(source, target)
            os.close(source)
        _watch_lifeline(lifeline)
        os.environ["COLUMNS"] = str(request["width"])
        os.environ["ROWS"] = str(request["height"])
        folders = tuple(request.get("folders", []))
        gate.enter()
        gc.disable()  # until the first screen is drawn: see ``_drawn``
        code = _profiled(run_game, request, content.get(folders), partial(_drawn, gate))
    except BaseException:  # noqa: BLE001 - whatever happens, this child must end here
        traceback.print_exc()
    finally:
        gate.leave()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _drawn(gate: StartGate) -> None:
    """The participant's first screen is on its way: the next game in a crowded room may start,
    and this one collects cycles again. It did not until now: a join leaves little cyclic
    garbage, and the collector walked the join's young objects some forty times before the
    first frame (a tenth of what the join cost). What the join built, mostly the screens the
    game keeps, is frozen out of later collections, as the warm parent freezes its own before
    it forks (the few hundred objects of cyclic garbage among them are never freed)."""
    gate.leave()
    gc.freeze()
    gc.enable()


def _profiled(run, *args) -> int:
    """``run(*args)``; with MAATWERK_PROFILE_GAMES=DIR set (for measuring, not for a room), its
    CPU profile is written to DIR/game-PID.prof as the game ends, and up to its first case
    (when the last of ``args``, the callback for that, is called) to DIR/game-PID-first.prof."""
    folder = os.environ.get("MAATWERK_PROFILE_GAMES")
    if not folder:
        return run(*args)
    import cProfile
    profile = cProfile.Profile(time.process_time)  # CPU, not the clock of a busy machine
    started = args[-1]

    def first_case() -> None:  # what the join cost, apart from what the game did after it
        profile.disable()
        profile.dump_stats(os.path.join(folder, f"game-{os.getpid()}-first.prof"))
        profile.enable()
        started()
    try:
        return profile.runcall(run, *(*args[:-1], first_case))
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the server may be ending this game
        profile.dump_stats(os.path.join(folder, f"game-{os.getpid()}.prof"))


def _watch_lifeline(fd: int) -> None:
    """End this game when the server lets go of it (or disappears): first politely (SIGTERM
    makes Textual's web driver quit), then for good."""
    def watch() -> None:
        try:
            while os.read(fd, 1024):
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(LIFELINE_GRACE)
        os._exit(1)

    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def run_game(request: dict, content: object | None, started=None) -> int:
    """What ``maatwerk play --join CODE --name NAME`` does in the app, with warm content."""
    from game.strings import s
    from game.workshop.backends import is_url
    from game.workshop.join import STORE_ENV
    from game.workshop.participant import Joined, WorkshopTicket
    from game.ui.workshop.served_app import ServedApp

    store = request["store"] or os.environ.get(STORE_ENV, "")
    ticket = WorkshopTicket(store if is_url(store) else Path(store), request["code"],
                            request["name"])
    app = ServedApp(content, started, lang=request["lang"],
                    extra=[Path(p) for p in request["folders"]],
                    campaign=request["campaign"], workshop=ticket)
    app.run()
    joined = app.joined
    if isinstance(joined, Joined) and joined.recorder.pending \
            and not joined.recorder.flush(joined.run):
        print(s("ws_not_recorded", request["lang"]), file=sys.stderr)
        return 1
    return app.return_code or 0


def run_one(request: dict, lifeline: int) -> int:
    """One game in a fresh process, where forking is not available: the same game, loading
    its own content, with the same lifeline."""
    _watch_lifeline(lifeline)
    os.environ.update(GAME_ENVIRONMENT)
    return run_game(request, None)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":  # --one REQUEST LIFELINE_FD
        return run_one(json.loads(argv[1]), int(argv[2]))
    control = socket.socket(fileno=int(argv[0]))
    config = json.loads(argv[1]) if len(argv) > 1 else {}
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    content = warm_up(config)
    gc.collect()
    gc.freeze()  # what is built so far is never touched by the collector: it stays shared
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    gate = StartGate(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                     else os.cpu_count() or 2)
    control.send(b'{"ready": true}')
    serve_forks(control, content, gate)
    return 0


def _die_with_parent() -> None:
    """Linux: end this process when the server ends, however it ends."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
