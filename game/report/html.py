"""A self-contained, printable HTML debrief with its charts drawn in inline SVG."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from game.content.reference import PERSPECTIVES
from game.content.reference import text as ref
from game.content.variants import VARIANTS, corner
from game.engine.analysis import Debrief
from game.report.place import counts_line, place_sentence, shown_variants, verdict_label
from game.strings import s

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 2px solid #1b4f72; padding-bottom: .2rem; margin-top: 2.2rem; }
.answer { background: #f4f6f7; border-left: 4px solid #1b4f72; padding: .5rem 1rem; }
.muted { color: #555; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.differs { color: #922b21; font-weight: bold; }
.same { color: #1e8449; }
blockquote { margin: .5rem 0; padding-left: 1rem; border-left: 3px solid #aaa; color: #333; }
svg text { font-family: Helvetica, Arial, sans-serif; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               section { break-inside: avoid; } }
"""


def _e(value: object) -> str:
    return escape(str(value))


def profile_svg(debrief: Debrief, lang: str) -> str:
    """Horizontal bars: the possible range in grey, the total as a dark mark, zero as a line."""
    width, row, left = 560, 34, 130
    height = row * len(debrief.profile) + 20
    lo = min(min(p.lowest for p in debrief.profile), 0)
    hi = max(max(p.highest for p in debrief.profile), 0)
    span = max(hi - lo, 1)

    def x(value: int) -> float:
        return left + (value - lo) / span * (width - left - 40)

    parts = [f'<svg class="chart" id="profile-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" aria-label="{_e(s("profile_heading", lang))}">']
    parts.append(f'<line x1="{x(0):.1f}" y1="4" x2="{x(0):.1f}" y2="{height - 10}" '
                 'stroke="#888" stroke-dasharray="3,3"/>')
    for i, score in enumerate(debrief.profile):
        y = 10 + i * row
        parts.append(f'<text x="0" y="{y + 15}" font-size="13">'
                     f'{_e(s("loyalty_" + score.loyalty, lang))}</text>')
        parts.append(f'<rect x="{x(score.lowest):.1f}" y="{y + 4}" '
                     f'width="{max(x(score.highest) - x(score.lowest), 1):.1f}" height="14" '
                     'fill="#d5dbdb" rx="3"/>')
        parts.append(f'<rect class="total" x="{x(score.total) - 3:.1f}" y="{y}" width="6" '
                     'height="22" fill="#1b4f72" rx="2"/>')
        parts.append(f'<text x="{width - 34}" y="{y + 15}" font-size="13">{score.total:+d}</text>')
    parts.append("</svg>")
    return "".join(parts)


