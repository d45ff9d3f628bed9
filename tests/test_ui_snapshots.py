"""SVG snapshots of the main screens (pytest-textual-snapshot).

Fixed: the fixture campaign 'proef', seed 7, the default theme, private config and data
folders (conftest). Nothing on screen depends on the clock, the host or the version.

Chosen set (36 snapshots): title, case, outcome, event, precedent log, settings and help at
80x24 and 120x40 in Dutch and English; the look back on the
outcome screen (scrolled to with r) at 80x24 in both languages; and the debrief's steps:
how it felt (an answer typed), the profile, the map and consistency, at both sizes and in both
languages between them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.app import MaatwerkApp

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"
SIZES = {"small": (80, 24), "large": (120, 40)}


def make_app(tmp_path: Path, lang: str) -> MaatwerkApp:
    return MaatwerkApp(lang=lang, save_path=tmp_path / "save.json", seed=7, campaign="proef",
                       builtin=FIXTURE)


async def loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def at_title(pilot) -> None:
    await loaded(pilot)


async def at_case(pilot) -> None:
    await loaded(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("a")  # one investigation, so the finding shows too


async def at_outcome(pilot) -> None:
    await at_case(pilot)
    await pilot.press("2", *"Goedkoper dan dagbesteding", "enter")


async def at_event(pilot) -> None:
    await at_outcome(pilot)
    await pilot.pause()
    await pilot.press("enter")


async def at_precedents(pilot) -> None:
    await at_event(pilot)
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("p")


async def at_settings(pilot) -> None:
    await loaded(pilot)
    pilot.app.action_settings()


async def at_help(pilot) -> None:
    await at_case(pilot)
    await pilot.pause()
    await pilot.press("f1")


async def at_reflection(pilot) -> None:
    await at_outcome(pilot)
    await pilot.pause()
    await pilot.press("r")


async def at_debrief(pilot) -> None:
    """Play both cases to the end: the debrief's first step."""
    from game.ui.screens.debrief import EndScreen

    await at_outcome(pilot)
    for _ in range(4):  # the outcome and the events it brought
        await pilot.pause()
        await pilot.press("enter")
    await pilot.pause()
    await pilot.press("1", *"Joop gaat al naar de dagbesteding", "enter")
    for _ in range(6):
        await pilot.pause()
        if isinstance(pilot.app.screen, EndScreen):
            break
        await pilot.press("enter")
    assert isinstance(pilot.app.screen, EndScreen)


def at_step(number: int, *keys: str):
    async def run(pilot) -> None:
        await at_debrief(pilot)
        await pilot.press(str(number), *keys)
        await pilot.pause()
    return run


SCREENS = {"title": at_title, "case": at_case, "outcome": at_outcome, "event": at_event,
           "precedents": at_precedents, "settings": at_settings, "help": at_help,
           "reflection": at_reflection,
           "debrief-feeling": at_step(2, *"Ruud had een punt", "escape"),
           "debrief-profile": at_step(4), "debrief-map": at_step(5),
           "debrief-consistency": at_step(7)}

CASES = [(screen, size, lang)
         for screen in ("title", "case", "outcome") for size in SIZES for lang in ("nl", "en")]
CASES += [(screen, size, lang)
          for screen in ("event", "precedents", "settings", "help") for size in SIZES
          for lang in ("nl", "en")]
CASES += [("reflection", "small", lang) for lang in ("nl", "en")]
CASES += [("debrief-feeling", "small", "en"), ("debrief-profile", "small", "nl"),
          ("debrief-profile", "large", "en"), ("debrief-map", "large", "nl"),
          ("debrief-map", "small", "en"), ("debrief-consistency", "large", "nl")]


@pytest.mark.parametrize(("screen", "size", "lang"), CASES,
                         ids=[f"{s}-{z}-{lang}" for s, z, lang in CASES])
def test_screen(snap_compare, tmp_path, screen, size, lang):
    app = make_app(tmp_path, lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen])
