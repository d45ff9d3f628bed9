"""The facilitator's dashboard, driven with Pilot on a store filled by simulated participants."""

from __future__ import annotations

import sqlite3
import time

import pytest

from conftest import FIXTURES
from textual.geometry import Region
from game.content import load_content
from game.ui.workshop.dashboard import DashboardApp, DashboardScreen
from game.workshop.participant import join_session
from game.ui.workshop.presentation import BigChoices, PresentationScreen
from game.workshop.simulate import fill
from game.workshop.store import PLENARY, Store
from game.ui.widgets.variant_map import VariantMap
from game.ui.workshop.widgets import ChoiceBars, MotivationBoard, participant_row
from game.ui.workshop.case_list import CaseList
from game.ui.workshop.people_table import PeopleTable
from pilot import played

CAMPAIGN = "test-scootmobiel"


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


@pytest.fixture
def room(tmp_path, content):
    """A session with six simulated participants who played both cases (fixed seeds)."""
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 3", CAMPAIGN, "nl", [str(FIXTURES / "engine")]).code
    fill(content, store, code, 6, seed=20)
    return store, code




async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@played
async def test_the_dashboard_shows_how_the_group_chose(room, content):
    store, code = room
    _, rows, _ = store.results(code)
    henk = [d.option for r in rows for d in r.decisions if d.case == "scootmobiel-henk"]
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        status = str(app.screen.query_one("#status").render())
        assert "6 deelnemers" in status and "12 besluiten" in status
        bars = app.screen.query_one(ChoiceBars)
        assert bars.case.case == "scootmobiel-henk" and bars.case.decided == 6
        assert {o.option: o.count for o in bars.case.options if o.count} == {
            o: henk.count(o) for o in set(henk)}
        assert "Gespreksvragen" in str(app.screen.query_one("#questions").render())
        await pilot.press("2")  # same case, different decisions
        await pilot.pause()
        board = app.screen.query_one(MotivationBoard)
        assert len(board.children) == len(set(henk))
        names = {str(v.render()).split(":")[0] for v in board.query(".-voice")}
        assert names == {f"p{i}" for i in range(1, 7)}
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(ChoiceBars).case.case == "scootmobiel-joop"
        await pilot.press("4")
        await pilot.pause()
        drawn = str(app.screen.query_one(VariantMap).render()).splitlines()
        assert "(6 deelnemers)" in drawn[0]
        grid = "".join(drawn[1:-1])  # the frame: every participant counted in a cell
        assert sum(int(c) for c in grid if c.isdigit()) == 6
        assert all(v in grid for v in ("standaardisatie", "beleidscategorie",
                                       "hardheidsclausule", "standaardmaatwerk"))
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)
        assert app.screen.query_one(BigChoices).case.case == "scootmobiel-joop"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@played
async def test_new_decisions_appear_on_the_next_read(room, content):
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert len(app.results.people) == 6
        late = join_session(content, store, code, "laatkomer", seed=99)
        late.run.choose("afwijzen", "te laat, maar toch")
        await pilot.press("r")
        await settle(pilot)
        assert len(app.results.people) == 7
        assert app.screen.query_one(ChoiceBars).case.decided == 7
        await pilot.press("2")
        await pilot.pause()
        voices = [str(v.render()) for v in app.screen.query(".-voice")]
        assert "laatkomer: te laat, maar toch" in voices


@played
async def test_a_store_that_breaks_during_the_session_is_reported_not_fatal(room, content):
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        conn = sqlite3.connect(store.path)
        conn.execute("DROP TABLE votes")
        conn.commit()
        conn.close()
        await pilot.press("r")
        await settle(pilot)
        assert "votes" in app.trouble
        assert "-trouble" in app.screen.query_one("#status").classes
        assert app.results is not None and len(app.results.people) == 6  # last good figures


