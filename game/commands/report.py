"""``maatwerk report SAVE --format md|html|json``: the debrief of a saved run."""

from __future__ import annotations

import sys
from pathlib import Path

from game import saves
from game.content import load_content
from game.engine.analysis import debrief
from game.files import write_atomic
from game.report import render
from game.save_problems import reason
from game.strings import s


def run(save_file: Path, fmt: str, output: Path | None, lang: str | None,
        extra: list[Path]) -> int:
    shown = lang or "nl"
    try:
        data = saves.read(save_file)
    except saves.SaveError as exc:
        print(s("report_bad_save", shown, reason=exc), file=sys.stderr)
        return 1
    if data is None:
        print(s("report_no_save", shown, path=save_file), file=sys.stderr)
        return 1
    content = load_content(extra=extra)
    try:
        resumed = saves.resume(content, data, lang)
    except saves.SaveError as exc:
        print(s("report_bad_save", shown, reason=exc), file=sys.stderr)
        return 1
    if resumed.message:
        print(s("save_changed", resumed.game.lang, reason=resumed.message), file=sys.stderr)
    text = render(debrief(resumed.game, data.reflections), fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(output, text, private=False)
        except OSError as exc:  # a read-only folder, a full disk, a folder by that name
            print(s("report_not_written", resumed.game.lang, path=output,
                    reason=reason(exc, resumed.game.lang)), file=sys.stderr)
            return 1
        print(s("report_saved", resumed.game.lang, path=output), file=sys.stderr)
    return 0
