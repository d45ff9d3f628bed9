"""The dashboard's tab "earlier groups": for the current case, this group's shares beside the
earlier groups' of the same campaign, and the loyalty spreads side by side. Anonymous: only
shares, counts and spreads. Option labels come from the content, never from participants."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from game.strings import s
from game.workshop.earlier_report import option_rows, spread_rows
from game.workshop.results import CaseTally, GroupResults
from game.ui.workshop.widgets import bar


class EarlierGroups(Widget):
    DEFAULT_CSS = """
    EarlierGroups { height: auto; padding: 0 1; }
    """
    results: reactive[GroupResults | None] = reactive(None, layout=True)
    case: reactive[CaseTally | None] = reactive(None, layout=True)

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lang = lang

    def render(self) -> Content:
        t = lambda key, **v: s(key, self.lang, **v)  # noqa: E731
        results, case = self.results, self.case
        if results is None or results.earlier is None:
            return Content(t("ws_dash_waiting"))
        earlier = results.earlier
        if not earlier.people:
            return Content(t("ws_earlier_none"))
        lines = [Content.styled(t("ws_earlier_base", people=earlier.people,
                                  sessions=earlier.sessions), "dim"), Content("")]
        against = earlier.case(case.case) if case is not None else None
        width = max(8, (self.content_region.width - 20) // 2)
        if case is not None and against is not None and against.decided_before:
            lines.append(Content.assemble((" " * 16, ""), (t("ws_earlier_here").ljust(width + 6),
                                                          "bold"),
                                          (t("ws_earlier_before"), "bold")))
            for number, (option, before) in enumerate(option_rows(case, against), start=1):
                lines.append(Content.assemble((f"{number}. ", "bold"), option.label))
                lines.append(Content.assemble(
                    (" " * 3, ""), (bar(option.share, width), "$primary"),
                    f" {round(option.share * 100):>3}%   ",
                    (bar(before, width), "$secondary"), f" {round(before * 100):>3}%"))
            lines.append(Content.styled(t("ws_earlier_decided", count=against.decided_before),
                                        "dim"))
            lines.append(Content(""))
        lines.append(Content.styled(t("ws_spread"), "bold"))
        for loyalty, now, past in spread_rows(results):
            lines.append(Content.assemble(
                (t(f"loyalty_{loyalty}").ljust(16), "bold"), now.ljust(width + 6), past))
        return Content("\n").join(lines)
