"""Facts come from the essay, the sentences are ours: no text the player or facilitator reads
repeats a run of eight or more words of the essay (case, event and campaign files, facilitator
notes included, and the debrief's reference texts).

The essay is not shipped with the game. The test reads it from MAATWERK_ESSAY, or finds
``maatwerk-als-standaard.txt`` in a ``source`` folder beside the project or above it; without
it the test is skipped and says so.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS

RUN = 8
ESSAY_NAME = "maatwerk-als-standaard.txt"


def _essay_path() -> Path | None:
    if os.environ.get("MAATWERK_ESSAY"):
        return Path(os.environ["MAATWERK_ESSAY"])
    for folder in (ROOT, *ROOT.parents):
        for candidate in (folder / "source" / ESSAY_NAME, folder / "shared" / "source" / ESSAY_NAME):
            if candidate.is_file():
                return candidate
    return None


def words(text: str) -> list[str]:
    """Lower-case words, punctuation and quote marks dropped; 'Wmo-consulent' is two words."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[^\W_]+", text)


def _essay_streams(raw: str) -> list[str]:
    """The essay as read twice: line ends as spaces, and with words broken over a line
    (a line ending in a letter or a hyphen, without a space) joined again. Footnote numbers
    glued to a word or a full stop ('ontving.1 Talloze') are dropped."""
    raw = re.sub(r"(?<=[^\W\d_])([.,;:’'”)]?)\d{1,3}(?=\s)", r"\1", raw)
    spaced = raw.replace("\n", " ")
    joined = re.sub(r"(?<=[^\W\d_])-?\n(?=[^\W\d_])", "", raw).replace("\n", " ")
    return [spaced, joined]


def shingles(text_words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(text_words[i:i + RUN]) for i in range(len(text_words) - RUN + 1)}


def _strings(value, path: str = ""):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def copied_runs(essay: set[tuple[str, ...]], text: str) -> list[str]:
    """Each longest stretch of the text that repeats the essay, as words (one per stretch)."""
    found, w, i = [], words(text), 0
    while i <= len(w) - RUN:
        if tuple(w[i:i + RUN]) in essay:
            end = i + RUN
            while end < len(w) and tuple(w[end - RUN + 1:end + 1]) in essay:
                end += 1
            found.append(" ".join(w[i:end]))
            i = end
        else:
            i += 1
    return found


@pytest.fixture(scope="module")
def essay() -> set[tuple[str, ...]]:
    path = _essay_path()
    if path is None or not path.is_file():
        pytest.skip(f"the essay ({ESSAY_NAME}) is not here; set MAATWERK_ESSAY to its path")
    runs: set[tuple[str, ...]] = set()
    for stream in _essay_streams(path.read_text(encoding="utf-8")):
        runs |= shingles(words(stream))
    return runs


def _content_files() -> list[Path]:
    return sorted(SCENARIOS.rglob("*.toml")) + [ROOT / "assets" / "reference.toml"]


def test_the_check_finds_a_copied_sentence_and_passes_a_paraphrase(essay):
    # A sentence of the essay's introduction, with its line break, quote marks and case changed
    copied = ("De BOODSCHAPPENAFFAIRE markeert een belangrijke omslag in het "
              "maatschappelijke en politieke denken, zegt men.")
    assert copied_runs(essay, copied) == [
        "de boodschappenaffaire markeert een belangrijke omslag in het maatschappelijke "
        "en politieke denken"]
    # The same fact in our own words
    assert copied_runs(essay, "Na de boodschappenaffaire dachten politiek en publiek "
                              "anders over hoe de overheid met burgers omgaat.") == []


def test_no_content_text_repeats_eight_words_of_the_essay(essay):
    problems = []
    for path in _content_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for key, text in _strings(data):
            for run in copied_runs(essay, text):
                problems.append(f"{path.relative_to(ROOT)}: {key}: \"{run}\"")
    assert not problems, (f"{len(problems)} text(s) repeat {RUN}+ words of the essay; "
                          "paraphrase them:\n" + "\n".join(problems))
