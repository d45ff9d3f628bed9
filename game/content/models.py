"""Pydantic models of the content files: cases, events and campaigns.

Ids are stable: saves, precedents and workshop results refer to them, never to positions.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from game.content.conditions import Condition, Loyalty
from game.content.text import LocalList, LocalText
from game.content.variants import Variant

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def Id(description: str = "a stable id: small letters, digits, - and _") -> Any:  # noqa: N802
    """An id field: saves, precedents and workshop results refer to it, so it never changes."""
    return Field(pattern=ID_PATTERN, min_length=1, max_length=64, description=description)


def Text(description: str) -> Any:  # noqa: N802
    return Field(description=description + " (write .nl and .en)")


def Maybe(description: str) -> Any:  # noqa: N802
    return Field(default=None, description=description)

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
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Schedule(_Model):
    """Queue an event to arrive ``after`` decisions from now (0: before the next case)."""

    event: str = Id("the id of the event to send")
    after: int = Field(default=0, ge=0, le=50,
                       description="after how many decisions it arrives (0: before the next case)")


class Effects(_Model):
    """What a choice, an investigation or an event changes in the shared state."""

    meters: dict[str, int] = Field(
        default_factory=dict,
        description="meter id = step, like { regeldruk = 1 }; the campaign declares the meters")
    set_flags: list[str] = Field(default_factory=list,
                                 description="flags to set, for conditions later on")
    clear_flags: list[str] = Field(default_factory=list, description="flags to clear")
    schedule: list[Schedule] = Field(default_factory=list,
                                     description="events to send, like [{ event = \"id\", after = 1 }]")


class Delta(_Model):
    """A change to one loyalty, with the reason seen from that loyalty's side."""

    delta: int = Field(ge=-3, le=3, description="the change, -3 to 3 (not 0): a whole number")
    why: LocalText = Text("the reason, seen from this loyalty's side")

    @model_validator(mode="after")
    def _not_zero(self) -> "Delta":
        if self.delta == 0:
            raise PydanticCustomError("v_delta_zero", "a delta of 0 says nothing: leave the loyalty out")
        return self


class Note(_Model):
    """A paragraph shown only when its condition holds: how earlier decisions ripple in."""

    when: Condition | None = Maybe("shown only when this condition holds")
    text: LocalText = Text("the paragraph")
    cites: str | None = Field(default=None, description="id of an earlier case this recalls")


class Investigation(_Model):
    id: str = Id("the investigation's id, unique in this case")
    label: LocalText = Text("what the caseworker does, as shown in the list")
    hours: int = Field(ge=0, le=40, description="hours it costs from the week's hours")
    reveals: LocalText = Text("what the caseworker learns")
    when: Condition | None = Field(default=None, description="offered only while this holds")
    effects: Effects = Field(default_factory=Effects, description="what doing it changes")


class Option(_Model):
    id: str = Id("the option's id, unique in this case; saves refer to it")
    label: LocalText = Text("the decision, in a few words")
    detail: LocalText | None = Maybe("a longer explanation of the decision")
    variant: Variant = Field(description="which of the four variants of maatwerk this is")
    decides: Verdict | None = Field(
        default=None, description="what this option decides, whatever its variant or wording")
    escalation: bool = Field(default=False, description="true when the option hands the "
                                                        "decision up: true or false")
    when: Condition | None = Field(default=None, description="shown only while this holds")
    locked_if: Condition | None = Maybe("shown but dimmed while this holds")
    locked_reason: LocalText | None = Maybe("why it is locked, for the player")
    loyalties: dict[Loyalty, Delta] = Field(
        description="per loyalty the change and why: burger, rechtsstaat, organisatie, "
                    "beroepsgroep, samenleving; leave out those it does not touch")
    outcome: LocalText = Text("what happens next, told to the player")
    foreshadow: LocalText | None = Maybe("a hint of what may come back later")
    effects: Effects = Field(default_factory=Effects, description="what choosing it changes")

    @model_validator(mode="after")
    def _lock_has_reason(self) -> "Option":
        if self.locked_if is not None and self.locked_reason is None:
            raise PydanticCustomError("v_lock_reason",
                                      "locked_if needs a locked_reason the player can read")
        if not self.loyalties:
            raise PydanticCustomError("v_no_loyalty", "an option must touch at least one loyalty")
        return self


class Dossier(_Model):
    citizen: LocalText = Text("who asks: the citizen or the organisation")
    request: LocalText = Text("what is asked")
    rule: LocalText = Text("the rule that applies, and what it says")
    known: LocalText = Text("what is known at the start")
    notes: list[Note] = Field(default_factory=list,
                              description="paragraphs that appear when earlier decisions ripple in")


class Facilitator(_Model):
    questions: LocalList = Field(description="two or more questions for the discussion "
                                             "(questions.nl = [...], questions.en = [...])")
    trade_offs: LocalText = Text("what is weighed against what")
    loyalties: list[Loyalty] = Field(default_factory=list,
                                     description="the loyalties the case is mostly about")
    dynamics: list[Dynamic] = Field(default_factory=list,
                                    description="the dynamics of the essay it shows")
    notes: LocalText | None = Maybe("notes for the facilitator, such as the source")


