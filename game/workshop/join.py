"""``maatwerk play --join CODE``: a participant joins a session in plain lines or in the app.

The run lives in the results store, not in a save file: a participant who drops out types the
same code and pseudonym again and continues where the last decision was recorded.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.content import Content, load_content
from game.plain import PlainGame, tolerant_stdin
from game.settings import Settings, data_dir
from game.strings import s
from game.workshop.participant import Joined, WorkshopTicket, check_name, join_session
from game.workshop.store import (
    NameInUse, SessionInfo, Store, StoreError, normalise_code, valid_code,
)

REJOIN_TRIES = 3


STORE_ENV = "MAATWERK_STORE"


def default_store() -> Path:
    return data_dir() / "workshops.sqlite"


def store_location(given: str | Path | None) -> str | Path:
    """The store to use: ``--store`` (a path or a ``postgresql://`` URL), else the
    ``MAATWERK_STORE`` environment variable, else the file in the user's data folder."""
    if given:
        return given
    return os.environ.get(STORE_ENV) or default_store()


def content_for(info: SessionInfo, extra: list[Path] | None) -> Content:
    """The shipped content plus the folders given now and those the session was created with."""
    folders = [Path(p) for p in (extra or [])]
    folders += [Path(p) for p in info.scenarios if Path(p) not in folders]
    return load_content(extra=[p for p in folders if p.is_dir()])


def open_session(store_path: str | Path, code: str) -> tuple[Store, SessionInfo]:
    code = normalise_code(code)
    if not valid_code(code):
        raise StoreError("ws_bad_code", code=code)
    store = Store(store_path, create=False)
    return store, store.session(code)


def ask_line(prompt: str) -> str | None:
    """One line from the terminal (echoed when input is piped); None when input ends."""
    tolerant_stdin()
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    if not sys.stdin.isatty():
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
    return line.strip()


def ask_name(lang: str) -> str | None:
    """Ask for a pseudonym on the terminal; None when input ends."""
    print(s("ws_name_hint", lang))
    while True:
        line = ask_line(s("ws_name_prompt", lang))
        if line is None or line:
            return line


def join_plain(content: Content, store: Store, info: SessionInfo, name: str,
               args: argparse.Namespace, lang: str) -> Joined:
    """Join in plain mode; at a terminal, a name in use asks for its rejoin code."""
    rejoin = getattr(args, "rejoin", None)
    for attempt in range(REJOIN_TRIES + 1):
        try:
            return join_session(content, store, info.code, name, lang=args.lang or None,
                                seed=args.seed, rejoin=rejoin)
        except NameInUse as exc:
            if attempt == REJOIN_TRIES or not sys.stdin.isatty():
                raise  # a script passes --rejoin
            print(exc.message(lang))
            rejoin = ask_line(s("ws_rejoin_prompt", lang, name=name))
            if not rejoin:
                raise
    raise AssertionError("unreachable")


class PlainParticipant(PlainGame):
    """Plain mode for a workshop participant: the store is the save."""

    def __init__(self, joined: Joined, **kwargs) -> None:
        super().__init__(joined.run, **kwargs)
        self.joined = joined
        joined.recorder.on_error = self._record_failed

    def _record_failed(self, exc: StoreError) -> None:
        if self.joined.recorder.ended:
            self.say(exc.message(self.player_run.lang))
            return
        self.say(self.t("ws_not_recorded_yet", reason=exc.message(self.player_run.lang)))

    def run(self) -> int:
        self.say(self.t("ws_joined", session=self.joined.info.name,
                        name=self.joined.participant.name))
        for key, values in self.joined.messages:
            self.say(self.t(key, **values))
        try:
            self.play_through()
        except EOFError:
            self.say()
        if not self.joined.recorder.confirm(self.player_run):
            self.say(self.t("ws_ended_not_recorded" if self.joined.recorder.ended
                            else "ws_not_recorded"))
            return 1
        self.say(self.t("ws_recorded", code=self.joined.info.code,
                        name=self.joined.participant.name,
                        rejoin=self.joined.participant.rejoin))
        return 0


def run_join(args: argparse.Namespace) -> int:
    lang = args.lang or Settings.load().lang
    store_path = store_location(args.store)
    try:
        store, info = open_session(store_path, args.join)
        name = args.name
        if not name:
            if not args.plain and not sys.stdin.isatty():
                print(s("ws_name_needed", lang), file=sys.stderr)
                return 2
            name = ask_name(lang)
            if name is None:
                return 1
        name = check_name(name)
        if not args.plain:
            ticket = WorkshopTicket(store.location, info.code, name, args.seed,
                                    getattr(args, "rejoin", None))
            return run_app(ticket, info, args)
        content = content_for(info, args.scenarios)
        errors = [d for d in content.diagnostics if d.severity == "error"]
        if errors:
            print(s("content_errors", lang, count=len(errors)), file=sys.stderr)
        joined = join_plain(content, store, info, name, args, lang)
    except StoreError as exc:
        print(s("ws_error", lang, message=exc.message(lang)), file=sys.stderr)
        return 1
    return PlainParticipant(joined).run()


def run_app(ticket: WorkshopTicket, info: SessionInfo, args: argparse.Namespace) -> int:
    """Play in the terminal app (also what ``workshop serve`` runs for each browser).

    The app loads its content behind the title as usual; with ``workshop=ticket`` it then joins
    (``ticket.join(content, lang)``) instead of offering a new game or the autosave.
    """
    from game.ui.app import MaatwerkApp

    lang = args.lang or info.lang
    extra = [Path(p) for p in args.scenarios or []]
    extra += [Path(p) for p in info.scenarios if Path(p) not in extra and Path(p).is_dir()]
    app = MaatwerkApp(lang=lang, extra=extra, campaign=info.campaign, workshop=ticket)
    app.run()
    joined = app.joined
    if isinstance(joined, Joined) and not joined.recorder.confirm(joined.run):
        print(s("ws_ended_not_recorded" if joined.recorder.ended else "ws_not_recorded", lang),
              file=sys.stderr)
        return 1
    return app.return_code or 0
