"""``maatwerk workshop ...`` and ``maatwerk play --join``: thin commands over the workshop layer.

Every store or session problem ends in one clear line on stderr and exit code 1, never a
traceback.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from game.settings import Settings
from game.strings import s
from game.workshop.join import content_for, open_session, run_join, store_location
from game.workshop.backends import is_url
from game.workshop.cli_store import (
    cmd_compare, cmd_retention, purge_older_command, report_expired,
)
from game.workshop.retention import format_age, format_size, retention
from game.workshop.store import Store, StoreError


def _lang(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or Settings.load().lang


def _store_path(args: argparse.Namespace) -> str | Path:
    return store_location(args.store)


def printable(text: str) -> str:
    """A name typed by someone, fit for a terminal line: no control or escape characters."""
    return "".join(ch for ch in " ".join(text.split()) if ch.isprintable())


def _store_hint(args: argparse.Namespace) -> str:
    return f" --store {shlex.quote(str(args.store))}" if args.store else ""


def run(args: argparse.Namespace) -> int:
    lang = _lang(args)
    if args.command == "play":
        return run_join(args)
    command = getattr(args, "workshop_command", None)
    if command is None:
        args.workshop_parser.print_help()
        return 2
    try:
        return COMMANDS[command](args, lang)
    except StoreError as exc:
        print(s("ws_error", lang, message=exc.message(lang)), file=sys.stderr)
        return 1


def cmd_new(args: argparse.Namespace, lang: str) -> int:
    from game.content import load_content, pick_campaign
    from game.engine.catalogue import campaign_ids, campaign_view

    extra = [p.resolve() for p in getattr(args, "scenarios", [])]
    content = load_content(extra=extra)
    campaign = pick_campaign(content, args.campaign)
    if campaign is None:
        print(s("campaign_unknown", lang, id=args.campaign,
                available=", ".join(campaign_ids(content))), file=sys.stderr)
        return 2
    store = Store(_store_path(args))
    report_expired(store, lang)
    info = store.create_session(args.name.strip() or "workshop", campaign, lang,
                                [str(p) for p in extra], compare=not args.no_compare)
    hint = _store_hint(args)
    print(s("ws_created_session", lang, name=info.name))
    print(f"  {s('ws_code', lang)}: {info.code}")
    print(f"  {s('ws_campaign', lang)}: {campaign_view(content, campaign, lang).title} "
          f"({campaign})")
    print(f"  {s('ws_store', lang)}: {store.where}")
    print(s("ws_next_steps", lang, join=f"maatwerk play --join {info.code}{hint}",
            serve=f"maatwerk workshop serve {info.code}{hint}",
            dashboard=f"maatwerk workshop dashboard {info.code}{hint}"))
    return 0


def cmd_list(args: argparse.Namespace, lang: str) -> int:
    path = _store_path(args)
    if not is_url(path) and not Path(path).exists():
        print(s("ws_no_sessions", lang, path=path))
        return 0
    store = Store(path, create=False)
    sessions = store.sessions()
    if not sessions:
        print(s("ws_no_sessions", lang, path=store.where))
        return 0
    sizes, now = store.sizes(), time.time()
    print(f"{s('ws_code', lang):<8} {s('ws_created', lang):<17} {s('ws_age', lang):>7} "
          f"{s('ws_participants', lang):>11} {s('ws_decisions', lang):>9} {s('ws_size', lang):>8}"
          f"  {s('ws_campaign', lang):<18} {s('ws_session', lang)}")
    for info in sessions:
        created = time.strftime("%Y-%m-%d %H:%M", time.localtime(info.created))
        apart = "" if info.compare else f"  ({s('ws_compare_kept_out', lang)})"
        print(f"{info.code:<8} {created:<17} {format_age(now - info.created):>7} "
              f"{info.participants:>11} {info.decisions:>9} "
              f"{format_size(sizes.get(info.code, 0)):>8}  {info.campaign:<18} "
              f"{printable(info.name)}{apart}")
    seconds = retention(store)
    print(s("ws_retention_is", lang, age=format_age(seconds)) if seconds
          else s("ws_retention_none", lang))
    return 0


def cmd_purge(args: argparse.Namespace, lang: str) -> int:
    if args.older_than is not None or args.code is None:
        return purge_older_command(args, lang)
    store, info = open_session(_store_path(args), args.code)
    if not args.yes:
        if not sys.stdin.isatty():
            print(s("ws_purge_needs_yes", lang), file=sys.stderr)
            return 2
        answer = input(s("ws_purge_confirm", lang, code=info.code, name=info.name,
                         count=info.participants))
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            print(s("ws_purge_kept", lang))
            return 1
    removed = store.purge(info.code)
    print(s("ws_purged", lang, code=info.code, count=removed))
    return 0


def cmd_release(args: argparse.Namespace, lang: str) -> int:
    store, info = open_session(_store_path(args), args.code)
    name = store.release(info.code, args.name)
    print(s("ws_released", lang, name=name, code=info.code))
    return 0


def cmd_serve(args: argparse.Namespace, lang: str) -> int:
    from game.workshop.serve import serve
    return serve(_store_path(args), args.code, args.host, args.port, lang,
                 getattr(args, "scenarios", []), explicit_lang=getattr(args, "lang", None),
                 limit=args.max_participants, public_url=args.public_url)


def cmd_dashboard(args: argparse.Namespace, lang: str) -> int:
    store, info = open_session(_store_path(args), args.code)
    content = content_for(info, getattr(args, "scenarios", []))
    from game.ui.workshop.dashboard import DashboardApp
    app = DashboardApp(store, content, info.code, lang=lang, interval=args.interval)
    app.run()
    return app.return_code or 0


def cmd_plenary(args: argparse.Namespace, lang: str) -> int:
    store, info = open_session(_store_path(args), args.code)
    content = content_for(info, getattr(args, "scenarios", []))
    from game.ui.workshop.dashboard import DashboardApp
    app = DashboardApp(store, content, info.code, lang=lang, plenary=True)
    app.run()
    return app.return_code or 0


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    from game.workshop.export import export
    store, info = open_session(_store_path(args), args.code)
    content = content_for(info, getattr(args, "scenarios", []))
    text = export(content, store, info.code, args.format, getattr(args, "lang", None))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from game.files import write_atomic
    try:
        write_atomic(args.output, text, private=False)
    except OSError as exc:
        print(s("ws_error", lang, message=str(exc)), file=sys.stderr)
        return 1
    print(s("ws_exported", lang, path=args.output), file=sys.stderr)
    return 0


COMMANDS = {"new": cmd_new, "list": cmd_list, "purge": cmd_purge, "release": cmd_release,
            "serve": cmd_serve, "dashboard": cmd_dashboard, "plenary": cmd_plenary,
            "export": cmd_export, "retention": cmd_retention, "compare": cmd_compare}
