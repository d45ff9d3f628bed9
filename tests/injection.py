"""Text a hostile or clumsy participant might type, shared by the tests of where it goes."""

from __future__ import annotations

import re

# (what is typed, a piece of it that must come through literally, or None when all of it is
# a control sequence)
CORPUS = [
    ("\x1b]0;pwned\x07title gone", "title gone"),
    ("\x1b[2J\x1b[Hscreen wiped", "screen wiped"),
    ("\x1bP1$r\x1b\\dcs", "dcs"),
    ("\x9b31mc1 csi\x9d0;x\x9c", "c1 csi"),
    ("alleen een escape aan het eind \x1b", "alleen een escape aan het eind"),
    ("[bold red]x[/]", "[bold red]x[/]"),
    ("[@click=app.quit]klik[/]", "[@click=app.quit]klik[/]"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ('=HYPERLINK("http://evil.example","klik")', '=HYPERLINK("http://evil.example","klik")'),
    ("+1", "+1"),
    ("-1", "-1"),
    ("@SUM(A1:A9)", "@SUM(A1:A9)"),
    ("rechts\u202enaar links", "rechtsnaar links"),
    ("**vet** [link](http://evil.example) # kop | pijp", "**vet** [link](http://evil.example)"),
]
BIG = "A" * 100_000

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def no_controls(text: str, newlines: bool = True) -> bool:
    """True when ``text`` holds no escape, control or bidi character (newline/tab allowed)."""
    found = CONTROL.search(text)
    if not newlines and ("\n" in text or "\t" in text):
        return False
    return found is None