class Case(_Model):
    id: str = Id("the case's id; saves refer to it. It need not be the file name")
    title: LocalText = Text("the title")
    organisation: LocalText = Text("the organisation the caseworker works for")
    role: LocalText | None = Maybe("this week's role of the caseworker")
    when: Condition | None = Field(default=None,
                                   description="the case comes up only if this holds")
    hours: int | None = Field(default=None, ge=0, le=40,
                              description="this case's hours for investigation, instead of the "
                                          "campaign's hours_per_case")
    compare_group: str | None = Field(
        default=None, description="cases in one group are comparable: consistency is measured")
    sources: list[str] = Field(default_factory=list,
                               description="where the facts come from: sections of the essay "
                                           "(\"§3.2\") or, for a topic of your own, the rule")
    dossier: Dossier = Field(description="the [dossier]: citizen, request, rule, what is known")
    investigations: list[Investigation] = Field(
        default_factory=list, description="[[investigations]]: what the caseworker can find out")
    options: list[Option] = Field(min_length=2, max_length=6,
                                  description="[[options]]: the decisions, three to five")
    facilitator: Facilitator = Field(description="[facilitator]: for the discussion afterwards")
    epilogue: list[Note] = Field(
        default_factory=list, description="what became of these people, shown at the end")


class Event(_Model):
    id: str = Id("the event's id; schedule and conditions refer to it")
    kind: EventKind = Field(description="what kind of message it is")
    sender: LocalText = Text("who sends it")
    title: LocalText = Text("the title")
    body: LocalText = Text("the message")
    notes: list[Note] = Field(default_factory=list,
                              description="paragraphs that appear when their condition holds")
    trigger: Condition | None = Field(
        default=None, description="fires once, between cases, when this first holds")
    campaigns: list[str] = Field(
        default_factory=list,
        description="campaigns in which the trigger may fire (empty: every campaign)")
    dynamic: Dynamic | None = Maybe("the dynamic of the essay it shows")
    effects: Effects = Field(default_factory=Effects, description="what it changes")
    sources: list[str] = Field(default_factory=list,
                               description="sections of the essay, or the rule, it is based on")

    def may_fire_in(self, campaign: "Campaign") -> bool:
        """Whether this event's trigger is watched in ``campaign``: it names no campaign, names
        this one, or the campaign takes it in with its own ``events`` list."""
        return self.trigger is not None and (
            not self.campaigns or campaign.id in self.campaigns or self.id in campaign.events)


class EventFile(_Model):
    event: list[Event] = Field(min_length=1,
                               description="[[event]] tables: letters, complaints, news, "
                                           "instructions between the cases")


class Meter(_Model):
    id: str = Id("the meter's id; effects and conditions refer to it")
    name: LocalText = Text("the name on the meter bar")
    description: LocalText = Text("what the meter stands for")
    min: int = Field(default=0, description="the lowest value")
    max: int = Field(default=10, description="the highest value")
    start: int = Field(default=0, description="the value at the start")
    thresholds: list[int] = Field(default_factory=list, description="values marked on the bar")
    dynamic: Dynamic | None = Maybe("the dynamic of the essay it measures")

    @model_validator(mode="after")
    def _in_range(self) -> "Meter":
        if not self.min <= self.start <= self.max:
            raise PydanticCustomError("v_meter_start", "start {start} is outside {min}..{max}",
                                      {"start": self.start, "min": self.min, "max": self.max})
        bad = [t for t in self.thresholds if not self.min <= t <= self.max]
        if bad:
            raise PydanticCustomError("v_meter_thresholds", "thresholds {bad} are outside {min}..{max}",
                                      {"bad": str(bad), "min": self.min, "max": self.max})
        return self


class Campaign(_Model):
    id: str = Id("the campaign's id (--campaign ID)")
    version: str = Field(default="1", description="raise it when ids change")
    title: LocalText = Text("the title")
    description: LocalText = Text("one or two sentences for the list of campaigns")
    intro: LocalText = Text("the introduction before the first case")
    minutes: int = Field(default=30, ge=1, le=600, description="about how long it takes")
    hours_per_case: int = Field(default=6, ge=0, le=40,
                                description="hours for investigation in each case")
    backlog_meter: str | None = Field(
        default=None, description="every 2 points on this meter cost an hour per case")
    meters: list[Meter] = Field(default_factory=list,
                                description="[[meters]]: the shared state the cases move")
    cases: list[str] = Field(min_length=1, description="the case ids, in the order they come up")
    events: list[str] = Field(
        default_factory=list,
        description="triggered events to take in from elsewhere, besides those that name "
                    "this campaign or no campaign")
    epilogue: list[Note] = Field(default_factory=list,
                                 description="closing paragraphs, each shown when its condition holds")