@played
async def test_the_plenary_round_records_the_rooms_majority(room, content):
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(110, 45)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert screen.id == "plenary"
        inputs = {i.id: i for i in screen.query("Input") if i.id.startswith("count-")}
        assert set(inputs) == {"count-afwijzen", "count-hardheid", "count-categorie",
                               "count-escaleren"}
        inputs["count-hardheid"].value = "5"
        inputs["count-categorie"].value = "5"
        await pilot.press("ctrl+s")  # a tie: nothing is recorded
        await settle(pilot)
        assert store.results(code)[2] == {}
        inputs["count-hardheid"].value = "9"
        screen.query_one("#pl-motivation").value = "de zaal wil een uitzondering"
        await pilot.press("ctrl+s")
        await settle(pilot)
        _, rows, votes = store.results(code)
        room_row = next(r for r in rows if r.participant.name == PLENARY)
        assert [(d.option, d.motivation) for d in room_row.decisions] == [
            ("hardheid", "de zaal wil een uitzondering")]
        assert votes == {"scootmobiel-henk": {"afwijzen": 0, "hardheid": 9, "categorie": 5,
                                              "escaleren": 0}}
        assert "De zaal koos" in str(screen.query_one("#pl-outcome").render())
        await pilot.click("#next")
        await settle(pilot)
        assert "casus 2 van 2" in str(screen.query_one("#pl-head").render())
        await pilot.click("#pick-afwijzen")  # the room's choice picked outright
        await settle(pilot)
        room_row = next(r for r in store.results(code)[1] if r.participant.name == PLENARY)
        assert [d.case for d in room_row.decisions] == ["scootmobiel-henk", "scootmobiel-joop"]
        await pilot.press("escape")
        await settle(pilot)
        bars = app.screen.query_one(ChoiceBars)
        assert bars.case.plenary == "hardheid"
        assert len(app.results.people) == 6  # the room is not counted as a participant


def test_presentation_view_snapshot(tmp_path, snap_compare):
    """The projector view on fixed data: its own fixture campaign, fixed seeds, no clock."""
    own = load_content(builtin=FIXTURES / "workshop")
    store = Store(tmp_path / "fixed.sqlite")
    code = store.create_session("Snapshot", "test-workshop", "nl").code
    fill(own, store, code, 9, seed=3)
    join_session(own, store, code, PLENARY, allow_plenary=True).run.choose(
        "uitzondering", "")
    store.record_votes(code, "ws-fiets", {"nee": 4, "uitzondering": 11, "categorie": 2})
    app = DashboardApp(store, own, code, interval=0)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


@played
async def test_the_facilitator_releases_a_name_from_the_dashboard(room, content):
    from game.ui.workshop.release_screen import ReleaseScreen
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "down")  # the participants tab, the second participant
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("escape")  # no: nothing changes
        await pilot.pause()
        assert not isinstance(app.screen, ReleaseScreen)
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#release-yes")
        await settle(pilot)
        released = app.results.people[1].name
    # the name is free: the next one to join under it continues that run without a code
    again = join_session(content, store, code, released)
    assert again.participant.rejoined and len(again.run.game.state.decisions) == 2
    others = [p.name for p in app.results.people if p.name != released]
    with pytest.raises(Exception, match="in use"):
        join_session(content, store, code, others[0])


def test_simulated_participants_never_investigate_beyond_the_week(tmp_path):
    """Trying the dashboard before the room arrives: simulated players on the shipped intro
    campaign spend their hours as a player must, one investigation at a time."""
    shipped = load_content()
    store = Store(tmp_path / "try.sqlite")
    code = store.create_session("Proef", "intro", "nl", []).code
    fill(shipped, store, code, 8, seed=3)
    info = store.session(code)
    assert info.participants == 8 and info.decisions == 8 * len(
        shipped.campaigns["intro"].cases)


def test_the_group_map_counts_each_participant_in_their_quadrant():
    """The map the debrief draws for one player, drawn for a room: a count per cell."""
    from game.engine.analysis import MapPosition
    from game.ui.widgets.variant_map import group_map_lines
    from textual.content import Content

    names = {"standaardisatie": "S-variant", "beleidscategorie": "B-variant",
             "hardheidsclausule": "H-variant", "standaardmaatwerk": "M-variant"}
    room = [MapPosition(10, 90, "hardheidsclausule", {}, ())] * 3 + [
        MapPosition(90, 10, "beleidscategorie", {}, ()),
        MapPosition(50, 50, None, {}, ("standaardisatie", "standaardmaatwerk")),
        MapPosition(0, 0, None, {}, (), 2)]  # every decision went up: no place
    lines = [Content.from_markup(line).plain
             for line in group_map_lines(room, names, "groep", "individu", "(5)")]
    assert lines[0].startswith("\u2191 individu") and lines[0].endswith("(5)")
    grid = lines[1:-1]
    mid_y, mid_x = len(grid) // 2, len(grid[0]) // 2

    def side(x: int, y: int) -> str:
        return ("upper " if y < mid_y else "lower " if y > mid_y else "middle ") + (
            "left" if x < mid_x else "right" if x > mid_x else "middle")

    marks = sorted((c, side(x, y)) for y, row in enumerate(grid) for x, c in enumerate(row)
                   if c.isdigit())
    assert marks == [("1", "lower right"), ("1", "middle middle"), ("3", "upper left")]
    assert {v: any(n in row for row in grid) for v, n in names.items()} == dict.fromkeys(
        names, True)


