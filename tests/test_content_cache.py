"""The content kept in the cache folder: read back while true, loaded anew when anything changed.

A player would notice a stale cache as an old text on screen after an author edited a case, or
a save that no longer continues; a broken cache must cost only the normal load.
"""

import shutil
from pathlib import Path
import subprocess
import sys

import pytest
from pilot import UI_FIXTURE

from game.content import load_content
from game import content_cache
from game.saves import content_version


@pytest.fixture()
def folder(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(UI_FIXTURE, copy)
    return copy


def _no_full_load(monkeypatch):
    def refuse(**_kwargs):
        raise AssertionError("the content was loaded from its files, not from the cache")
    monkeypatch.setattr("game.content.load_content", refuse)


def test_a_second_start_reads_the_same_content_from_the_cache(folder, monkeypatch):
    first = content_cache.load_cached(builtin=folder)
    _no_full_load(monkeypatch)
    again = content_cache.load_cached(builtin=folder)
    assert again.cases == first.cases and again.campaigns == first.campaigns
    assert again.events == first.events
    # a save made with cached content continues with freshly loaded content and back
    fresh = load_content(builtin=folder)
    assert again.versions == {cid: content_version(fresh, cid) for cid in fresh.campaigns}


def test_an_edited_case_is_loaded_anew(folder):
    content_cache.load_cached(builtin=folder)
    case = folder / "cases" / "scootmobiel-henk.toml"
    text = case.read_text(encoding="utf-8")
    title = load_content(builtin=folder).cases["scootmobiel-henk"].title.nl
    line = f'title.nl = "{title}"'
    assert line in text
    case.write_text(text.replace(line, 'title.nl = "Een nieuwe titel"'), encoding="utf-8")
    again = content_cache.load_cached(builtin=folder)
    assert again.cases["scootmobiel-henk"].title.nl == "Een nieuwe titel"


def test_a_new_file_and_its_errors_are_seen(folder):
    content_cache.load_cached(builtin=folder)
    (folder / "cases" / "kapot.toml").write_text("id = \n", encoding="utf-8")
    again = content_cache.load_cached(builtin=folder)
    assert any("kapot.toml" in d.path for d in again.errors)


def test_a_damaged_cache_costs_only_the_normal_load(folder, tmp_path):
    content_cache.load_cached(builtin=folder)
    (kept,) = (tmp_path / "cache").glob("content-*.pickle")
    kept.write_bytes(b"\x80\x05garbage")
    again = content_cache.load_cached(builtin=folder)
    assert "scootmobiel-henk" in again.cases
    assert kept.read_bytes()[:2] != b"\x80\x05g"  # written anew


CACHED_LOAD = """
import sys
from pathlib import Path
from game.content_cache import load_cached
content = load_cached(builtin=Path({folder!r}))
from game.content.models import Case
print(len(content.cases), Case.__pydantic_complete__)
"""


def test_content_from_the_cache_builds_no_validators(folder):
    """What keeps the title's memory and CPU low: no pydantic validator is built on a start
    whose content is in the cache (the first start builds them, and writes the cache)."""
    code = CACHED_LOAD.format(folder=str(folder))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, timeout=120).stdout.split() for _ in range(2)]
    assert runs[0] == ["2", "True"]   # loaded from the files: validated
    assert runs[1] == ["2", "False"]  # from the cache: nothing validated, nothing built


def test_the_stamp_follows_the_code_that_turns_files_into_content():
    """A new version of the loader or the models must not be answered from an old cache."""
    import game.content.loader
    import game.content.models
    import game.saves

    stamped = {entry[0] for entry in content_cache.stamp([]) if isinstance(entry, list)}
    for module in (game.content.loader, game.content.models, game.saves, content_cache):
        assert str(Path(module.__file__).resolve()) in stamped, module.__name__
