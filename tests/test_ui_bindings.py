"""The keys in the footer speak the interface language, in the game and in the workshop, through
one ``localise_bindings`` on Textual's public ``active_bindings`` (no binding is rewritten)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES
from game.content import load_content
from game.strings import s
from game.ui.screens.inbox import InboxScreen
from game.ui.widgets.footer import Footer
from game.ui.workshop.dashboard import DashboardApp
from game.workshop.simulate import fill
from game.workshop.store import Store
from pilot import make_app, played, ready

GAME = Path(__file__).resolve().parent.parent / "game"


def footer_texts(app) -> set[str]:
    """The descriptions the footer shows on the current screen: the game's draws its line
    itself (and every description is on it), the dashboard's is Textual's."""
    game_footer = [w for w in app.screen.query(Footer) if isinstance(w, Footer)]
    if game_footer:
        footer = game_footer[0]
        line = str(footer.render())
        assert all(d in line for d in footer.descriptions), line
        return set(footer.descriptions)
    return {key.description for key in app.screen.query("FooterKey")}


@played
async def test_the_game_footer_follows_the_language_switch(tmp_path):
    app = make_app(tmp_path / "save.json", lang="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # the first case: its own keys and the app's
        await pilot.pause()
        shown = footer_texts(app)
        assert {s("key_help", "nl"), s("key_quit", "nl")} <= shown
        assert not any(t.startswith(("key_", "tip_")) for t in shown), shown
        app.set_language("en")
        await pilot.pause()
        shown = footer_texts(app)
        assert {"Help", "Quit"} <= shown and "Stoppen" not in shown
        described = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Quit" in described and "key_quit" not in described
        # the declared bindings keep their keys, so switching back works as often as asked
        app.set_language("nl")
        await pilot.pause()
        assert "Stoppen" in footer_texts(app)


@played
async def test_a_footer_key_lights_up_under_the_mouse_and_is_pressed_by_a_click(tmp_path):
    app = make_app(tmp_path / "save.json", lang="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        line = str(footer.render())
        inbox = line.index(s("key_inbox", "nl"))
        await pilot.hover(Footer, offset=(inbox, 0))
        await pilot.pause()
        assert footer.tooltip == s("tip_inbox", "nl"), "the key's tooltip"
        lit = footer.render()
        hover = footer.get_visual_style("footer--hover", partial=True).background
        assert any(span.start <= inbox < span.end and getattr(span.style, "background", None)
                   == hover for span in lit.spans), "the key under the mouse lights up"
        await pilot.click(Footer, offset=(inbox, 0))
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen), "clicking the key pressed it"


@played
async def test_the_dashboard_footer_is_in_the_session_language(tmp_path):
    content = load_content(extra=[FIXTURES / "engine"])
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal", "test-scootmobiel", "nl", []).code
    fill(content, store, code, 2, seed=3)
    for lang in ("nl", "en"):
        app = DashboardApp(store, content, code, lang=lang, interval=0)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("5")  # the participants, where a name can be released
            await pilot.pause()
            shown = footer_texts(app)
            # the app's keys and the dashboard screen's own
            assert {s("ws_key_plenary", lang), s("ws_key_release", lang)} <= shown, shown
            assert not any(t.startswith("ws_") for t in shown), shown


def test_no_front_end_writes_textual_private_bindings():
    private = re.compile(r"\._bindings\b|_binding_source")
    offenders = [str(p.relative_to(GAME)) for p in GAME.rglob("*.py")
                 if private.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
