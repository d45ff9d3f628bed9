"""``maatwerk playtest``: quicktest and randomtest over every campaign, with coverage."""

from __future__ import annotations

from pathlib import Path

from game.content import load_content
from game.content.conditions import LOYALTIES
from game.engine.playtest import (
    dominating, findings, quicktest, randomtest, strategy_report,
)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part // max(whole, 1)}%)"


def run(campaign: str | None, runs: int, seed: int, extra: list[Path], lang: str = "en") -> int:
    content = load_content(extra=extra)
    errors = [d for d in content.diagnostics if d.severity == "error"]
    for diagnostic in errors:
        print(diagnostic.render(lang))
    campaigns = [campaign] if campaign else sorted(content.campaigns)
    failed = bool(errors)
    for camp_id in campaigns:
        if camp_id not in content.campaigns:
            print(f"unknown campaign '{camp_id}'")
            return 1
        camp = content.campaigns[camp_id]
        cases = [content.cases[c] for c in camp.cases if c in content.cases]
        options = [f"{c.id}/{o.id}" for c in cases for o in c.options]
        print(f"== {camp_id}: {len(cases)} cases, {len(options)} options")
        quick = quicktest(content, camp_id)
        print(f"quicktest: {quick.states} states, {quick.finished} endings; "
              f"cases {_pct(sum(1 for c in cases if quick.cases[c.id]), len(cases))}, "
              f"options {_pct(sum(1 for o in options if quick.options[o]), len(options))}, "
              f"events {len(quick.events)}")
        rand = randomtest(content, camp_id, runs=runs, seed=seed)
        print(f"randomtest: {runs} runs; "
              f"cases {_pct(sum(1 for c in cases if rand.cases[c.id]), len(cases))}, "
              f"options {_pct(sum(1 for o in options if rand.options[o]), len(options))}, "
              f"events {len(rand.events)}")
        print("  loyalty ranges: " + ", ".join(
            f"{k} {rand.loyalty_range.get(k, [0, 0])[0]:+d}..{rand.loyalty_range.get(k, [0, 0])[1]:+d}"
            for k in LOYALTIES))
        print("  meter ranges:   " + ", ".join(
            f"{k} {lo}..{hi}" for k, (lo, hi) in sorted(rand.meter_range.items())))
        profiles = strategy_report(content, camp_id)
        for name, profile in profiles.items():
            print(f"  always {name}: " + ", ".join(f"{k} {profile[k]:+d}" for k in LOYALTIES))
        for name in dominating(profiles):
            print(f"error: the '{name}' strategy is best on every loyalty")
            failed = True
        for finding in findings(content, quick):
            print(finding.render(lang))
            failed = failed or finding.severity == "error"
    return 1 if failed else 0
