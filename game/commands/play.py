"""``maatwerk`` and ``maatwerk play --plain``: set up content, settings and the save, then play.

``maatwerk`` goes through here on its way to the title screen, so this module imports nothing
heavy at the top: the content loader, pydantic and the engine load where they are used (the
terminal game loads them behind its title screen).
"""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING

from game.strings import s

if TYPE_CHECKING:
    import argparse


def language(args: argparse.Namespace) -> str:
    from game.settings import Settings

    return args.lang or Settings.load().lang


def run_plain(args: argparse.Namespace) -> int:
    from game.content import load_content, pick_campaign
    from game.plain import PlainGame
    from game.plain_saves import watch
    from game.run import Run
    from game.settings import autosave_path

    lang = language(args)
    content = load_content(extra=args.scenarios)
    errors = [d for d in content.diagnostics if d.severity == "error"]
    if errors:
        print(s("content_errors", lang, count=len(errors)), file=sys.stderr)
    save_path = args.save or autosave_path()
    run = None
    if args.resume:
        run, messages = Run.resume(content, save_path, lang)
        for key, values in messages:
            print(s(key, lang, **values))
        if run is not None:
            print(s("resumed", lang))
    if run is None:
        campaign = pick_campaign(content, args.campaign)
        if campaign is None:
            print(s("campaign_unknown", lang, id=args.campaign,
                    available=", ".join(sorted(content.campaigns))), file=sys.stderr)
            return 2
        run = Run.new(content, campaign, args.seed, lang, save_path)
    game = PlainGame(run)
    watch(run, notice)  # a save that fails is told, the game plays on
    return game.run()


def notice(text: str) -> None:
    """A note about the save beside the game's own lines (on stderr, so a transcript on stdout
    stays the game alone)."""
    sys.stdout.flush()
    print(textwrap.fill(text, 78, break_on_hyphens=False, break_long_words=False), file=sys.stderr, flush=True)


def run_app(args: argparse.Namespace) -> int:
    from game.ui.app import MaatwerkApp

    app = MaatwerkApp(lang=args.lang, extra=args.scenarios, save_path=args.save,
                      seed=args.seed, campaign=args.campaign)
    app.run()
    if app.farewell:  # e.g. the run was saved elsewhere because its place failed
        print(app.farewell, file=sys.stderr)
    return app.return_code or 0
