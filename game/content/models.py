"""Pydantic models of the content files: cases, events and campaigns.

Ids are stable: saves, precedents and workshop results refer to them, never to positions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.content.conditions import Condition, Loyalty
from game.content.text import LocalList, LocalText

Id = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64)

Variant = Literal["standaardisatie", "beleidscategorie", "hardheidsclausule", "standaardmaatwerk"]
VARIANTS: tuple[str, ...] = ("standaardisatie", "beleidscategorie", "hardheidsclausule",
                             "standaardmaatwerk")
Verdict = Literal["toekennen", "deels", "afwijzen", "verwijzen", "uitstellen",
                  "handhaven", "matigen", "afzien"]
"""What an option decides on the matter before the caseworker, whatever the variant or wording:
the citizen's request granted (toekennen), granted in part (deels), refused (afwijzen), passed
to someone else to decide (verwijzen), put off for more information (uitstellen); or, where the
matter is enforcement, enforced in full (handhaven), mitigated (matigen) or waived (afzien).
Comparable decisions are alike when their verdicts are equal."""
Dynamic = Literal["burgers", "uitvoerders", "managers", "bestuurders"]
DYNAMICS: tuple[str, ...] = ("burgers", "uitvoerders", "managers", "bestuurders")
EventKind = Literal["brief", "klacht", "krant", "werkinstructie", "wethouder", "ombudsman",
                    "collega", "bericht"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Schedule(_Model):
    """Queue an event to arrive ``after`` decisions from now (0: before the next case)."""

    event: str = Id
    after: int = Field(default=0, ge=0, le=50)


class Effects(_Model):
    """What a choice, an investigation or an event changes in the shared state."""

    meters: dict[str, int] = Field(default_factory=dict)
    set_flags: list[str] = Field(default_factory=list)
    clear_flags: list[str] = Field(default_factory=list)
    schedule: list[Schedule] = Field(default_factory=list)


class Delta(_Model):
    """A change to one loyalty, with the reason seen from that loyalty's side."""

    delta: int = Field(ge=-3, le=3)
    why: LocalText

    @model_validator(mode="after")
    def _not_zero(self) -> "Delta":
        if self.delta == 0:
            raise ValueError("a delta of 0 says nothing: leave the loyalty out")
        return self


class Note(_Model):
    """A paragraph shown only when its condition holds: how earlier decisions ripple in."""

    when: Condition | None = None
    text: LocalText
    cites: str | None = Field(default=None, description="id of an earlier case this recalls")


class Investigation(_Model):
    id: str = Id
    label: LocalText
    hours: int = Field(ge=0, le=40)
    reveals: LocalText
    when: Condition | None = Field(default=None, description="offered only while this holds")
    effects: Effects = Field(default_factory=Effects)


class Option(_Model):
    id: str = Id
    label: LocalText
    detail: LocalText | None = None
    variant: Variant
    decides: Verdict | None = Field(
        default=None, description="what this option decides, whatever its variant or wording")
    escalation: bool = False
    when: Condition | None = Field(default=None, description="shown only while this holds")
    locked_if: Condition | None = None
    locked_reason: LocalText | None = None
    loyalties: dict[Loyalty, Delta]
    outcome: LocalText
    foreshadow: LocalText | None = None
    effects: Effects = Field(default_factory=Effects)

    @model_validator(mode="after")
    def _lock_has_reason(self) -> "Option":
        if self.locked_if is not None and self.locked_reason is None:
            raise ValueError("locked_if needs a locked_reason the player can read")
        if not self.loyalties:
            raise ValueError("an option must touch at least one loyalty")
        return self


class Dossier(_Model):
    citizen: LocalText
    request: LocalText
    rule: LocalText
    known: LocalText
    notes: list[Note] = Field(default_factory=list)


class Facilitator(_Model):
    questions: LocalList
    trade_offs: LocalText
    loyalties: list[Loyalty] = Field(default_factory=list)
    dynamics: list[Dynamic] = Field(default_factory=list)
    notes: LocalText | None = None


class Case(_Model):
    id: str = Id
    title: LocalText
    organisation: LocalText
    role: LocalText | None = None
    when: Condition | None = Field(default=None, description="the case comes up only if this holds")
    hours: int | None = Field(default=None, ge=0, le=40)
    compare_group: str | None = Field(
        default=None, description="cases in one group are comparable: consistency is measured")
    sources: list[str] = Field(default_factory=list)
    dossier: Dossier
    investigations: list[Investigation] = Field(default_factory=list)
    options: list[Option] = Field(min_length=2, max_length=6)
    facilitator: Facilitator
    epilogue: list[Note] = Field(
        default_factory=list, description="what became of these people, shown at the end")


class Event(_Model):
    id: str = Id
    kind: EventKind
    sender: LocalText
    title: LocalText
    body: LocalText
    notes: list[Note] = Field(default_factory=list)
    trigger: Condition | None = Field(
        default=None, description="fires once, between cases, when this first holds")
    campaigns: list[str] = Field(
        default_factory=list,
        description="campaigns in which the trigger may fire (empty: every campaign)")
    dynamic: Dynamic | None = None
    effects: Effects = Field(default_factory=Effects)
    sources: list[str] = Field(default_factory=list)

    def may_fire_in(self, campaign: "Campaign") -> bool:
        """Whether this event's trigger is watched in ``campaign``: it names no campaign, names
        this one, or the campaign takes it in with its own ``events`` list."""
        return self.trigger is not None and (
            not self.campaigns or campaign.id in self.campaigns or self.id in campaign.events)


class EventFile(_Model):
    event: list[Event] = Field(min_length=1)


class Meter(_Model):
    id: str = Id
    name: LocalText
    description: LocalText
    min: int = 0
    max: int = 10
    start: int = 0
    thresholds: list[int] = Field(default_factory=list)
    dynamic: Dynamic | None = None

    @model_validator(mode="after")
    def _in_range(self) -> "Meter":
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start {self.start} is outside {self.min}..{self.max}")
        bad = [t for t in self.thresholds if not self.min <= t <= self.max]
        if bad:
            raise ValueError(f"thresholds {bad} are outside {self.min}..{self.max}")
        return self


class Campaign(_Model):
    id: str = Id
    version: str = "1"
    title: LocalText
    description: LocalText
    intro: LocalText
    minutes: int = Field(default=30, ge=1, le=600)
    hours_per_case: int = Field(default=6, ge=0, le=40)
    backlog_meter: str | None = Field(
        default=None, description="every 2 points on this meter cost an hour per case")
    meters: list[Meter] = Field(default_factory=list)
    cases: list[str] = Field(min_length=1)
    events: list[str] = Field(
        default_factory=list,
        description="triggered events to take in from elsewhere, besides those that name "
                    "this campaign or no campaign")
    epilogue: list[Note] = Field(default_factory=list)
