"""The eight pages of the debrief, empty: ``pages`` fills them in the current language."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Static, TextArea

from game.ui.widgets.debrief_charts import ProfileChart
from game.ui.widgets.variant_map import VariantMap

STEPS = ("end", "feeling", "timeline", "profile", "map", "dynamics", "consistency", "transfer")


def buttons(index: int) -> ComposeResult:
    with Horizontal(classes="buttons"):
        if index:
            yield Button(id=f"prev-{index}", classes="step-prev")
        yield Button(id=f"next-{index}", classes="step-next", variant="primary")


def _end() -> ComposeResult:
    yield Static(id="end-head", classes="page-head")
    yield Static(id="end-epilogue", classes="para")


def _feeling(kept: Mapping[str, str]) -> ComposeResult:
    yield Static(id="feel-head", classes="page-head")
    yield Static(id="feel-prompt", classes="para prompt")
    yield TextArea(kept.get("feeling", ""), id="answer-feeling", classes="answer")
    yield Static(id="feel-kept", classes="hint")


def _timeline() -> ComposeResult:
    yield Static(id="timeline-head", classes="page-head")
    yield Vertical(id="timeline")
    yield Static(id="end-meters", classes="para")


def _profile() -> ComposeResult:
    yield Static(id="profile-head", classes="page-head")
    yield Static(id="profile-note", classes="para")
    yield ProfileChart(id="end-profile", classes="para chart")


def _map() -> ComposeResult:
    yield Static(id="map-head", classes="page-head")
    yield VariantMap(id="variant-map", classes="para chart")
    yield Static(id="map-text", classes="para")
    yield Vertical(id="map-perspectives", classes="para")
    yield Static(id="map-counts", classes="para")


def _dynamics() -> ComposeResult:
    yield Static(id="dynamics-head", classes="page-head")
    yield Vertical(id="dynamics")


def _consistency() -> ComposeResult:
    yield Static(id="consistency-head", classes="page-head")
    yield Vertical(id="consistency")
    yield Static(id="consistency-question", classes="para prompt")


def _transfer(kept: Mapping[str, str]) -> ComposeResult:
    yield Static(id="transfer-head", classes="page-head")
    yield Static(id="transfer-prompt", classes="prompt")
    yield TextArea(kept.get("transfer", ""), id="answer-transfer", classes="answer")
    yield Static(id="commitment-prompt", classes="prompt")
    yield TextArea(kept.get("commitment", ""), id="answer-commitment", classes="answer")
    yield Static(id="transfer-kept", classes="hint")
    yield Static(id="end-exported", classes="para exported")
    with Horizontal(classes="buttons"):
        yield Button(id="prev-7", classes="step-prev")
        yield Button(id="export", variant="primary")
        yield Button(id="to-menu")


def pages(kept: Mapping[str, str]) -> ComposeResult:
    """The step bar and one scrolling page per step, the answers typed so far in their boxes."""
    yield Static(id="end-steps")
    parts = (_end(), _feeling(kept), _timeline(), _profile(), _map(), _dynamics(),
             _consistency())
    with ContentSwitcher(initial="step-end", id="end-switcher"):
        for index, (name, part) in enumerate(zip(STEPS, parts)):
            with VerticalScroll(id=f"step-{name}", classes="page step"):
                yield from part
                yield from buttons(index)
        with VerticalScroll(id="step-transfer", classes="page step"):
            yield from _transfer(kept)
