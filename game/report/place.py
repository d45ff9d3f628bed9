"""Where the choices lie on the variant map, in words: one quadrant, a border between
quadrants (a tie, said as such), or no place at all (every decision was put to someone else).
Every front end (Markdown, HTML, the terminal debrief) says it with these sentences."""

from __future__ import annotations

from game.content.reference import text as ref
from game.engine.analysis import MapPosition
from game.strings import s


def shown_variants(pos: MapPosition) -> tuple[str, ...]:
    """The variants whose pros and cons belong with the position: its quadrant, or on a border
    each quadrant it touches, in the order of table 5.1."""
    return (pos.variant,) if pos.variant else pos.between


def place_sentence(pos: MapPosition, lang: str) -> tuple[str, str]:
    """(The sentence that says where the choices lie, what the variant or variants stand for)."""
    if pos.variant:
        return (s("map_your_variant", lang, name=ref("variants", pos.variant, "name", lang)),
                ref("variants", pos.variant, "position", lang))
    if pos.between:
        names = [ref("variants", v, "name", lang) for v in pos.between]
        joined = ", ".join(names[:-1]) + f" {s('map_and', lang)} " + names[-1]
        return (s("map_between", lang, names=joined),
                " ".join(ref("variants", v, "position", lang) for v in pos.between))
    return s("map_no_position", lang), ""


def counts_line(pos: MapPosition, lang: str) -> str:
    """Decisions per variant, and the escalations that the map leaves out."""
    line = ", ".join(f"{ref('variants', v, 'name', lang)} {n}" for v, n in pos.counts.items())
    return line + (f"; {s('map_escalations', lang, count=pos.escalations)}"
                   if pos.escalations else "")


def verdict_label(row: tuple, lang: str) -> str:
    """What one side of a comparable pair decided, as 'besloten: toegekend' (empty without a
    declared verdict). The row is a ConsistencyPair side: (number, title, label, variant,
    verdict)."""
    verdict = row[4] if len(row) > 4 else None
    return s("consistency_decided", lang, verdict=verdict_name(verdict, lang)) if verdict else ""


def verdict_name(verdict: str | None, lang: str) -> str:
    """'toegekend', 'afgewezen', ...: what an option decides, in words (empty when undeclared)."""
    return s("verdict_" + verdict, lang) if verdict else ""


def short_place(pos: MapPosition, lang: str) -> str:
    """The position in a table cell: the variant, 'op de grens: A / B' on a tie, '-' without
    a place."""
    if pos.variant:
        return s("variant_" + pos.variant, lang)
    if pos.between:
        return s("map_border", lang, names=" / ".join(s("variant_" + v, lang) for v in pos.between))
    return "-"
