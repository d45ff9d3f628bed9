"""The door of the served game: who may open a game, how many at once, and what every page
tells the browser to forbid.

- **Host.** A request must name a host this server serves (the loopback names, the address or
  name it listens on, this computer's names when it listens everywhere, and the public address
  given with ``--public-url``). A page fetched under any other name is refused: that is how a
  DNS-rebinding site would reach a server on a participant's or facilitator's computer.
- **Origin.** A websocket opens a game process, so it must come from this server's own page:
  its ``Origin`` is the address the page was loaded from. Browsers always send it; a missing or
  foreign origin is refused before any process starts.
- **Room.** At most ``limit`` games per session at once; the next one gets a page that says so.
- **Sizes.** Window sizes come from the browser and are clamped before a game sees them.
- **Headers.** Every response forbids framing, MIME sniffing and referrers, and carries a
  Content-Security-Policy that allows this server and its websocket only.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from game.workshop.addresses import local_addresses

WILDCARD_HOSTS = ("0.0.0.0", "::", "")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_LIMIT = 60
MIN_SIZE = (40, 12)  # the smallest window the game is built and tested for
MAX_SIZE = (400, 200)


def host_name(value: str | None) -> str | None:
    """The host part of a ``Host`` header or URL authority, lower case; None when malformed."""
    if not value or any(ch.isspace() or ch in "/\\@?#" for ch in value):
        return None
    try:
        name = urlsplit("//" + value).hostname
        urlsplit("//" + value).port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return None
    return name.rstrip(".") if name else None


def public_origin(url: str | None) -> str | None:
    """``scheme://host[:port]`` of a public URL, or None when none was given.
    Raises ValueError for something that is not an http(s) address."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not host_name(parts.netloc):
        raise ValueError(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Door:
    """Host and Origin rules for one server."""

    def __init__(self, host: str, public_url: str | None = None) -> None:
        self.public = public_origin(public_url)
        names = set(LOOPBACK_NAMES)
        if host in WILDCARD_HOSTS:
            names |= local_addresses()
        else:
            names.add(host.lower())
        if self.public:
            names.add(host_name(urlsplit(self.public).netloc) or "")
        self.hosts = frozenset(n for n in names if n)

    def host_ok(self, host_header: str | None) -> bool:
        return host_name(host_header) in self.hosts

    def origin_ok(self, origin: str | None, host_header: str | None,
                  secure: bool = False) -> bool:
        """The websocket's Origin is the page this server served: same scheme, host name and
        port as the request itself (or the public address when one was given)."""
        if not origin or not host_header:
            return False
        if self.public and origin.lower().rstrip("/") == self.public:
            return True
        parts = urlsplit(origin)
        if parts.scheme != ("https" if secure else "http") or parts.path not in ("", "/"):
            return False
        return (host_name(parts.netloc) in self.hosts
                and parts.netloc.lower() == host_header.lower())


def content_security_policy(host_header: str) -> str:
    """Scripts, fonts and images from this server only; connections to it and its websocket.
    Styles may also be inline: the terminal in the page (xterm.js) writes its own style
    element as it measures the window. Our pages keep their styles in files all the same."""
    sockets = f"ws://{host_header} wss://{host_header}" if host_name(host_header) else ""
    return ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "font-src 'self'; "
            f"img-src 'self' data:; connect-src 'self' {sockets}; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'self'")


def protective_headers(host_header: str | None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(host_header or ""),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A window size a game can draw, whatever the browser sent (negative, huge, text)."""
    return (_clamp(width, 80, MIN_SIZE[0], MAX_SIZE[0]),
            _clamp(height, 24, MIN_SIZE[1], MAX_SIZE[1]))


def _clamp(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(value)  # type: ignore[call-overload]  # whatever int() refuses is the default
    except (TypeError, ValueError, OverflowError):
        number = default
    return max(low, min(high, number))


class Room:
    """How many games run per session; a place is taken before a game starts."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self.playing: Counter[str] = Counter()

    def full(self, code: str) -> bool:
        return self.playing[code] >= self.limit

    def take(self, code: str) -> bool:
        if self.full(code):
            return False
        self.playing[code] += 1
        return True

    def leave(self, code: str) -> None:
        self.playing[code] -= 1
        if self.playing[code] <= 0:
            del self.playing[code]
