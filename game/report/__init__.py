"""The debrief of a run as Markdown, self-contained HTML or JSON."""

from game.report.render import report_data
from game.report.formats import render  # after the module of the same name: this is the function

__all__ = ["render", "report_data"]
