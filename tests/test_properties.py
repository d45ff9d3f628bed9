"""Random play never crashes, always ends, and keeps every meter inside its range."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import load_content
from game.engine.game import Game

CONTENT = load_content()

RUN = st.tuples(
    st.sampled_from(sorted(CONTENT.campaigns)),
    st.integers(min_value=0, max_value=10_000),
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.booleans()), max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RUN)
def test_random_choices_never_crash_always_end_and_keep_meters_in_range(run):
    campaign, seed, picks = run
    game = Game(CONTENT, campaign, seed)
    ranges = {m.id: (m.min, m.max) for m in game.campaign.meters}
    steps = 0
    picks = list(picks)
    while not game.finished:
        steps += 1
        assert steps <= len(game.campaign.cases), "a campaign never asks more decisions than cases"
        inv_pick, opt_pick, investigate = picks.pop() if picks else (0, 0, False)
        game.case_view()
        investigations = [v for v in game.investigations() if not v.done and v.affordable]
        if investigate and investigations:
            game.investigate(investigations[inv_pick % len(investigations)].id)
        options = [o for o in game.options() if not o.locked]
        assert options, f"dead end in {game.state.current}"
        game.choose(options[opt_pick % len(options)].id)
        for meter, value in game.state.meters.items():
            low, high = ranges[meter]
            assert low <= value <= high, f"{meter}={value}"
        assert game.state.hours_left >= 0
    game.epilogue()
    assert game.state.current is None
