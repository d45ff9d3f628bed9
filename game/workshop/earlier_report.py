"""The session report's section "compared with earlier groups", in Markdown and HTML.

Only shares, counts and spreads: nothing of the earlier groups names a person or quotes a
motivation.
"""

from __future__ import annotations

import html

from game.strings import s
from game.workshop.comparison import CaseAgainst
from game.workshop.results import CaseTally, GroupResults, OptionTally


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _span(low: int, median: float, high: int) -> str:
    return f"{low:+d} … {high:+d} ({median:+g})"


def spread_rows(results: GroupResults) -> list[tuple[str, str, str]]:
    """Per loyalty: its id, this group's spread and the earlier groups' (low … high (median))."""
    if results.earlier is None:
        return []
    here = {x.loyalty: x for x in results.spread}
    rows = []
    for x in results.earlier.spread:
        mine = here.get(x.loyalty)
        rows.append((x.loyalty, _span(mine.low, mine.median, mine.high) if mine else "-",
                     _span(x.low, x.median, x.high)))
    return rows


def option_rows(case: CaseTally, against: CaseAgainst) -> list[tuple[OptionTally, float]]:
    """Each option of the case with the earlier groups' share of it (0 when none chose it)."""
    rows = []
    for option in case.options:
        row = against.option(option.option)
        rows.append((option, row.before if row else 0.0))
    return rows


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
        for option, before in option_rows(case, against):
            label = " ".join(option.label.split()).replace("|", "\\|")
            out.append(f"| {label} | {_pct(option.share)} | {_pct(before)} |")
        out += ["", t("ws_earlier_decided", count=against.decided_before), ""]
    out += [f"### {t('ws_spread')}", "",
            f"| {t('loyalties')} | {t('ws_earlier_here')} | {t('ws_earlier_before')} |",
            "|---|---|---|"]
    for loyalty, now, past in spread_rows(results):
        out.append(f"| {t('loyalty_' + loyalty)} | {now} | {past} |")
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
        for option, before in option_rows(case, against):
            out.append(f"<tr><td>{e(option.label)}</td><td class=\"n\">{_pct(option.share)}</td>"
                       f"<td class=\"n\">{_pct(before)}</td></tr>")
        out.append(f"</table><p>{t('ws_earlier_decided', count=against.decided_before)}</p>")
    out.append(f"<h3>{t('ws_spread')}</h3><table><tr><th>{t('loyalties')}</th>"
               f"<th>{t('ws_earlier_here')}</th><th>{t('ws_earlier_before')}</th></tr>")
    for loyalty, now, past in spread_rows(results):
        out.append(f"<tr><td>{t('loyalty_' + loyalty)}</td><td>{e(now)}</td>"
                   f"<td>{e(past)}</td></tr>")
    out.append("</table>")
    return out
