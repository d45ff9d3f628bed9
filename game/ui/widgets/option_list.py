"""The lists of a case: investigations (letters, hours) and decisions (numbers, locks).

Each option is a two-column grid (key, text), so wrapped lines hang under the text rather
than under the key. Styles are attributes only (bold, italic, dim); colours come from the
theme through the option list's own component classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.strings import s
from game.texts import option_text
from game.ui.i18n import LETTERS

if TYPE_CHECKING:
    from game.engine.views import InvestigationView, OptionView


def row(key: str, *lines: Text) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=max(2, len(key)), no_wrap=True)
    grid.add_column(ratio=1)
    body = Text("\n").join(lines)
    grid.add_row(Text(key, style="bold"), body)
    return grid


class InvestigationList(OptionList):
    """Investigations with their cost in hours. Done or unaffordable ones are dimmed."""

    # The list is as tall as its options (``height: auto``), and new options ask for a new
    # layout themselves. So the list's virtual size, which it learns only as it is first
    # drawn, changes nothing around it: it needs a repaint, not a layout of the whole screen
    # (the second layout every case screen had straight after its first frame).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    def show(self, investigations: list[InvestigationView], lang: str) -> None:
        keep = self.highlighted
        options = []
        for letter, inv in zip(LETTERS, investigations):
            text = Text(inv.label)
            text.append(f"  {inv.hours} {s('hour_unit', lang)}", style="bold")
            if inv.done:
                text.append(f"  ({s('done', lang)})", style="italic")
            elif not inv.affordable:
                text.append(f"  ({s('too_expensive', lang)})", style="italic")
            options.append(Option(row(letter, text), id=inv.id,
                                  disabled=inv.done or not inv.affordable))
        self.set_options(options)
        self._restore(keep)

    def on_show(self, event: events.Show) -> None:  # type: ignore[override]
        """Shown (with its screen, or a new case): only the list itself scrolls to its
        highlight, as Textual's does. The dossier stays where the screen put it (a new case
        opens at the top): scrolling it down here took the first case through three frames,
        scrolled down and back, before the participant could read it. (This handler takes the
        event, unlike Textual's, to keep Textual's from running after it.)"""
        event.prevent_default()
        super().scroll_to_highlight()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Also scroll the surrounding dossier, so the highlighted option is in view."""
        super().scroll_to_highlight(top)
        container = self.parent
        if self.highlighted is None or not self.has_focus or not isinstance(container, Widget):
            return
        try:
            y = self._index_to_line[self.highlighted]
            height = self._heights[self.highlighted]
        except (KeyError, AttributeError):
            return
        top_gutter = self.styles.gutter.top
        region = Region(0, self.virtual_region.y + top_gutter + y - self.scroll_offset.y,
                        self.size.width, height)
        container.scroll_to_region(region, animate=False, immediate=True)

    def _restore(self, keep: int | None) -> None:
        enabled = [i for i, o in enumerate(self.options) if not o.disabled]
        if not enabled:
            self.highlighted = None
        elif keep is not None and keep in enabled:
            self.highlighted = keep
        else:
            self.highlighted = next((i for i in enabled if keep is None or i >= keep),
                                    enabled[0])


class ChoiceList(InvestigationList):
    """The decision options. A locked option stays visible, dimmed, with its reason."""

    def show(self, options: list[OptionView], lang: str) -> None:  # type: ignore[override]
        keep = self.highlighted
        items = []
        for option in options:
            o = option_text(option, lang)
            if o.locked:
                first = Text(f"[{o.locked}] ", style="bold")
                first.append(o.label)
                lines = [first, Text(o.reason or "", style="italic")]
            else:
                lines = [Text(o.label), Text(o.tag, style="dim")]
                if o.detail:
                    lines.append(Text(o.detail))
            items.append(Option(row(str(o.number), *lines), id=option.id,
                                disabled=option.locked))
        self.set_options(items)
        self._restore(keep)
