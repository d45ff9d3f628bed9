"""``maatwerk workshop serve``: the game in a browser, with nothing to install (textual-serve).

Each browser gets its own game process, forked from a warm parent that has already imported
the game and loaded the session's content (``gameprocess``, ``forkserver``). The pages are our
own templates: they load only from this server. Participants type a pseudonym on a small form;
a game is started from validated values only (the code checked against the store and its
pattern, the pseudonym against its pattern), and never through a shell. The door is guarded
(``guards``): known host names only, websockets from this server's own page only, a limit per
session, clamped window sizes, protective headers on every response. By default the server
listens on the loopback address: only this computer can reach it, until a host is given.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server

from game.strings import s
from game.workshop.addresses import is_loopback, share_url
from game.workshop.gameprocess import CAN_FORK, ForkedGame, SpawnedGame, WarmParent
from game.workshop.page_files import PageFiles
from game.workshop.guards import (
    DEFAULT_LIMIT, WILDCARD_HOSTS, Door, Room, clamp_size, protective_headers,
    public_origin,
)
from game.workshop.backends import is_url
from game.workshop.join import STORE_ENV, open_session
from game.workshop.participant import check_name
from game.workshop.store import SessionInfo, Store, StoreError, normalise_code, valid_code

TEMPLATES = Path(__file__).resolve().parent / "templates"
SITE = Path(__file__).resolve().parent / "static"
DEFAULT_HOST = "127.0.0.1"
FIRST_MESSAGE_WAIT = 0.5  # seconds to wait for the page's size before a game starts
# Seconds without a word from a browser before the server asks whether it is still there; the
# browser (not the page) answers, and gets half this time to do so. A server that gets no time
# to run for a while reads an answer that came in meanwhile only after it has given up waiting
# (aiohttp checks the time first), so that wait must outlast such a stall: at 15 s (7.5 s to
# answer), with 200 participants on a loaded two-core machine the server stalled up to 8 s and
# cut off participants in the middle of a decision. A browser gone without a word (a laptop closed) is
# still noticed within one and a half times this, and its game ended.
HEARTBEAT = 60.0
ENDED = "maatwerk.game_ended"  # set on a websocket whose game ended by itself
log = logging.getLogger("textual-serve")
__all__ = ["is_loopback", "serve", "WorkshopServer"]


class WorkshopServer(Server):
    """textual-serve's Server with our own pages, a guarded door and warm game processes."""

    def __init__(self, store: Store, code: str | None, host: str, port: int, lang: str,
                 scenarios: list[Path], explicit_lang: str | None = None,
                 session_name: str | None = None, limit: int = DEFAULT_LIMIT,
                 public_url: str | None = None, session: SessionInfo | None = None) -> None:
        super().__init__("maatwerk", host=host, port=port, title="Maatwerk",
                         templates_path=TEMPLATES)
        self.store = store
        self.code = code
        self.lang = lang
        self.explicit_lang = explicit_lang
        self.scenarios = [p.resolve() for p in scenarios]
        self.session_name = session_name
        self.door = Door(host, public_url)
        self.public_url = public_url or share_url(host, port)
        self.room = Room(limit)
        self.games: set = set()
        self.stopping = False  # the server is stopping: it ends every game itself
        preload = [self._folders(session)] if session else [[str(p) for p in self.scenarios]]
        # MAATWERK_SERVE_SPAWN=1: a fresh process per game, as where forking is not available
        forking = CAN_FORK and not os.environ.get("MAATWERK_SERVE_SPAWN")
        self.warm = WarmParent(preload) if forking else None

    def _folders(self, info: SessionInfo) -> list[str]:
        """The case folders a participant of ``info`` plays with (as ``play --join`` has them)."""
        folders = [str(p) for p in self.scenarios]
        folders += [p for p in info.scenarios if p not in folders and Path(p).is_dir()]
        return folders

    # ------------------------------------------------------------------ pages
    async def _make_app(self) -> "web.Application":
        app = web.Application(middlewares=[self.known_hosts_only])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/play", self.handle_play, name="play"),
            web.get("/favicon.ico", self.handle_favicon),
            web.get("/ws/{code}/{name}", self.handle_websocket, name="websocket"),
            web.get("/static/{path:.+}", PageFiles(Path(self.statics_path)).handle,
                    name="static"),
            web.get("/site/{path:.+}", PageFiles(SITE).handle, name="site"),
        ])
        app.on_response_prepare.append(self._protect)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def known_hosts_only(self, request: "web.Request", handler):
        """DNS rebinding: a page asked for under a name this server does not serve."""
        if not self.door.host_ok(request.headers.get("Host")):
            raise web.HTTPMisdirectedRequest(
                text=s("ws_web_bad_host", self.lang, host=request.headers.get("Host", "")[:80]))
        return await handler(request)

    async def _protect(self, request: "web.Request", response: "web.StreamResponse") -> None:
        host = request.headers.get("Host") if self.door.host_ok(request.headers.get("Host")) \
            else None
        response.headers.update(protective_headers(host))

    async def handle_favicon(self, request: "web.Request") -> "web.FileResponse":
        return web.FileResponse(SITE / "favicon.svg", headers={"Content-Type": "image/svg+xml"})

    def _texts(self) -> dict[str, str]:
        keys = ("title", "session", "intro", "code", "name", "privacy", "start", "loading",
                "closed", "rejoin", "full_title", "try_again")
        return {k: s(f"ws_web_{k}", self.lang) for k in keys}

    def _join_page(self, request: "web.Request", code: str = "", name: str = "",
                   error: str | None = None, status: int = 200) -> "web.Response":
        context = {"lang": self.lang, "t": self._texts(), "static": "/static/",
                   "session_name": self.session_name if self.code else None,
                   "fixed_code": bool(self.code), "code": self.code or code, "name": name,
                   "error": error}
        response = aiohttp_jinja2.render_template("join.html", request, context)
        response.set_status(status)
        return response

    def _full_page(self, request: "web.Request", code: str, name: str) -> "web.Response":
        context = {"lang": self.lang, "t": self._texts(), "static": "/static/",
                   "message": s("ws_web_full", self.lang, limit=self.room.limit),
                   "retry_url": "/play?" + urlencode({"code": code, "name": name})}
        response = aiohttp_jinja2.render_template("full.html", request, context)
        response.set_status(503)
        response.headers["Retry-After"] = "30"
        return response

    async def handle_index(self, request: "web.Request") -> "web.Response":
        return self._join_page(request, request.query.get("code", ""),
                               request.query.get("name", ""))

    def _check(self, code: str, name: str) -> tuple[SessionInfo, str]:
        """A code in this store (and the served one, when fixed) and a valid pseudonym."""
        code = normalise_code(code)
        if self.code and code != self.code:
            raise StoreError("ws_bad_code", code=code)
        if not valid_code(code):
            raise StoreError("ws_bad_code", code=code)
        return self.store.session(code), check_name(name)

    async def handle_play(self, request: "web.Request") -> "web.Response":
        code, name = request.query.get("code", ""), request.query.get("name", "")
        try:
            info, name = await asyncio.to_thread(self._check, code, name)
        except StoreError as exc:
            return self._join_page(request, code, name, exc.message(self.lang), status=400)
        if self.room.full(info.code):
            return self._full_page(request, info.code, name)
        scheme = "wss" if request.secure else "ws"
        context = {
            "lang": self.lang, "t": self._texts(), "static": "/static/", "name": name,
            "font_size": max(8, min(40, _to_int(request.query.get("fontsize", "16"), 16))),
            # the host the browser itself used: the page never points anywhere else
            "websocket_url": f"{scheme}://{request.host}/ws/{quote(info.code, safe='')}/"
                             f"{quote(name, safe='')}",
            "rejoin_url": "/play?" + urlencode({"code": info.code, "name": name}),
        }
        return aiohttp_jinja2.render_template("play.html", request, context)

    # ------------------------------------------------------------------ the game processes
    async def handle_websocket(self, request: "web.Request") -> "web.WebSocketResponse":
        if not self.door.origin_ok(request.headers.get("Origin"), request.headers.get("Host"),
                                   request.secure):
            raise web.HTTPForbidden(text=s("ws_web_forbidden", self.lang))
        try:
            info, name = await asyncio.to_thread(self._check, request.match_info["code"],
                                                 request.match_info["name"])
        except StoreError as exc:
            raise web.HTTPBadRequest(text=exc.message(self.lang)) from None
        if not self.room.take(info.code):
            raise web.HTTPServiceUnavailable(
                text=s("ws_web_full", self.lang, limit=self.room.limit),
                headers={"Retry-After": "30"})
        try:
            return await self._play(request, info, name)
        finally:
            self.room.leave(info.code)

    def _game(self, info: SessionInfo, name: str, websocket: "web.WebSocketResponse"):
        async def game_ended() -> None:  # the game says it quits (finished, or stopped)
            websocket[ENDED] = True
            await websocket.close()

        kwargs = {"write_bytes": websocket.send_bytes, "write_str": websocket.send_str,
                  "close": game_ended, "download_manager": self.download_manager,
                  "debug": self.debug}
        # a PostgreSQL URL goes to the game through the environment (MAATWERK_STORE), never
        # in a request that a fresh process would see on its command line
        where = "" if is_url(self.store.location) else self.store.location
        request = {"store": where, "code": info.code, "name": name,
                   "lang": self.explicit_lang or info.lang, "campaign": info.campaign,
                   "folders": self._folders(info)}
        if self.warm is not None:
            return ForkedGame(self.warm, request, **kwargs)
        return SpawnedGame(request, **kwargs)

    async def _play(self, request: "web.Request", info: SessionInfo,
                    name: str) -> "web.WebSocketResponse":
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=64 * 1024)
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        await websocket.prepare(request)
        game = self._game(info, name, websocket)
        self.games.add(game)
        try:
            # the page sends its size as soon as the socket is open: start the game at that
            # size (a resize that reaches a game before its first screen can be lost)
            first = await self._first_message(websocket)
            if first is not None and first[0] == "resize" and isinstance(first[1], dict):
                width, height = clamp_size(first[1].get("width"), first[1].get("height"))
                first = None
            await game.start(width, height)
            # When the game ends by itself (finished, or it could not start), close the socket
            # so the page offers to rejoin instead of waiting forever.
            watcher = asyncio.create_task(self._close_when_done(game, websocket))
            try:
                if first is not None:
                    await self._handle(websocket, game, first)
                await self._process_messages(websocket, game)
            finally:
                watcher.cancel()
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - one participant's failure, logged
            log.error("game of %s ended with an error: %s", name, error)
        finally:
            if websocket.exception() is not None:  # not closed by the page nor by the game
                log.warning("the connection of %s broke (%s); they can rejoin with their "
                            "name and rejoin code", name, websocket.exception())
            # not asked to by the page or by the server stopping (both end it below)
            by_itself = websocket.get(ENDED) and not self.stopping
            # whatever ended the socket (the page closed, the network failed, a bad frame,
            # the server stopping), the game process ends with it
            await game.stop()
            self.games.discard(game)
            if by_itself:  # what it wrote on stderr (a crash) is printed just above
                log.info("the game of %s ended by itself; its page offers to rejoin", name)
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _process_messages(self, websocket: "web.WebSocketResponse", game) -> None:
        """What the page sends: keystrokes, sizes, focus. Anything malformed is ignored."""
        async for message in websocket:
            envelope = _envelope(message)
            if envelope is not None:
                await self._handle(websocket, game, envelope)

    @staticmethod
    async def _first_message(websocket: "web.WebSocketResponse") -> tuple | None:
        try:
            message = await asyncio.wait_for(websocket.receive(), FIRST_MESSAGE_WAIT)
        except asyncio.TimeoutError:
            return None
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED,
                            WSMsgType.ERROR):
            raise ConnectionResetError("the page went away before its game started")
        return _envelope(message)

    @staticmethod
    async def _handle(websocket: "web.WebSocketResponse", game, envelope: tuple) -> None:
        kind, data = envelope
        if kind == "stdin" and isinstance(data, str):
            await game.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            await game.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
        elif kind == "ping" and isinstance(data, (str, int, float)):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await game.blur()
        elif kind == "focus":
            await game.focus()

    @staticmethod
    async def _close_when_done(game, websocket: "web.WebSocketResponse") -> None:
        task = game._task  # textual-serve keeps the process reader here
        if task is not None:
            await asyncio.shield(task)
        websocket[ENDED] = True
        if not websocket.closed:
            await websocket.close()

    # ------------------------------------------------------------------ running
    async def on_startup(self, app: "web.Application") -> None:
        lines = [s("ws_serving", self.lang, session=self.session_name or "-",
                   code=self.code or "-") if self.code else s("ws_serving_any", self.lang)]
        url = share_url(self.host, self.port)
        if is_loopback(self.host):
            lines.append(s("ws_reach_local", self.lang, url=url))
        elif self.host in WILDCARD_HOSTS:
            lines.append(s("ws_reach_everyone", self.lang, url=url))
        else:
            lines.append(s("ws_reach_host", self.lang, url=url, host=self.host))
        lines.append(s("ws_room_limit", self.lang, limit=self.room.limit))
        lines.append(s("ws_serve_stop", self.lang))
        print("\n".join(lines), flush=True)
        if self.warm is not None:  # warm up beside the first requests, not before them
            asyncio.get_running_loop().run_in_executor(None, self._start_warm, self.warm)

    def _start_warm(self, warm: WarmParent) -> None:
        try:
            warm.start()
        except OSError as exc:
            log.error("games will start one by one: %s", exc)

    async def on_shutdown(self, app: "web.Application") -> None:
        self.stopping = True
        await asyncio.gather(*(game.stop() for game in list(self.games)),
                             return_exceptions=True)
        if self.warm is not None:
            await asyncio.to_thread(self.warm.stop)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_exit)
            except (NotImplementedError, RuntimeError):
                pass
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, print=None, access_log=None)


