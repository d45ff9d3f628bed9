"""Plain mode and a save that fails: say so, play on, and never end without the run somewhere.

While the save place fails, every step tries it again. At the end the run goes to another
place (the documents or home folder); when no place works at all, the run is printed as the
JSON of a save, so the player can keep it by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from game import saves
from game.run import Run
from game.strings import s


def watch(run: Run, say: Callable[[str], None]) -> None:
    """Tell the player about kept files now, and about every failed save as it happens."""
    lang = run.lang

    def failed(run: Run) -> None:
        problem = run.save_problem
        if problem is None:
            return
        say(problem.message(run.lang))
        if problem.failures == 1:
            say(s("save_plain_hint", run.lang, suggestion=problem.suggestion()))

    def again(run: Run) -> None:
        for key, values in run.take_messages():
            say(s(key, run.lang, **values))
        say(s("save_works_again", run.lang, path=run.save_path))

    run.on_save_failed.append(failed)
    run.on_saved_again.append(again)
    for key, values in run.take_messages():
        say(s(key, lang, **values))
    if run.save_problem is not None:
        failed(run)


def closing(run: Run, interrupted: bool) -> tuple[list[str], str]:
    """The last save of a plain game and what to tell the player about it: lines to show, and
    the run as save JSON when it could not be written anywhere (else an empty string)."""
    lang = run.lang
    if run.save_path is None:
        return ([s("eof_saved", lang, path="-")] if interrupted else []), ""
    if run.save():
        if interrupted:
            return [s("eof_saved", lang, path=run.save_path)], ""
        return [s("saved", lang, path=run.save_path),
                s("report_hint", lang, path=run.save_path)], ""
    problem = run.save_problem
    assert problem is not None
    elsewhere = problem.suggestion()
    failed = run.save_elsewhere(elsewhere)
    if failed is None:
        lines = [s(key, lang, **values) for key, values in run.take_messages()]
        return lines + [s("save_rescued", lang, path=run.save_path)], ""
    text = saves.snapshot(run.game, run.reflections).to_json()
    return [s("save_nowhere", lang, reason=failed.reason(lang))], text + "\n"
