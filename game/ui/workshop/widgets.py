"""Widgets of the facilitator's dashboard: each draws one of the group's figures.

They hold plain data from ``game.workshop.results`` in reactives and render it; they never read
the store. Pseudonyms and motivations are typed by participants, so they are always inserted as
plain text (``Content`` pieces or template variables), never parsed as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from game.content.conditions import LOYALTIES
from game.report.place import short_place, verdict_name
from game.strings import s
from game.workshop.results import CaseTally, LoyaltySpread, Person

BLOCKS = " ▁▂▃▄▅▆▇█"


def bar(share: float, width: int) -> str:
    """A horizontal bar of ``width`` cells, filled to ``share`` (eighths for the last cell)."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + ("▏▎▍▌▋▊▉"[rest - 1] if rest else "")
    return text.ljust(width, "·")


class ChoiceBars(Widget):
    """How the group chose in one case: a bar per option, the room's plenary choice marked."""

    DEFAULT_CSS = """
    ChoiceBars { height: auto; padding: 0 1; }
    ChoiceBars .-bar { color: $primary; }
    """
    case: reactive[CaseTally | None] = reactive(None)

    def watch_case(self, old: CaseTally | None, new: CaseTally | None) -> None:
        """Its height depends only on the number of options: new counts redraw in place."""
        if (old is None) != (new is None) or (old and new and len(old.options)
                                               != len(new.options)):
            self.refresh(layout=True)

    def __init__(self, lang: str, big: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.big = big

    def render(self) -> Content:
        case = self.case
        if case is None:
            return Content(s("ws_dash_waiting", self.lang))
        hands = max((len(s("ws_hands", self.lang, count=o.votes)) + 3 for o in case.options
                     if o.votes is not None), default=0)
        width = max(10, self.content_region.width - 14 - hands)
        lines: list[Content] = []
        for number, option in enumerate(case.options, start=1):
            variant = s(f"variant_{option.variant}", self.lang) if option.variant else ""
            head = [(f"{number}. ", "bold"), (option.label, "bold" if self.big else "")]
            if variant:
                head.append((f"  ({variant})", "dim"))
            if case.plenary == option.option:
                head.append((f"  ◀ {s('ws_room_choice', self.lang)}", "bold reverse"))
            lines.append(Content.assemble(*head))
            share = f"{option.count:>3}  {round(option.share * 100):>3}%"
            tail = (f"   {s('ws_hands', self.lang, count=option.votes)}"
                    if option.votes is not None else "")
            lines.append(Content.assemble(("   " + bar(option.share, width), "$primary"),
                                          f" {share}{tail}"))
            if self.big:
                lines.append(Content(""))
        lines.append(Content.styled(s("ws_decided_by", self.lang, count=case.decided), "dim"))
        return Content("\n").join(lines)


class LoyaltySpreadView(Widget):
    """Per loyalty, how the participants' totals are spread: a histogram over the range."""

    DEFAULT_CSS = """
    LoyaltySpreadView { height: auto; padding: 0 1; }
    """
    spread: reactive[tuple[LoyaltySpread, ...]] = reactive(tuple)

    def watch_spread(self, old: tuple[LoyaltySpread, ...],
                     new: tuple[LoyaltySpread, ...]) -> None:
        """A line per loyalty, or one while waiting: other figures redraw in place."""
        if len(old) != len(new) or any(x.values for x in old) != any(x.values for x in new):
            self.refresh(layout=True)

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def render(self) -> Content:
        if not self.spread or not any(x.values for x in self.spread):
            return Content(s("ws_dash_waiting", self.lang))
        reach = max(1, max(max(abs(x.low), abs(x.high)) for x in self.spread))
        span = range(-reach, reach + 1)
        cell = max(1, min(3, (self.content_region.width - 36) // len(span)))
        names = {k: s(f"loyalty_{k}", self.lang) for k in LOYALTIES}
        pad = max(len(n) for n in names.values()) + 1
        lines = [Content.styled(" " * pad + f"{-reach:+d}".ljust(len(span) * cell - 2)
                                + f"{reach:+d}", "dim")]
        for x in self.spread:
            counts = [sum(1 for v in x.values if v == value) for value in span]
            top = max(counts) or 1
            strip = "".join(BLOCKS[round(c / top * 8)] * cell if c else "·" * cell
                            for c in counts)
            lines.append(Content.assemble(
                (names[x.loyalty].ljust(pad), "bold"), (strip, "$primary"),
                f"  {x.low:+d} … {x.high:+d}  ",
                (f"{s('ws_median', self.lang)} {x.median:+g}", "dim")))
        return Content("\n").join(lines)


class MotivationBoard(HorizontalScroll):
    """Same case, different decisions: a column per chosen option with everyone's motivation."""

    DEFAULT_CSS = """
    MotivationBoard { height: 1fr; }
    MotivationBoard > VerticalScroll { width: 1fr; min-width: 26; height: 1fr;
                                       border: round $primary; padding: 0 1; }
    MotivationBoard .-voice { margin-bottom: 1; }
    MotivationBoard .-empty { color: $text-muted; }
    """
    case: reactive[CaseTally | None] = reactive(None, recompose=True)

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def compose(self) -> ComposeResult:
        case = self.case
        chosen = [o for o in case.options if o.voices] if case else []
        if not chosen:
            yield Static(s("ws_dash_no_voices", self.lang), classes="-empty")
            return
        for option in chosen:
            column = VerticalScroll()
            decided = f"{verdict_name(option.verdict, self.lang)}, " if option.verdict else ""
            column.border_title = f"{option.label} ({decided}{option.count})"
            with column:
                for voice in option.voices:
                    text = voice.motivation or s("ws_no_motivation", self.lang)
                    yield Static(Content.assemble((voice.name, "bold"), ": ",
                                                  (text, "" if voice.motivation else "italic")),
                                 classes="-voice")


class Questions(Static):
    """The case's discussion questions and trade-offs, for the facilitator to read out."""

    case: reactive[CaseTally | None] = reactive(None)

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def watch_case(self, case: CaseTally | None) -> None:
        if case is None:
            self.update("")
            return
        parts: list[Content] = [Content.styled(s("ws_questions", self.lang), "bold")]
        parts += [Content(f"• {q}") for q in case.questions]
        if case.trade_offs:
            parts.append(Content.assemble((s("ws_trade_offs", self.lang) + ": ", "italic"),
                                          case.trade_offs))
        self.update(Content("\n").join(parts))


def participant_row(person: Person, lang: str, now: float) -> tuple[str, ...]:
    """A row of the participants table, as plain text (the table never reads markup)."""
    consistent = {True: s("ws_yes", lang), False: s("ws_no", lang), None: "-"}[person.consistent]
    return (person.name, str(person.decisions), "✓" if person.finished else "",
            short_place(person.position, lang) if person.decisions else "-", consistent,
            seen_text(person, now))


def seen_text(person: Person, now: float) -> str:
    """How long ago the participant was last seen, in whole minutes ("<1m" within the first):
    a facilitator looks for who has gone quiet, and a cell that changed every second made
    every tick redraw the whole table."""
    ago = max(0, int(now - person.last_seen))
    return "<1m" if ago < 60 else f"{ago // 60}m"
