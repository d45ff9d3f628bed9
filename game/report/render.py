"""Turn the engine's debrief into a report. The figures come from game.engine.analysis."""

from __future__ import annotations

from game.content.conditions import LOYALTIES
from game.content.reference import PERSPECTIVES
from game.content.reference import text as ref
from game.engine.analysis import Debrief
from game.report.place import counts_line, place_sentence, shown_variants, verdict_label
from game.strings import s



def report_data(debrief: Debrief) -> dict:
    """The debrief plus the reference texts it points to, ready for JSON."""
    lang = debrief.lang
    data = debrief.as_dict()
    data["variant"] = {"id": debrief.position.variant, "sentence": place_sentence(
        debrief.position, lang)[0], "variants": [{
            "id": variant,
            "name": ref("variants", variant, "name", lang),
            "position": ref("variants", variant, "position", lang),
            **{p: ref("variants", variant, p, lang) for p in PERSPECTIVES},
        } for variant in shown_variants(debrief.position)]}
    for item in data["dynamics"]:
        item["name"] = ref("dynamics", item["dynamic"], "name", lang)
        item["essay"] = ref("dynamics", item["dynamic"], "essay", lang)
    return data


def decided(row: tuple, lang: str) -> str:
    label = verdict_label(row, lang)
    return f"; {label}" if label else ""


def _bar(value: int, low: int, high: int, width: int = 20) -> str:
    span = max(high - low, 1)
    filled = round((value - low) / span * width)
    return "█" * filled + "░" * (width - filled)


SECTIONS = ("feeling", "timeline", "profile", "map", "dynamics", "consistency", "transfer",
            "epilogue", "cases")


class _Marks:
    """Interface strings in one language, and the marks of Markdown or of plain text."""

    def __init__(self, lang: str, plain: bool) -> None:
        self.lang, self.plain = lang, plain

    def t(self, key: str, **values: object) -> str:
        return s(key, self.lang, **values)

    def b(self, text: str) -> str:
        return text if self.plain else f"**{text}**"

    def i(self, text: str) -> str:
        return text if self.plain else f"*{text}*"

    def h2(self, text: str) -> list[str]:
        return [text.upper(), ""] if self.plain else [f"## {text}", ""]

    def h3(self, text: str) -> list[str]:
        return [text, ""] if self.plain else [f"### {text}", ""]


def sections(debrief: Debrief, plain: bool = False) -> dict[str, list[str]]:
    """The debrief's sections as lines of Markdown, or of plain text for plain mode."""
    lang = debrief.lang
    m = _Marks(lang, plain)
    t, i, h2 = m.t, m.i, m.h2
    answers = debrief.answers
    out: dict[str, list[str]] = {}
    out["feeling"] = h2(t("feel_heading")) + [i(t("feel_prompt")), "",
                                               answers.get("feeling") or t("no_answer"), ""]
    out["timeline"] = _timeline(debrief, m)
    out["profile"] = _profile(debrief, m)
    out["map"] = _map(debrief, m)
    out["dynamics"] = _dynamics(debrief, m)
    out["consistency"] = _consistency(debrief, m)
    out["transfer"] = h2(t("transfer_heading")) + [
        i(t("transfer_prompt")), "", answers.get("transfer") or t("no_answer"), "",
        i(t("commitment_prompt")), "", answers.get("commitment") or t("no_answer"), ""]
    out["epilogue"] = (h2(s("epilogue", lang)) + [f"{p}\n" for p in debrief.epilogue]
                       if debrief.epilogue else [])
    lines = h2(t("cases_heading"))
    for r in debrief.reflections:
        lines += reflection_lines(r, lang, plain, debrief.meter_names)
    out["cases"] = lines
    return out


def _timeline(debrief: Debrief, m: _Marks) -> list[str]:
    lines = m.h2(m.t("timeline_heading"))
    for entry in debrief.timeline:
        line = f"{entry.number}. {m.b(entry.title)}: {entry.label}"
        if entry.motivation:
            line += f" — “{entry.motivation}”"
        lines.append(line)
        lines += [f"   - → {ripple.title}" for ripple in entry.ripples]
    return lines + [""]


def _profile(debrief: Debrief, m: _Marks) -> list[str]:
    t = m.t
    lines = m.h2(t("profile_heading")) + [t("profile_note"), ""]
    if m.plain:
        for score in debrief.profile:
            lines.append(f"- {t('loyalty_' + score.loyalty)}: {score.total:+d} "
                         f"({t('profile_range', low=score.lowest, high=score.highest)})")
    else:
        lines += ["| | | |", "|---|---|---|"]
        for score in debrief.profile:
            lines.append(f"| {t('loyalty_' + score.loyalty)} | "
                         f"`{_bar(score.total, score.lowest, score.highest)}` {score.total:+d} | "
                         f"{t('profile_range', low=score.lowest, high=score.highest)} |")
    return lines + [""]


