"""The debrief of a run as Markdown, self-contained HTML or JSON."""

from game.report.render import render, report_data

__all__ = ["render", "report_data"]
