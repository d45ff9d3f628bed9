"""The debrief's lists as widgets: the timeline with its ripples, the pros and cons of a variant
per perspective, the dynamics with what the essay says, and comparable cases side by side.

Each function takes the engine's figures and ``t`` (interface strings in the player's language)
and returns widgets to mount; nothing here keeps state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from game.content.reference import PERSPECTIVES
from game.content.reference import text as ref
from game.ui.i18n import escape

if TYPE_CHECKING:
    from game.engine.analysis import ConsistencyPair, Debrief

T = Callable[..., str]


class Bullet(Horizontal):
    """A list item: a mark, and text that wraps under itself rather than under the mark."""

    DEFAULT_CSS = """
    Bullet { height: auto; }
    Bullet > .bullet-mark { width: 2; }
    Bullet > .bullet-text { width: 1fr; }
    """

    def __init__(self, mark: str, text: str, classes: str = "") -> None:
        super().__init__(Static(mark, classes="bullet-mark"),
                         Static(text, classes="bullet-text"), classes=classes)


def timeline_rows(d: Debrief, t: T) -> list[Widget]:
    """Decision by decision: the case, the option, the motivation and the ripples it caused."""
    rows: list[Widget] = []
    for entry in d.timeline:
        text = (f"[b]{entry.number}. {escape(entry.title)}[/]\n{escape(entry.label)} "
                f"[$text-muted]({escape(t('variant_' + entry.variant))})[/]")
        if entry.motivation:
            text += f"\n[i]\u201c{escape(entry.motivation)}\u201d[/]"
        ripples = [Bullet("\u2192", f"{escape(r.title)} "
                                    f"[$text-muted]({escape(t('kind_' + r.kind))})[/]",
                          classes="ripple") for r in entry.ripples]
        rows.append(Vertical(Static(text), *ripples, classes="timeline-entry"))
    return rows


def perspective_rows(variant: str, t: T, lang: str, heading: str | None = None) -> list[Widget]:
    """The pros (+) and cons (−) of a variant for the citizen, caseworker, manager, administrator
    (under the variant's name as a heading when several are shown, on a border)."""
    rows: list[Widget] = [Static(f"[b $text-primary]{escape(heading)}[/]")] if heading else []
    for perspective in PERSPECTIVES:
        rows.append(Static(f"[b]{escape(t('perspective_' + perspective))}[/]"))
        for point in ref("variants", variant, perspective, lang):
            mark, _, text = point.partition(" ")
            rows.append(Bullet(f"[b]{escape(mark)}[/]", escape(text), classes="point"))
    return rows


def dynamic_rows(d: Debrief, t: T, lang: str) -> list[Widget]:
    """Each dynamic set in motion: its events, its meters, the decisions that fed it, the essay."""
    if not d.dynamics:
        return [Static(escape(t("dynamics_none")), classes="para")]
    rows: list[Widget] = []
    for dyn in d.dynamics:
        parts: list[Widget] = [Static(
            f"[b $text-primary]{escape(ref('dynamics', dyn.dynamic, 'name', lang))}[/]\n"
            f"[b]{escape(t('dynamics_events'))}:[/]")]
        parts += [Bullet("\u2192", escape(r.title)) for r in dyn.events]
        if dyn.meters:
            parts.append(Static(f"[b]{escape(t('meters_end'))}:[/] " + ", ".join(
                f"{escape(d.meter_names.get(m, m))} {v}" for m, v in dyn.meters.items())))
        if dyn.decisions:
            parts.append(Static(f"[b]{escape(t('dynamics_fed'))}:[/]"))
            parts += [Bullet("\u2022", f"{n}. {escape(title)}: {escape(label)}")
                      for n, title, label in dyn.decisions]
        rows.append(Vertical(*parts, classes="dynamic"))
        rows.append(Static(f"[b]{escape(t('dynamics_essay'))}[/]\n"
                           f"[i]{escape(ref('dynamics', dyn.dynamic, 'essay', lang))}[/]",
                           classes="essay para"))
    return rows


def consistency_rows(d: Debrief, t: T) -> list[Widget]:
    """Comparable cases side by side with their motivations, and whether they were decided
    alike (the sign says it without colour)."""
    if not d.consistency:
        return [Static(escape(t("consistency_none")), classes="para")]
    return [_pair(pair, t) for pair in d.consistency]


def _pair(pair: ConsistencyPair, t: T) -> Widget:
    verdict = t("consistency_same" if pair.consistent else "consistency_differs")
    style = "$text-success" if pair.consistent else "$text-error"
    mark = "=" if pair.consistent else "\u2260"
    sides = [_side(pair.first, pair.first_motivation, t),
             _side(pair.second, pair.second_motivation, t)]
    return Vertical(Horizontal(*sides, classes="pair-sides"),
                    Static(f"[b {style}]{mark} {escape(verdict)}[/]", classes="verdict"),
                    classes="pair")


def _side(row: tuple[int, str, str, str, str | None], motivation: str, t: T) -> Static:
    number, title, label, variant, verdict = row
    decided = f"{t('consistency_decided', verdict=t('verdict_' + verdict))}, " if verdict else ""
    text = (f"[b]{escape(t('case_heading', number=number, title=title))}[/]\n"
            f"{escape(label)}\n[$text-muted]({escape(decided)}"
            f"{escape(t('variant_' + variant))})[/]\n")
    text += (f"[i]\u201c{escape(motivation)}\u201d[/]" if motivation
             else f"[$text-muted]{escape(t('no_motivation'))}[/]")
    return Static(text, classes="side")