def _map(debrief: Debrief, m: _Marks) -> list[str]:
    """The place on the map, and the pros and cons of that variant per perspective."""
    t, lang = m.t, m.lang
    pos = debrief.position
    where, stands_for = place_sentence(pos, lang)
    lines = m.h2(t("map_heading")) + [
        t("map_axes", group=pos.group, individual=pos.individual), "",
        f"{m.b(where)} {stands_for}".rstrip(), ""]
    variants = shown_variants(pos)
    for variant in variants:
        if len(variants) > 1:
            lines += [m.i(ref("variants", variant, "name", lang))]
        for perspective in PERSPECTIVES:
            points = "; ".join(ref("variants", variant, perspective, lang))
            lines.append(f"- {t('perspective_' + perspective)}: {points}")
        lines.append("")
    return lines + [f"{t('map_counts')}: {counts_line(pos, lang)}", ""]


def _dynamics(debrief: Debrief, m: _Marks) -> list[str]:
    t, lang = m.t, m.lang
    lines = m.h2(t("dynamics_heading"))
    if not debrief.dynamics:
        lines += [t("dynamics_none"), ""]
    for dyn in debrief.dynamics:
        lines += m.h3(ref("dynamics", dyn.dynamic, "name", lang))
        lines.append(f"{t('dynamics_events')}: " + "; ".join(r.title for r in dyn.events))
        if dyn.decisions:
            lines += ["", f"{t('dynamics_fed')}: " + "; ".join(
                f"{n}. {title}: {label}" for n, title, label in dyn.decisions)]
        quote = ref("dynamics", dyn.dynamic, "essay", lang)
        lines += ["", quote if m.plain else f"> {quote}", ""]
    return lines


def _consistency(debrief: Debrief, m: _Marks) -> list[str]:
    t, b, lang = m.t, m.b, m.lang
    lines = m.h2(t("consistency_heading"))
    if not debrief.consistency:
        lines += [t("consistency_none"), ""]
    for pair in debrief.consistency:
        verdict = t("consistency_same") if pair.consistent else t("consistency_differs")
        lines.append(f"- {b(pair.first[1])} ({pair.first[2]}{decided(pair.first, lang)}) / "
                     f"{b(pair.second[1])} ({pair.second[2]}{decided(pair.second, lang)}): "
                     f"{verdict}")
        lines += [f"  - “{x}”" for x in (pair.first_motivation, pair.second_motivation) if x]
    if any(not p.consistent for p in debrief.consistency):
        lines += ["", m.i(t("consistency_question"))]
    return lines + [""]


def reflection_lines(r, lang: str, plain: bool = False,
                     meter_names: dict[str, str] | None = None) -> list[str]:
    """One case looked back on: the choice, who gained and who paid, a question, other roads."""
    t = lambda key, **v: s(key, lang, **v)  # noqa: E731
    b = (lambda x: x) if plain else (lambda x: f"**{x}**")  # noqa: E731
    heading = t("reflection_heading", number=r.number, title=r.title)
    lines = [heading if plain else f"### {heading}", "",
             f"{t('you_chose')}: {b(r.label)}" + (f" — “{r.motivation}”" if r.motivation else ""),
             ""]
    if r.gained:
        lines.append(f"- {t('gained')}: " + ", ".join(
            f"{t('loyalty_' + k)} {v:+d}" for k, v in r.gained.items()))
    if r.paid:
        lines.append(f"- {t('paid')}: " + ", ".join(
            f"{t('loyalty_' + k)} {v:+d}" for k, v in r.paid.items()))
    lines += [f"- {t('question')}: {r.question}", "", f"{t('roads')}:", ""]
    for road in r.roads:
        deltas = ", ".join(f"{t('loyalty_' + k)} {v:+d}" for k, v in road.loyalties.items()
                           if k in LOYALTIES)
        meters = ", ".join(f"{(meter_names or {}).get(k, k)} {v:+d}"
                           for k, v in road.meters.items())
        mark = f" ({t('road_chosen')})" if road.chosen else (
            f" ({s('locked', lang)})" if road.locked else "")
        lines.append(f"- {road.label}{mark}: {deltas}" + (f"; {meters}" if meters else ""))
    return lines + [""]


def markdown(debrief: Debrief) -> str:
    lang = debrief.lang
    parts = sections(debrief)
    out = [f"# {s('report_title', lang, title=debrief.title)}", "", s("report_intro", lang), ""]
    if not debrief.finished:
        out += [f"> {s('report_unfinished', lang)}", ""]
    for name in SECTIONS:
        out += parts[name]
    return "\n".join(out).rstrip() + "\n"
