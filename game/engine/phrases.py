"""The few sentences the engine composes itself, in both languages."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "because_decision": {
        "nl": "Omdat je bij casus {number} ({title}) koos voor: {label}.",
        "en": "Because in case {number} ({title}) you chose: {label}.",
    },
    "after_case": {
        "nl": "Dit volgt op casus {number} ({title}), welke keuze je ook maakte.",
        "en": "This follows case {number} ({title}), whatever you chose.",
    },
    "because_trigger": {
        "nl": "Dit komt voort uit eerdere besluiten: {decisions}.",
        "en": "This follows from earlier decisions: {decisions}.",
    },
    "because_event": {
        "nl": "Een gevolg van: {title}.",
        "en": "A consequence of: {title}.",
    },
}


def phrase(key: str, lang: str, **values: object) -> str:
    table = PHRASES[key]
    return table.get(lang, table["nl"]).format(**values)
