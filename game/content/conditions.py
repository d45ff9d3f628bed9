"""Conditions as data: a small closed set of TOML shapes, parsed into a typed tree.

Content can never run code. A condition is one of::

    { flag = "henk_kreeg_scootmobiel" }          a flag is set
    { chose = "scootmobiel-henk/toekennen" }     an earlier decision (case/option)
    { played = "boodschappen" }                  a case was decided
    { investigated = "boodschappen/moeder" }     an investigation was done (case/action)
    { event = "werkinstructie-1" }               an event has happened
    { meter = "regeldruk", at_least = 3 }        a meter in a range (at_least, at_most)
    { loyalty = "burger", at_most = -2 }         a loyalty total in a range
    { chance = 0.5 }                             seeded, stable per run and place
    { all = [ ... ] }  { any = [ ... ] }  { not = { ... } }
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator
from pydantic_core import PydanticCustomError

# The five loyalties of a caseworker (§3.1), in the order every front end shows them; their
# names are the interface strings ``loyalty_<id>``, their meaning in assets/reference.toml.
Loyalty = Literal["burger", "rechtsstaat", "organisatie", "beroepsgroep", "samenleving"]
LOYALTIES: tuple[str, ...] = get_args(Loyalty)

_KINDS = ("flag", "chose", "played", "investigated", "event", "meter", "loyalty", "chance",
          "all", "any", "not")


class _Cond(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class FlagCond(_Cond):
    flag: str = Field(min_length=1, description="holds when this flag is set")


class ChoseCond(_Cond):
    chose: str = Field(pattern=r"^[^/\s]+/[^/\s]+$",
                       description="holds when this option was chosen: case-id/option-id")


class PlayedCond(_Cond):
    played: str = Field(min_length=1, description="holds when this case (its id) was decided")


class InvestigatedCond(_Cond):
    investigated: str = Field(pattern=r"^[^/\s]+/[^/\s]+$",
                              description="holds when this was investigated: "
                                          "case-id/investigation-id")


class EventCond(_Cond):
    event: str = Field(min_length=1, description="holds when this event (its id) has happened")


class _Range(_Cond):
    at_least: int | None = Field(default=None, description="the lowest value for which it holds")
    at_most: int | None = Field(default=None, description="the highest value for which it holds")

    @model_validator(mode="after")
    def _needs_a_bound(self) -> "_Range":
        if self.at_least is None and self.at_most is None:
            raise PydanticCustomError("v_need_bound", "give at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise PydanticCustomError("v_bounds_crossed",
                                      "at_least is larger than at_most: this can never be true")
        return self

    def holds(self, value: int) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        return not (self.at_most is not None and value > self.at_most)


class MeterCond(_Range):
    meter: str = Field(min_length=1, description="a meter of the campaign; give at_least or at_most")


class LoyaltyCond(_Range):
    loyalty: Loyalty = Field(description="a loyalty total; give at_least or at_most")


class ChanceCond(_Cond):
    chance: float = Field(gt=0.0, lt=1.0, description="holds with this chance (0 to 1), "
                                                       "the same every time in one run")


class AllCond(_Cond):
    all: list["Condition"] = Field(min_length=1, description="holds when every one holds")


class AnyCond(_Cond):
    any: list["Condition"] = Field(min_length=1, description="holds when one or more hold")


class NotCond(_Cond):
    not_: "Condition" = Field(alias="not", description="holds when this one does not")

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True,
                              defer_build=True)


def _kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        for kind in _KINDS:
            if kind in type(value).model_fields or (kind == "not" and isinstance(value, NotCond)):
                return kind
        return None
    if isinstance(value, dict):
        for kind in _KINDS:
            if kind in value:
                return kind
    return None


Condition = Annotated[
    Union[
        Annotated[FlagCond, Tag("flag")],
        Annotated[ChoseCond, Tag("chose")],
        Annotated[PlayedCond, Tag("played")],
        Annotated[InvestigatedCond, Tag("investigated")],
        Annotated[EventCond, Tag("event")],
        Annotated[MeterCond, Tag("meter")],
        Annotated[LoyaltyCond, Tag("loyalty")],
        Annotated[ChanceCond, Tag("chance")],
        Annotated[AllCond, Tag("all")],
        Annotated[AnyCond, Tag("any")],
        Annotated[NotCond, Tag("not")],
    ],
    Discriminator(
        _kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition needs one of the keys: " + ", ".join(_KINDS),
    ),
]

# The three that hold conditions refer to ``Condition`` before it exists; their validators are
# built on first use (``defer_build``), when it does, so no ``model_rebuild()`` is needed here
# (it would build every validator at import, which a cached load never uses).


def walk(cond: Any):
    """Every node of a condition tree, depth first."""
    yield cond
    if isinstance(cond, AllCond):
        for sub in cond.all:
            yield from walk(sub)
    elif isinstance(cond, AnyCond):
        for sub in cond.any:
            yield from walk(sub)
    elif isinstance(cond, NotCond):
        yield from walk(cond.not_)
