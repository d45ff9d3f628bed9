"""The participants table of the facilitator's dashboard, drawn a line at a time.

A thousand participants change some cells on every tick (a new decision, the minute of "last
seen"). Textual's ``DataTable`` keys all its render caches on one update counter, so any changed
cell, even in a row far off screen, made it draw every visible row again (some 250 cells through
Rich, over 100 ms). This table keeps the rows as plain strings, draws only the lines on screen
(Textual's line API: ``ScrollView.render_line``), and on new rows repaints only the lines on
screen whose row changed. The header stays at the top; the cursor is a row, as before.

Pseudonyms are typed by participants: cells are drawn as plain segments, never parsed as
markup, and ``live`` has already removed control and bidi characters from them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = tuple[str, ...]
PAD = 1  # blank cells on either side of a cell, as in Textual's DataTable


class PeopleTable(ScrollView, can_focus=True):
    """Rows of plain text under a fixed header, with a row cursor and zebra stripes."""

    COMPONENT_CLASSES = {"people-table--header", "people-table--cursor",
                         "people-table--hover", "people-table--even-row"}
    # the look of Textual's DataTable with a row cursor and zebra stripes
    DEFAULT_CSS = """
    PeopleTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .people-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .people-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .people-table--even-row { background: $surface-darken-1 40%; }
        & > .people-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .people-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .people-table--even-row { background: $surface-lighten-1 50%; }
        & > .people-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .people-table--hover { background: $block-hover-background; }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home,ctrl+home", "cursor(-1000000000)", show=False),
        Binding("end,ctrl+end", "cursor(1000000000)", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)
    hover_row: reactive[int] = reactive(-1, repaint=False)

    def __init__(self, labels: Sequence[str], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels: Row = tuple(labels)
        self._rows: list[Row] = []
        self._widths = [cell_len(label) for label in self.labels]  # widest text per column

    # ------------------------------------------------------------------ the rows
    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, index: int) -> Row:
        """The cells of the row at ``index`` (IndexError when there is none)."""
        if not 0 <= index < len(self._rows):
            raise IndexError(f"no row {index} in a table of {len(self._rows)}")
        return self._rows[index]

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows``: a row that is the same object as before is taken as unchanged, so a
        caller that keeps its unchanged rows makes this cost next to nothing for them. Only
        the lines on screen whose row changed are drawn again, unless a column widened, rows
        were removed or added (the scroll range changes), when everything on screen is."""
        old, new = self._rows, list(rows)
        self._rows = new
        widths = self._measure(old, new)
        if widths != self._widths or len(old) != len(new):
            self._widths = widths
            self.virtual_size = Size(self._line_width(), len(new) + 1)
            self.refresh()
        else:
            top, shown = self._shown_rows()
            for index in range(top, min(top + shown, len(new))):
                if old[index] is not new[index] and old[index] != new[index]:
                    self.refresh_line(index + 1)  # row 0 is the line under the header
        self.cursor_row = min(self.cursor_row, max(0, len(new) - 1))

    def _measure(self, old: list[Row], new: list[Row]) -> list[int]:
        """Column widths: a column only widens while rows are replaced or added (measuring
        every cell on every tick would cost more than drawing), and is measured again from
        all rows when rows were removed."""
        if len(new) < len(old):
            widths = [cell_len(label) for label in self.labels]
            changed = new
        else:
            widths = list(self._widths)
            changed = [row for index, row in enumerate(new)
                       if index >= len(old) or old[index] is not row]
        for row in changed:
            for column, text in enumerate(row):
                if cell_len(text) > widths[column]:
                    widths[column] = cell_len(text)
        return widths

    def _line_width(self) -> int:
        return sum(width + 2 * PAD for width in self._widths)

    def _shown_rows(self) -> tuple[int, int]:
        """The first row on screen and how many rows fit under the header."""
        return self.scroll_offset.y, max(0, self.scrollable_content_region.height - 1)

    # ------------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("people-table--header")
            strip = self._strip(self.labels, style, base)
        else:
            index = scroll_y + y - 1
            if index >= len(self._rows):
                return Strip.blank(width, base)
            style = base
            if index % 2 == 0:
                style += self.get_component_rich_style("people-table--even-row")
            if index == self.hover_row:
                style += self.get_component_rich_style("people-table--hover")
            if index == self.cursor_row:
                style += self.get_component_rich_style("people-table--cursor")
            strip = self._strip(self._rows[index], style, base)
        return strip.crop(scroll_x, scroll_x + width)

    def _strip(self, cells: Row, style: Style, base: Style) -> Strip:
        """One line: each cell padded to its column's width, then blank to the window's
        edge in the table's own style."""
        text = "".join(" " * PAD + set_cell_size(cell, width) + " " * PAD
                       for cell, width in zip(cells, self._widths))
        width = max(self._line_width(), self.scrollable_content_region.width)
        return Strip([Segment(text, style)], self._line_width()).extend_cell_length(
            width, base)

    # ------------------------------------------------------------------ the cursor
    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)
        self._scroll_to_cursor()

    def watch_hover_row(self, old: int, new: int) -> None:
        self.refresh_line(old + 1)
        self.refresh_line(new + 1)

    def _scroll_to_cursor(self) -> None:
        top, shown = self._shown_rows()
        if not shown:
            return
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (kept inside the table) and bring it into view."""
        self.cursor_row = max(0, min(row, len(self._rows) - 1))

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * max(1, self._shown_rows()[1]))

    def _row_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return -1
        index = self.scroll_offset.y + offset.y - 1
        return index if index < len(self._rows) else -1

    def on_click(self, event: events.Click) -> None:
        index = self._row_at(event)
        if index >= 0:
            self.move_cursor(index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover_row = self._row_at(event)

    def on_leave(self, _: events.Leave) -> None:
        self.hover_row = -1
