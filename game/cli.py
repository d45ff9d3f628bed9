"""The one entry point: ``maatwerk``. Commands are thin; the work is in the packages.

``maatwerk`` without arguments (the game in the terminal, the command a player types most)
does not build the parser: argparse and the options of every command would be waited for
before the title, to come to the parser's defaults, which ``_no_arguments`` gives directly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from game import __version__
from game.choices import Registered

REPORT_FORMATS = Registered("game.report.formats", "REPORT_FORMATS")  # read when checked

if TYPE_CHECKING:
    import argparse


def _no_arguments() -> argparse.Namespace:
    """What the parser makes of no arguments at all (a test keeps the two equal). A plain
    namespace with the same attributes, so that a plain start does not import argparse."""
    return cast("argparse.Namespace", SimpleNamespace(
        lang=None, scenarios=[], save=None, seed=None, campaign=None, command=None))


def _common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """The global options. They may stand before or after ``play``: on the sub-command they
    have no default of their own, so they never overwrite what was given before it."""
    import argparse

    def default(value):
        return value if top else argparse.SUPPRESS

    parser.add_argument("--lang", choices=("nl", "en"), default=default(None),
                        help="language of the game (default: your setting, else nl)")
    parser.add_argument("--scenarios", action="append", type=Path, default=default([]),
                        metavar="DIR",
                        help="a folder with your own cases (may be given more than once)")
    parser.add_argument("--save", type=Path, default=default(None), metavar="PATH",
                        help="the save file to use (default: the autosave)")
    parser.add_argument("--seed", type=int, default=default(None), metavar="N",
                        help="seed of a new game: the same seed and choices give the same run")
    parser.add_argument("--campaign", default=default(None), metavar="ID",
                        help="the campaign to play (default: veenstede)")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="maatwerk",
        description="Maatwerk: a serious game about the dilemmas of front-line caseworkers.")
    parser.add_argument("--version", action="version", version=f"maatwerk {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play the game (in the terminal, or --plain)")
    _common(play)
    play.add_argument("--plain", action="store_true",
                      help="plain numbered lines on stdin/stdout (screen readers, scripts)")
    play.add_argument("--continue", dest="resume", action="store_true",
                      help="plain mode: continue the saved game instead of starting anew")

    validate = sub.add_parser("validate", help="check content files")
    validate.add_argument("paths", nargs="*", type=Path,
                          help="folders or files to check (default: the shipped scenarios)")
    validate.add_argument("--json", action="store_true", help="diagnostics as JSON")
    validate.add_argument("--strict", action="store_true", help="warnings count as errors")
    validate.add_argument("--scenarios", action="append", type=Path, default=argparse.SUPPRESS,
                          metavar="DIR")
    validate.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                          help="language of the messages (default: your setting, else nl)")

    playtest = sub.add_parser("playtest", help="walk every branch and run random playthroughs")
    playtest.add_argument("--campaign", default=None, metavar="ID",
                          help="one campaign (default: all)")
    playtest.add_argument("--runs", type=int, default=200, help="random playthroughs")
    playtest.add_argument("--seed", type=int, default=argparse.SUPPRESS, help="(default: 1)")
    playtest.add_argument("--scenarios", action="append", type=Path, default=argparse.SUPPRESS,
                          metavar="DIR")
    playtest.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS)

    schema = sub.add_parser("schema", help="print the JSON Schema of a case, events or "
                                           "campaign file (for completion in an editor)")
    schema.add_argument("kind", nargs="?", choices=("case", "events", "campaign"),
                        default="case")

    new = sub.add_parser("new", help="write a commented template of a case or campaign")
    new.add_argument("kind", choices=("case", "campaign"))
    new.add_argument("id", help="the id: small letters, digits, - and _")
    new.add_argument("--scenarios", action="append", type=Path, default=argparse.SUPPRESS,
                     metavar="DIR", help="the folder to write in (default: this folder)")
    new.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS)

    report = sub.add_parser("report", help="the debrief of a saved run as Markdown, HTML or JSON")
    report.add_argument("save_file", type=Path, metavar="SAVE", help="a save file (.json)")
    report.add_argument("--format", choices=REPORT_FORMATS, default="md")
    report.add_argument("--output", "-o", type=Path, default=None, metavar="PATH",
                        help="write to a file instead of standard output")
    report.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS)
    report.add_argument("--scenarios", action="append", type=Path, default=argparse.SUPPRESS,
                        metavar="DIR")

    # the workshop's commands (their parsers import nothing heavy; the commands load on use)
    from game.workshop.parsers import add_workshop_parsers
    add_workshop_parsers(sub, play)
    return parser


def _lang(args: argparse.Namespace) -> str:
    if getattr(args, "lang", None):
        return args.lang
    from game.settings import Settings
    return Settings.load().lang


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(given) if given else _no_arguments()
    try:
        if args.command == "validate":
            from game.commands.validate import run as validate
            return validate(args.paths, args.scenarios, as_json=args.json, strict=args.strict,
                       lang=_lang(args))
        if args.command == "schema":
            import json

            from game.content.schema import schema
            print(json.dumps(schema(args.kind), indent=2, ensure_ascii=False))
            return 0
        if args.command == "new":
            from game.commands.new import run as new
            folder = args.scenarios[0] if args.scenarios else Path.cwd()
            return new(args.kind, args.id, folder, _lang(args))
        if args.command == "report":
            from game.commands.report import run as report
            return report(args.save_file, args.format, args.output, args.lang, args.scenarios)
        if args.command == "workshop" or getattr(args, "join", None):
            from game.workshop.cli import run as workshop
            return workshop(args)
        if args.command == "playtest":
            from game.commands.playtest import run as playtest
            return playtest(args.campaign, args.runs, 1 if args.seed is None else args.seed,
                       args.scenarios, _lang(args))
        if args.command == "play" and args.plain:
            from game.commands.play import run_plain
            return run_plain(args)
        from game.commands.play import run_app
        return run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