def _envelope(message) -> tuple[str, object] | None:
    """``[kind, data]`` from a text frame of the page; None for anything else."""
    if message.type != WSMsgType.TEXT:
        return None
    try:
        envelope = json.loads(message.data)
    except ValueError:
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    return envelope[0], envelope[1] if len(envelope) > 1 else None


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def serve(store_path: str | Path, code: str | None, host: str | None, port: int, lang: str,
          scenarios: list[Path], explicit_lang: str | None = None,
          limit: int = DEFAULT_LIMIT, public_url: str | None = None) -> int:
    """Run the server until Ctrl+C. Returns an exit code."""
    if not 1 <= limit <= 1000:
        print(s("ws_limit_bad", lang, value=limit), file=sys.stderr)
        return 2
    try:
        public_origin(public_url)
    except ValueError:
        print(s("ws_public_url_bad", lang, url=public_url), file=sys.stderr)
        return 2
    session_name, info = None, None
    if code is not None:
        store, info = open_session(store_path, code)  # StoreError: reported by the CLI
        code, session_name = info.code, info.name
    else:
        store = Store(store_path, create=False)
        store.sessions()  # a damaged or foreign store is reported now, not per browser
    from game.workshop.cli_store import report_expired
    report_expired(store, lang)
    if is_url(store.location):  # the game processes find the database without a command line
        os.environ[STORE_ENV] = store.location
    server = WorkshopServer(store, code, host or DEFAULT_HOST, port, lang, scenarios,
                            explicit_lang, session_name, limit=limit, public_url=public_url,
                            session=info)
    try:
        server.serve()
    except OSError as exc:
        print(s("ws_serve_failed", lang, host=server.host, port=port, reason=exc.strerror or exc),
              file=sys.stderr)
        return 1
    return 0
