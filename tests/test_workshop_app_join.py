"""A participant joins a workshop in the terminal app: decisions land in the store, rejoining resumes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Static

from game.content import load_content
from game.ui.app import MaatwerkApp
from game.ui.screens.case import CaseScreen
from game.ui.screens.motivation import MotivationScreen
from game.workshop.participant import WorkshopTicket
from game.workshop.results import load_results
from game.workshop.store import Store

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ui"


def _app(store: Store, code: str, name: str, rejoin: str | None = None) -> MaatwerkApp:
    return MaatwerkApp(lang="nl", builtin=FIXTURE, campaign="proef",
                       workshop=WorkshopTicket(store.path, code, name, 7, rejoin))


async def _play_first_case(store: Store, code: str) -> str:
    app = _app(store, code, "Sanne")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen), "joining goes straight to the case"
        assert not app.has_save(), "the store is the save: no autosave to continue"
        rejoin = app.joined.participant.rejoin
        beside = str(app.screen.query_one("#standing", Static).render())
        assert f"Terugkeercode {rejoin}\nSchrijf hem op" in beside, \
            "the rejoin code is in view beside the case, to write down"
        assert "Sanne" in beside
        assert not any(rejoin in n.message for n in app._notifications), \
            "and not as a notice over the dossier"
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, MotivationScreen)
        await pilot.press(*"Henk wil naar buiten", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        return rejoin


async def _rejoin(store: Store, code: str, rejoin: str) -> str:
    app = _app(store, code, "Sanne", rejoin)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert f"Terugkeercode {rejoin}" in str(app.screen.query_one("#standing",
                                                                     Static).render()), \
            "after a rejoin the code is still beside the case"
        return app.player_run.game.case_view().id


def test_a_participant_plays_in_the_app_and_can_rejoin(tmp_path):
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 1", "proef", "nl", []).code
    rejoin = asyncio.run(_play_first_case(store, code))
    results = load_results(store, load_content(builtin=FIXTURE), code)
    henk = next(c for c in results.cases if c.case == "scootmobiel-henk")
    chosen = [(o.option, [v.motivation for v in o.voices]) for o in henk.options if o.count]
    assert chosen == [("hardheid", ["Henk wil naar buiten"])]
    assert asyncio.run(_rejoin(store, code, rejoin)) == "scootmobiel-joop"


async def _claimed_name_asks_for_the_code(store: Store, code: str, rejoin: str) -> list[str]:
    from textual.widgets import Input, Static

    from game.ui.workshop.rejoin_screen import RejoinScreen

    seen = []
    app = _app(store, code, " SANNE")  # the same name, typed differently
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RejoinScreen), "a name in use is not simply taken over"
        seen.append(str(app.screen.query_one("#rejoin-message", Static).render()))
        await pilot.press(*"ZZZZ", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RejoinScreen)
        seen.append(str(app.screen.query_one("#rejoin-message", Static).render()))
        app.screen.query_one(Input).value = ""
        await pilot.press(*rejoin.lower(), "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.player_run.game.case_view().id == "scootmobiel-joop"
    return seen


def test_a_name_in_use_asks_for_the_rejoin_code_in_the_app(tmp_path):
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 1", "proef", "nl", []).code
    rejoin = asyncio.run(_play_first_case(store, code))
    first, wrong = asyncio.run(_claimed_name_asks_for_the_code(store, code, rejoin))
    assert "'Sanne' is in deze sessie al in gebruik" in first
    assert "hoort niet bij 'Sanne'" in wrong


async def _paste_a_hostile_motivation(store: Store, code: str) -> list[str]:
    from textual.widgets import Input

    app = _app(store, code, "Piet")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, MotivationScreen)
        app.screen.query_one(Input).value = "\x1b]0;pwned\x07\x1b[2J[bold]x[/] " + "A" * 100_000
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        return [n.message for n in app._notifications]


def test_a_pasted_motivation_is_cut_to_the_limit_with_a_message_and_cleaned(tmp_path):
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 1", "proef", "nl", []).code
    shown = asyncio.run(_paste_a_hostile_motivation(store, code))
    assert any("400 tekens" in m for m in shown)
    _, rows, _ = store.results(code)
    motivation = rows[0].decisions[0].motivation
    assert motivation.startswith("[bold]x[/] AAA") and len(motivation) <= 400
    assert "\x1b" not in motivation and "pwned" not in motivation


async def _finish_and_read_the_answer_hint(store: Store, code: str, rejoin: str) -> str:
    from textual.widgets import Static

    from game.ui.screens.debrief import EndScreen
    from test_ui_debrief import decide, until

    app = _app(store, code, "Sanne", rejoin)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await decide(pilot, "1", "Joop gaat al")
        await until(pilot, EndScreen)
        await pilot.press("n")
        await pilot.pause()
        return str(app.screen.query_one("#feel-kept", Static).render())


def test_a_workshop_participant_is_not_told_the_answers_are_saved(tmp_path):
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 1", "proef", "nl", []).code
    rejoin = asyncio.run(_play_first_case(store, code))
    hint = asyncio.run(_finish_and_read_the_answer_hint(store, code, rejoin))
    assert "niet in de workshop vastgelegd" in hint and "bewaard en komt" not in hint
    _, rows, _ = store.results(code)
    assert len(rows[0].decisions) == 2 and rows[0].participant.finished