def variant_map_svg(lang: str, you: tuple[int, int] | None = None,
                    others: list[tuple[str, int, int]] | None = None) -> str:
    """The two axes of table 5.1 with the four variants in their quadrants: the player's
    position as a labelled dot (``you``), or a group as small named dots (``others``)."""
    size, pad = 360, 40
    inner = size - 2 * pad

    def px(group: int, individual: int) -> tuple[float, float]:
        return pad + group / 100 * inner, size - pad - individual / 100 * inner

    parts = [f'<svg class="chart" id="variant-map" role="img" viewBox="0 0 {size} {size}" '
             f'width="{size}" aria-label="{_e(s("map_heading", lang))}">',
             f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="#fbfcfc" '
             'stroke="#1b1b1b"/>',
             f'<line x1="{size / 2}" y1="{pad}" x2="{size / 2}" y2="{size - pad}" stroke="#bbb"/>',
             f'<line x1="{pad}" y1="{size / 2}" x2="{size - pad}" y2="{size / 2}" stroke="#bbb"/>']
    for variant in VARIANTS:
        right, upper = corner(variant)
        cx = pad + (0.75 if right else 0.25) * inner
        cy = size - pad - (0.75 if upper else 0.25) * inner
        parts.append(f'<text x="{cx:.0f}" y="{cy:.0f}" font-size="12" text-anchor="middle" '
                     f'fill="#555">{_e(ref("variants", variant, "name", lang))}</text>')
    parts.append(f'<text x="{size / 2}" y="{size - 10}" font-size="12" text-anchor="middle">'
                 f'{_e(s("map_group_axis", lang))} →</text>')
    parts.append(f'<text x="14" y="{size / 2}" font-size="12" text-anchor="middle" '
                 f'transform="rotate(-90 14 {size / 2})">{_e(s("map_individual_axis", lang))} →'
                 '</text>')
    for name, group, individual in others or []:
        x, y = px(group, individual)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#1b4f72" '
                     f'fill-opacity=".55"><title>{_e(name)}</title></circle>')
    if you is not None:
        x, y = px(*you)
        parts.append(f'<circle id="you" cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#c0392b" '
                     'stroke="#fff" stroke-width="2"/>')
        parts.append(f'<text x="{x + 12:.1f}" y="{y - 10:.1f}" font-size="13" '
                     f'font-weight="bold">{_e(s("map_you", lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def map_svg(debrief: Debrief, lang: str) -> str:
    """The player's dot, where the engine put it (on a border line when it is a tie); no dot
    when every decision was put to someone else."""
    pos = debrief.position
    placed = pos.variant is not None or bool(pos.between)
    return variant_map_svg(lang, you=(pos.group, pos.individual) if placed else None)


def _verdict(row: tuple, lang: str) -> str:
    label = verdict_label(row, lang)
    return f"<br><span class='muted'>{_e(label)}</span>" if label else ""


def html_report(debrief: Debrief) -> str:
    lang = debrief.lang
    t = _translator(lang)
    answers = debrief.answers
    body: list[str] = [f"<h1>{t('report_title', title=debrief.title)}</h1>",
                       f"<p class='muted'>{t('report_intro')}</p>"]
    if not debrief.finished:
        body.append(f"<p><em>{t('report_unfinished')}</em></p>")

    def answer(key: str) -> str:
        return f"<div class='answer'>{_e(answers.get(key) or s('no_answer', lang))}</div>"

    body += [f"<section><h2>{t('feel_heading')}</h2><p><em>{t('feel_prompt')}</em></p>"
             f"{answer('feeling')}</section>"]
    body.append(_timeline(debrief))
    body.append(f"<section><h2>{t('profile_heading')}</h2><p>{t('profile_note')}</p>"
                f"{profile_svg(debrief, lang)}</section>")
    body.append(_map_section(debrief))
    body.append(_dynamics(debrief))
    body.append(_consistency(debrief))
    body.append(f"<section><h2>{t('transfer_heading')}</h2><p><em>{t('transfer_prompt')}</em></p>"
                f"{answer('transfer')}<p><em>{t('commitment_prompt')}</em></p>"
                f"{answer('commitment')}</section>")
    if debrief.epilogue:
        body.append(f"<section><h2>{_e(s('epilogue', lang))}</h2>"
                    + "".join(f"<p>{_e(p)}</p>" for p in debrief.epilogue) + "</section>")
    body.append(_cases(debrief))
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{t('report_title', title=debrief.title)}</title><style>{STYLE}</style>"
            f"</head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def _translator(lang: str) -> Callable[..., str]:
    """An interface string in ``lang``, escaped for HTML."""
    return lambda key, **v: _e(s(key, lang, **v))


def _timeline(debrief: Debrief) -> str:
    t = _translator(debrief.lang)
    items = []
    for entry in debrief.timeline:
        ripples = "".join(f"<li>→ {_e(r.title)}</li>" for r in entry.ripples)
        motivation = f" — “{_e(entry.motivation)}”" if entry.motivation else ""
        items.append(f"<li><strong>{_e(entry.title)}</strong>: {_e(entry.label)}{motivation}"
                     + (f"<ul>{ripples}</ul>" if ripples else "") + "</li>")
    return f"<section><h2>{t('timeline_heading')}</h2><ol>{''.join(items)}</ol></section>"


def _map_section(debrief: Debrief) -> str:
    """The map with the player's place, and the pros and cons of that variant per perspective."""
    lang = debrief.lang
    t = _translator(lang)
    pos = debrief.position
    variants = shown_variants(pos)
    head = ("<tr><th></th>" + "".join(f"<th>{_e(ref('variants', v, 'name', lang))}</th>"
                                     for v in variants) + "</tr>") if len(variants) > 1 else ""
    rows = head + "".join(
        f"<tr><th>{t('perspective_' + p)}</th>" + "".join(
            "<td>" + "<br>".join(_e(x) for x in ref("variants", v, p, lang)) + "</td>"
            for v in variants) + "</tr>"
        for p in PERSPECTIVES)
    where, stands_for = place_sentence(pos, lang)
    return (f"<section><h2>{t('map_heading')}</h2>{map_svg(debrief, lang)}"
            f"<p>{t('map_axes', group=pos.group, individual=pos.individual)}</p>"
            f"<p><strong>{_e(where)}</strong> {_e(stands_for)}</p>"
            + (f"<table>{rows}</table>" if variants else "")
            + f"<p class='muted'>{t('map_counts')}: {_e(counts_line(pos, lang))}</p></section>")


def _dynamics(debrief: Debrief) -> str:
    lang = debrief.lang
    t = _translator(lang)
    parts = [f"<section><h2>{t('dynamics_heading')}</h2>"]
    if not debrief.dynamics:
        parts.append(f"<p>{t('dynamics_none')}</p>")
    for dyn in debrief.dynamics:
        fed = "; ".join(f"{n}. {_e(title)}: {_e(label)}" for n, title, label in dyn.decisions)
        parts.append(f"<h3>{_e(ref('dynamics', dyn.dynamic, 'name', lang))}</h3>"
                     f"<p>{t('dynamics_events')}: {'; '.join(_e(r.title) for r in dyn.events)}</p>"
                     + (f"<p>{t('dynamics_fed')}: {fed}</p>" if fed else "")
                     + f"<blockquote>{_e(ref('dynamics', dyn.dynamic, 'essay', lang))}</blockquote>")
    return "".join(parts) + "</section>"


def _consistency(debrief: Debrief) -> str:
    lang = debrief.lang
    t = _translator(lang)
    parts = [f"<section><h2>{t('consistency_heading')}</h2>"]
    if not debrief.consistency:
        parts.append(f"<p>{t('consistency_none')}</p>")
    else:
        parts.append("<table>")
        for pair in debrief.consistency:
            verdict = (f"<span class='same'>{t('consistency_same')}</span>" if pair.consistent
                       else f"<span class='differs'>{t('consistency_differs')}</span>")
            parts.append(
                f"<tr><td><strong>{_e(pair.first[1])}</strong><br>{_e(pair.first[2])}"
                f"{_verdict(pair.first, lang)}<br><em>{_e(pair.first_motivation)}</em></td>"
                f"<td><strong>{_e(pair.second[1])}</strong><br>{_e(pair.second[2])}"
                f"{_verdict(pair.second, lang)}<br><em>{_e(pair.second_motivation)}</em></td>"
                f"<td>{verdict}</td></tr>")
        parts.append("</table>")
        if any(not p.consistent for p in debrief.consistency):
            parts.append(f"<p><em>{t('consistency_question')}</em></p>")
    return "".join(parts) + "</section>"


def _cases(debrief: Debrief) -> str:
    """Each case looked back on: the choice, its question, and the roads not taken."""
    lang = debrief.lang
    t = _translator(lang)
    parts = [f"<section><h2>{t('cases_heading')}</h2>"]
    for r in debrief.reflections:
        roads = "".join(
            f"<li>{'<strong>' if road.chosen else ''}{_e(road.label)}"
            f"{'</strong> (' + t('road_chosen') + ')' if road.chosen else ''}: "
            + ", ".join(f"{_e(s('loyalty_' + k, lang))} {v:+d}" for k, v in road.loyalties.items())
            + "</li>" for road in r.roads)
        motivation = f" — “{_e(r.motivation)}”" if r.motivation else ""
        parts.append(f"<h3>{t('reflection_heading', number=r.number, title=r.title)}</h3>"
                     f"<p>{t('you_chose')}: <strong>{_e(r.label)}</strong>{motivation}</p>"
                     f"<p>{t('question')}: {_e(r.question)}</p>"
                     f"<p>{t('roads')}:</p><ul>{roads}</ul>")
    return "".join(parts) + "</section>"
