"""A served participant starts in the first case; the title (the menu) is built only when shown.

In a full room every browser's game would otherwise compose, style and lay out a menu nobody
sees yet. What a participant must still get: the menu, complete and focused, as soon as they
open it; and the title with its notice when joining did not lead to a case.
"""

from __future__ import annotations

from textual.widgets import OptionList, Static

from game.content import load_content
from game.ui.screens.case import CaseScreen
from game.ui.workshop.rejoin_screen import RejoinScreen
from game.ui.workshop.served_app import ServedApp, ServedTitle
from game.workshop.participant import WorkshopTicket
from game.workshop.store import Store
from pilot import UI_FIXTURE, played


def _served(tmp_path, code: str, name: str = "Sanne", started=None) -> ServedApp:
    store = Store(tmp_path / "room.sqlite")
    if code == "new":
        code = store.create_session("Zaal 1", "proef", "nl", []).code
    content = load_content(builtin=UI_FIXTURE)
    return ServedApp(content, started, lang="nl", campaign="proef",
                     workshop=WorkshopTicket(store.path, code, name, 7))


def _menu(app: ServedApp) -> list[str]:
    menu = app.title_screen.query_one("#menu", OptionList)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


@played
async def test_the_participant_sees_the_case_and_the_menu_is_built_when_opened(tmp_path):
    drawn: list[str] = []  # what was on screen when the next game in the room could start

    def started() -> None:
        head = app.screen.query("#case-head")
        drawn.append(type(app.screen).__name__ if head and head.first().region else "nothing")
    app = _served(tmp_path, "new", started=started)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert drawn == ["CaseScreen"], "the next game starts once this case is drawn"
        title = app.title_screen
        assert isinstance(title, ServedTitle)
        assert not title.built and not title.query(OptionList), "no menu composed unseen"
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is title and title.built
        menu = _menu(app)
        assert menu[0] == "Nieuw spel" and menu[-1] == "Stoppen", menu
        assert app.screen.focused is title.query_one("#menu", OptionList)
        assert str(title.query_one("#wordmark", Static).render()) == "Maatwerk"
        await pilot.press("enter")  # the highlighted item takes the participant back
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


@played
async def test_a_room_that_cannot_be_joined_shows_the_title_with_its_notice(tmp_path):
    app = _served(tmp_path, "ZZZZZZ")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        title = app.title_screen
        assert app.screen is title and title.built
        notice = title.query_one("#notice", Static)
        assert notice.display and "ZZZZZZ" in str(notice.render())
        assert _menu(app), "the menu is there to quit or read the help"


@played
async def test_a_name_in_use_asks_for_its_code_and_then_plays_with_a_whole_menu(tmp_path):
    first = _served(tmp_path, "new")
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        code, rejoin = first.joined.info.code, first.joined.participant.rejoin
    app = _served(tmp_path, code)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RejoinScreen)
        await pilot.press(*rejoin.lower(), "enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.title_screen and "Nieuw spel" in _menu(app)
