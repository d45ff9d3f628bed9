"""A participant in a real browser (Chromium, driven by Playwright) against the real
``workshop serve``: opens the page, types a pseudonym, reaches the first case, investigates,
decides, and the decision is in the store; the browser reports no errors on the way.

Chromium is Debian's (``apt-get install chromium``); Playwright's own browser download is not
used. Without Chromium the test is skipped, except under CI, where it must run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from serving import serving

CHROMIUM = os.environ.get("MAATWERK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _browser_or_skip():
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright for Python is not installed (pip install -e '.[test]')"
    if reason:
        if IN_CI:
            pytest.fail(f"the real-browser test must run in CI: {reason}")
        pytest.skip(reason)
    return sync_playwright


class Screen:
    """What the game sent the page over its websocket (the terminal itself is a canvas)."""

    def __init__(self, page) -> None:
        self.data = b""
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        self.data += payload if isinstance(payload, bytes) else payload.encode()

    def wait_for(self, text: bytes, page, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.data:
            assert time.monotonic() < deadline, f"{text!r} never reached the browser"
            page.wait_for_timeout(100)

    def settle(self, page, quiet: float = 0.6, timeout: float = 15.0) -> None:
        """Wait until the game has stopped drawing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        size, since = len(self.data), time.monotonic()
        while time.monotonic() - since < quiet and time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if len(self.data) != size:
                size, since = len(self.data), time.monotonic()


def _decisions(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        return conn.execute(
            "SELECT p.name, d.case_id, d.option, d.motivation, d.investigated "
            "FROM decisions d JOIN participants p ON p.id = d.participant").fetchall()


def test_a_participant_plays_a_case_in_a_real_browser(tmp_path):
    sync_playwright = _browser_or_skip()
    problems: list[str] = []
    with serving(tmp_path) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("console", lambda m: m.type == "error" and problems.append(m.text))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
            page.on("response", lambda r: r.status >= 400 and problems.append(
                f"{r.status} for {r.url}"))
            screen = Screen(page)

            page.goto(served.base + "/")
            page.fill("#name", "Bep in de browser")
            page.click("button[type=submit]")
            page.wait_for_url("**/play?*")
            screen.wait_for(b"Henk", page)          # the first case is on screen
            screen.settle(page)
            # its keys are in the footer before the participant has pressed or clicked anything
            screen.wait_for(b"Postvak", page, timeout=30)
            page.focus(".xterm-helper-textarea")     # keys go to the terminal, as after a click
            shown = len(screen.data)
            page.keyboard.press("a")                 # the first investigation
            screen.settle(page)
            assert len(screen.data) > shown, "investigating changed nothing on screen"
            page.keyboard.press("2")                 # the second option, then its motivation
            screen.settle(page)
            page.keyboard.type("Henk wil naar buiten")
            page.keyboard.press("Enter")
            deadline = time.monotonic() + 30
            while not _decisions(served.store) and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            screen.settle(page)
            page.screenshot(path=str(tmp_path / "browser.png"))
            keep = os.environ.get("MAATWERK_SCREENSHOTS")
            if keep:
                shutil.copy(tmp_path / "browser.png", Path(keep) / "browser-after-decision.png")
        finally:
            browser.close()

    decisions = _decisions(served.store)
    assert len(decisions) == 1, decisions
    name, case, option, motivation, investigated = decisions[0]
    assert (name, case, motivation) == ("Bep in de browser", "scootmobiel-henk",
                                        "Henk wil naar buiten")
    assert investigated not in ("", "[]"), "the investigation is part of the decision"
    assert problems == [], problems
    assert (tmp_path / "browser.png").stat().st_size > 20_000  # a drawn screen, not a blank
