"""Participant text is cleaned where it enters: what is removed, what is kept, the limits."""

from __future__ import annotations

import time

import pytest

from game.textsafety import LIMITS, clean, mixed_scripts, name_key, normalise_name
from injection import BIG, CORPUS, no_controls


@pytest.mark.parametrize("typed,kept", CORPUS)
def test_escapes_and_controls_are_removed_and_the_words_kept(typed, kept):
    for kind in ("motivation", "answer"):
        text = clean(typed, kind).text
        assert no_controls(text), repr(text)
        assert kept in text
        assert "pwned" not in text and "31m" not in text


def test_newlines_and_tabs_stay_only_in_answers():
    typed = "eerste regel\r\ntweede\tregel\rderde"
    assert clean(typed, "answer").text == "eerste regel\ntweede\tregel\nderde"
    assert clean(typed, "motivation").text == "eerste regel tweede regel derde"


def test_one_limit_per_kind_and_cutting_is_reported():
    assert LIMITS["motivation"] == 400  # the terminal app's field
    for kind, limit in LIMITS.items():
        cleaned = clean(BIG, kind)
        assert cleaned.cut and len(cleaned.text) == limit
        assert not clean("kort", kind).cut


def test_cleaning_a_hostile_100_kb_text_is_quick():
    hostile = ("\x1b]" * 30_000) + ("\x9d" * 30_000) + ("\x1b[" * 20_000)
    started = time.perf_counter()
    assert clean(hostile, "answer").text == ""
    assert time.perf_counter() - started < 1.0


def test_names_are_normalised_and_claimed_without_case_spacing_or_look_alikes():
    assert normalise_name("  Anna \t B. ") == "Anna B."
    assert normalise_name("Ｚｏë") == "Zoë"  # full-width letters (NFKC)
    assert name_key("Anna") == name_key(" anna ") == name_key("ANNA")
    assert name_key("аnna") == name_key("anna")  # Cyrillic а
    assert name_key("асе") == name_key("ace")  # all Cyrillic, looks Latin
    assert mixed_scripts("аnna") and not mixed_scripts("anna") and not mixed_scripts("Zoë")
    assert not mixed_scripts("Анна") and not mixed_scripts("田中さん")
