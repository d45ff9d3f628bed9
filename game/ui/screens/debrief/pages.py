"""Filling the debrief's pages from the analysis (``Debrief``) and the engine's standing view.

Each function writes one step's texts, in the screen's current language; none works anything
out itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from game.ui.i18n import escape, signed
from game.ui.screens.debrief.layout import STEPS
from game.ui.widgets.debrief_charts import ProfileChart
from game.ui.widgets.variant_map import VariantMap
from game.ui.widgets.debrief_sections import (consistency_rows, dynamic_rows, perspective_rows,
                                              timeline_rows)

if TYPE_CHECKING:
    from game.engine.analysis import Debrief
    from game.engine.views import StandingView
    from game.ui.screens.debrief.screen import EndScreen


def fill(screen: EndScreen, selector: str, rows: list[Widget]) -> None:
    box = screen.query_one(selector, Vertical)
    box.remove_children()
    box.mount_all(rows)


def step_bar(screen: EndScreen) -> None:
    """The steps as a bar: every step by name when the terminal is wide enough, else by
    number with the current one named. Each is a link."""
    t = screen.t
    head = f"{t('screen_debrief')} {t('step_of', number=screen.step + 1, total=len(STEPS))}  "
    labels = [f"{i + 1} {t('step_' + name)}" for i, name in enumerate(STEPS)]
    wide = len(head) + sum(len(label) + 2 for label in labels) <= screen.size.width - 4
    parts = []
    for index, label in enumerate(labels):
        if index == screen.step:
            parts.append(f"[reverse b] {escape(label)} [/]")
        else:
            shown = escape(label) if wide else str(index + 1)
            parts.append(f"[@click=screen.step({index})] {shown} [/]")
    name, _, rest = head.partition(" ")
    screen.query_one("#end-steps", Static).update(
        f"[b]{escape(name)}[/] [$text-muted]{escape(rest)}[/]" + "".join(parts))


def end_and_feeling(screen: EndScreen, d: Debrief, kept_key: str) -> None:
    t = screen.t
    screen.query_one("#end-head", Static).update(
        f"[b]{escape(t('end_heading', title=d.title))}[/]\n"
        f"[$text-muted]{escape(t('report_intro'))}[/]")
    epilogue = screen.query_one("#end-epilogue", Static)
    epilogue.update(f"[b]{t('epilogue')}[/]\n" + "\n\n".join(escape(text) for text in d.epilogue))
    epilogue.display = bool(d.epilogue)
    screen.query_one("#feel-head", Static).update(f"[b]{escape(t('feel_heading'))}[/]")
    screen.query_one("#feel-prompt", Static).update(escape(t("feel_prompt")))
    screen.query_one("#feel-kept", Static).update(t(kept_key))


def timeline(screen: EndScreen, d: Debrief, standing: StandingView) -> None:
    t = screen.t
    screen.query_one("#timeline-head", Static).update(f"[b]{escape(t('timeline_heading'))}[/]")
    fill(screen, "#timeline", timeline_rows(d, t))
    meters = [f"[b]{t('meters_end')}[/]"]
    meters += [f"{escape(m.name)}: [b]{m.value}[/]/{m.max}" for m in standing.meters]
    screen.query_one("#end-meters", Static).update("\n".join(meters))


def profile(screen: EndScreen, d: Debrief) -> None:
    t = screen.t
    screen.query_one("#profile-head", Static).update(f"[b]{escape(t('profile_heading'))}[/]")
    screen.query_one("#profile-note", Static).update(escape(t("profile_note")))
    names = {p.loyalty: t("loyalty_" + p.loyalty) for p in d.profile}
    ranges = {p.loyalty: t("profile_range", low=signed(p.lowest), high=signed(p.highest))
              for p in d.profile}
    screen.query_one(ProfileChart).show(d.profile, names, ranges, t("chart_legend"))


def variant_map(screen: EndScreen, d: Debrief) -> None:
    from game.content.reference import text as ref
    from game.report.place import place_sentence, shown_variants

    t, lang, pos = screen.t, screen.lang, d.position
    screen.query_one("#map-head", Static).update(f"[b]{escape(t('map_heading'))}[/]")
    names = {v: ref("variants", v, "name", lang) for v in pos.counts}
    screen.query_one(VariantMap).show(pos, names, t("map_you"), t("map_group_axis"),
                                      t("map_individual_axis"))
    where, stands_for = place_sentence(pos, lang)
    screen.query_one("#map-text", Static).update(
        f"{escape(t('map_axes', group=pos.group, individual=pos.individual))}\n\n"
        f"[b $text-accent]{escape(where)}[/] {escape(stands_for)}")
    variants = shown_variants(pos)
    fill(screen, "#map-perspectives", [
        row for v in variants for row in perspective_rows(
            v, t, lang, names[v] if len(variants) > 1 else None)])
    screen.query_one("#map-counts", Static).update(
        f"[b]{escape(t('map_counts'))}[/]\n" + "\n".join(
            f"  {escape(names[v])}: [b]{n}[/]" for v, n in pos.counts.items())
        + (f"\n  {escape(t('map_escalations', count=pos.escalations))}"
           if pos.escalations else ""))


def dynamics_and_consistency(screen: EndScreen, d: Debrief) -> None:
    t = screen.t
    screen.query_one("#dynamics-head", Static).update(f"[b]{escape(t('dynamics_heading'))}[/]")
    fill(screen, "#dynamics", dynamic_rows(d, t, screen.lang))
    screen.query_one("#consistency-head", Static).update(
        f"[b]{escape(t('consistency_heading'))}[/]")
    fill(screen, "#consistency", consistency_rows(d, t))
    question = screen.query_one("#consistency-question", Static)
    question.update(f"[i]{escape(t('consistency_question'))}[/]")
    question.display = any(not p.consistent for p in d.consistency)


def transfer(screen: EndScreen, kept_key: str, exported: str | None) -> None:
    t = screen.t
    screen.query_one("#transfer-head", Static).update(f"[b]{escape(t('transfer_heading'))}[/]")
    screen.query_one("#transfer-prompt", Static).update(escape(t("transfer_prompt")))
    screen.query_one("#commitment-prompt", Static).update(escape(t("commitment_prompt")))
    screen.query_one("#transfer-kept", Static).update(t(kept_key))
    shown = screen.query_one("#end-exported", Static)
    shown.update(escape(t("report_saved", path=exported or "")))
    shown.display = exported is not None
