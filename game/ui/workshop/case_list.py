"""The list of cases beside the dashboard's tabs, drawn a line at a time.

Each case takes two lines or more: its number and title, then how many decided it. A tick with
new decisions changes the counts of one case or a few; Textual's ``OptionList`` clears all its
rendered options when one prompt is replaced and draws every visible option again (some 20 ms
on each tick). This list keeps its lines as plain text (Textual's line API:
``ScrollView.render_line``) and draws again only the lines of a case whose text changed.
Case titles are the authors' and the counts ours: plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CaseList(ScrollView, can_focus=True):
    """Cases to pick from, one highlighted (the case the dashboard shows)."""

    COMPONENT_CLASSES = {"case-list--highlighted", "case-list--hover"}
    # the look of Textual's OptionList
    DEFAULT_CSS = """
    CaseList {
        height: auto;
        max-height: 100%;
        color: $foreground;
        overflow-x: hidden;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        & > .case-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .case-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .case-list--hover { background: $block-hover-background; }
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1000000)", show=False),
        Binding("end", "move(1000000)", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    hover: reactive[int] = reactive(-1, repaint=False)

    @dataclass
    class Highlighted(Message):
        """A case was highlighted (by a key, the mouse or the program)."""

        case_list: CaseList
        index: int

        @property
        def control(self) -> CaseList:
            return self.case_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._prompts: list[str] = []
        self._lines: list[tuple[int, str]] = []  # (case, text) per line
        self._starts: list[int] = []  # each case's first line
        self._width = 0  # the width the lines were wrapped to

    @property
    def case_count(self) -> int:
        return len(self._prompts)

    def set_prompts(self, prompts: Sequence[str]) -> None:
        """Show these cases (one prompt each; a line break starts a new line). Only the lines
        of a case whose text changed are drawn again, unless its number of lines changed."""
        old, self._prompts = self._prompts, list(prompts)
        width = self.scrollable_content_region.width
        if len(old) != len(prompts) or width != self._width:
            self._lay_out()
        else:
            for index, (before, now) in enumerate(zip(old, self._prompts)):
                if before != now and not self._replace(index):
                    self._lay_out()
                    break
        if self._prompts and self.highlighted is not None:
            self.highlighted = min(self.highlighted, len(self._prompts) - 1)

    def _wrap(self, prompt: str) -> list[str]:
        if self._width <= 0:  # not laid out yet: wrapped when it is (``on_resize``)
            return prompt.split("\n")
        return [line.plain for part in prompt.split("\n")
                for line in Content(part).wrap(self._width)] or [""]

    def _lay_out(self) -> None:
        """Wrap every prompt to the width there is, and draw everything again."""
        self._width = self.scrollable_content_region.width
        self._lines, self._starts = [], []
        for index, prompt in enumerate(self._prompts):
            self._starts.append(len(self._lines))
            self._lines += [(index, text) for text in self._wrap(prompt)]
        size = Size(self._width, len(self._lines))
        window = self.scrollable_content_region.height
        if (self.virtual_size.width == size.width and self.virtual_size.height
                and (size.height > window) == (self.virtual_size.height > window)):
            # the scrollbar stays or stays away: only its range changes, and laying out the
            # whole screen again (as setting the virtual size does) would cost a tick 30 ms
            self.set_reactive(CaseList.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
        else:
            self.virtual_size = size
        self.refresh()

    def _replace(self, index: int) -> bool:
        """Put in the new lines of one case and draw them; False when it has a different
        number of lines now (everything must be laid out again)."""
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        lines = self._wrap(self._prompts[index])
        if len(lines) != end - start:
            return False
        self._lines[start:end] = [(index, text) for text in lines]
        self.refresh_lines(start, end - start)
        return True

    def on_resize(self, _: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._lay_out()

    # ------------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        number = self.scroll_offset.y + y
        if number >= len(self._lines):
            return Strip.blank(width, base)
        index, text = self._lines[number]
        style = base
        if index == self.highlighted:
            style += self.get_component_rich_style("case-list--highlighted")
        elif index == self.hover:
            style += self.get_component_rich_style("case-list--hover")
        return Strip([Segment(set_cell_size(text, width), style)], width)

    def _refresh_case(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self._starts):
            end = (self._starts[index + 1] if index + 1 < len(self._starts)
                   else len(self._lines))
            self.refresh_lines(self._starts[index], end - self._starts[index])

    # ------------------------------------------------------------------ picking a case
    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_case(old)
        self._refresh_case(new)
        if new is not None and 0 <= new < len(self._starts):
            start = self._starts[new]
            end = self._starts[new + 1] if new + 1 < len(self._starts) else len(self._lines)
            self.scroll_to_region(Region(0, start, max(1, self._width), end - start),
                                  animate=False, force=True, immediate=True)
            self.post_message(self.Highlighted(self, new))

    def watch_hover(self, old: int, new: int) -> None:
        self._refresh_case(old)
        self._refresh_case(new)

    def action_move(self, step: int) -> None:
        if self._prompts:
            now = self.highlighted if self.highlighted is not None else 0
            self.highlighted = max(0, min(now + step, len(self._prompts) - 1))

    def action_page(self, step: int) -> None:
        lines = max(1, len(self._lines) // max(1, len(self._prompts)))
        self.action_move(step * max(1, self.scrollable_content_region.height // lines))

    def _case_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None:
            return -1
        number = self.scroll_offset.y + offset.y
        return self._lines[number][0] if 0 <= number < len(self._lines) else -1

    def on_click(self, event: events.Click) -> None:
        index = self._case_at(event)
        if index >= 0:
            self.highlighted = index

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hover = self._case_at(event)

    def on_leave(self, _: events.Leave) -> None:
        self.hover = -1
