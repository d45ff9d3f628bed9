"""An author's mistakes, one fixture each: the message says what to write, at the right file
and line; the real cause comes first and the errors it causes elsewhere fold into one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from game.commands.validate import run as validate
from game.content import load_content, ordered

MISTAKES = FIXTURES / "mistakes"


def report(folder: str, *files: str, strict: bool = False, lang: str = "en", capsys=None):
    """What `maatwerk validate` prints for a fixture folder (or files in it), and its exit."""
    paths = [MISTAKES / folder / f for f in files] or [MISTAKES / folder]
    code = validate(paths, [], strict=strict, lang=lang)
    lines = capsys.readouterr().out.splitlines()
    return code, lines[:-1], lines[-1]


@pytest.mark.parametrize("folder, name, code, line, words", [
    ("hours-in-quotes", "hours-in-quotes.toml", "M003", 23,
     'investigations.0.hours: must be a number without quotes (like hours = 2), not "2"'),
    ("delta-in-quotes", "delta-in-quotes.toml", "M003", 34,
     'options.0.loyalties.burger.delta: must be a number without quotes'),
    ("delta-decimal", "delta-decimal.toml", "M003", 34, "must be a whole number: write -1, not -1.0"),
    ("escalation-yes", "escalation-yes.toml", "M003", 32,
     "options.0.escalation: must be true or false, without quotes"),
    ("meter-step-too-wide", "meter-step-too-wide.toml", "M033", 34,
     "meter 'media' runs from 0 to 10 in campaign 'eigen': a step of +15 can never happen"),
    ("hours-over-week", "hours-over-week.toml", "M033", 23,
     "costs 9 hours, but a week in campaign 'eigen' has at most 4"),
    ("latin-1", "latin-1.toml", "M005", 7, "not saved as UTF-8 (column 13 of this line, probably '§')"),
    ("chose-without-option", "chose-without-option.toml", "M003", 38,
     'options.1.when.chose: write `case-id/option-id`, like "scootmobiel-henk/hardheid" (here: "gift")'),
    ("two-keys-in-condition", "two-keys-in-condition.toml", "M004", 42,
     "options.1.when: two keys in one condition ('flag' and 'played'): a condition has one key; "
     "combine them with all = [{ flag = ... }, { played = ... }]"),
    ("delta-not-a-table", "delta-not-a-table.toml", "M003", 44,
     "options.1.loyalties.burger: must be a table: { key = value, ... } on one line"),
    ("duplicate-option-id", "duplicate-option-id.toml", "M010", 48,
     "option id 'nee' is used twice in this case (first on line 28)"),
    ("misspelt-field", "misspelt-field.toml", "M004", 42,
     "options.1: 'outcom' is not a known field here (see `maatwerk schema`) (did you mean 'outcome'?)"),
    ("misspelt-loyalty", "misspelt-loyalty.toml", "M003", 44,
     "'burgers' is not a loyalty; they are: burger, rechtsstaat, organisatie, beroepsgroep, "
     "samenleving (did you mean 'burger'?)"),
    ("quote-in-text", "quote-in-text.toml", "M001", 32,
     "a quote in the middle of a text ends the text: write \\\" inside the text"),
    ("inline-table-over-lines", "inline-table-over-lines.toml", "M001", 34,
     "inline tables stay on one line"),
    ("unclosed-text", "unclosed-text.toml", "M001", 32,
     "this text is not closed: a text must be on one line"),
    ("single-bracket-event", "berichten.toml", "M001", 2,
     "[event] with one pair of brackets is a single table; there can be several: write [[event]]"),
    ("deep-not", "deep-not.toml", "M007", 42, "nested too deeply"),
    ("deep-arrays", "deep-arrays.toml", "M007", 7, "nested too deeply"),
])
def test_each_mistake_is_said_in_an_authors_words_at_its_line(capsys, folder, name, code, line,
                                                              words):
    exit_code, lines, _ = report(folder, capsys=capsys)
    assert exit_code == 1
    first = lines[0]
    assert first.startswith(f"tests/fixtures/mistakes/{folder}/{name}:{line}: {code} "), lines
    assert words in first, first
    for bad in ("Input should", "dictionary", "instance of", "Value error", "pattern",
                "Traceback", "Invalid statement"):
        assert bad not in "\n".join(lines)


def test_a_byte_order_mark_is_accepted():
    content = load_content(extra=[MISTAKES / "byte-order-mark"])
    assert "byte-order-mark" in content.cases
    assert not [d for d in content.diagnostics if "byte-order-mark" in d.path]


def test_messages_come_in_dutch_too(capsys):
    _, lines, summary = report("hours-in-quotes", lang="nl", capsys=capsys)
    assert lines[0].endswith('M003 investigations.0.hours: moet een getal zonder aanhalingstekens '
                             'zijn (zoals hours = 2), niet "2"')
    assert "fouten" in summary
    _, lines, _ = report("misspelt-loyalty", lang="nl", capsys=capsys)
    assert "'burgers' is geen loyaliteit" in lines[0] and "(bedoel je 'burger'?)" in lines[0]


def test_the_real_cause_comes_first_and_the_cascade_is_one_line(capsys):
    exit_code, lines, _ = report("cascade", capsys=capsys)
    assert exit_code == 1
    assert lines[0].startswith("tests/fixtures/mistakes/cascade/a-eerste.toml:32: M001 "
                               "this text is not closed")
    assert lines[1] == ("tests/fixtures/mistakes/cascade/a-eerste.toml:32: M008 5 further errors "
                        "elsewhere (b-tweede.toml) because a-eerste.toml was skipped; fix this "
                        "file first")
    assert len(lines) == 2, lines  # no unknown case, unset flag or unreachable option in b
    content = load_content(extra=[MISTAKES / "cascade"])
    folded = next(iter(content.folded.values()))
    assert {d.code for d in folded} >= {"M020", "M021"}
    assert all(d.path.endswith("b-tweede.toml") for d in folded)


def test_the_cause_is_shown_when_only_the_second_file_is_checked(capsys):
    _, lines, _ = report("cascade", "b-tweede.toml", capsys=capsys)
    assert [line.split(": ")[1].split()[0] for line in lines] == ["M001", "M008"]


def test_one_file_of_a_linked_pair_is_checked_with_its_neighbour(capsys):
    exit_code, lines, summary = report("linked-pair", "b-tweede.toml", capsys=capsys)
    assert exit_code == 0 and lines == [], lines
    assert "0 errors, 0 warnings" in summary


def test_did_you_mean_for_cases_options_flags_and_meters(capsys):
    _, lines, _ = report("misspelt-references", capsys=capsys)
    text = "\n".join(lines)
    for wrong, right, line in (("basiss", "basis", 32), ("jaa", "ja", 43),
                               ("gelijkheidsdrul", "gelijkheidsdruk", 47),
                               ("basis_geholpn", "basis_geholpen", 56)):
        hit = next(x for x in lines if f"'{wrong}'" in x and f"(did you mean '{right}'?)" in x)
        assert f"b-verwijzing.toml:{line}: " in hit, text


def test_three_to_five_options_are_counted_per_reachable_branch(capsys):
    exit_code, lines, _ = report("branch-options", capsys=capsys)
    assert exit_code == 0 and lines == []  # four options in the file: fine without --strict
    exit_code, lines, _ = report("branch-options", strict=True, capsys=capsys)
    assert exit_code == 1
    assert lines == ["tests/fixtures/mistakes/branch-options/twee-zichtbaar.toml:28: M042 "
                     "warning: in campaign 'eigen' a reachable situation shows only 2 options "
                     "(later, nog-eens); the guide asks for 3 to 5"]


def test_the_rest_loads_when_a_file_is_too_deep():
    content = load_content(extra=[MISTAKES / "deep-not", MISTAKES / "hours-over-week"])
    assert "deep-not" not in content.cases and "hours-over-week" in content.cases
    assert "scootmobiel-henk" in content.cases


def test_causes_sort_before_what_they_cause():
    content = load_content(extra=[MISTAKES / "cascade", MISTAKES / "misspelt-references"])
    codes = [d.code for d in ordered(content.diagnostics, content) if d.severity == "error"]
    assert codes[:2] == ["M001", "M008"]


def test_playtest_findings_carry_file_and_line():
    from game.engine.playtest import findings, quicktest

    content = load_content(extra=[MISTAKES / "branch-options"])
    found = [f for f in findings(content, quicktest(content, "eigen"))
             if "twee-zichtbaar" in f.path]
    assert any(str(f).startswith("tests/fixtures/mistakes/branch-options/twee-zichtbaar.toml:28: "
                                 "warning: case 'twee-zichtbaar' shows 2 options") for f in found)
    assert all(f.line > 1 for f in found)
    dutch = [f.render("nl") for f in found]
    assert any(": waarschuwing: casus 'twee-zichtbaar' toont in een bereikbare situatie 2 opties"
               in line for line in dutch), dutch


@pytest.mark.parametrize("path", sorted(MISTAKES.rglob("*.toml")), ids=lambda p: p.parent.name)
def test_no_mistake_gives_a_traceback(path: Path):
    content = load_content(extra=[path.parent])
    assert all(d.line >= 1 for d in content.diagnostics)
