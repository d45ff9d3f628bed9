"""The session report's section "compared with earlier groups", in Markdown and HTML.

Only shares, counts and spreads: nothing of the earlier groups names a person or quotes a
motivation.
"""

from __future__ import annotations

import html

from game.strings import s
from game.workshop.results import GroupResults


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def earlier_markdown(results: GroupResults) -> list[str]:
    lang, earlier = results.lang, results.earlier
    if earlier is None:
        return []
    t = lambda key, **v: s(key, lang, **v)  # noqa: E731
    out = [f"## {t('ws_earlier')}", ""]
    if not earlier.people:
        return out + [t("ws_earlier_none"), ""]
    out += [t("ws_earlier_base", people=earlier.people, sessions=earlier.sessions), ""]
    for case in results.cases:
        against = earlier.case(case.case)
        if against is None or not against.decided_before:
            continue
        out += [f"### {case.number}. {case.title}", "",
                f"| {t('ws_option')} | {t('ws_earlier_here')} | {t('ws_earlier_before')} |",
                "|---|---:|---:|"]
        for option in case.options:
            row = against.option(option.option)
            before = _pct(row.before) if row else "0%"
            label = " ".join(option.label.split()).replace("|", "\\|")
            out.append(f"| {label} | {_pct(option.share)} | {before} |")
        out += ["", t("ws_earlier_decided", count=against.decided_before), ""]
    out += [f"### {t('ws_spread')}", "",
            f"| {t('loyalties')} | {t('ws_earlier_here')} | {t('ws_earlier_before')} |",
            "|---|---|---|"]
    here = {x.loyalty: x for x in results.spread}
    for x in earlier.spread:
        mine = here.get(x.loyalty)
        now = f"{mine.low:+d} … {mine.high:+d} ({mine.median:+g})" if mine else "-"
        out.append(f"| {t('loyalty_' + x.loyalty)} | {now} | "
                   f"{x.low:+d} … {x.high:+d} ({x.median:+g}) |")
    out.append("")
    return out


def earlier_html(results: GroupResults) -> list[str]:
    lang, earlier = results.lang, results.earlier
    if earlier is None:
        return []
    e = html.escape
    t = lambda key, **v: e(s(key, lang, **v))  # noqa: E731
    out = [f"<h2>{t('ws_earlier')}</h2>"]
    if not earlier.people:
        return out + [f"<p>{t('ws_earlier_none')}</p>"]
    out.append(f"<p>{t('ws_earlier_base', people=earlier.people, sessions=earlier.sessions)}</p>")
    for case in results.cases:
        against = earlier.case(case.case)
        if against is None or not against.decided_before:
            continue
        out.append(f"<h3>{case.number}. {e(case.title)}</h3><table><tr><th>{t('ws_option')}"
                   f"</th><th>{t('ws_earlier_here')}</th><th>{t('ws_earlier_before')}</th></tr>")
        for option in case.options:
            row = against.option(option.option)
            out.append(f"<tr><td>{e(option.label)}</td><td class=\"n\">{_pct(option.share)}</td>"
                       f"<td class=\"n\">{_pct(row.before) if row else '0%'}</td></tr>")
        out.append(f"</table><p>{t('ws_earlier_decided', count=against.decided_before)}</p>")
    here = {x.loyalty: x for x in results.spread}
    out.append(f"<h3>{t('ws_spread')}</h3><table><tr><th>{t('loyalties')}</th>"
               f"<th>{t('ws_earlier_here')}</th><th>{t('ws_earlier_before')}</th></tr>")
    for x in earlier.spread:
        mine = here.get(x.loyalty)
        now = f"{mine.low:+d} … {mine.high:+d} ({mine.median:+g})" if mine else "-"
        out.append(f"<tr><td>{t('loyalty_' + x.loyalty)}</td><td>{e(now)}</td>"
                   f"<td>{e(f'{x.low:+d} … {x.high:+d} ({x.median:+g})')}</td></tr>")
    out.append("</table>")
    return out
