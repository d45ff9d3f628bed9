"""A short look back at one decided case (the engine's ``Reflection``): what you chose and why,
which loyalties gained and which paid, one question to think about, and the roads not taken
with the effects they would have had."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from game.content.conditions import LOYALTIES
from game.ui.i18n import delta_markup, escape
from game.ui.widgets.debrief_sections import Bullet

if TYPE_CHECKING:
    from game.engine.analysis import Reflection


def _deltas(values: dict[str, int], name: Callable[[str], str]) -> str:
    return ", ".join(f"{escape(name(k))} {delta_markup(v)}" for k, v in values.items())


def reflection_markup(r: Reflection, t: Callable[..., str],
                      meter_name: Callable[[str], str]) -> tuple[str, list[tuple[str, str]]]:
    """The look back as markup: the lines above the roads, and (label, effects) per road not
    taken. ``t`` gives interface strings in the player's language, ``meter_name`` a meter's."""
    loyalty = lambda k: t(f"loyalty_{k}")  # noqa: E731
    chose = f"{t('you_chose')}: [b]{escape(r.label)}[/]"
    if r.motivation:
        chose += f" \u2014 [i]\u201c{escape(r.motivation)}\u201d[/]"
    lines = [f"[b]{escape(t('reflection_heading', number=r.number, title=r.title))}[/]", chose]
    if r.gained:
        lines.append(f"{t('gained')}: {_deltas(r.gained, loyalty)}")
    if r.paid:
        lines.append(f"{t('paid')}: {_deltas(r.paid, loyalty)}")
    if r.question:
        lines += ["", f"[b $text-accent]{t('question')}:[/] [i]{escape(r.question)}[/]"]
    others = [road for road in r.roads if not road.chosen]
    lines += ["", f"[b]{t('roads')}[/]"]
    if not others:
        lines.append(f"[$text-muted]{t('roads_none')}[/]")
    roads = []
    for road in others:
        label = escape(road.label)
        if road.locked:
            label = escape(f"[{t('locked')}] ") + label
        effects = [f"{escape(loyalty(k))} {delta_markup(v)}"
                   for k, v in road.loyalties.items() if k in LOYALTIES and v]
        effects += [f"{escape(meter_name(k))} {delta_markup(v)}" for k, v in road.meters.items()]
        roads.append((label, " \u00b7 ".join(effects) or f"[$text-muted]{t('no_effects')}[/]"))
    return "\n".join(lines), roads


class ReflectionPanel(Vertical):
    """Renders a reflection it is given; holds no game state."""

    DEFAULT_CSS = "ReflectionPanel { height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(classes="reflection-text")

    def show(self, r: Reflection, t: Callable[..., str],
             meter_name: Callable[[str], str]) -> None:
        text, roads = reflection_markup(r, t, meter_name)
        self.query_one(".reflection-text", Static).update(text)
        self.query(".road").remove()
        self.mount_all([Bullet("\u25b8", f"{label}\n{effects}", classes="road")
                        for label, effects in roads])
