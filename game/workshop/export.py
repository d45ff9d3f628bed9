"""Exports of a workshop session: CSV (a row per decision), JSON, and a session report in
Markdown or self-contained HTML (inline styles and SVG, no external resources).

Participants typed the names and motivations, so no export can attack its reader: no control
characters or escape sequences in any format; a CSV cell that a spreadsheet would run as a
formula starts with a quote (as OWASP and the spreadsheet vendors advise); Markdown escapes
HTML and Markdown syntax; HTML escapes everything.

No Textual. Every function takes the store's rows or the computed ``GroupResults`` and returns
text; the CLI decides where it goes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import time
from dataclasses import asdict, dataclass, replace
from typing import Any

from game.content import Content
from game.content.conditions import LOYALTIES
from game.report.formats import TextFormat
from game.report.html import variant_map_svg
from game.report.place import short_place, verdict_name
from game.strings import s
from game.textsafety import safe_display, strip_controls
from game.workshop.earlier_report import earlier_html, earlier_markdown
from game.workshop.results import CaseTally, GroupResults, attach_earlier, group_results
from game.workshop.store import Earlier, ParticipantRows, SessionInfo


CSV_COLUMNS = ["session", "code", "participant", "seed", "number", "case", "case_title",
               "option", "option_label", "variant", "escalation", "compare_group",
               "motivation", *[f"loyalty_{k}" for k in LOYALTIES], "investigated", "decided_at"]


def _label(content: Content, case_id: str, option_id: str, lang: str) -> tuple[str, str]:
    case = content.cases.get(case_id)
    if case is None:
        return case_id, option_id
    option = next((o for o in case.options if o.id == option_id), None)
    return case.title.get(lang), option.label.get(lang) if option else option_id


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet may safely open it: text on one line without controls, and a
    leading quote before anything that would start a formula (numbers stay numbers)."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    return "'" + text if text.lstrip().startswith(FORMULA_START) else text


def _clean_tree(value: object) -> object:
    """Every string in a JSON-ready tree without control characters or escape sequences."""
    if isinstance(value, str):
        return safe_display(value)
    if isinstance(value, dict):
        return {_clean_tree(k): _clean_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_tree(v) for v in value]
    return value


def _stamp(when: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(when))


def to_csv(content: Content, info: SessionInfo, rows: list[ParticipantRows],
           lang: str | None = None) -> str:
    lang = lang or info.lang
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        for d, when in zip(r.decisions, r.decided_at):
            case_title, option_label = _label(content, d.case, d.option, lang)
            writer.writerow([csv_cell(cell) for cell in [info.name, info.code, r.participant.name, r.participant.seed,
                             d.number, d.case, case_title, d.option, option_label, d.variant,
                             int(d.escalation), d.compare_group or "", d.motivation,
                             *[d.loyalties.get(k, 0) for k in LOYALTIES],
                             " ".join(d.investigated), _stamp(when)]])
    return out.getvalue()


def to_json(content: Content, info: SessionInfo, rows: list[ParticipantRows],
            votes: dict[str, dict[str, int]], lang: str | None = None,
            earlier: Earlier | None = None) -> str:
    results = group_results(content, info, rows, votes, lang)
    if earlier is not None:
        attach_earlier(None, results, earlier)
    data = {
        "format": 1, "game": "maatwerk", "kind": "workshop",
        "session": asdict(info),
        "campaign_title": results.title,
        "participants": [{
            "name": r.participant.name, "seed": r.participant.seed,
            "finished": r.participant.finished, "joined": _stamp(r.participant.joined),
            "decisions": [dict(asdict(d), decided_at=_stamp(w))
                          for d, w in zip(r.decisions, r.decided_at)],
        } for r in rows],
        "votes": votes,
        "figures": {
            "cases": [asdict(c) for c in results.cases],
            "people": [asdict(p) for p in results.people],
            "loyalty_spread": [asdict(x) for x in results.spread],
            "group_position": asdict(results.group_position),
            "earlier_groups": asdict(results.earlier) if results.earlier else None,
        },
    }
    return json.dumps(_clean_tree(data), ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------- report (Markdown)
def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()#+-!|~>.:"})


def _md_text(text: str) -> str:
    """Participant text in Markdown: one line, HTML escaped, Markdown syntax taken literally
    (no links, images, emphasis, tables or headings can be made from it)."""
    return html.escape(" ".join(strip_controls(text).split())).translate(_MD_SPECIAL)


def to_markdown(results: GroupResults) -> str:
    out = _md_heading(results)
    out += [f"## {s('ws_case_results', results.lang)}", ""]
    for case in results.cases:
        out += _md_case(case, results.lang)
    out += _md_group(results)
    out += earlier_markdown(results)
    return "\n".join(out)


def _md_heading(results: GroupResults) -> list[str]:
    lang, info = results.lang, results.info
    t = lambda key, **v: s(key, lang, **v)  # noqa: E731
    return [f"# {t('ws_report_title', name=_md_text(info.name))}", "",
            f"- {t('ws_code')}: `{info.code}`",
            f"- {t('ws_campaign')}: {results.title}",
            f"- {t('ws_participants')}: {len(results.people)}",
            f"- {t('ws_decisions')}: {results.decisions}",
            f"- {t('ws_created')}: {_stamp(info.created)}", ""]


def _md_case(case: CaseTally, lang: str) -> list[str]:
    """One case: how the group chose, the voices where it was divided, its questions."""
    t = lambda key, **v: s(key, lang, **v)  # noqa: E731
    out = [f"### {case.number}. {case.title}", "", t("ws_decided_by", count=case.decided), "",
           f"| {t('ws_option')} | {t('ws_variant')} | {t('ws_count')} | % |",
           "|---|---|---:|---:|"]
    for o in case.options:
        variant = t(f"variant_{o.variant}") if o.variant else ""
        mark = f" ({t('ws_room_choice')})" if case.plenary == o.option else ""
        votes = f" [{t('ws_hands', count=o.votes)}]" if o.votes is not None else ""
        out.append(f"| {_md_cell(o.label)}{mark}{votes} | {variant} | {o.count} | "
                   f"{round(o.share * 100)} |")
    out.append("")
    if case.divided:
        out += [f"#### {t('ws_same_case')}", ""]
        for o in case.options:
            if not o.voices:
                continue
            decided = f" ({verdict_name(o.verdict, lang)})" if o.verdict else ""
            out += [f"**{_md_cell(o.label)}**{decided}", ""]
            for v in o.voices:
                out.append(f"- {_md_text(v.name)}: "
                           f"{_md_text(v.motivation) or '_' + t('ws_no_motivation') + '_'}")
            out.append("")
    if case.questions:
        out += [f"#### {t('ws_questions')}", ""]
        out += [f"- {q}" for q in case.questions]
        out.append("")
    if case.trade_offs:
        out += [f"_{t('ws_trade_offs')}_: {case.trade_offs}", ""]
    return out


def _md_group(results: GroupResults) -> list[str]:
    """The spread of the loyalty profiles and everyone's place on the map."""
    lang = results.lang
    t = lambda key, **v: s(key, lang, **v)  # noqa: E731
    out = [f"## {t('ws_spread')}", "",
           f"| {t('loyalties')} | {t('ws_low')} | {t('ws_median')} | {t('ws_high')} |",
           "|---|---:|---:|---:|"]
    for x in results.spread:
        out.append(f"| {t('loyalty_' + x.loyalty)} | {x.low:+d} | {x.median:+g} | {x.high:+d} |")
    out += ["", f"## {t('ws_map')}", "",
            t("ws_map_group", group=results.group_position.group,
              individual=results.group_position.individual,
              variant=short_place(results.group_position, lang)), "",
            f"| {t('ws_participant')} | {t('ws_decisions')} | {t('map_group_axis')} | "
            f"{t('map_individual_axis')} | {t('ws_variant')} | {t('ws_consistent')} |",
            "|---|---:|---:|---:|---|---|"]
    for p in results.people:
        consistent = {True: t("ws_yes"), False: t("ws_no"), None: "-"}[p.consistent]
        out.append(f"| {_md_text(p.name)} | {p.decisions} | {p.position.group} | "
                   f"{p.position.individual} | {short_place(p.position, lang)} | "
                   f"{consistent} |")
    out.append("")
    return out


