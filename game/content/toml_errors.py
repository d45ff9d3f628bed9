"""TOML and encoding mistakes, said in an author's words, each with its fix and its line.

``tomllib`` reports where it noticed a problem, in parser terms ("Invalid statement",
"Cannot overwrite a value"). An author needs the line where the mistake is and what to type
instead: an unclosed quote, a quote inside a text, an inline table spread over lines,
``[event]`` where ``[[event]]`` was meant.
"""

from __future__ import annotations

import re
import tomllib

from game.content.diagnostics import Diagnostic, diag

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_AT_END = re.compile(r"\s*\(at end of document\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[]+?)\s*\]\]?\s*(#.*)?$")


def decode(raw: bytes, path: str) -> str | Diagnostic:
    """The text of a file; a byte-order mark is dropped; a byte that is not UTF-8 is reported
    (as the diagnostic returned instead) at its line, with what it probably was meant to be."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        guess = raw[exc.start:exc.start + 1].decode("cp1252", errors="replace")
        return diag(path, line, "M005", "v_encoding", column=column, char=guess)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _opened_at(lines: list[str], upto: int, opener: str, closer: str) -> int | None:
    """The line (1-based) of the last ``opener`` before line ``upto`` that is never closed."""
    depth = 0
    for number in range(upto, 0, -1):
        line = _strip_strings(lines[number - 1])
        for char in reversed(line):
            if char == closer:
                depth += 1
            elif char == opener:
                if depth == 0:
                    return number
                depth -= 1
    return None


def _strip_strings(line: str) -> str:
    line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
    line = re.sub(r"'[^']*'", "''", line)
    return line.split("#", 1)[0]


def _header_line(lines: list[str], name: str, double: bool, before: int) -> int | None:
    for number in range(1, before + 1):
        match = _HEADER.match(lines[number - 1])
        if match and match.group(2).strip() == name and (match.group(1) == "[[") == double:
            return number
    return None


def _key_of(line: str) -> str:
    match = re.match(r"^\s*([A-Za-z0-9_.\"' -]+?)\s*=", line)
    return match.group(1).strip() if match else ""


def toml_diagnostic(exc: tomllib.TOMLDecodeError, text: str, path: str) -> Diagnostic:
    """One diagnostic for a TOML syntax error, at the line where the author must look."""
    raw = str(exc)
    found = _AT.search(raw)
    line = int(found.group(1)) if found else max(text.count("\n"), 1)
    message = _AT_END.sub("", _AT.sub("", raw))
    lines = _lines(text)
    here = lines[line - 1] if 0 < line <= len(lines) else ""

    def at(number: int, key: str, **values: object) -> Diagnostic:
        return diag(path, number, "M001", key, "error", (), **values)

    if message.startswith("Expected newline or end of document"):
        if here.count('"') > 2 or here.count("'") > 2:
            return at(line, "v_toml_quote")
        return at(line, "v_toml_after_value")
    if message.startswith("Illegal character '\\n'") or message == "Unterminated string":
        return at(line, "v_toml_unclosed_text")
    if message in ("Invalid initial character for a key part", "Unclosed inline table",
                   "Expected '=' after a key in a key/value pair") or \
            message.startswith("Illegal character"):
        opened = _opened_at(lines, line, "{", "}")
        if opened is not None:
            return at(opened, "v_toml_inline_table")
        if message.startswith("Expected '='"):
            return at(line, "v_toml_equals")
        if message.startswith("Illegal character"):
            return at(line, "v_toml_character", char=message.split(" ", 2)[-1])
        return at(line, "v_toml_key")
    if message == "Unclosed array":
        opened = _opened_at(lines, min(line, len(lines)), "[", "]") or line
        return at(opened, "v_toml_array")
    if message == "Cannot overwrite a value" or message.startswith("Cannot declare"):
        return _twice(lines, line, here, path)
    if message == "Invalid value":
        value = here.split("=", 1)[-1].strip()
        if value[:1] in "“”‘’„":
            return at(line, "v_toml_curly_quotes")
        if value[:1].isalpha():
            return at(line, "v_toml_bare_word", word=value.split()[0])
        return at(line, "v_toml_value")
    if message.startswith("Unescaped '\\'") or message.startswith("Unrecognized escape"):
        return at(line, "v_toml_backslash")
    if message.startswith("Expected ']"):
        return at(line, "v_toml_header")
    return at(line, "v_toml_other", detail=message)


def _twice(lines: list[str], line: int, here: str, path: str) -> Diagnostic:
    """A key or section given twice, or ``[x]`` next to ``[[x]]``."""
    header = _HEADER.match(here)
    if header:
        name = header.group(2).strip()
        double = header.group(1) == "[["
        single = _header_line(lines, name, False, line - 1 if double else line)
        if double and single is not None:
            return diag(path, single, "M001", "v_toml_single_bracket", name=name)
        if not double and _header_line(lines, name, True, line - 1) is not None:
            return diag(path, line, "M001", "v_toml_single_bracket", name=name)
        first = _header_line(lines, name, False, line - 1)
        return diag(path, line, "M001", "v_toml_section_twice", name=name, first=first or "?")
    key = _key_of(here)
    base = key.split(".", 1)[0]
    for number in range(1, line):
        other = _key_of(lines[number - 1])
        if other and other == key:
            return diag(path, line, "M001", "v_toml_key_twice", name=key, first=number)
        if other and (other.split(".", 1)[0] == base) and (other == base or key == base):
            return diag(path, line, "M001", "v_toml_text_and_table", name=base, first=number)
    return diag(path, line, "M001", "v_toml_key_twice", name=key or "?", first="?")


def deepest_line(text: str) -> int:
    """The line where brackets and braces are nested deepest (for a file too deep to read)."""
    depth, best, best_line = 0, -1, 1
    for number, line in enumerate(_lines(text), start=1):
        for char in _strip_strings(line):
            if char in "[{":
                depth += 1
                if depth > best:
                    best, best_line = depth, number
            elif char in "]}":
                depth -= 1
    return best_line
