"""Plain mode and a save that fails: say so, play on, and never end without the run somewhere.

While the save place fails, every step tries it again. At the end the run goes to another
place (the documents or home folder); when no place works at all, the run is printed as the
JSON of a save, so the player can keep it by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from game import saves
from game.session import Session
from game.strings import s


def watch(session: Session, say: Callable[[str], None]) -> None:
    """Tell the player about kept files now, and about every failed save as it happens."""
    lang = session.lang

    def failed(session: Session) -> None:
        problem = session.save_problem
        if problem is None:
            return
        say(problem.message(session.lang))
        if problem.failures == 1:
            say(s("save_plain_hint", session.lang, suggestion=problem.suggestion()))

    def again(session: Session) -> None:
        for key, values in session.take_messages():
            say(s(key, session.lang, **values))
        say(s("save_works_again", session.lang, path=session.save_path))

    session.on_save_failed.append(failed)
    session.on_saved_again.append(again)
    for key, values in session.take_messages():
        say(s(key, lang, **values))
    if session.save_problem is not None:
        failed(session)


def closing(session: Session, interrupted: bool) -> tuple[list[str], str]:
    """The last save of a plain game and what to tell the player about it: lines to show, and
    the run as save JSON when it could not be written anywhere (else an empty string)."""
    lang = session.lang
    if session.save_path is None:
        return ([s("eof_saved", lang, path="-")] if interrupted else []), ""
    if session.save():
        if interrupted:
            return [s("eof_saved", lang, path=session.save_path)], ""
        return [s("saved", lang, path=session.save_path),
                s("report_hint", lang, path=session.save_path)], ""
    problem = session.save_problem
    assert problem is not None
    elsewhere = problem.suggestion()
    failed = session.save_elsewhere(elsewhere)
    if failed is None:
        lines = [s(key, lang, **values) for key, values in session.take_messages()]
        return lines + [s("save_rescued", lang, path=session.save_path)], ""
    text = saves.snapshot(session.game, session.reflections).to_json()
    return [s("save_nowhere", lang, reason=failed.reason(lang))], text + "\n"
