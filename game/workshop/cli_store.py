"""``maatwerk workshop retention`` and ``workshop compare``: the store's settings for course
providers. Every problem ends in one clear line and exit code 1 (see ``cli.run``)."""

from __future__ import annotations

import argparse
import sys

from game.strings import s
from game.workshop.join import open_session, store_location
from game.workshop.retention import (
    apply_retention, format_age, parse_age, purge_older, retention, set_retention,
)
from game.workshop.store import Store


def cmd_retention(args: argparse.Namespace, lang: str) -> int:
    store = Store(store_location(args.store))
    if args.age is None:
        seconds = retention(store)
        print(s("ws_retention_is", lang, age=format_age(seconds)) if seconds
              else s("ws_retention_none", lang))
        return 0
    if args.age.strip().lower() in ("off", "uit", "geen", "none"):
        set_retention(store, None)
        print(s("ws_retention_none", lang))
        return 0
    seconds = parse_age(args.age)
    if seconds is None:
        print(s("ws_bad_age", lang, age=args.age), file=sys.stderr)
        return 2
    set_retention(store, seconds)
    print(s("ws_retention_is", lang, age=format_age(seconds)))
    report_expired(store, lang)
    return 0


def report_expired(store: Store, lang: str) -> None:
    """Apply the store's retention now and say what it removed (to stderr: it is a notice)."""
    for info, people in apply_retention(store):
        print(s("ws_retention_purged", lang, code=info.code, name=info.name, count=people),
              file=sys.stderr)


def cmd_compare(args: argparse.Namespace, lang: str) -> int:
    store, info = open_session(store_location(args.store), args.code)
    info = store.set_compare(info.code, args.setting == "on")
    print(s("ws_compare_on" if info.compare else "ws_compare_off", lang, code=info.code))
    return 0


def purge_older_command(args: argparse.Namespace, lang: str) -> int:
    """``workshop purge --older-than AGE``: every session older than AGE, after a yes."""
    seconds = parse_age(args.older_than or "")
    if seconds is None:
        print(s("ws_bad_age", lang, age=args.older_than or ""), file=sys.stderr)
        return 2
    store = Store(store_location(args.store), create=False)
    doomed = store.older_than(seconds)
    if not doomed:
        print(s("ws_purge_none_older", lang, age=format_age(seconds)))
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(s("ws_purge_needs_yes", lang), file=sys.stderr)
            return 2
        answer = input(s("ws_purge_older_confirm", lang, count=len(doomed),
                         age=format_age(seconds)))
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            print(s("ws_purge_kept", lang))
            return 1
    for info, people in purge_older(store, seconds):
        print(s("ws_purged", lang, code=info.code, count=people))
    return 0
