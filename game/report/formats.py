"""The formats of a debrief report, each one class: its name (``--format NAME``), its file
suffix, its title in the export dialog, and how a debrief becomes text in it.

The one list of formats is ``REPORT_FORMATS``: ``maatwerk report``, the debrief's export dialog
and ``render`` below all read it. To add a format, add a class here and put it there.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

if TYPE_CHECKING:
    from game.engine.analysis import Debrief

Source = TypeVar("Source", contravariant=True)


class TextFormat(Generic[Source]):
    """A way to write a ``Source`` as text: its name (``--format NAME``), its file suffix, its
    title, and ``render``. A debrief's report formats and a session's exports are these."""

    name: ClassVar[str]
    suffix: ClassVar[str]
    title: ClassVar[str]

    def render(self, source: Source) -> str:
        raise NotImplementedError


class ReportFormat(TextFormat["Debrief"]):
    """One format of a debrief report."""


class MarkdownReport(ReportFormat):
    name, suffix, title = "md", ".md", "Markdown"

    def render(self, debrief: Debrief) -> str:
        from game.report.render import markdown

        return markdown(debrief)


class HtmlReport(ReportFormat):
    """One self-contained, printable file with its charts in inline SVG."""

    name, suffix, title = "html", ".html", "HTML"

    def render(self, debrief: Debrief) -> str:
        from game.report.html import html_report

        return html_report(debrief)


class JsonReport(ReportFormat):
    """The engine's figures plus the reference texts they point to."""

    name, suffix, title = "json", ".json", "JSON"

    def render(self, debrief: Debrief) -> str:
        from game.report.render import report_data

        return json.dumps(report_data(debrief), indent=2, ensure_ascii=False) + "\n"


REPORT_FORMATS: dict[str, ReportFormat] = {
    f.name: f for f in (MarkdownReport(), HtmlReport(), JsonReport())}


def render(debrief: Debrief, fmt: str) -> str:
    """The debrief in format ``fmt``, a name in ``REPORT_FORMATS``."""
    return REPORT_FORMATS[fmt].render(debrief)
