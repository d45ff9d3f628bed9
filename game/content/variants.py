"""The essay's four variants of maatwerk and where each sits on its two axes (table 5.1).

One home for the rule: the engine places a run with it, and every map (the debrief's, the
workshop's, the HTML report's) draws its quadrants from it.
"""

from __future__ import annotations

from typing import Literal

Variant = Literal["standaardisatie", "beleidscategorie", "hardheidsclausule", "standaardmaatwerk"]

# Where each variant stands on the two axes: (maatwerk for groups, for individual cases), 0-100.
VARIANT_POINTS: dict[str, tuple[int, int]] = {
    "standaardisatie": (0, 0),
    "beleidscategorie": (100, 0),
    "hardheidsclausule": (0, 100),
    "standaardmaatwerk": (100, 100),
}
VARIANTS: tuple[str, ...] = tuple(VARIANT_POINTS)


def corner(variant: str) -> tuple[bool, bool]:
    """The variant's quadrant as (right half: much maatwerk for groups, upper half: much
    maatwerk for individual cases)."""
    group, individual = VARIANT_POINTS[variant]
    return group > 50, individual > 50


def variant_at(right: bool, upper: bool) -> str:
    """The variant whose quadrant is the given half of each axis."""
    return next(v for v in VARIANTS if corner(v) == (right, upper))
