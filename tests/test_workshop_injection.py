"""Hostile text through a participant: into the store, the dashboard, every export, plain mode.

Each corpus entry is typed as a motivation by a participant in plain mode (the real entry
point, in process). A second room holds rows written as an older version could have written
them (escape codes and markup stored as they were typed): what leaves the store is safe too.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from textual.geometry import Region

from conftest import FIXTURES
from game.content import load_content
from game.engine.state import Action, Decision
from game.ui.workshop.dashboard import DashboardApp
from game.workshop.export import FORMULA_START, export
from game.workshop.join import PlainParticipant
from game.workshop.participant import join_session
from game.ui.workshop.widgets import MotivationBoard
from injection import BIG, CORPUS, no_controls
from pilot import played

CAMPAIGN = "test-scootmobiel"
TYPED = [typed for typed, _ in CORPUS] + [BIG]


@pytest.fixture(scope="module")
def content():
    return load_content(extra=[FIXTURES / "engine"])


def play_plain(content, store, code: str, name: str, option: int, motivation: str) -> str:
    """A participant in plain mode decides the first case with ``motivation``, asks for the
    precedent log (``p``) and stops. Returns everything plain mode wrote."""
    lines = iter([str(option), motivation, "p"])

    def read(prompt: str) -> str:
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None
    out = io.StringIO()
    joined = join_session(content, store, code, name, seed=3)
    assert PlainParticipant(joined, out=out, read=read).run() == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def room(content, tmp_path_factory):
    from game.workshop.store import Store
    store = Store(tmp_path_factory.mktemp("room") / "room.sqlite")
    code = store.create_session("Zaal", CAMPAIGN, "nl").code
    outputs = [play_plain(content, store, code, f"p{n}", n % 2 + 1, typed)  # a divided room
               for n, typed in enumerate(TYPED, start=1)]
    return store, code, outputs


@pytest.fixture
def old_room(content, tmp_path):
    """Rows as typed, bypassing the cleaning: what a store from an older version may hold."""
    from game.workshop.store import Store
    store = Store(tmp_path / "old.sqlite")
    code = store.create_session("Oud", CAMPAIGN, "nl").code
    raw = "\x1b]0;pwned\x07\x1b[2J[@click=app.quit]klik[/] \u202eomgekeerd"
    joined = join_session(content, store, code, "oud", seed=3)
    game = joined.run.game
    game.choose("afwijzen", "")
    decision = game.state.decisions[0]
    dirty = Decision(**{**decision.__dict__, "motivation": raw})
    store.record(joined.participant.id, 0, [Action("choose", decision.case, "afwijzen", raw)],
                 [dirty], False)
    store._run(lambda conn: conn.execute(  # a pseudonym from before names were checked
        "UPDATE participants SET name = ? WHERE id = ?",
        ("[@click=app.quit]x\x1b[31m", joined.participant.id)), write=True)
    return store, code


def test_the_store_holds_the_cleaned_text_and_plain_mode_shows_it_literally(room):
    store, code, outputs = room
    _, rows, _ = store.results(code)
    stored = {r.participant.name: r.decisions[0].motivation for r in rows}
    for n, ((typed, kept), out) in enumerate(zip(CORPUS, outputs), start=1):
        assert no_controls(stored[f"p{n}"], newlines=False), repr(stored[f"p{n}"])
        assert kept in stored[f"p{n}"]
        assert no_controls(out), f"plain mode wrote a control character for {typed!r}"
        assert kept in " ".join(out.split()), "the precedent log shows the text as typed"
    big = stored[f"p{len(TYPED)}"]
    assert len(big) == 400  # the one limit for a motivation
    assert "400" in outputs[-1] and "tekens" in outputs[-1]  # and the participant is told


def rendered(widget) -> str:
    """What the widget puts on the screen, segment by segment, as one string."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def dashboard_voices(store, code, content) -> tuple[str, str]:
    app = DashboardApp(store, content, code, interval=0)
    async with app.run_test(size=(200, 80)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        board = app.screen.query_one(MotivationBoard)
        voices = "\n".join(rendered(v) for v in board.query(".-voice"))
        await pilot.press("5")
        await pilot.pause()
        people = rendered(app.screen.query_one("#people"))
        assert app.is_running, "no markup action ran (app.quit)"
        return voices, people


@played
async def test_the_dashboard_shows_participant_text_literally_and_emits_no_escapes(room,
                                                                                   content):
    store, code, _ = room
    voices, people = await dashboard_voices(store, code, content)
    assert no_controls(voices) and no_controls(people)
    flat = "".join(voices.split())
    for _, kept in CORPUS:
        assert "".join(kept.split()) in flat, kept
    assert "p1" in people and "p15" in people


@played
async def test_rows_from_an_older_store_are_shown_literally_too(old_room, content):
    store, code = old_room
    voices, people = await dashboard_voices(store, code, content)
    assert no_controls(voices) and no_controls(people)
    assert "[@click=app.quit]klik[/]" in voices and "pwned" not in voices
    assert "[@click=app.quit]x" in people


def test_csv_cells_cannot_start_a_formula_or_hold_controls(room, content):
    store, code, _ = room
    text = export(content, store, code, "csv")
    assert no_controls(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {r["participant"]: r for r in rows}
    for n, (typed, kept) in enumerate(CORPUS, start=1):
        cell = by_name[f"p{n}"]["motivation"]
        assert not cell.lstrip().startswith(FORMULA_START), cell
        if kept.startswith(FORMULA_START):
            assert cell == "'" + kept  # neutralised with a leading quote, nothing lost
    assert by_name["p1"]["loyalty_burger"].lstrip("-").isdigit()  # numbers stay numbers


def test_markdown_takes_participant_text_literally(room, content):
    store, code, _ = room
    md = export(content, store, code, "md")
    assert no_controls(md)
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "](http" not in md and "\\[link\\]\\(http" in md
    assert "**vet**" not in md and "\\*\\*vet\\*\\*" in md
    assert "\\[bold red\\]x\\[/\\]" in md


def test_html_and_json_hold_no_control_bytes(room, content):
    store, code, _ = room
    page = export(content, store, code, "html")
    assert no_controls(page) and "<script>" not in page and "&lt;script&gt;" in page
    text = export(content, store, code, "json")
    assert no_controls(text) and "\\u001b" not in text and "\\u202e" not in text.lower()
    data = json.loads(text)
    motivations = [d["motivation"] for p in data["participants"] for d in p["decisions"]]
    assert "[bold red]x[/]" in motivations


def test_exports_of_an_older_store_are_clean(old_room, content):
    store, code = old_room
    for fmt in ("csv", "json", "md", "html"):
        text = export(content, store, code, fmt)
        assert no_controls(text), fmt
        assert "\\u001b" not in text and "pwned" not in text, fmt
