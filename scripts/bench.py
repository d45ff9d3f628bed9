"""Benchmarks of the core (not a test): run `python scripts/bench.py`.

Reports medians of:
- one engine step (investigate + choose) on the shipped content;
- loading and validating the shipped content, and generated campaigns of 250, 500 and 1,000
  cases (validation should grow linearly);
- whole-process start of `maatwerk play --plain` (to the first prompt and out, on empty input)
  against `python -c pass` and a bare Textual app (header, label, footer) run headless.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content import load_content  # noqa: E402
from game.engine.game import Game  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def engine_step() -> float:
    content = load_content()
    campaign = "veenstede" if "veenstede" in content.campaigns else sorted(content.campaigns)[0]
    games = [Game(content, campaign, seed=i) for i in range(300)]

    def step():
        game = games.pop()
        inv = [v for v in game.investigations() if v.affordable]
        if inv:
            game.investigate(inv[0].id)
        game.choose(next(o for o in game.options() if not o.locked).id)

    return median_ms(step, 300)


CASE = (ROOT / "tests" / "fixtures" / "valid" / "kort.toml").read_text()


def generated(folder: Path, n: int) -> Path:
    target = folder / f"gen{n}"
    (target / "cases").mkdir(parents=True)
    ids = []
    for i in range(n):
        case_id = f"gen-{i:04d}"
        ids.append(case_id)
        (target / "cases" / f"{case_id}.toml").write_text(
            CASE.replace('id = "kort"', f'id = "{case_id}"', 1))
    (target / "campaign.toml").write_text(
        f'id = "gen{n}"\ntitle.nl = "Gegenereerd"\ntitle.en = "Generated"\n'
        'description.nl = "x"\ndescription.en = "x"\nintro.nl = "x"\nintro.en = "x"\n'
        f"cases = {ids!r}\n".replace("'", '"'))
    return target


def whole_process(cmd: list[str], repeat: int, stdin: str = "") -> float:
    env = dict(os.environ, MAATWERK_DATA_DIR=tempfile.mkdtemp(),
               MAATWERK_CONFIG_DIR=tempfile.mkdtemp())

    def run():
        subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, check=True)

    run()  # warm the file cache
    return median_ms(run, repeat)


BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Label
class Bare(App):
    def compose(self):
        yield Header(); yield Label("Maatwerk"); yield Footer()
    def on_mount(self):
        self.exit()
Bare().run(headless=True)
"""


def main() -> None:
    print(f"engine step (investigate + choose): {engine_step():.3f} ms median")
    shipped = median_ms(lambda: load_content(), 10)
    print(f"load + validate shipped content:   {shipped:.1f} ms median")
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for n in (250, 500, 1000):
            folder = generated(Path(tmp), n)
            results[n] = median_ms(lambda f=folder: load_content(extra=[f]), 3)
            print(f"load + validate {n:>5} generated cases: {results[n]:8.1f} ms median "
                  f"({results[n] / n:.2f} ms/case)")
        print(f"growth 250 -> 1000 cases: x{results[1000] / results[250]:.2f} "
              "(linear would be x4.00)")
    py = [sys.executable]
    bare = whole_process(py + ["-c", "pass"], 10)
    textual = whole_process(py + ["-c", BARE], 10)
    plain = whole_process(py + ["-m", "game", "play", "--plain", "--seed", "1"], 10)
    print(f"python -c pass:                    {bare:7.1f} ms median")
    print(f"bare Textual app (headless):       {textual:7.1f} ms median")
    print(f"maatwerk play --plain (to EOF):    {plain:7.1f} ms median "
          f"(x{plain / bare:.2f} python, x{plain / textual:.2f} bare Textual)")


if __name__ == "__main__":
    main()
