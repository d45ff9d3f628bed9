"""Map key paths in a TOML file to line numbers.

``tomllib`` gives no positions, so this reads the text once more and records the line of
every table header and key. Pydantic error locations such as
``("options", 2, "loyalties", "burger", "why")`` are then placed on the nearest line known.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _split_key(key: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return [p.strip("\"'") for p in parts]


class LineIndex:
    """Key path (a tuple of str and int) → 1-based line number."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple, int] = {}
        self.text_lines = text.splitlines()
        self._scan(text)

    def _scan(self, text: str) -> None:
        current: tuple = ()
        array_counts: dict[tuple, int] = {}
        open_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if open_string:
                if line.count(open_string) % 2 == 1:
                    open_string = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                is_array = header.group(1) == "[["
                parts = _split_key(header.group(2))
                path: tuple = ()
                for i, part in enumerate(parts):
                    path = path + (part,)
                    last = i == len(parts) - 1
                    if last and is_array:
                        index = array_counts.get(path, -1) + 1
                        array_counts[path] = index
                        # a new element forgets the sub-arrays of the previous one
                        for stale in [k for k in array_counts if len(k) > len(path) and k[:len(path)] == path]:
                            del array_counts[stale]
                        path = path + (index,)
                    elif path in array_counts:
                        path = path + (array_counts[path],)
                current = path
                self.lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                path = current + tuple(_split_key(key.group(1)))
                for i in range(len(current) + 1, len(path) + 1):
                    self.lines.setdefault(path[:i], number)
                rest = line[key.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        open_string = quote
                        break

    def line_of(self, loc: tuple) -> int:
        """The line of the longest known prefix of ``loc`` (1 when nothing matches)."""
        loc = tuple(loc)
        for end in range(len(loc), 0, -1):
            found = self.lines.get(loc[:end])
            if found is not None:
                return found
        return 1

    def find(self, token: str, start: int = 1) -> int | None:
        """The first line from ``start`` on that holds ``token`` (for items of a long array)."""
        for number in range(max(start, 1), len(self.text_lines) + 1):
            if token in self.text_lines[number - 1]:
                return number
        return None