@played
async def test_help_is_the_games_help_and_lists_the_keys_of_the_screen_below(room, content):
    """F1 opens the same help as in the game: the screen's name and purpose, and the keys that
    work there now (the tabs as one row), on the dashboard and on the projector view."""
    from game.ui.screens.help import HelpScreen

    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def shown(selector: str) -> str:
            return str(app.screen.query_one(selector).render())

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Hulp: Dashboard van de begeleider" in shown("#help-head")
        assert "Eerdere groepen" in shown("#help-purpose")
        keys = shown("#help-keys")
        assert "1\u20136  Tabblad" in keys and "Presentatie" in keys and "Plenair" in keys
        assert "Volgende vraag" not in keys  # the projector view's key, not here
        assert "Focus" not in keys  # Textual's own Tab between widgets is not listed
        assert "Ctrl+Q stoppen" in shown("#help-general")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("p", "f1")
        await pilot.pause()
        assert "Hulp: Presentatie" in shown("#help-head")
        assert "Volgende vraag" in shown("#help-keys")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PresentationScreen)


@played
async def test_a_tick_updates_the_participants_table_in_place(room, content):
    """A newcomer gets a row, their decision updates that row and the counts, and the row the
    facilitator picked stays on the same participant."""
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "down", "down")  # the participants tab, the third one
        await pilot.pause()
        table = app.screen.query_one("#people", PeopleTable)
        picked = str(table.get_row_at(table.cursor_row)[0])
        others = [[str(c) for c in table.get_row_at(i)[:5]] for i in range(6)]
        late = join_session(content, store, code, "laatkomer", seed=99)
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 7
        assert [str(c) for c in table.get_row_at(6)[:2]] == ["laatkomer", "0"]
        assert str(table.get_row_at(table.cursor_row)[0]) == picked
        late.run.choose("afwijzen", "te laat, maar toch")
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 7
        assert [str(c) for c in table.get_row_at(6)[:2]] == ["laatkomer", "1"]
        assert [[str(c) for c in table.get_row_at(i)[:5]] for i in range(6)] == others
        assert str(table.get_row_at(table.cursor_row)[0]) == picked
        status = str(app.screen.query_one("#status").render())
        assert "7 deelnemers" in status and "13 besluiten" in status
        assert app.screen.query_one(ChoiceBars).case.decided == 7
        # what the table shows is what a fresh table would show
        assert [str(c) for c in table.get_row_at(6)[:5]] == [
            str(c) for c in participant_row(app.results.people[6], "nl", 0)[:5]]
        # a decision made while another tab is shown is in the table when it is shown again
        await pilot.press("1")
        late.run.choose(late.run.game.current_case().options[0].id, "")
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(6)[:2]] == ["laatkomer", "2"]
        assert str(table.get_row_at(table.cursor_row)[0]) == picked


def screen_lines(table: PeopleTable) -> list[str]:
    """The table's lines as they are on screen now (its drawn lines, kept between ticks)."""
    strips = table.render_lines(Region(0, 0, table.size.width, table.size.height))
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


