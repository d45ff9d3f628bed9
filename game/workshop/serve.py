"""``maatwerk workshop serve``: the game in a browser, with nothing to install (textual-serve).

Each browser gets its own game process. The page is our own template: it loads only from this
server (the stock textual-serve page pulls a web font from another host). Participants type a
pseudonym on a small form; the process command is built from validated values only (the code
checked against the store and its pattern, the pseudonym against its pattern) and quoted with
``shlex``, so nothing a browser sends can reach a shell. By default the server listens on the
loopback address: only this computer can reach it, until a host is given explicitly.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import shlex
import signal
import socket
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

from game.strings import s
from game.workshop.backends import is_url
from game.workshop.join import STORE_ENV, open_session
from game.workshop.participant import check_name
from game.workshop.store import Store, StoreError, normalise_code, valid_code

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_HOST = "127.0.0.1"
log = logging.getLogger("textual-serve")

try:  # textual-serve is the 'serve' extra
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server
except ImportError:  # pragma: no cover - reported by serve()
    Server = object  # type: ignore[misc, assignment]
    HAVE_SERVE = False
else:
    HAVE_SERVE = True


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_address() -> str:
    """This computer's address on the local network, from its own host name (no socket is
    opened towards any other address to find it)."""
    name = socket.gethostname()
    try:
        infos = socket.getaddrinfo(name, None, socket.AF_INET)
    except OSError:
        return name
    for info in infos:
        address = info[4][0]
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return _interface_address() or name


def _interface_address() -> str | None:
    """The first non-loopback IPv4 address of this machine's interfaces (Linux; reads the
    interface table, sends nothing)."""
    try:
        import fcntl
        import struct
    except ImportError:  # not on this platform
        return None
    siocgifaddr = 0x8915
    for _, interface in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                packed = fcntl.ioctl(probe.fileno(), siocgifaddr,
                                     struct.pack("256s", interface[:15].encode()))
            except OSError:
                continue
        address = socket.inet_ntoa(packed[20:24])
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return None


def share_url(host: str, port: int) -> str:
    shown = network_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def participant_command(store: str | Path, code: str, name: str, lang: str | None,
                        scenarios: list[Path]) -> str:
    """The shell command textual-serve runs for one browser. Values are validated by the
    caller and every argument is quoted. A PostgreSQL URL is not put on the command line
    (anyone on the host can read that): the game process inherits it as MAATWERK_STORE."""
    argv = [sys.executable, "-m", "game"]
    if lang:
        argv += ["--lang", lang]
    argv += ["play", "--join", code, "--name", name]
    if not is_url(store):
        argv += ["--store", str(store)]
    for folder in scenarios:
        argv += ["--scenarios", str(folder)]
    return shlex.join(argv)


class WorkshopServer(Server):  # type: ignore[misc, valid-type]
    """textual-serve's Server with our own pages and one game process per participant."""

    def __init__(self, store: Store, code: str | None, host: str, port: int, lang: str,
                 scenarios: list[Path], explicit_lang: str | None = None,
                 session_name: str | None = None) -> None:
        super().__init__("maatwerk", host=host, port=port, title="Maatwerk",
                         templates_path=TEMPLATES)
        self.store = store
        self.code = code
        self.lang = lang
        self.explicit_lang = explicit_lang
        self.scenarios = [p.resolve() for p in scenarios]
        self.session_name = session_name

    # ------------------------------------------------------------------ pages
    async def _make_app(self) -> "web.Application":
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/play", self.handle_play, name="play"),
            web.get("/ws/{code}/{name}", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def _texts(self) -> dict[str, str]:
        keys = ("title", "session", "intro", "code", "name", "privacy", "start", "loading",
                "closed", "rejoin")
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

    async def handle_index(self, request: "web.Request") -> "web.Response":
        return self._join_page(request, request.query.get("code", ""),
                               request.query.get("name", ""))

    def _check(self, code: str, name: str) -> tuple[str, str]:
        """A code in this store (and the served one, when fixed) and a valid pseudonym."""
        code = normalise_code(code)
        if self.code and code != self.code:
            raise StoreError("ws_bad_code", code=code)
        if not valid_code(code):
            raise StoreError("ws_bad_code", code=code)
        info = self.store.session(code)
        return info.code, check_name(name)

    async def handle_play(self, request: "web.Request") -> "web.Response":
        code, name = request.query.get("code", ""), request.query.get("name", "")
        try:
            code, name = await asyncio.to_thread(self._check, code, name)
        except StoreError as exc:
            return self._join_page(request, code, name, exc.message(self.lang), status=400)
        scheme = "wss" if request.secure else "ws"
        context = {
            "lang": self.lang, "t": self._texts(), "static": "/static/", "name": name,
            "font_size": max(8, min(40, _to_int(request.query.get("fontsize", "16"), 16))),
            # the host the browser itself used: the page never points anywhere else
            "websocket_url": f"{scheme}://{request.host}/ws/{quote(code, safe='')}/"
                             f"{quote(name, safe='')}",
            "rejoin_url": "/play?" + urlencode({"code": code, "name": name}),
        }
        return aiohttp_jinja2.render_template("play.html", request, context)

    # ------------------------------------------------------------------ the game processes
    async def handle_websocket(self, request: "web.Request") -> "web.WebSocketResponse":
        try:
            code, name = await asyncio.to_thread(self._check, request.match_info["code"],
                                                 request.match_info["name"])
        except StoreError as exc:
            raise web.HTTPBadRequest(text=exc.message(self.lang)) from None
        command = participant_command(self.store.location, code, name, self.explicit_lang,
                                      self.scenarios)
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _to_int(request.query.get("width", "80"), 80)
        height = _to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=websocket.close,
                                     download_manager=self.download_manager, debug=self.debug)
            await app_service.start(width, height)
            # When the game process ends by itself (finished, or it could not start), close
            # the socket so the page offers to rejoin instead of waiting forever.
            watcher = asyncio.create_task(self._close_when_done(app_service, websocket))
            try:
                await self._process_messages(websocket, app_service)
            finally:
                watcher.cancel()
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one participant's failure, logged
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    @staticmethod
    async def _close_when_done(app_service: "AppService",
                               websocket: "web.WebSocketResponse") -> None:
        task = app_service._task  # textual-serve keeps the process reader here
        if task is not None:
            await asyncio.shield(task)
        if not websocket.closed:
            await websocket.close()

    # ------------------------------------------------------------------ running
    async def on_startup(self, app: "web.Application") -> None:
        lines = [s("ws_serving", self.lang, session=self.session_name or "-",
                   code=self.code or "-") if self.code else s("ws_serving_any", self.lang)]
        url = share_url(self.host, self.port)
        if is_loopback(self.host):
            lines.append(s("ws_reach_local", self.lang, url=url))
        elif self.host in ("0.0.0.0", "::", ""):
            lines.append(s("ws_reach_everyone", self.lang, url=url))
        else:
            lines.append(s("ws_reach_host", self.lang, url=url, host=self.host))
        lines.append(s("ws_serve_stop", self.lang))
        print("\n".join(lines), flush=True)

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


def _to_int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def serve(store_path: str | Path, code: str | None, host: str | None, port: int, lang: str,
          scenarios: list[Path], explicit_lang: str | None = None) -> int:
    """Run the server until Ctrl+C. Returns an exit code."""
    if not HAVE_SERVE:
        print(s("ws_serve_missing", lang), file=sys.stderr)
        return 2
    session_name = None
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
                            explicit_lang, session_name)
    try:
        server.serve()
    except OSError as exc:
        print(s("ws_serve_failed", lang, host=server.host, port=port, reason=exc.strerror or exc),
              file=sys.stderr)
        return 1
    return 0
