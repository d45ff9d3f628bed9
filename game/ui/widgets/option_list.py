"""The lists of a case: investigations (letters, hours) and decisions (numbers, locks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.strings import s
from game.ui.i18n import LETTERS, escape

if TYPE_CHECKING:
    from game.engine.views import InvestigationView, OptionView


class InvestigationList(OptionList):
    """Investigations with their cost in hours. Done or unaffordable ones are dimmed."""

    def show(self, investigations: list[InvestigationView], lang: str) -> None:
        keep = self.highlighted
        options = []
        for letter, inv in zip(LETTERS, investigations):
            state = ""
            if inv.done:
                state = f"  [i]({s('done', lang)})[/]"
            elif not inv.affordable:
                state = f"  [i]({s('too_expensive', lang)})[/]"
            prompt = (f"[b]{letter}[/]  {escape(inv.label)}  "
                      f"[$text-accent]{inv.hours} {s('hour_unit', lang)}[/]{state}")
            options.append(Option(Content.from_markup(prompt), id=inv.id,
                                  disabled=inv.done or not inv.affordable))
        self.set_options(options)
        self._restore(keep)

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
            tag = s(f"variant_{option.variant}", lang)
            if option.escalation:
                tag += ", " + s("escalation", lang)
            if option.locked:
                prompt = (f"[b]{option.number}[/]  [b]\\[{s('locked', lang)}][/] "
                          f"{escape(option.label)}\n   [i]{escape(option.reason or '')}[/]")
            else:
                prompt = (f"[b]{option.number}[/]  {escape(option.label)}\n"
                          f"   [$text-muted]{escape(tag)}[/]")
                if option.detail:
                    prompt += f"\n   {escape(option.detail)}"
            items.append(Option(Content.from_markup(prompt), id=option.id,
                                disabled=option.locked))
        self.set_options(items)
        self._restore(keep)