@played
async def test_the_participants_table_is_right_after_ticks_that_change_rows_off_screen(
        tmp_path, content):
    """Thirty participants in a short window: changes below the screen (a newcomer's decision,
    someone quiet for five minutes) and on it (someone quiet for three) are in the table, what
    is on screen is drawn again where it changed, and the cursor stays on its participant."""
    store = Store(tmp_path / "room.sqlite")
    code = store.create_session("Zaal 4", CAMPAIGN, "nl", [str(FIXTURES / "engine")]).code
    fill(content, store, code, 30, seed=40, decisions=1)
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(150, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5", "down", "down", "down")
        await pilot.pause()
        table = app.screen.query_one("#people", PeopleTable)
        lines = screen_lines(table)
        assert len(lines) < 20 and "p4 " in lines[4]  # the header, then p1, p2, ...
        picked = table.get_row_at(table.cursor_row)[0]

        def quiet(name: str, minutes: int) -> None:
            store._run(lambda conn: conn.execute(
                "UPDATE participants SET last_seen = ? WHERE code = ? AND name = ?",
                (time.time() - 60 * minutes - 5, code, name)), write=True)

        late = join_session(content, store, code, "laatkomer", seed=99)
        late.run.choose(late.run.game.current_case().options[0].id, "")
        quiet("p26", 5)  # off screen
        await pilot.press("r")
        await settle(pilot)
        assert screen_lines(table) == lines
        quiet("p27", 4)  # off screen
        quiet("p2", 3)  # on screen: its line is drawn again, and only that one
        await pilot.press("r")
        await settle(pilot)
        now = time.time()
        assert [table.get_row_at(i) for i in range(table.row_count)] == [
            participant_row(p, "nl", now) for p in app.results.people]
        assert table.row_count == 31 and table.get_row_at(30)[:2] == ("laatkomer", "1")
        assert table.get_row_at(table.cursor_row)[0] == picked
        shown = screen_lines(table)
        assert shown[2].split()[0] == "p2" and shown[2].endswith("3m")
        assert [line for n, line in enumerate(shown) if n != 2] == [
            line for n, line in enumerate(lines) if n != 2]
        await pilot.press("end")  # the last rows come into view, drawn as they are now
        await pilot.pause()
        shown = screen_lines(table)
        assert shown[0] == lines[0]  # the header stays
        assert any(line.split()[:2] == ["laatkomer", "1"] for line in shown)
        assert any(line.split()[0] == "p26" and line.endswith("5m") for line in shown)
        assert any(line.split()[0] == "p27" and line.endswith("4m") for line in shown)
        assert table.get_row_at(table.cursor_row)[0] == "laatkomer"
        await pilot.press("home")
        await pilot.pause()
        assert screen_lines(table)[1].split()[0] == "p1"
        await pilot.press("1")  # a change on the table's screen while another tab is shown
        quiet("p3", 2)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert screen_lines(table)[3].split()[0] == "p3"
        assert screen_lines(table)[3].endswith("2m")
        await pilot.click("#people", offset=(3, 5))  # the fifth line under the header
        await pilot.pause()
        assert table.get_row_at(table.cursor_row)[0] == "p5"


@played
async def test_the_case_list_shows_new_counts_and_keeps_the_case_picked(room, content):
    """A case picked with the mouse is shown; a tick redraws the counts of the case that a
    newcomer decided, and the case picked stays picked."""
    store, code = room
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        cases = app.screen.query_one("#cases", CaseList)
        lines = screen_lines(cases)
        second = next(n for n, line in enumerate(lines) if "2. " in line)
        counts = [n for n, line in enumerate(lines) if "beslist" in line]  # a line per case
        assert len(counts) == 2 and counts[0] < second < counts[1]
        assert "6/6 beslist" in lines[counts[0]] and "6/6 beslist" in lines[counts[1]]
        await pilot.click("#cases", offset=(4, second))
        await settle(pilot)
        assert app.case_index == 1 and cases.highlighted == 1
        assert "Casus 2 van 2" in str(app.screen.query_one("#case-title").render())
        late = join_session(content, store, code, "laatkomer", seed=99)
        late.run.choose(late.run.game.current_case().options[0].id, "")
        await pilot.press("r")
        await settle(pilot)
        lines = screen_lines(cases)
        assert "7/7 beslist" in lines[counts[0]] and "6/7 beslist" in lines[counts[1]]
        assert app.case_index == 1 and cases.highlighted == 1


@played
async def test_a_case_whose_line_wraps_now_pushes_the_cases_below_it_down():
    """A count that no longer fits on its line takes one more: the cases below move down a
    line, and the list still scrolls to its last case."""
    from textual.app import App

    class Cases(App):
        def compose(self):
            yield CaseList(id="cases")

    app = Cases()
    async with app.run_test(size=(30, 8)) as pilot:
        cases = app.query_one(CaseList)
        prompts = [f"{n}. Casus {n}\n   9/10 beslist" for n in range(1, 6)]
        cases.set_prompts(prompts)  # ten lines in a window of six
        await pilot.pause()
        assert [line.strip("▊▎ ") for line in screen_lines(cases)[1:3]] == [
            "1. Casus 1", "9/10 beslist"]
        cases.set_prompts(["1. Casus 1\n   10/10 beslist · verdeeld"] + prompts[1:])
        await pilot.pause()
        lines = [line.strip("▊▎ ") for line in screen_lines(cases)]
        assert lines[1:5] == ["1. Casus 1", "10/10 beslist ·", "verdeeld", "2. Casus 2"]
        cases.highlighted = 4
        await pilot.pause()
        lines = [line.strip("▊▎ ") for line in screen_lines(cases)]
        assert "5. Casus 5" in lines and "1. Casus 1" not in lines
        assert cases.max_scroll_y == len(prompts) * 2 + 1 - cases.scrollable_content_region.height
