"""The words of a dossier, an option and an outcome, built once for every front end.

Plain mode, the terminal app and the workshop's plenary round all show the same things: a
case's dossier, each option with its variant, and what a decision did. This module turns the
engine's views into those texts in the interface language, as plain strings in simple parts
(a lead and a text); each front end only decides how the parts look (bold, colour, arrows).
No markup here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.strings import s

if TYPE_CHECKING:
    from game.engine.views import CaseView, EventView, MeterChange, OptionView, Outcome

DOSSIER_FIELDS = ("citizen", "request", "rule", "known")


@dataclass(frozen=True)
class Part:
    """A lead ("Burger", "Eerder") and the text it introduces."""
    lead: str
    text: str


@dataclass(frozen=True)
class NotePart:
    lead: str  # "earlier"
    text: str
    cites: str | None = None  # the id of the earlier case the note recalls
    recalls: str | None = None  # "recalls: <title>", when it recalls one


@dataclass(frozen=True)
class Dossier:
    heading: str  # "Casus 2: ..."
    organisation: str
    role: str | None
    fields: tuple[Part, ...]  # citizen, request, rule, known
    notes: tuple[NotePart, ...]


@dataclass(frozen=True)
class OptionText:
    number: int
    label: str
    tag: str  # the variant, and "escalation" when it escalates
    detail: str | None
    locked: str | None  # the word "locked" when the option is locked
    reason: str | None  # why it is locked


@dataclass(frozen=True)
class LoyaltyLine:
    loyalty: str
    name: str
    delta: int
    sign: str  # "+2", "-1", "0"
    why: str
    total: int  # the loyalty's total after the decision


@dataclass(frozen=True)
class EventText:
    heading: str  # "<sender>: <title>"
    body: str
    notes: tuple[str, ...]
    because: str | None


@dataclass(frozen=True)
class OutcomeText:
    heading: str  # "Outcome: <case title>"
    label: str  # the option chosen
    tag: str  # its variant
    text: str
    loyalties: tuple[LoyaltyLine, ...]
    meters: tuple[MeterChange, ...]  # the engine's own: name, before, after
    foreshadow: Part | None
    events: tuple[EventText, ...]


def sign(delta: int) -> str:
    return f"+{delta}" if delta > 0 else str(delta)


def dossier(view: CaseView, lang: str) -> Dossier:
    values = {"citizen": view.citizen, "request": view.request, "rule": view.rule,
              "known": view.known}
    notes = tuple(
        NotePart(s("earlier", lang), note.text, note.cites,
                 s("recalls", lang, title=note.cites_title) if note.cites_title else None)
        for note in view.notes)
    return Dossier(s("case_heading", lang, number=view.number, title=view.title),
                   view.organisation, view.role,
                   tuple(Part(s(key, lang), values[key]) for key in DOSSIER_FIELDS), notes)


def option_tag(variant: str, escalation: bool, lang: str) -> str:
    tag = s(f"variant_{variant}", lang)
    return tag + ", " + s("escalation", lang) if escalation else tag


def option_text(option: OptionView, lang: str) -> OptionText:
    return OptionText(option.number, option.label,
                      option_tag(option.variant, option.escalation, lang), option.detail,
                      s("locked", lang) if option.locked else None,
                      option.reason if option.locked else None)


def option_line(option: OptionView, lang: str) -> str:
    """An option on one line: ``2. label (variant)``, or with its lock and the reason."""
    o = option_text(option, lang)
    if o.locked:
        return f"{o.number}. [{o.locked}] {o.label} ({o.tag}): {o.reason}"
    return f"{o.number}. {o.label} ({o.tag})"


def event_text(event: EventView, lang: str) -> EventText:
    return EventText(s("event_heading", lang, sender=event.sender, title=event.title),
                     event.body, tuple(note.text for note in event.notes), event.because)


def outcome_text(outcome: Outcome, lang: str) -> OutcomeText:
    loyalties = tuple(
        LoyaltyLine(c.loyalty, s("loyalty_" + c.loyalty, lang), c.delta, sign(c.delta), c.why,
                    outcome.total(c.loyalty))
        for c in outcome.loyalties)
    return OutcomeText(
        s("outcome_heading", lang, title=outcome.case_title), outcome.label,
        s(f"variant_{outcome.variant}", lang), outcome.text, loyalties,
        outcome.meters,
        Part(s("foreshadow", lang), outcome.foreshadow) if outcome.foreshadow else None,
        tuple(event_text(e, lang) for e in outcome.events))
