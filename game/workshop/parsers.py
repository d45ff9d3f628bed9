"""The argument parsers of ``maatwerk workshop`` and ``play --join``.

Kept apart from the commands so that building the command line imports nothing heavy: the
game's own start-up does not pay for the workshop layer.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.choices import Registered

EXPORT_FORMATS = Registered("game.workshop.export", "EXPORTS")  # read when checked

def _options(parser: argparse.ArgumentParser, content: bool = True) -> None:
    parser.add_argument("--store", default=None, metavar="PATH|URL",
                        help="the results store: a file, or a postgresql:// URL (default: "
                             "$MAATWERK_STORE, else workshops.sqlite in your data folder)")
    if content:
        parser.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS)
        parser.add_argument("--scenarios", action="append", type=Path,
                            default=argparse.SUPPRESS, metavar="DIR",
                            help="a folder with your own cases (added to the session's own)")


def add_workshop_parsers(sub: argparse._SubParsersAction, play: argparse.ArgumentParser) -> None:
    play.add_argument("--join", metavar="CODE", default=None,
                      help="join a workshop session with its code")
    play.add_argument("--store", default=None, metavar="PATH|URL",
                      help="the workshop results store (default: the one in your data folder)")
    play.add_argument("--name", default=None, metavar="NAME",
                      help="your pseudonym in the workshop (no real name needed)")
    play.add_argument("--rejoin", default=None, metavar="CODE",
                      help="the rejoin code you were shown, to continue under your pseudonym")

    workshop = sub.add_parser("workshop", help="run a workshop: sessions, dashboard, exports")
    workshop.set_defaults(workshop_parser=workshop)
    wsub = workshop.add_subparsers(dest="workshop_command", metavar="COMMAND")

    new = wsub.add_parser("new", help="create a session with a join code")
    new.add_argument("--name", required=True, help="the session's name, e.g. the course")
    new.add_argument("--campaign", default=argparse.SUPPRESS, metavar="ID",
                     help="the campaign the group plays (default: veenstede)")
    new.add_argument("--no-compare", action="store_true",
                     help="keep this session out of comparisons with later groups")
    _options(new)

    listing = wsub.add_parser("list", help="list the sessions in the store")
    _options(listing, content=False)

    purge = wsub.add_parser("purge", help="delete a session and all its results for good")
    purge.add_argument("code", nargs="?", default=None, metavar="CODE")
    purge.add_argument("--older-than", default=None, metavar="AGE",
                       help="instead of one session: every session older than AGE (90d, 12w)")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _options(purge, content=False)

    serve = wsub.add_parser("serve", help="serve the game in the browser (textual-serve)")
    serve.add_argument("code", nargs="?", default=None, metavar="CODE",
                       help="join every browser to this session (else they type the code)")
    serve.add_argument("--host", default=None,
                       help="address to listen on (default 127.0.0.1: this computer only; "
                            "0.0.0.0: everyone on the network)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--max-participants", type=int, default=60, metavar="N",
                       help="at most N games at once per session in this serve process "
                            "(default 60; each serve process counts its own); the next "
                            "browser is told the room is full")
    serve.add_argument("--public-url", default=None, metavar="URL",
                       help="the address participants use when the server sits behind a "
                            "proxy, e.g. https://workshop.example.org/ (its host is accepted)")
    _options(serve)

    dashboard = wsub.add_parser("dashboard", help="follow a session live (facilitator)")
    dashboard.add_argument("code", metavar="CODE")
    dashboard.add_argument("--interval", type=float, default=2.0, metavar="SECONDS",
                           help="how often the store is read")
    _options(dashboard)

    plenary = wsub.add_parser("plenary", help="play the campaign with the whole room")
    plenary.add_argument("code", metavar="CODE")
    _options(plenary)

    keep = wsub.add_parser("retention", help="how long the store keeps sessions (e.g. 90d)")
    keep.add_argument("age", nargs="?", default=None, metavar="AGE|off",
                      help="e.g. 90d, 12w, 6m, 1y; 'off' keeps sessions until purged")
    _options(keep, content=False)
    compare = wsub.add_parser("compare", help="count a session in comparisons with later "
                                              "groups, or keep it out")
    compare.add_argument("code", metavar="CODE")
    compare.add_argument("setting", choices=("on", "off"))
    _options(compare, content=False)
    release = wsub.add_parser("release", help="free a pseudonym whose rejoin code was lost")
    release.add_argument("code", metavar="CODE")
    release.add_argument("name", metavar="NAME")
    _options(release, content=False)

    export = wsub.add_parser("export", help="export a session's results")
    export.add_argument("code", metavar="CODE")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="md")
    export.add_argument("-o", "--output", type=Path, default=None, metavar="PATH")
    _options(export)