# ---------------------------------------------------------------------- report (HTML)
STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;background:#fff;line-height:1.45}
h1,h2,h3{line-height:1.2}h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #bbb;padding:.25rem .5rem;
text-align:left;vertical-align:top}td.n{text-align:right}
.bar{background:#1f4e79;height:.9rem;display:inline-block;vertical-align:middle}
.voices{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}
.voices section{border:1px solid #bbb;padding:.5rem .75rem;border-radius:4px}
.voices h5{margin:.1rem 0 .4rem;font-size:1rem}.muted{color:#555;font-style:italic}
.room{font-weight:bold;color:#7a2e00}svg text{font-size:11px;font-family:sans-serif}
@media print{h2{break-before:auto}.voices section{break-inside:avoid}}
"""


def to_html(results: GroupResults) -> str:
    lang, info = results.lang, results.info
    e = html.escape
    t = lambda key, **v: e(s(key, lang, **v))  # noqa: E731
    out = [f'<!DOCTYPE html><html lang="{e(lang)}"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{t('ws_report_title', name=info.name)}</title><style>{STYLE}</style>",
           "</head><body>", f"<h1>{t('ws_report_title', name=info.name)}</h1>",
           "<table>",
           f"<tr><th>{t('ws_code')}</th><td>{e(info.code)}</td></tr>",
           f"<tr><th>{t('ws_campaign')}</th><td>{e(results.title)}</td></tr>",
           f"<tr><th>{t('ws_participants')}</th><td>{len(results.people)}</td></tr>",
           f"<tr><th>{t('ws_decisions')}</th><td>{results.decisions}</td></tr>",
           f"<tr><th>{t('ws_created')}</th><td>{e(_stamp(info.created))}</td></tr>",
           "</table>", f"<h2>{t('ws_case_results')}</h2>"]
    for case in results.cases:
        out += _html_case(case, lang)
    out += _html_spread(results)
    out += _html_map(results)
    out += earlier_html(results)
    out.append("</body></html>")
    return "\n".join(out)


def _html_case(case: CaseTally, lang: str) -> list[str]:
    """One case: how the group chose, the voices where it was divided, its questions."""
    e = html.escape
    t = lambda key, **v: e(s(key, lang, **v))  # noqa: E731
    out = [f"<h3>{case.number}. {e(case.title)}</h3>",
           f"<p>{t('ws_decided_by', count=case.decided)}</p>",
           f"<table><tr><th>{t('ws_option')}</th><th>{t('ws_variant')}</th>"
           f"<th>{t('ws_count')}</th><th>%</th><th></th></tr>"]
    for o in case.options:
        room = (f' <span class="room">({t("ws_room_choice")})</span>'
                if case.plenary == o.option else "")
        votes = f" [{t('ws_hands', count=o.votes)}]" if o.votes is not None else ""
        variant = t(f"variant_{o.variant}") if o.variant else ""
        pct = round(o.share * 100)
        out.append(f"<tr><td>{e(o.label)}{room}{votes}</td><td>{variant}</td>"
                   f'<td class="n">{o.count}</td><td class="n">{pct}</td>'
                   f'<td><span class="bar" style="width:{pct * 2}px"></span></td></tr>')
    out.append("</table>")
    if case.divided:
        out.append(f"<h4>{t('ws_same_case')}</h4><div class=\"voices\">")
        for o in case.options:
            if not o.voices:
                continue
            decided = (f' <span class="muted">({e(verdict_name(o.verdict, lang))})</span>'
                       if o.verdict else "")
            out.append(f"<section><h5>{e(o.label)}{decided}</h5><ul>")
            for v in o.voices:
                text = (e(v.motivation) if v.motivation
                        else f'<span class="muted">{t("ws_no_motivation")}</span>')
                out.append(f"<li><b>{e(v.name)}</b>: {text}</li>")
            out.append("</ul></section>")
        out.append("</div>")
    if case.questions:
        out.append(f"<h4>{t('ws_questions')}</h4><ul>")
        out += [f"<li>{e(q)}</li>" for q in case.questions]
        out.append("</ul>")
    if case.trade_offs:
        out.append(f"<p><i>{t('ws_trade_offs')}</i>: {e(case.trade_offs)}</p>")
    return out


def _html_spread(results: GroupResults) -> list[str]:
    e = html.escape
    t = lambda key, **v: e(s(key, results.lang, **v))  # noqa: E731
    out = [f"<h2>{t('ws_spread')}</h2><table><tr><th>{t('loyalties')}</th>"
           f"<th>{t('ws_low')}</th><th>{t('ws_median')}</th><th>{t('ws_high')}</th>"
           f"<th>{t('ws_participants')}</th></tr>"]
    for x in results.spread:
        values = ", ".join(f"{v:+d}" for v in sorted(x.values))
        out.append(f"<tr><td>{t('loyalty_' + x.loyalty)}</td><td class=\"n\">{x.low:+d}</td>"
                   f"<td class=\"n\">{x.median:+g}</td><td class=\"n\">{x.high:+d}</td>"
                   f"<td>{e(values)}</td></tr>")
    out.append("</table>")
    return out


def _html_map(results: GroupResults) -> list[str]:
    """The group on the variant map, and everyone's place in a table."""
    lang = results.lang
    e = html.escape
    t = lambda key, **v: e(s(key, lang, **v))  # noqa: E731
    pos = results.group_position
    out = [f"<h2>{t('ws_map')}</h2><p>{t('ws_map_group', group=pos.group, individual=pos.individual, variant=short_place(pos, lang))}</p>"]
    out.append(variant_map_svg(results.lang, others=[
        (p.name, p.position.group, p.position.individual) for p in results.people
        if p.position.variant or p.position.between]))
    out.append(f"<table><tr><th>{t('ws_participant')}</th><th>{t('ws_decisions')}</th>"
               f"<th>{t('map_group_axis')}</th><th>{t('map_individual_axis')}</th>"
               f"<th>{t('ws_variant')}</th><th>{t('ws_consistent')}</th></tr>")
    for p in results.people:
        consistent = {True: t("ws_yes"), False: t("ws_no"), None: "-"}[p.consistent]
        out.append(f"<tr><td>{e(p.name)}</td><td class=\"n\">{p.decisions}</td>"
                   f"<td class=\"n\">{p.position.group}</td>"
                   f"<td class=\"n\">{p.position.individual}</td>"
                   f"<td>{short_place(p.position, lang)}</td><td>{consistent}</td></tr>")
    out.append("</table>")
    return out


# ---------------------------------------------------------------------- the formats
@dataclass(frozen=True)
class SessionRows:
    """A session as the store gives it: what every export format is made from."""

    content: Content
    store: Any
    code: str
    info: SessionInfo
    rows: list[ParticipantRows]
    votes: dict[str, dict[str, int]]
    lang: str | None

    def results(self) -> GroupResults:
        """The group's figures, with the earlier groups of the same campaign beside them."""
        return attach_earlier(self.store, group_results(self.content, self.info, self.rows,
                                                        self.votes, self.lang))


class ExportFormat(TextFormat[SessionRows]):
    """One format of ``maatwerk workshop export``: how a session becomes text in it."""


class CsvExport(ExportFormat):
    """A row per decision, for a spreadsheet."""

    name, suffix, title = "csv", ".csv", "CSV"

    def render(self, session: SessionRows) -> str:
        return to_csv(session.content, session.info, session.rows, session.lang)


class JsonExport(ExportFormat):
    """Every decision and the group's figures, for other tools."""

    name, suffix, title = "json", ".json", "JSON"

    def render(self, session: SessionRows) -> str:
        return to_json(session.content, session.info, session.rows, session.votes, session.lang,
                       session.store.earlier(session.code))


class MarkdownExport(ExportFormat):
    name, suffix, title = "md", ".md", "Markdown"

    def render(self, session: SessionRows) -> str:
        return to_markdown(session.results())


class HtmlExport(ExportFormat):
    """One self-contained file: inline styles and SVG, nothing loaded from elsewhere."""

    name, suffix, title = "html", ".html", "HTML"

    def render(self, session: SessionRows) -> str:
        return to_html(session.results())


EXPORTS: dict[str, ExportFormat] = {
    f.name: f for f in (CsvExport(), JsonExport(), MarkdownExport(), HtmlExport())}
"""The one list of export formats: the command line offers these names."""


def export(content: Content, store, code: str, fmt: str, lang: str | None = None) -> str:
    """The session ``code`` in format ``fmt``, a name in ``EXPORTS``."""
    if fmt not in EXPORTS:
        raise ValueError(f"unknown format {fmt!r}")
    info, rows, votes = store.results(code)
    info = replace(info, name=safe_display(info.name))
    return EXPORTS[fmt].render(SessionRows(content, store, code, info, rows, votes, lang))
